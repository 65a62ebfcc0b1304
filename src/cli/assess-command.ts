import { assess } from '../assess/assess.js';
import { forTerminal } from '../shared/sanitize.js';
import { loadPolicy } from '../assess/policy-file.js';
import { baselineMismatch, compareWithBaseline, describeComparison, loadBaseline } from '../compare/baseline.js';
import { readReportFile } from '../compare/report-file.js';
import type { Lang } from '../shared/errors.js';
import type { AuditReport } from '../types.js';
import { EXIT_NOT_SOVEREIGN, EXIT_SOVEREIGN, exitCodeFor } from './exit-codes.js';
import { emitReport, parseFormats, planOutputs, processStreams, type CommandStreams } from './output.js';

export interface AssessCommandOptions {
  format: string | string[];
  output?: string;
  outputDir?: string;
  policy: string;
  baseline?: string;
  lang: Lang;
  sourceDir?: string;
  reportUrl?: string;
  csvSeparator?: 'comma' | 'semicolon';
}

/**
 * `souverain assess report.json --policy eu`: a new verdict from saved evidence, no network. With
 * --baseline, exit 1 only for blocking findings the baseline does not accept.
 */
export async function runAssessCommand(file: string, options: AssessCommandOptions, io: CommandStreams = processStreams()): Promise<number> {
  const formats = parseFormats(options.format);
  const targets = planOutputs(formats, options.output, options.outputDir);
  const report = await readReportFile(file);
  const { policy, source } = await loadPolicy(options.policy);
  const baseline = options.baseline ? await loadBaseline(options.baseline) : undefined;
  const reassessed: AuditReport = { ...report, generatedAt: new Date().toISOString(), assessment: assess(report.collection, report.enrichment, policy, source) };
  const comparison = baseline && options.baseline ? compareWithBaseline(reassessed, baseline, options.baseline) : undefined;
  await emitReport(reassessed, {
    formats,
    lang: options.lang,
    ...(options.output ? { output: options.output } : {}),
    ...(options.outputDir ? { outputDir: options.outputDir } : {}),
    ...(comparison ? { baseline: comparison } : {}),
    ...(options.baseline ? { baselineFile: options.baseline } : {}),
    ...(options.sourceDir ? { sourceDir: options.sourceDir } : {}),
    ...(options.reportUrl ? { reportUrl: options.reportUrl } : {}),
    ...(options.csvSeparator ? { csvSeparator: options.csvSeparator } : {}),
    stdout: io.stdout,
  });
  if (!comparison) return exitCodeFor(reassessed.assessment.verdict);
  const say = targets.some((target) => !target.path && target.format !== 'terminal') ? io.stderr : io.stdout;
  const mismatch = baselineMismatch(comparison, reassessed, options.lang);
  say.write(forTerminal(`\n${mismatch ? `${mismatch}\n` : ''}${describeComparison(comparison, options.lang)}`, { keepNewlines: true }));
  return comparison.passed ? EXIT_SOVEREIGN : EXIT_NOT_SOVEREIGN;
}
