import { commonOptions, type CliCommand } from '../command.js';

/** `souverain assess REPORT`: judges a saved report again, offline, under a policy. */
export const command: CliCommand = {
  name: 'assess',
  register(program, ctx) {
    const { m } = ctx;
    const options = commonOptions(ctx);
    options.report(program
      .command('assess'))
      .description(m('assess.description'))
      .argument('<report>', m('assess.report'))
      .addOption(options.format())
      .option('--output <file>', m('option.output'))
      .option('--output-dir <dir>', m('option.outputDir'))
      .addOption(options.policy())
      .option('--baseline <file>', m('option.baseline'))
      .addOption(options.lang())
      .addOption(options.debug())
      .action(async (file: string, opts) => {
        const { runAssessCommand } = await import('../assess-command.js');
        ctx.setExitCode(await runAssessCommand(file, opts, ctx.io));
      });
  },
};
