import { Option } from 'commander';
import { commonOptions, notFromConfig, type CliCommand } from '../command.js';

/** `souverain diff OLD NEW`: what changed between two saved reports. */
export const command: CliCommand = {
  name: 'diff',
  register(program, ctx) {
    const { m } = ctx;
    const options = commonOptions(ctx);
    program
      .command('diff')
      .description(m('diff.description'))
      .argument('<old>', m('diff.old'))
      .argument('<new>', m('diff.new'))
      .addOption(notFromConfig(new Option('--format <format>', m('diff.format')).default('terminal')))
      .addOption(notFromConfig(new Option('--output <file>', m('diff.output'))))
      .addOption(options.lang())
      .addOption(options.debug())
      .action(async (oldFile: string, newFile: string, opts) => {
        const { runDiffCommand } = await import('../diff-command.js');
        ctx.setExitCode(await runDiffCommand(oldFile, newFile, opts, ctx.io));
      });
  },
};
