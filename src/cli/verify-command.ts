import cliProgress from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { auditSite, type SiteAuditOptions } from '../core/run-site-audit.js';
import type { CrawlProgress } from '../crawl/crawler.js';
import { siteText } from '../crawl/site-text.js';
import { formatErrorLine, LocalisedUsageError } from '../config/localised-error.js';
import { writeBundle } from '../evidence/bundle.js';
import { verifyBundle, type VerifyResult } from '../evidence/verify.js';
import type { Lang } from '../report/index.js';
import type { AuditReport, ConsentMode } from '../types.js';
import type { CaptureOptions } from './audit-command.js';
import { EXIT_TOOL_FAILED, exitCodeFor } from './exit-codes.js';
import { both, msg } from './messages.js';
import { emitReport } from './output.js';

/**
 * Whole-site audits (`audit --pages/--depth/--consent/--journey/--evidence`) and `souverain verify`.
 * The site options are parsed by main.ts next to the single-page ones; audit-command.ts hands over
 * here when one of them is given.
 */

/** Exit code of `verify` when a bundle fails its checks (0/1 keep their verdict meaning). */
export const EXIT_TAMPERED = 3;

export interface SiteCommandOptions extends CaptureOptions {
  format: string | string[];
  output?: string;
  outputDir?: string;
  pages?: number;
  depth?: number;
  perPattern?: number;
  include?: string[];
  exclude?: string[];
  robots?: boolean;
  sitemap?: boolean;
  concurrency?: number;
  consent?: string;
  journey?: string[];
  evidence?: string;
}

function positiveInteger(lang: Lang): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(msg(lang, 'error.wholeNumberMin1'));
    return n;
  };
}

function wholeNumber(lang: Lang): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(msg(lang, 'error.wholeNumber'));
    return n;
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the whole-site options to the `audit` command (any of them turns a page audit into a site audit), help in `lang`. */
export function addSiteOptions(command: Command, lang: Lang = 'en'): Command {
  const m = (key: Parameters<typeof msg>[1]): string => msg(lang, key);
  return command
    .option('--pages <n>', m('site.pages'), positiveInteger(lang))
    .option('--depth <n>', m('site.depth'), wholeNumber(lang))
    .option('--per-pattern <n>', m('site.perPattern'), positiveInteger(lang))
    .option('--include <pattern>', m('site.include'), collect)
    .option('--exclude <pattern>', m('site.exclude'), collect)
    .option('--no-robots', m('site.noRobots'))
    .option('--no-sitemap', m('site.noSitemap'))
    .option('--concurrency <n>', m('site.concurrency'), positiveInteger(lang))
    .option('--consent <states>', m('site.consent'))
    .option('--journey <file>', m('site.journey'), collect)
    .option('--evidence <dir>', m('site.evidence'));
}

/** Adds `souverain verify BUNDLE`, help in `options.language`. */
export function addVerifyCommand(program: Command, options: { lang: () => Option; debug: () => Option; language?: Lang }): Command {
  const m = (key: Parameters<typeof msg>[1]): string => msg(options.language ?? 'en', key);
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
      process.exitCode = await runVerifyCommand(bundle, opts);
    });
  return program;
}

/** Whether the options ask for a site audit rather than one page. */
export function isSiteAudit(options: Partial<SiteCommandOptions>): boolean {
  return options.pages !== undefined || options.depth !== undefined || options.consent !== undefined || (options.journey?.length ?? 0) > 0 || options.evidence !== undefined;
}

/** Parses --consent none,reject,accept. */
export function parseConsentList(value: string): ConsentMode[] {
  const modes = value.split(',').map((m) => m.trim().toLowerCase()).filter(Boolean);
  const wrong = modes.find((m) => !['none', 'reject', 'accept'].includes(m));
  if (wrong || modes.length === 0) throw new LocalisedUsageError(both('error.consentState', { value, wrong: wrong ?? '' }), both('error.consentStateFix'));
  return modes as ConsentMode[];
}

/**
 * `souverain audit URL --pages N …`: crawls, audits every page (and consent state, and journey), prints
 * the report and the site section, writes the evidence bundle. Exit 0 sovereign, 1 not sovereign or
 * inconclusive, 2 when the start page or a journey failed.
 */
/** Crawls and judges a whole site (`--pages`, `--consent`, `--journey`, `--evidence`), with a progress bar on a terminal. */
export async function crawlAndJudge(url: string, options: SiteCommandOptions): Promise<AuditReport> {
  const bar = progressBar(options.lang);
  try {
    return await auditSite(siteAuditOptions(url, options, bar.update));
  } finally {
    bar.stop();
  }
}

/** After the report is written: the site section on stdout and, with --evidence, the bundle. */
export async function finishSiteAudit(report: AuditReport, options: SiteCommandOptions, run: { startedAt: string; say: NodeJS.WritableStream }, argv: string[] = process.argv.slice(2)): Promise<void> {
  // The site section follows the terminal summary (stderr when stdout carries a machine-readable report).
  run.say.write(siteText(report, options.lang));
  if (!options.evidence) return;
  const { manifestSha256, files } = await writeBundle(options.evidence, report, { command: ['souverain', ...argv], startedAt: run.startedAt, finishedAt: new Date().toISOString(), policy: report.assessment.policy.source });
  process.stderr.write(`souverain${options.lang === 'fr' ? ' :' : ':'} ${msg(options.lang, 'site.evidenceWritten', { dir: options.evidence, files, sha256: manifestSha256 })}\n`);
}

export function siteAuditOptions(url: string, options: SiteCommandOptions, onCrawlProgress: (p: CrawlProgress) => void): SiteAuditOptions {
  return {
    url,
    policy: options.policy,
    insecure: options.insecure,
    timeoutSeconds: options.timeout,
    infra: options.infra,
    onCrawlProgress,
    maxPages: options.pages ?? (options.depth !== undefined ? 100 : 1),
    ...(options.depth !== undefined ? { maxDepth: options.depth } : {}),
    ...(options.perPattern !== undefined ? { perPattern: options.perPattern } : {}),
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    robots: options.robots !== false,
    ...(options.sitemap === false ? { sitemaps: false } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    consent: options.consent ? parseConsentList(options.consent) : ['none'],
    journeys: options.journey ?? [],
    ...(options.connectTo ? { connectTo: options.connectTo } : {}),
    ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
    ...(options.chromium ? { executablePath: options.chromium } : {}),
    ...(options.data ? { dataFiles: options.data } : {}),
  };
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
  if (!process.stderr.isTTY || process.env.CI) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: msg(lang, 'site.progress'),
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (p) => {
      const payload = { failed: p.failed, url: (p.url ?? '').slice(0, 60) };
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

/**
 * `souverain verify BUNDLE [--policy P]`: checks every hash of an evidence bundle and judges the saved
 * evidence again, offline. Exit 3 when a file is missing, added, changed or inconsistent (named on
 * stderr); otherwise 0 sovereign, 1 not sovereign or inconclusive under the chosen policy.
 */
export async function runVerifyCommand(bundle: string, options: { policy?: string; format: string; data?: string[]; lang: Lang }): Promise<number> {
  const result = await verifyBundle(bundle, { ...(options.policy ? { policy: options.policy } : {}), ...(options.data ? { dataFiles: options.data } : {}) });
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(verifyJson(result), null, 2)}\n`);
  else process.stdout.write(verifyText(bundle, result, options.lang));
  if (!result.intact) {
    const failed = new LocalisedUsageError(both('verify.failed', { bundle, problem: result.problems[0] ?? '' }), both('verify.failedFix'));
    process.stderr.write(`${formatErrorLine(failed, options.lang)}\n`);
    return EXIT_TAMPERED;
  }
  return exitCodeFor(result.reassessment!.assessment.verdict);
}

function verifyJson(result: VerifyResult): object {
  const { report: _report, reassessment, ...rest } = result;
  if (!reassessment) return rest;
  const { assessment, ...summary } = reassessment;
  return { ...rest, reassessment: { ...summary, rules: assessment.rules.map((r) => ({ id: r.id, status: r.status, blocking: r.blocking, findings: r.findings.length })) } };
}

/** The verify summary for people. Verdicts stay as their report values (sovereign, not-sovereign…), and each problem as verify.ts names it. */
function verifyText(bundle: string, result: VerifyResult, lang: Lang): string {
  if (!result.intact) return `${msg(lang, 'verify.notIntact', { bundle, checked: result.checked })}\n${result.problems.map((p) => `  ✗ ${p}`).join('\n')}\n`;
  const r = result.reassessment!;
  const reproduced = r.reproduced === true ? msg(lang, 'verify.reproduced') : r.reproduced === false ? msg(lang, 'verify.differs') : '';
  const data = r.dataChanges.length ? msg(lang, 'verify.dataChanged', { changes: r.dataChanges.join('; ') }) : msg(lang, 'verify.sameData');
  const lines = [
    msg(lang, 'verify.intact', { bundle, checked: result.checked, sha256: result.manifestSha256 ?? '' }),
    msg(lang, 'verify.saved', { verdict: r.saved.verdict, policy: r.saved.policy }),
    `${msg(lang, 'verify.reassessed', { policy: r.policy, verdict: r.fromSavedEnrichment })}${reproduced}`,
    `${msg(lang, 'verify.currentData', { verdict: r.fromCurrentData })}${data}`,
  ];
  return `${lines.join('\n')}\n`;
}
