/** `souverain audit URL` (one page; site audits hand over to site-audit.ts) and `souverain baseline URL`. */
import { forTerminal } from '../shared/sanitize.js';
import { access } from 'node:fs/promises';
import {
  baselineMismatch, compareWithBaseline, createBaseline, DEFAULT_BASELINE_FILE, describeComparison, loadBaseline,
  serialiseBaseline, type Baseline, type BaselineComparison,
} from '../compare/baseline.js';
import { formatErrorLine, LocalisedUsageError, type Lang } from '../shared/errors.js';
import { audit } from '../core/run-audit.js';
import type { AuditReport } from '../types.js';
import { uploadReport, uploadTarget } from './upload.js';
import { EXIT_SOVEREIGN, EXIT_TOOL_FAILED, exitCodeFor, EXIT_NOT_SOVEREIGN } from './exit-codes.js';
import { both, msg } from './messages.js';
import { navigationFailure } from './navigation-errors.js';
import { checkOutputs, emitReport, parseFormats, planOutputs, processStreams, writeOutput, type CommandStreams, type EmitOptions, type OutputStream } from './output.js';
import { checkEvidenceDirectory } from '../shared/write-file.js';
import { progressReporter } from './progress.js';
import { auditOptionsFrom, isSiteAudit, type AuditCommandOptions, type CaptureOptions, type SiteCommandOptions } from './audit-options.js';
import { crawlAndJudge, finishSiteAudit, siteFailure } from './site-audit.js';

/** Captures, attributes and judges one page, with a progress spinner on a terminal. */
export async function captureAndJudge(url: string, options: CaptureOptions, signal?: AbortSignal): Promise<AuditReport> {
  const progress = progressReporter('', options.lang);
  try {
    return await audit({ ...auditOptionsFrom(url, options), onProgress: progress.onProgress, ...(signal ? { signal } : {}) });
  } finally {
    progress.stop();
  }
}

/** The baseline to compare with: required with --baseline, optional (may not exist yet) with --update-baseline. */
async function baselineToCompare(options: AuditCommandOptions): Promise<{ path: string; baseline?: Baseline } | undefined> {
  if (!options.baseline && !options.updateBaseline) return undefined;
  const path = options.baseline ?? DEFAULT_BASELINE_FILE;
  // Updating creates the file when it does not exist yet; a file that exists must be valid.
  if (options.updateBaseline && !(await exists(path))) return { path };
  return { path, baseline: await loadBaseline(path) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `souverain audit URL`: the report is written even when the page failed (then exit 2). With
 * --baseline, exit 1 only for blocking findings the baseline does not accept; --update-baseline
 * then rewrites the baseline with every finding (exit 0).
 */
export async function runAuditCommand(url: string, options: AuditCommandOptions, io: CommandStreams = processStreams()): Promise<number> {
  const site = isSiteAudit(options) ? (options as AuditCommandOptions & SiteCommandOptions) : undefined;
  const startedAt = new Date().toISOString();
  const formats = parseFormats(options.format);
  const targets = planOutputs(formats, options.output, options.outputDir);
  const baseline = await baselineToCompare(options);
  const upload = uploadTarget(options.upload, options.token);
  // Every destination is checked before the browser starts: a typo costs a second, not a crawl.
  await checkOutputs([...targets.map((target) => target.path), options.updateBaseline ? baseline?.path : undefined]);
  if (site?.evidence) await checkEvidenceDirectory(site.evidence);
  const interrupt = onInterrupt();
  let report: AuditReport;
  try {
    report = site ? await crawlAndJudge(url, site, interrupt.signal) : await captureAndJudge(url, options, interrupt.signal);
  } finally {
    interrupt.dispose();
  }
  const comparison = baseline?.baseline ? compareWithBaseline(report, baseline.baseline, baseline.path) : undefined;
  await emitReport(report, { formats, lang: options.lang, ...pick(options), ...(comparison ? { baseline: comparison } : {}), stdout: io.stdout });
  // Text for people goes to stdout, unless stdout carries a machine-readable report.
  const say = targets.some((target) => !target.path && target.format !== 'terminal') ? io.stderr : io.stdout;
  if (site) await finishSiteAudit(report, site, { startedAt, say, stderr: io.stderr });
  if (report.partial) {
    io.stderr.write(`${formatErrorLine(new LocalisedUsageError(both('error.interrupted', { signal: interrupt.received ?? 'signal' }), both('error.interruptedFix')), options.lang)}\n`);
    return EXIT_TOOL_FAILED;
  }
  if (upload) {
    const id = await uploadReport(report, upload);
    say.write(`${options.lang === 'fr' ? 'Rapport envoyé :' : 'Report uploaded:'} ${new URL(upload.endpoint).origin} (audit ${id})\n`);
  }
  const failure = site ? siteFailure(report) : navigationFailure(report);
  if (failure) {
    io.stderr.write(`${formatErrorLine(failure, options.lang)}\n`);
    return EXIT_TOOL_FAILED;
  }
  if (comparison) sayComparison(say, comparison, report, options.lang);
  if (options.updateBaseline && baseline) {
    await writeBaseline(baseline.path, report, options.lang, say);
    return EXIT_SOVEREIGN;
  }
  if (comparison) return comparison.passed ? EXIT_SOVEREIGN : EXIT_NOT_SOVEREIGN;
  return exitCodeFor(report.assessment.verdict);
}

/**
 * SIGINT/SIGTERM during an audit: the first one aborts (the browser closes, what was captured is
 * judged and written with `partial: true`, exit 2); a second one exits at once (the temporary
 * profile is still removed by the browser's exit hook). docs/decisions/0015-signals-and-writes.md.
 */
function onInterrupt(): { signal: AbortSignal; received?: string; dispose(): void } {
  const controller = new AbortController();
  const state: { signal: AbortSignal; received?: string; dispose(): void } = {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handle);
      process.off('SIGTERM', handle);
    },
  };
  function handle(name: NodeJS.Signals): void {
    if (state.received) process.exit(name === 'SIGINT' ? 130 : 143);
    state.received = name;
    controller.abort(name);
  }
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return state;
}

function pick(options: AuditCommandOptions): Pick<EmitOptions, 'output' | 'outputDir' | 'baselineFile' | 'sourceDir' | 'reportUrl' | 'csvSeparator'> {
  return {
    ...(options.output ? { output: options.output } : {}),
    ...(options.outputDir ? { outputDir: options.outputDir } : {}),
    ...(options.baseline ? { baselineFile: options.baseline } : {}),
    ...(options.sourceDir ? { sourceDir: options.sourceDir } : {}),
    ...(options.reportUrl ? { reportUrl: options.reportUrl } : {}),
    ...(options.csvSeparator ? { csvSeparator: options.csvSeparator } : {}),
  };
}

function sayComparison(stream: OutputStream, comparison: BaselineComparison, report: AuditReport, lang: Lang): void {
  const mismatch = baselineMismatch(comparison, report, lang);
  stream.write(forTerminal(`\n${mismatch ? `${mismatch}\n` : ''}${describeComparison(comparison, lang)}`, { keepNewlines: true }));
}

async function writeBaseline(path: string, report: AuditReport, lang: Lang, stream: OutputStream): Promise<void> {
  const baseline = createBaseline(report);
  await writeOutput(path, serialiseBaseline(baseline));
  stream.write(`${msg(lang, 'baseline.written', { file: path, count: baseline.entries.length })}\n`);
}

/**
 * `souverain baseline URL`: audits the page, prints the summary and writes every finding to the
 * baseline file. A page that could not be captured writes no baseline (exit 2): accepting "the page
 * did not load" would hide every real finding later.
 */
export async function runBaselineCommand(url: string, options: CaptureOptions & { output: string }, io: CommandStreams = processStreams()): Promise<number> {
  await checkOutputs([options.output]);
  const report = await captureAndJudge(url, options);
  const failure = navigationFailure(report);
  await emitReport(report, { formats: ['terminal'], lang: options.lang, stdout: io.stdout });
  if (failure) {
    const notWritten = both('baseline.notWritten');
    const problem = { en: `${failure.problem.en}; ${notWritten.en}`, fr: `${failure.problem.fr} ; ${notWritten.fr}` };
    io.stderr.write(`${formatErrorLine(new LocalisedUsageError(problem, failure.fix), options.lang)}\n`);
    return EXIT_TOOL_FAILED;
  }
  await writeBaseline(options.output, report, options.lang, io.stdout);
  return EXIT_SOVEREIGN;
}
