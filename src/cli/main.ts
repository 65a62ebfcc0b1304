import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UsageError, formatUsageError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { runAssessCommand } from './assess-command.js';
import { runAuditCommand } from './audit-command.js';
import { runDemoCommand } from './demo-command.js';
import { EXIT_TOOL_FAILED } from './exit-codes.js';

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('give a number of seconds greater than 0, e.g. 30');
  return seconds;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const langOption = () => new Option('--lang <lang>', 'language of the report').choices(['en', 'fr']).default('en');
const debugOption = () => new Option('--debug', 'print stack traces and browser details on failure');

/** Builds the command tree. Commands only parse and delegate: the work is in core/ and report/. */
export function buildProgram(): Command {
  const program = new Command('souverain')
    .description('Is this online service really sovereign? Audits a page in real Chromium and traces every host to the company and the law that reach it.')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run "souverain --help" for the options)')
    .exitOverride();

  program
    .command('audit')
    .description('audit a page: exit 0 sovereign, 1 not sovereign or inconclusive, 2 the tool failed')
    .argument('<url>', 'the page to audit (http:// or https://)')
    .addOption(new Option('--format <format>', 'report format').choices(['terminal', 'json', 'html']).default('terminal'))
    .option('--output <file>', 'write the report to FILE (the terminal summary still prints)')
    .option('--policy <policy>', 'fr, eu or the path of a policy file', 'fr')
    .option('--connect-to <address>', 'send every connection to ADDRESS, or [HOST]:PORT:ADDRESS:PORT (repeatable); Host and SNI stay the original', collect)
    .option('--dns-server <ip[:port]>', "resolver for souverain's own DNS look-ups")
    .option('--insecure', 'accept TLS certificates that do not verify (recorded in the report)', false)
    .option('--timeout <seconds>', 'per-page timeout', positiveSeconds, 30)
    .option('--no-infra', 'skip the infrastructure audit (hosting, CDN, DNS, mail, CA)')
    .option('--chromium <path>', 'Chromium executable (default: $SOUVERAIN_CHROMIUM or chromium on PATH)')
    .option('--data <file>', 'extra data file: entities, services or infrastructure patterns (repeatable)', collect)
    .addOption(langOption())
    .addOption(debugOption())
    .action(async (url: string, options) => {
      process.exitCode = await runAuditCommand(url, options);
    });

  program
    .command('demo')
    .description('offline demo: audits a replica of the 2014 "sovereign cloud" signup page and its sovereign twin')
    .option('--output-dir <dir>', 'where to write the demo reports', 'souverain-demo')
    .option('--chromium <path>', 'Chromium executable')
    .addOption(langOption())
    .addOption(debugOption())
    .action(async (options) => {
      process.exitCode = await runDemoCommand(options);
    });

  program
    .command('assess')
    .description('judge a saved JSON report again, offline, under another policy')
    .argument('<report>', 'a report written with --format json')
    .addOption(new Option('--format <format>', 'report format').choices(['terminal', 'json', 'html']).default('terminal'))
    .option('--output <file>', 'write the report to FILE')
    .option('--policy <policy>', 'fr, eu or the path of a policy file', 'fr')
    .addOption(langOption())
    .addOption(debugOption())
    .action(async (file: string, options) => {
      process.exitCode = await runAssessCommand(file, options);
    });
  return program;
}

/** Entry point of bin/souverain.js. Known errors print one line and exit 2. */
export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error, debug);
  }
}

function handleError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; commander already printed them.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : EXIT_TOOL_FAILED;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`${formatUsageError(error)}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_TOOL_FAILED;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`souverain: unexpected failure: ${message.split('\n')[0]} — run again with --debug and report the output\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_TOOL_FAILED;
}
