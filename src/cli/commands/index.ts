/**
 * The command registry: one line per file in this folder (a test checks the list against the
 * folder), in the order `--help` lists them. Each entry is a lazy import, so a run loads only the
 * command it needs (all of them only for the program's help or an unknown command).
 */
import type { CliCommand } from '../command.js';

export const commandLoaders = {
  audit: () => import('./audit.js'),
  verify: () => import('./verify.js'),
  baseline: () => import('./baseline.js'),
  diff: () => import('./diff.js'),
  assess: () => import('./assess.js'),
  policy: () => import('./policy.js'),
  lookup: () => import('./lookup.js'),
  data: () => import('./data.js'),
  demo: () => import('./demo.js'),
} satisfies Record<string, () => Promise<{ command: CliCommand }>>;

export type CommandName = keyof typeof commandLoaders;
