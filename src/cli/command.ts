/**
 * The command contract. Each command is one file, src/cli/commands/<name>.ts, exporting
 * `command: CliCommand`, listed in src/cli/commands/index.ts (a test checks the list against the
 * folder). `register` only declares the command with commander — it must stay cheap: the work is
 * imported inside the action (`await import('../x-command.js')`), so `--version`, `--help`, `diff`,
 * `assess` or `policy` never load playwright-core or the knowledge base.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { LoadedConfig } from '../config/config.js';
import { FORMAT_IDS } from '../report/format-ids.js';
import type { Lang } from '../shared/errors.js';
import { msg, type MessageKey } from './messages.js';

/** Where a command reads and writes when run in-process (tests) or as a process (bin/souverain.js). */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** What a command is registered with. */
export interface CommandContext {
  lang: Lang;
  config?: LoadedConfig;
  io: CliIo;
  /** A message in `lang`. */
  m(key: MessageKey, params?: Record<string, string | number>): string;
  /** The exit code of the run (the action's result). */
  setExitCode(code: number): void;
}

/** One command of the command line. */
export interface CliCommand {
  /** The command's name, also its file name in src/cli/commands/. */
  name: string;
  /** Declares the command (options, help) on the program; the action imports its work lazily. */
  register(program: Command, ctx: CommandContext): void;
}

/** For repeatable options: `--data a --data b` → ['a', 'b']. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parsers of numeric options, with messages in `lang`. */
export function numberParsers(lang: Lang): { positiveSeconds: (v: string) => number; positiveInteger: (v: string) => number; wholeNumber: (v: string) => number } {
  const check = (ok: (n: number) => boolean, key: MessageKey) => (value: string): number => {
    const n = Number(value);
    if (!ok(n)) throw new InvalidArgumentError(msg(lang, key));
    return n;
  };
  return {
    positiveSeconds: check((n) => Number.isFinite(n) && n > 0, 'error.seconds'),
    positiveInteger: check((n) => Number.isInteger(n) && n >= 1, 'error.wholeNumberMin1'),
    wholeNumber: check((n) => Number.isInteger(n) && n >= 0, 'error.wholeNumber'),
  };
}

/** Options several commands share, each a fresh Option (commander options belong to one command). */
export function commonOptions(ctx: Pick<CommandContext, 'lang'>) {
  const { lang } = ctx;
  const m = (key: MessageKey, params?: Record<string, string | number>): string => msg(lang, key, params);
  return {
    lang: () => new Option('--lang <lang>', m('option.lang')).choices(['en', 'fr']).default(lang),
    debug: () => new Option('--debug', m('option.debug')),
    policy: () => new Option('--policy <policy>', m('option.policy')).default('fr'),
    format: () => new Option('--format <formats>', m('option.format', { formats: FORMAT_IDS.join(', ') })).default('terminal'),
    /** Options shared by every command that captures a page (audit, baseline). */
    capture: (command: Command): Command => command
      .addOption(new Option('--policy <policy>', m('option.policy')).default('fr'))
      .option('--connect-to <address>', m('option.connectTo'), collect)
      .option('--dns-server <ip[:port]>', m('option.dnsServer'))
      .option('--insecure', m('option.insecure'), false)
      .addOption(new Option('--timeout <seconds>', m('option.timeout')).argParser(numberParsers(lang).positiveSeconds).default(30))
      .option('--no-infra', m('option.noInfra'))
      .option('--chromium <path>', m('option.chromium'))
      .option('--data <file>', m('option.data'), collect)
      .addOption(new Option('--lang <lang>', m('option.lang')).choices(['en', 'fr']).default(lang))
      .addOption(new Option('--debug', m('option.debug'))),
    /** The whole-site options (audit, batch): any of them turns a page audit into a site audit. */
    crawl: (command: Command): Command => {
      const { positiveInteger, wholeNumber } = numberParsers(lang);
      return command
        .option('--pages <n>', m('site.pages'), positiveInteger)
        .option('--depth <n>', m('site.depth'), wholeNumber)
        .option('--per-pattern <n>', m('site.perPattern'), positiveInteger)
        .option('--include <pattern>', m('site.include'), collect)
        .option('--exclude <pattern>', m('site.exclude'), collect)
        .option('--no-robots', m('site.noRobots'))
        .option('--no-sitemap', m('site.noSitemap'))
        .option('--consent <states>', m('site.consent'))
        .option('--journey <file>', m('site.journey'), collect);
    },
    /** Options of the commands that write reports (audit, assess): SARIF source lines, Markdown link, CSV separator. */
    report: (command: Command): Command => command
      .option('--source-dir <dir>', m('option.sourceDir'))
      .addOption(new Option('--report-url <url>', m('option.reportUrl')).argParser((value: string) => httpUrl(value, m)))
      .addOption(new Option('--csv-separator <separator>', m('option.csvSeparator')).choices(['comma', 'semicolon'])),
  };
}

/** An http(s) address, for --report-url (it becomes a link in a comment: no javascript: or data:). */
function httpUrl(value: string, m: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  let url: URL | undefined;
  try { url = new URL(value); } catch { url = undefined; }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new InvalidArgumentError(`${m('error.reportUrl', { value })}; ${m('error.reportUrlFix')}`);
  return url.href;
}

/** Options whose name a configuration setting shares but not its meaning (diff --format, baseline --output). */
const NOT_FROM_CONFIG = new WeakSet<Option>();

/** Marks an option the configuration file must not fill. */
export function notFromConfig(option: Option): Option {
  NOT_FROM_CONFIG.add(option);
  return option;
}

/**
 * Fills the options of the command about to run from the configuration file, for each option the
 * command declares under the same name and that the command line did not give.
 */
export function applyConfig(command: Command, config: LoadedConfig | undefined): void {
  if (!config) return;
  const values = config.values as Record<string, unknown>;
  for (const option of command.options) {
    const key = option.attributeName();
    const value = values[key];
    if (value === undefined || NOT_FROM_CONFIG.has(option) || command.getOptionValueSource(key) === 'cli') continue;
    command.setOptionValueWithSource(key, value, 'config');
  }
}
