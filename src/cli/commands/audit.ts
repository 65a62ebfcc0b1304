import { DEFAULT_BASELINE_FILE } from '../../compare/baseline-file.js';
import { collect, commonOptions, numberParsers, type CliCommand } from '../command.js';

/** `souverain audit URL`: one page, or a whole site with any of the site options. */
export const command: CliCommand = {
  name: 'audit',
  register(program, ctx) {
    const { m } = ctx;
    const options = commonOptions(ctx);
    const { positiveInteger, wholeNumber } = numberParsers(ctx.lang);
    options.report(options.capture(program
      .command('audit')
      .description(m('audit.description'))
      .argument('<url>', m('audit.url'))
      .addOption(options.format())
      .option('--output <file>', m('option.output'))
      .option('--output-dir <dir>', m('option.outputDir'))
      .option('--baseline <file>', m('option.baseline'))
      .option('--update-baseline', m('option.updateBaseline', { file: DEFAULT_BASELINE_FILE }))))
      // Whole-site options: any of them turns a page audit into a site audit.
      .option('--pages <n>', m('site.pages'), positiveInteger)
      .option('--depth <n>', m('site.depth'), wholeNumber)
      .option('--per-pattern <n>', m('site.perPattern'), positiveInteger)
      .option('--include <pattern>', m('site.include'), collect)
      .option('--exclude <pattern>', m('site.exclude'), collect)
      .option('--no-robots', m('site.noRobots'))
      .option('--no-sitemap', m('site.noSitemap'))
      .option('--concurrency <n>', m('site.concurrency'), positiveInteger)
      .option('--consent <states>', m('site.consent'))
      .option('--journey <file>', m('site.journey'), collect)
      .option('--evidence <dir>', m('site.evidence'))
      .action(async (url: string, opts) => {
        const { runAuditCommand } = await import('../audit-command.js');
        ctx.setExitCode(await runAuditCommand(url, opts));
      });
  },
};
