import { DEFAULT_BASELINE_FILE } from '../../compare/baseline-file.js';
import { commonOptions, numberParsers, type CliCommand } from '../command.js';

/** `souverain audit URL`: one page, or a whole site with any of the site options. */
export const command: CliCommand = {
  name: 'audit',
  register(program, ctx) {
    const { m } = ctx;
    const options = commonOptions(ctx);
    const { positiveInteger } = numberParsers(ctx.lang);
    // Whole-site options: any of them turns a page audit into a site audit.
    options.crawl(options.report(options.capture(program
      .command('audit')
      .description(m('audit.description'))
      .argument('<url>', m('audit.url'))
      .addOption(options.format())
      .option('--output <file>', m('option.output'))
      .option('--output-dir <dir>', m('option.outputDir'))
      .option('--baseline <file>', m('option.baseline'))
      .option('--update-baseline', m('option.updateBaseline', { file: DEFAULT_BASELINE_FILE })))))
      .option('--concurrency <n>', m('site.concurrency'), positiveInteger)
      .option('--evidence <dir>', m('site.evidence'))
      .option('--upload <url>', ctx.lang === 'fr' ? 'envoyer le rapport JSON à un serveur souverain serve' : 'push the JSON report to a souverain serve server')
      .option('--token <token>', ctx.lang === 'fr' ? 'jeton d’API (portée write) pour --upload, sinon SOUVERAIN_TOKEN' : 'API token (scope write) for --upload, else SOUVERAIN_TOKEN')
      .action(async (url: string, opts) => {
        const { runAuditCommand } = await import('../audit-command.js');
        ctx.setExitCode(await runAuditCommand(url, opts, ctx.io));
      });
  },
};
