import cliProgress from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { auditSite, type SiteAuditOptions } from '../core/run-site-audit.js';
import type { CrawlProgress } from '../crawl/crawler.js';
import { siteText } from '../crawl/site-text.js';
import { UsageError, formatUsageError } from '../errors.js';
import { writeBundle } from '../evidence/bundle.js';
import { verifyBundle, type VerifyResult } from '../evidence/verify.js';
import type { Lang } from '../report/index.js';
import type { ConsentMode } from '../types.js';
import type { CaptureOptions } from './audit-command.js';
import { EXIT_TOOL_FAILED, exitCodeFor } from './exit-codes.js';
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

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of at least 1, e.g. 20');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('give a whole number, e.g. 2');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the whole-site options to the `audit` command (any of them turns a page audit into a site audit). */
export function addSiteOptions(command: Command): Command {
  return command
    .option('--pages <n>', 'audit the site: up to N pages, found by following same-site links and sitemap.xml', positiveInteger)
    .option('--depth <n>', 'follow links at most N clicks from the start page (implies a site audit of up to 100 pages)', wholeNumber)
    .option('--per-pattern <n>', 'audit at most N pages of one URL template, e.g. /produits/:n (default 5)', positiveInteger)
    .option('--include <pattern>', 'only crawl URLs matching the glob (* = anything) or /regex/ (repeatable)', collect)
    .option('--exclude <pattern>', 'never crawl URLs matching the glob or /regex/ (repeatable)', collect)
    .option('--no-robots', 'ignore robots.txt (it is obeyed by default)')
    .option('--no-sitemap', 'do not read sitemap.xml')
    .option('--concurrency <n>', 'pages captured at once, each in its own browser context (default: one per CPU, at most 4)', positiveInteger)
    .option('--consent <states>', 'capture each page in these consent states: none, reject, accept (comma-separated)')
    .option('--journey <file>', 'play a journey file (YAML/JSON: goto, click, fill, select, submit, wait-for) (repeatable)', collect)
    .option('--evidence <dir>', 'write an evidence bundle (report, HARs, screenshots, DNS, certificates, versions, SHA-256 manifest) to DIR');
}

/** Adds `souverain verify BUNDLE`. */
export function addVerifyCommand(program: Command, options: { lang: () => Option; debug: () => Option }): Command {
  program
    .command('verify')
    .description('check an evidence bundle (every SHA-256) and judge its saved evidence again, offline: exit 3 when a file was changed')
    .argument('<bundle>', 'the directory written by audit --evidence')
    .option('--policy <policy>', 'judge under this policy instead of the saved one (fr, eu or a policy file)')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('--data <file>', 'extra data file used when attributing again (repeatable)', collect)
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
  if (wrong || modes.length === 0) throw new UsageError(`--consent "${value}": "${wrong ?? ''}" is not a consent state`, 'use none, reject and/or accept, e.g. --consent none,reject,accept');
  return modes as ConsentMode[];
}

/**
 * `souverain audit URL --pages N …`: crawls, audits every page (and consent state, and journey), prints
 * the report and the site section, writes the evidence bundle. Exit 0 sovereign, 1 not sovereign or
 * inconclusive, 2 when the start page or a journey failed.
 */
export async function runSiteAuditCommand(url: string, options: SiteCommandOptions, argv: string[] = process.argv.slice(2)): Promise<number> {
  const bar = progressBar();
  const startedAt = new Date().toISOString();
  try {
    const report = await auditSite(siteAuditOptions(url, options, bar.update));
    bar.stop();
    const written = await emitReport(report, { format: options.format, lang: options.lang, ...(options.output ? { output: options.output } : {}), ...(options.outputDir ? { outputDir: options.outputDir } : {}) });
    // The site section follows the terminal summary, wherever that went to stdout.
    if (written.length > 0 || String(options.format).split(',').includes('terminal')) process.stdout.write(siteText(report, options.lang));
    if (options.evidence) {
      const { manifestSha256, files } = await writeBundle(options.evidence, report, { command: ['souverain', ...argv], startedAt, finishedAt: new Date().toISOString(), policy: report.assessment.policy.source });
      process.stderr.write(`souverain: evidence bundle ${options.evidence}: ${files} files, SHA256SUMS ${manifestSha256}\n`);
    }
    return siteExitCode(report);
  } finally {
    bar.stop();
  }
}

function siteAuditOptions(url: string, options: SiteCommandOptions, onCrawlProgress: (p: CrawlProgress) => void): SiteAuditOptions {
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

function siteExitCode(report: Awaited<ReturnType<typeof auditSite>>): number {
  const start = report.collection.pages[0];
  if (start?.navigationError) {
    process.stderr.write(`${formatUsageError(new UsageError(`${start.requestedUrl}: ${start.navigationError.message}`, 'check the start URL; the report lists what was seen'))}\n`);
    return EXIT_TOOL_FAILED;
  }
  const broken = report.collection.pages.find((p) => p.journey?.error);
  if (broken?.journey?.error) {
    process.stderr.write(`souverain: ${broken.journey.error.message} — check the journey's selectors against the page (the report shows what each step loaded)\n`);
    return EXIT_TOOL_FAILED;
  }
  return exitCodeFor(report.assessment.verdict);
}

/** A progress bar on stderr, only on a terminal (never in CI or when piped). */
function progressBar(): { update: (p: CrawlProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY || process.env.CI) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: 'auditing {bar} {value}/{total} pages | {failed} failed | {url}',
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
  else process.stdout.write(verifyText(bundle, result));
  if (!result.intact) {
    process.stderr.write(`souverain: evidence bundle ${bundle} failed verification: ${result.problems[0]} — the bundle is not the one souverain wrote; get it again from its author\n`);
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

function verifyText(bundle: string, result: VerifyResult): string {
  if (!result.intact) return `${bundle}: NOT INTACT (${result.checked} files checked)\n${result.problems.map((p) => `  ✗ ${p}`).join('\n')}\n`;
  const r = result.reassessment!;
  const lines = [
    `${bundle}: intact — ${result.checked} files match SHA256SUMS (${result.manifestSha256})`,
    `saved verdict: ${r.saved.verdict} (${r.saved.policy})`,
    `re-assessed offline under ${r.policy}: ${r.fromSavedEnrichment}${r.reproduced === true ? ' — the saved assessment is reproduced exactly' : r.reproduced === false ? ' — DIFFERS from the saved assessment' : ''}`,
    `attributed again with the data installed here: ${r.fromCurrentData}${r.dataChanges.length ? ` (data changed since: ${r.dataChanges.join('; ')})` : ' (same data versions)'}`,
  ];
  return `${lines.join('\n')}\n`;
}
