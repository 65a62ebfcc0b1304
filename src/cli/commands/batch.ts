import { Option } from 'commander';
import { batchMsg, type BatchMessageKey } from '../../batch/messages.js';
import type { Lang } from '../../shared/errors.js';
import { commonOptions, numberParsers, type CliCommand } from '../command.js';

/**
 * `souverain batch TARGETS --output-dir DIR` with every capture and site option `audit` takes, and
 * `souverain batch report DIR`. --concurrency is the number of targets at once here.
 */
export const command: CliCommand = {
  name: 'batch',
  register(program, ctx) {
    const b = (key: BatchMessageKey): string => batchMsg(ctx.lang, key);
    const { positiveInteger } = numberParsers(ctx.lang);
    const options = commonOptions(ctx);
    // The site options of `audit`: each target becomes a site audit.
    const batch = options.crawl(options.capture(program
      .command('batch')
      .description(b('batch.description'))
      .argument('<targets>', b('batch.targets'))
      // Not requiredOption: commander would demand it of `batch report` too; runBatchCommand checks it.
      .option('--output-dir <dir>', b('batch.outputDir'))
      .addOption(new Option('--concurrency <n>', b('batch.concurrency')).argParser(positiveInteger))
      .option('--database <url>', b('batch.database'))
      .addOption(new Option('--lease <seconds>', b('batch.lease')).argParser(positiveInteger))
      .option('--no-work', b('batch.noWork'))))
      .action(async (targets: string, opts: Record<string, unknown>) => {
        const { runBatchCommand } = await import('../batch-command.js');
        const { concurrency, ...rest } = opts;
        ctx.setExitCode(await runBatchCommand(targets, { ...rest, ...(typeof concurrency === 'number' ? { batchConcurrency: concurrency } : {}) } as never));
      });

    batch
      .command('report')
      .description(b('batch.report.description'))
      .argument('<dir>', b('batch.report.dir'))
      .option('--database <url>', b('batch.database'))
      .addOption(commonOptions(ctx).lang())
      .addOption(commonOptions(ctx).debug())
      .action(async (dir: string, opts: { database?: string; lang: Lang }) => {
        const { runBatchReportCommand } = await import('../batch-command.js');
        ctx.setExitCode(await runBatchReportCommand(dir, opts));
      });
  },
};
