/**
 * Project settings for the command line: `souverain.config.json`, or one of the conventional rc
 * files (`.souverainrc`, `.souverainrc.json`, `.souverainrc.yaml`, `.souverainrc.yml`), found from
 * the working directory upward. Validated against schemas/config.schema.json; flags given on the
 * command line win over the file, and the file over the defaults.
 *
 * Paths in the file (policy, baseline, output, outputDir, chromium, data) are relative to the
 * file's directory, so a config at the root of a repository works from any sub-directory.
 */
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { notRegularReason, tryReadRegularFile } from '../shared/regular-file.js';
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
    timeout: z.number().positive().max(2147483).optional().describe('--timeout: per-page timeout in seconds'),
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
  /** True when found by looking upward rather than named with --config. */
  discovered?: boolean;
  values: Omit<ConfigValues, '$schema'>;
}

const CONFIG_FILE: FileKind = {
  name: { en: 'configuration file', fr: 'fichier de configuration' },
  reference: { en: 'see schemas/config.schema.json and docs/ci.md', fr: 'voir schemas/config.schema.json et docs/ci.md' },
};

async function readIfExists(path: string): Promise<string | undefined> {
  const read = await tryReadRegularFile(path);
  if (read.ok) return read.content.toString('utf8');
  if (read.reason === 'missing' || read.reason === 'directory') return undefined;
  const why = notRegularReason(read.reason);
  const code = read.code ? ` (${read.code})` : '';
  throw new LocalisedUsageError(
    { en: `configuration file ${path} ${why.en}${code}`, fr: `le fichier de configuration ${path} ${why.fr}${code}` },
    { en: 'fix or remove it, or run with --no-config', fr: 'corrigez-le ou supprimez-le, ou lancez avec --no-config' },
  );
}

/**
 * Settings that run a program or weaken what the audit checks. A file found by looking upward may
 * have been put there by someone else (a shared /tmp, a cloned repository, a parent folder), so only
 * a file named with --config may set them (docs/decisions/0013-config-trust.md).
 */
export const TRUSTED_ONLY_SETTINGS = ['chromium', 'insecure', 'connectTo', 'dnsServer'] as const;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first configuration file from `start` upward, with its text. The walk stops after the
 * repository root (a directory holding .git), the home directory, or the filesystem root.
 */
export async function findConfigFile(start: string, home: string | undefined = homedir()): Promise<{ path: string; text: string } | undefined> {
  let directory = resolve(start);
  const stopAt = home ? resolve(home) : undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(directory, name);
      const text = await readIfExists(path);
      if (text !== undefined) return { path, text };
    }
    if (directory === stopAt || (await exists(join(directory, '.git')))) return undefined;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Refuses a discovered file that sets a setting only --config may set. */
export function checkDiscoveredConfig(config: LoadedConfig): void {
  const unsafe = TRUSTED_ONLY_SETTINGS.filter((name) => config.values[name] !== undefined);
  if (unsafe.length === 0) return;
  const names = unsafe.map((name) => `"${name}"`).join(', ');
  throw new LocalisedUsageError(
    { en: `configuration file ${config.path} was found by looking upward and sets ${names}, which only a file given with --config may set`, fr: `le fichier de configuration ${config.path} a été trouvé en remontant les dossiers et fixe ${names}, ce que seul un fichier donné avec --config peut faire` },
    { en: `if you trust it, run with --config ${config.path}; otherwise remove it or run with --no-config`, fr: `si vous lui faites confiance, lancez avec --config ${config.path} ; sinon supprimez-le ou lancez avec --no-config` },
  );
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
export async function loadConfig(options: { cwd: string; explicitPath?: string; home?: string }): Promise<LoadedConfig | undefined> {
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
  const found = await findConfigFile(options.cwd, options.home);
  if (!found) return undefined;
  const config = { ...parseConfig(found.text, found.path), discovered: true };
  checkDiscoveredConfig(config);
  return config;
}
