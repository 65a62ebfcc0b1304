import { commonOptions, type CliCommand } from '../command.js';

/** `souverain demo`: audits the built-in fixture world (loopback only) and writes the reports. */
export const command: CliCommand = {
  name: 'demo',
  register(program, ctx) {
    const { m } = ctx;
    const options = commonOptions(ctx);
    program
      .command('demo')
      .description(m('demo.description'))
      .option('--output-dir <dir>', m('demo.outputDir'), 'souverain-demo')
      .option('--chromium <path>', m('option.chromium'))
      .addOption(options.lang())
      .addOption(options.debug())
      .action(async (opts) => {
        const { runDemoCommand } = await import('../demo-command.js');
        ctx.setExitCode(await runDemoCommand(opts));
      });
  },
};
