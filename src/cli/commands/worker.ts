import { Option } from 'commander';
import { batchMsg, type BatchMessageKey } from '../../batch/messages.js';
import { commonOptions, numberParsers, type CliCommand } from '../command.js';

/** `souverain worker --database URL [--concurrency N]`: takes audit jobs from the shared queue until stopped. */
export const command: CliCommand = {
  name: 'worker',
  register(program, ctx) {
    const b = (key: BatchMessageKey): string => batchMsg(ctx.lang, key);
    const { positiveInteger } = numberParsers(ctx.lang);
    program
      .command('worker')
      .description(b('worker.description'))
      .requiredOption('--database <url>', b('worker.database'))
      .addOption(new Option('--concurrency <n>', b('worker.concurrency')).argParser(positiveInteger).default(1))
      .option('--chromium <path>', ctx.m('option.chromium'))
      .option('--exit-when-idle', b('worker.exitWhenIdle'))
      // How often expired leases are looked for (pg-boss maintenance); tests shorten it.
      .addOption(new Option('--maintenance-interval <seconds>').argParser(positiveInteger).hideHelp())
      .addOption(commonOptions(ctx).lang())
      .addOption(commonOptions(ctx).debug())
      .action(async (opts) => {
        const { runWorkerCommand } = await import('../worker-command.js');
        ctx.setExitCode(await runWorkerCommand(opts));
      });
  },
};
