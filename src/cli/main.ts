/**
 * The command line: reads --lang/--config first, then registers the commands it needs (from the
 * lazy registry in commands/index.ts) and runs one. Usable in-process: `main(argv, io)` returns the
 * exit code and writes only to `io` (help, errors, version); tests use it without a subprocess.
 */
import { Command, CommanderError, type Help } from 'commander';
import type { LoadedConfig } from '../config/config.js';
import { formatErrorLine, UsageError, type Lang } from '../shared/errors.js';
import { forTerminal } from '../shared/sanitize.js';
import { TOOL_VERSION } from '../version.js';
import { applyConfig, type CliCommand, type CliIo, type CommandContext } from './command.js';
import { commandLoaders, type CommandName } from './commands/index.js';
import { EXIT_TOOL_FAILED } from './exit-codes.js';
import { langFromEnv, msg, type MessageKey } from './messages.js';

export { applyConfig, notFromConfig } from './command.js';

/** What the program is built with: the language of its texts and the configuration file, if any. */
export interface ProgramContext {
  lang: Lang;
  config?: LoadedConfig;
  io?: CliIo;
}

/** The real process's streams, environment and working directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Loads the registration of the named commands (every command when `names` is undefined). */
export async function loadCommands(names?: readonly CommandName[]): Promise<CliCommand[]> {
  const wanted = names ?? (Object.keys(commandLoaders) as CommandName[]);
  return Promise.all(wanted.map(async (name) => (await commandLoaders[name]()).command));
}

/**
 * Builds the command tree with the given commands, every text in `ctx.lang`. Commands only parse
 * and delegate. Options of the configuration file fill in every option a command declares under the
 * same name (preAction hook), unless given on the command line. `onExit` receives an action's exit code.
 */
export function buildProgram(ctx: ProgramContext, commands: readonly CliCommand[], onExit: (code: number) => void = () => {}): Command {
  const { lang } = ctx;
  const io = ctx.io ?? processIo();
  const m = (key: MessageKey, params?: Record<string, string | number>): string => msg(lang, key, params);
  const program = new Command('souverain')
    .description(m('program.description'))
    .version(TOOL_VERSION, '-V, --version', m('option.version'))
    .helpOption('-h, --help', m('option.help'))
    .helpCommand('help [command]', m('command.help'))
    .option('--config <file>', m('option.config'))
    .option('--no-config', m('option.noConfig'))
    .showHelpAfterError(m('program.afterError'))
    .configureHelp(localisedHelp(lang))
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: (text, write) => write(translateCommanderError(text, lang)),
      getOutHelpWidth: () => (io.stdout.isTTY ? process.stdout.columns : 80),
      getErrHelpWidth: () => (io.stderr.isTTY ? process.stderr.columns : 80),
    })
    .exitOverride();
  program.hook('preAction', (_program, action) => applyConfig(action, ctx.config));
  const commandContext: CommandContext = { lang, io, m, setExitCode: onExit, ...(ctx.config ? { config: ctx.config } : {}) };
  for (const command of commands) command.register(program, commandContext);
  return program;
}

/** Every command registered: for the full help, and for tests that inspect the tree. */
export async function buildFullProgram(ctx: ProgramContext = { lang: 'en' }): Promise<Command> {
  return buildProgram(ctx, await loadCommands());
}

/** Help in the user's language: section titles and the "(default: …)" notes. */
function localisedHelp(lang: Lang): Partial<Help> {
  const titles: Record<string, MessageKey> = {
    'Usage:': 'help.usage', 'Options:': 'help.options', 'Commands:': 'help.commands', 'Arguments:': 'help.arguments', 'Global Options:': 'help.globalOptions',
  };
  return {
    styleTitle: (title: string) => (titles[title] ? msg(lang, titles[title]) : title),
    optionDescription(option) {
      const extra: string[] = [];
      const colon = lang === 'fr' ? ' :' : ':';
      if (option.argChoices) extra.push(`${msg(lang, 'help.choices')}${colon} ${option.argChoices.join(', ')}`);
      const showDefault = option.defaultValue !== undefined && (option.required || option.optional);
      if (showDefault) extra.push(`${msg(lang, 'help.default')}${colon} ${option.defaultValueDescription ?? String(option.defaultValue)}`);
      return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
    },
  };
}

/** Commander's own error messages, in French when the user reads French. */
export function translateCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  const suggestion = /\n\(Did you mean (?:one of )?(.+)\?\)/.exec(text);
  const tail = suggestion ? `\n${msg(lang, 'commander.didYouMean', { suggestion: suggestion[1] ?? '' })}` : '';
  const line = text.replace(/\n\(Did you mean[^)]*\)/, '').replace(/\n$/, '');
  const rules: [RegExp, (match: RegExpExecArray) => string][] = [
    [/^error: unknown option '([^']+)'/, (match) => msg(lang, 'commander.unknownOption', { option: match[1]! })],
    [/^error: unknown command '([^']+)'/, (match) => msg(lang, 'commander.unknownCommand', { command: match[1]! })],
    [/^error: missing required argument '([^']+)'/, (match) => msg(lang, 'commander.missingArgument', { argument: match[1]! })],
    [/^error: option '([^']+)' argument missing/, (match) => msg(lang, 'commander.missingValue', { option: match[1]! })],
    [/^error: too many arguments/, () => msg(lang, 'commander.tooMany')],
    [/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/, (match) => msg(lang, 'commander.invalidChoice', { option: match[1]!, value: match[2]!, choices: match[3]! })],
    [/^error: option '([^']+)' argument '([^']*)' is invalid\. (.*)$/s, (match) => msg(lang, 'commander.invalidArgument', { option: match[1]!, value: match[2]!, reason: match[3]! })],
  ];
  for (const [pattern, translate] of rules) {
    const match = pattern.exec(line);
    if (match) return `${translate(match)}${tail}\n`;
  }
  return text;
}

/** Reads --lang, --config and --no-config from the raw arguments, before the program exists. */
export function prescan(argv: readonly string[]): { lang?: Lang; config?: string; noConfig: boolean } {
  const valueOf = (name: string): string | undefined => {
    const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
    if (index < 0) return undefined;
    const arg = argv[index]!;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  };
  const lang = valueOf('--lang');
  return {
    ...(lang === 'en' || lang === 'fr' ? { lang } : {}),
    ...(valueOf('--config') ? { config: valueOf('--config')! } : {}),
    noConfig: argv.includes('--no-config'),
  };
}

/** The command named on the command line (the first word that is not an option), if it is a registered one. */
export function commandNamed(argv: readonly string[]): CommandName | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--config') index += 1;
    else if (!arg.startsWith('-')) return Object.hasOwn(commandLoaders, arg) ? (arg as CommandName) : undefined;
  }
  return undefined;
}

/**
 * Entry point of bin/souverain.js, and of in-process tests. `argv` is the user's arguments (without
 * node and the script). The language comes from --lang, else the configuration file, else
 * LC_ALL/LC_MESSAGES/LANG. Known errors print one line and exit 2. Returns the exit code.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // Asked the version only: answer before loading anything else.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const debug = argv.includes('--debug');
  const early = prescan(argv);
  let lang: Lang = early.lang ?? langFromEnv(io.env);
  let exitCode = 0;
  try {
    const { loadConfig } = await import('../config/config.js');
    const config = early.noConfig ? undefined : await loadConfig({ cwd: io.cwd, ...(early.config ? { explicitPath: early.config } : {}) });
    lang = early.lang ?? config?.values.lang ?? lang;
    // Say which file set options, so a file nobody remembers is never silently in charge.
    if (config) io.stderr.write(`souverain${lang === 'fr' ? ' :' : ':'} ${lang === 'fr' ? 'configuration lue dans' : 'configuration read from'} ${forTerminal(config.path)}\n`);
    const named = commandNamed(argv);
    const commands = await loadCommands(named ? [named] : undefined);
    const program = buildProgram({ lang, io, ...(config ? { config } : {}) }, commands, (code) => { exitCode = code; });
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, debug, lang, io);
  }
}

function handleError(error: unknown, debug: boolean, lang: Lang, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; commander already printed them.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : EXIT_TOOL_FAILED;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`${formatErrorLine(error, lang)}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_TOOL_FAILED;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`souverain${lang === 'fr' ? ' :' : ':'} ${msg(lang, 'error.unexpected', { message: forTerminal(message.split('\n')[0] ?? '') })}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT_TOOL_FAILED;
}
