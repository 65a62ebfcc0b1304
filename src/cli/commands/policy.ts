import { Option } from 'commander';
import { commonOptions, notFromConfig, type CliCommand } from '../command.js';

/** `souverain policy init|explain`: write a starter policy, or explain one in plain words. */
export const command: CliCommand = {
  name: 'policy',
  register(program, ctx) {
    const { m } = ctx;
    const options = commonOptions(ctx);
    const policy = program.command('policy').description(m('policy.description'));
    policy
      .command('init')
      .description(m('policy.init.description'))
      .addOption(new Option('--from <policy>', m('policy.init.from')).choices(['fr', 'eu']).default('fr'))
      .addOption(notFromConfig(new Option('--output <file>', m('policy.init.output')).default('souverain-policy.yaml')))
      .option('--force', m('policy.init.force'), false)
      .addOption(options.lang())
      .addOption(options.debug())
      .action(async (opts) => {
        const { runPolicyInit } = await import('../policy-command.js');
        ctx.setExitCode(await runPolicyInit(opts, ctx.io.stdout));
      });
    policy
      .command('explain')
      .description(m('policy.explain.description'))
      .argument('[policy]', m('policy.explain.policy'))
      .addOption(options.lang())
      .addOption(options.debug())
      .action(async (policyArgument: string | undefined, opts) => {
        const { runPolicyExplain } = await import('../policy-command.js');
        ctx.setExitCode(await runPolicyExplain(policyArgument ?? ctx.config?.values.policy ?? 'fr', opts, ctx.io.stdout));
      });
  },
};
