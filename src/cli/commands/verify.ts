import { Option } from 'commander';
import { collect, commonOptions, type CliCommand } from '../command.js';

/** `souverain verify BUNDLE`: checks an evidence bundle and judges its saved evidence again. */
export const command: CliCommand = {
  name: 'verify',
  register(program, ctx) {
    const { m } = ctx;
    const options = commonOptions(ctx);
    program
      .command('verify')
      .description(m('verify.description'))
      .argument('<bundle>', m('verify.bundle'))
      .option('--policy <policy>', m('verify.policy'))
      .addOption(new Option('--format <format>', m('verify.format')).choices(['terminal', 'json']).default('terminal'))
      .option('--data <file>', m('verify.data'), collect)
      .addOption(options.lang())
      .addOption(options.debug())
      .action(async (bundle: string, opts) => {
        const { runVerifyCommand } = await import('../verify-command.js');
        ctx.setExitCode(await runVerifyCommand(bundle, opts));
      });
  },
};
