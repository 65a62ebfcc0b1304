/**
 * Whole-site audits (`audit --pages/--depth/--consent/--journey/--evidence`): crawl and judge with a
 * progress bar, then the site section and the evidence bundle. audit-command.ts hands over here.
 */
import cliProgress from 'cli-progress';
import { auditSite } from '../core/run-site-audit.js';
import type { CrawlProgress } from '../crawl/crawler.js';
import { siteText } from '../crawl/site-text.js';
import { canAnimate } from './progress.js';
import { forTerminal } from '../shared/sanitize.js';
import { writeBundle } from '../evidence/bundle.js';
import { renderPdf } from '../report/pdf.js';
import { LocalisedUsageError, type Lang } from '../shared/errors.js';
import type { AuditReport } from '../types.js';
import { siteAuditOptionsFrom, type SiteCommandOptions } from './audit-options.js';
import { both, msg } from './messages.js';
import type { OutputStream } from './output.js';

/**
 * `souverain audit URL --pages N …`: crawls, audits every page (and consent state, and journey), prints
 * the report and the site section, writes the evidence bundle. Exit 0 sovereign, 1 not sovereign or
 * inconclusive, 2 when the start page or a journey failed.
 */
/** Crawls and judges a whole site (`--pages`, `--consent`, `--journey`, `--evidence`), with a progress bar on a terminal. */
export async function crawlAndJudge(url: string, options: SiteCommandOptions, signal?: AbortSignal): Promise<AuditReport> {
  const bar = progressBar(options.lang);
  try {
    return await auditSite({ ...siteAuditOptionsFrom(url, options, bar.update), ...(signal ? { signal } : {}) });
  } finally {
    bar.stop();
  }
}

/** After the report is written: the site section on stdout and, with --evidence, the bundle. */
export async function finishSiteAudit(report: AuditReport, options: SiteCommandOptions, run: { startedAt: string; say: OutputStream; stderr?: OutputStream }, argv: string[] = process.argv.slice(2)): Promise<void> {
  // The site section follows the terminal summary (stderr when stdout carries a machine-readable report).
  run.say.write(siteText(report, options.lang));
  if (!options.evidence) return;
  // A bundle without its PDF is still evidence: a print failure leaves report.pdf out (README.txt says which files exist).
  const pdf = await renderPdf(report, { lang: options.lang, ...(options.chromium ? { executablePath: options.chromium } : {}) }).catch(() => undefined);
  const { manifestSha256, files } = await writeBundle(options.evidence, report, { command: ['souverain', ...argv], startedAt: run.startedAt, finishedAt: new Date().toISOString(), policy: report.assessment.policy.source }, undefined, { lang: options.lang, ...(pdf ? { pdf } : {}) });
  (run.stderr ?? process.stderr).write(`souverain${options.lang === 'fr' ? ' :' : ':'} ${forTerminal(msg(options.lang, 'site.evidenceWritten', { dir: options.evidence, files, sha256: manifestSha256 }))}
`);
}

/** Why a site audit failed as a tool (start page or a journey did not work), or undefined. */
export function siteFailure(report: AuditReport): LocalisedUsageError | undefined {
  const start = report.collection.pages[0];
  if (start?.navigationError) {
    const { requestedUrl, navigationError } = start;
    const problem = { en: `${requestedUrl}: ${navigationError.message}`, fr: `${requestedUrl} : ${navigationError.message}` };
    return new LocalisedUsageError(problem, both('site.startFailedFix'));
  }
  const broken = report.collection.pages.find((p) => p.journey?.error);
  // The step's message is evidence recorded in the report (browser wording): it stays as recorded.
  if (broken?.journey?.error) return new LocalisedUsageError({ en: broken.journey.error.message, fr: broken.journey.error.message }, both('site.journeyFailedFix'));
  return undefined;
}

/** A progress bar on stderr, only on a terminal (never in CI or when piped). */
function progressBar(lang: Lang): { update: (p: CrawlProgress) => void; stop: () => void } {
  if (!canAnimate(process.stderr)) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: msg(lang, 'site.progress'),
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (p) => {
      const payload = { failed: p.failed, url: forTerminal(p.url ?? '', { max: 60 }) };
      if (!started) {
        bar.start(p.total, p.done, payload);
        started = true;
      } else {
        bar.setTotal(p.total);
        bar.update(p.done, payload);
      }
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
