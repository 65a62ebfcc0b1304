import { Option, type Command } from 'commander';
import { DEFAULT_BASELINE_FILE } from '../../compare/baseline-file.js';
import { commonOptions, notFromConfig, type CliCommand } from '../command.js';

/** `souverain baseline URL`: audits the page and accepts every finding in a baseline file. */
export const command: CliCommand = {
  name: 'baseline',
  register(program, ctx) {
    const { m } = ctx;
    commonOptions(ctx).capture(program
      .command('baseline')
      .description(m('baseline.description'))
      .argument('<url>', m('audit.url'))
      .addOption(notFromConfig(new Option('--output <file>', m('baseline.output')).default(DEFAULT_BASELINE_FILE))))
      .action(async (url: string, options, command: Command) => {
        // The baseline file the configuration names is the one to write, unless --output says otherwise.
        const configured = command.getOptionValueSource('output') === 'cli' ? undefined : ctx.config?.values.baseline;
        const { runBaselineCommand } = await import('../audit-command.js');
        ctx.setExitCode(await runBaselineCommand(url, { ...options, ...(configured ? { output: configured } : {}) }, ctx.io));
      });
  },
};
