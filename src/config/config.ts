/**
 * Project settings for the command line: `souverain.config.json`, or one of the conventional rc
 * files (`.souverainrc`, `.souverainrc.json`, `.souverainrc.yaml`, `.souverainrc.yml`), found from
 * the working directory upward. Validated against schemas/config.schema.json; flags given on the
 * command line win over the file, and the file over the defaults.
 *
 * Paths in the file (policy, baseline, output, outputDir, chromium, data) are relative to the
 * file's directory, so a config at the root of a repository works from any sub-directory.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { LocalisedUsageError } from '../shared/errors.js';
import { parseDataFile, type FileKind } from '../shared/data-file.js';

/** File names looked for in each directory, in this order. */
export const CONFIG_FILE_NAMES = ['souverain.config.json', '.souverainrc', '.souverainrc.json', '.souverainrc.yaml', '.souverainrc.yml'] as const;

/** Built-in policy ids are not paths. */
const BUILT_IN_POLICY_IDS = ['fr', 'eu'];

/** The settings a configuration file may hold; each one is also a command-line flag. */
export const ConfigSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors'),
    policy: z.string().min(1).optional().describe('--policy: fr, eu or the path of a policy file'),
    lang: z.enum(['en', 'fr']).optional().describe('--lang: language of reports and messages'),
    format: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional().describe('--format: one format, a comma-separated list, or a list'),
    output: z.string().min(1).optional().describe('--output: report file, or base name with several formats'),
    outputDir: z.string().min(1).optional().describe('--output-dir: directory for souverain-report.<extension>'),
    baseline: z.string().min(1).optional().describe('--baseline: baseline file of accepted findings'),
    timeout: z.number().positive().optional().describe('--timeout: per-page timeout in seconds'),
    infra: z.boolean().optional().describe('false = --no-infra'),
    insecure: z.boolean().optional().describe('--insecure'),
    dnsServer: z.string().min(1).optional().describe('--dns-server IP[:PORT]'),
    connectTo: z.array(z.string().min(1)).optional().describe('--connect-to values'),
    chromium: z.string().min(1).optional().describe('--chromium: Chromium executable'),
    data: z.array(z.string().min(1)).optional().describe('--data: extra data files'),
  })
  .strict();

export type ConfigValues = z.infer<typeof ConfigSchema>;

/** A configuration file found and validated, its relative paths resolved against its directory. */
export interface LoadedConfig {
  path: string;
  values: Omit<ConfigValues, '$schema'>;
}

const CONFIG_FILE: FileKind = {
  name: { en: 'configuration file', fr: 'fichier de configuration' },
  reference: { en: 'see schemas/config.schema.json and docs/ci.md', fr: 'voir schemas/config.schema.json et docs/ci.md' },
};

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw new LocalisedUsageError(
      { en: `cannot read configuration file ${path} (${code ?? (error as Error).message})`, fr: `impossible de lire le fichier de configuration ${path} (${code ?? (error as Error).message})` },
      { en: 'fix its permissions, or run with --no-config', fr: 'corrigez ses droits, ou lancez avec --no-config' },
    );
  }
}

/** The first configuration file from `start` up to the filesystem root, with its text. */
export async function findConfigFile(start: string): Promise<{ path: string; text: string } | undefined> {
  let directory = resolve(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(directory, name);
      const text = await readIfExists(path);
      if (text !== undefined) return { path, text };
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Validates configuration text and resolves its relative paths against the file's directory. */
export function parseConfig(text: string, path: string): LoadedConfig {
  const { $schema: _ignored, ...values } = parseDataFile(text, path, ConfigSchema, CONFIG_FILE);
  const base = dirname(resolve(path));
  const at = (value: string): string => (isAbsolute(value) ? value : resolve(base, value));
  return {
    path,
    values: {
      ...values,
      ...(values.policy !== undefined ? { policy: BUILT_IN_POLICY_IDS.includes(values.policy) ? values.policy : at(values.policy) } : {}),
      ...(values.output !== undefined ? { output: at(values.output) } : {}),
      ...(values.outputDir !== undefined ? { outputDir: at(values.outputDir) } : {}),
      ...(values.baseline !== undefined ? { baseline: at(values.baseline) } : {}),
      ...(values.chromium !== undefined ? { chromium: at(values.chromium) } : {}),
      ...(values.data !== undefined ? { data: values.data.map(at) } : {}),
    },
  };
}

/**
 * Loads the configuration: the file given with --config (which must exist), else the first one
 * found from `cwd` upward, else none.
 */
export async function loadConfig(options: { cwd: string; explicitPath?: string }): Promise<LoadedConfig | undefined> {
  if (options.explicitPath) {
    const path = resolve(options.cwd, options.explicitPath);
    const text = await readIfExists(path);
    if (text === undefined) {
      throw new LocalisedUsageError(
        { en: `configuration file ${options.explicitPath} does not exist`, fr: `le fichier de configuration ${options.explicitPath} n’existe pas` },
        { en: 'check the --config path', fr: 'vérifiez le chemin donné à --config' },
      );
    }
    return parseConfig(text, path);
  }
  const found = await findConfigFile(options.cwd);
  return found ? parseConfig(found.text, found.path) : undefined;
}
