import { Command, CommanderError, InvalidArgumentError, Option, type Help } from 'commander';
import { loadConfig, type LoadedConfig } from '../config/config.js';
import { formatErrorLine, type Lang } from '../config/localised-error.js';
import { UsageError } from '../errors.js';
import { renderers } from '../report/index.js';
import { TOOL_VERSION } from '../version.js';
import { runAssessCommand } from './assess-command.js';
import { addBatchCommands } from './batch-command.js';
import { addWorkerCommand } from './worker-command.js';
import { runAuditCommand, runBaselineCommand } from './audit-command.js';
import { runDemoCommand } from './demo-command.js';
import { runDiffCommand } from './diff-command.js';
import { EXIT_TOOL_FAILED } from './exit-codes.js';
import { langFromEnv, msg, type MessageKey } from './messages.js';
import { runPolicyExplain, runPolicyInit } from './policy-command.js';
import { addSiteOptions, addVerifyCommand } from './verify-command.js';
import { DEFAULT_BASELINE_FILE } from '../compare/baseline.js';

/** What the program is built with: the language of its texts and the configuration file, if any. */
export interface ProgramContext {
  lang: Lang;
  config?: LoadedConfig;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Builds the command tree, every text in `ctx.lang`. Commands only parse and delegate: the work is
 * in core/, compare/ and report/. Options of the configuration file fill in every option a command
 * declares under the same name (preAction hook), unless given on the command line.
 */
export function buildProgram(ctx: ProgramContext = { lang: 'en' }): Command {
  const { lang } = ctx;
  const m = (key: MessageKey, params?: Record<string, string | number>): string => msg(lang, key, params);
  const formatList = Object.keys(renderers).join(', ');

  const positiveSeconds = (value: string): number => {
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError(m('error.seconds'));
    return seconds;
  };
  const langOption = () => new Option('--lang <lang>', m('option.lang')).choices(['en', 'fr']).default(lang);
  const debugOption = () => new Option('--debug', m('option.debug'));
  const policyOption = () => new Option('--policy <policy>', m('option.policy')).default('fr');
  const formatOption = () => new Option('--format <formats>', m('option.format', { formats: formatList })).default('terminal');

  /** Options shared by every command that captures a page (audit, baseline). */
  const addCaptureOptions = (command: Command): Command => command
    .addOption(policyOption())
    .option('--connect-to <address>', m('option.connectTo'), collect)
    .option('--dns-server <ip[:port]>', m('option.dnsServer'))
    .option('--insecure', m('option.insecure'), false)
    .addOption(new Option('--timeout <seconds>', m('option.timeout')).argParser(positiveSeconds).default(30))
    .option('--no-infra', m('option.noInfra'))
    .option('--chromium <path>', m('option.chromium'))
    .option('--data <file>', m('option.data'), collect)
    .addOption(langOption())
    .addOption(debugOption());

  const program = new Command('souverain')
    .description(m('program.description'))
    .version(TOOL_VERSION, '-V, --version', m('option.version'))
    .helpOption('-h, --help', m('option.help'))
    .helpCommand('help [command]', m('command.help'))
    .option('--config <file>', m('option.config'))
    .option('--no-config', m('option.noConfig'))
    .showHelpAfterError(m('program.afterError'))
    .configureHelp(localisedHelp(lang))
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text, lang)) })
    .exitOverride();
  program.hook('preAction', (_program, action) => applyConfig(action, ctx.config));

  addSiteOptions(addCaptureOptions(program
    .command('audit')
    .description(m('audit.description'))
    .argument('<url>', m('audit.url'))
    .addOption(formatOption())
    .option('--output <file>', m('option.output'))
    .option('--output-dir <dir>', m('option.outputDir'))
    .option('--baseline <file>', m('option.baseline'))
    .option('--update-baseline', m('option.updateBaseline', { file: DEFAULT_BASELINE_FILE }))), lang)
    .action(async (url: string, options) => {
      process.exitCode = await runAuditCommand(url, options);
    });

  addVerifyCommand(program, { lang: langOption, debug: debugOption, language: lang });
  addBatchCommands(program, lang, addCaptureOptions);
  addWorkerCommand(program, lang);

  addCaptureOptions(program
    .command('baseline')
    .description(m('baseline.description'))
    .argument('<url>', m('audit.url'))
    .addOption(notFromConfig(new Option('--output <file>', m('baseline.output')).default(DEFAULT_BASELINE_FILE))))
    .action(async (url: string, options, command: Command) => {
      // The baseline file the configuration names is the one to write, unless --output says otherwise.
      const configured = command.getOptionValueSource('output') === 'cli' ? undefined : ctx.config?.values.baseline;
      process.exitCode = await runBaselineCommand(url, { ...options, ...(configured ? { output: configured } : {}) });
    });

  program
    .command('diff')
    .description(m('diff.description'))
    .argument('<old>', m('diff.old'))
    .argument('<new>', m('diff.new'))
    .addOption(notFromConfig(new Option('--format <format>', m('diff.format')).default('terminal')))
    .addOption(notFromConfig(new Option('--output <file>', m('diff.output'))))
    .addOption(langOption())
    .addOption(debugOption())
    .action(async (oldFile: string, newFile: string, options) => {
      process.exitCode = await runDiffCommand(oldFile, newFile, options);
    });

  program
    .command('assess')
    .description(m('assess.description'))
    .argument('<report>', m('assess.report'))
    .addOption(formatOption())
    .option('--output <file>', m('option.output'))
    .option('--output-dir <dir>', m('option.outputDir'))
    .addOption(policyOption())
    .option('--baseline <file>', m('option.baseline'))
    .addOption(langOption())
    .addOption(debugOption())
    .action(async (file: string, options) => {
      process.exitCode = await runAssessCommand(file, options);
    });

  const policy = program.command('policy').description(m('policy.description'));
  policy
    .command('init')
    .description(m('policy.init.description'))
    .addOption(new Option('--from <policy>', m('policy.init.from')).choices(['fr', 'eu']).default('fr'))
    .addOption(notFromConfig(new Option('--output <file>', m('policy.init.output')).default('souverain-policy.yaml')))
    .option('--force', m('policy.init.force'), false)
    .addOption(langOption())
    .addOption(debugOption())
    .action(async (options) => {
      process.exitCode = await runPolicyInit(options);
    });
  policy
    .command('explain')
    .description(m('policy.explain.description'))
    .argument('[policy]', m('policy.explain.policy'))
    .addOption(langOption())
    .addOption(debugOption())
    .action(async (policyArgument: string | undefined, options) => {
      process.exitCode = await runPolicyExplain(policyArgument ?? ctx.config?.values.policy ?? 'fr', options);
    });

  program
    .command('demo')
    .description(m('demo.description'))
    .option('--output-dir <dir>', m('demo.outputDir'), 'souverain-demo')
    .option('--chromium <path>', m('option.chromium'))
    .addOption(langOption())
    .addOption(debugOption())
    .action(async (options) => {
      process.exitCode = await runDemoCommand(options);
    });
  return program;
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

/** Options whose name a configuration setting shares but not its meaning (diff --format, baseline --output). */
const NOT_FROM_CONFIG = new WeakSet<Option>();

/** Marks an option the configuration file must not fill. */
export function notFromConfig(option: Option): Option {
  NOT_FROM_CONFIG.add(option);
  return option;
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

/**
 * Entry point of bin/souverain.js. The language comes from --lang, else the configuration file,
 * else LC_ALL/LC_MESSAGES/LANG. Known errors print one line and exit 2.
 */
export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const early = prescan(argv);
  let lang: Lang = early.lang ?? langFromEnv(process.env);
  try {
    const config = early.noConfig ? undefined : await loadConfig({ cwd: process.cwd(), ...(early.config ? { explicitPath: early.config } : {}) });
    lang = early.lang ?? config?.values.lang ?? lang;
    await buildProgram({ lang, ...(config ? { config } : {}) }).parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error, debug, lang);
  }
}

function handleError(error: unknown, debug: boolean, lang: Lang): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; commander already printed them.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : EXIT_TOOL_FAILED;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`${formatErrorLine(error, lang)}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_TOOL_FAILED;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`souverain${lang === 'fr' ? ' :' : ':'} ${msg(lang, 'error.unexpected', { message: message.split('\n')[0] ?? '' })}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_TOOL_FAILED;
}
