import { diffReports, renderDiff, type ReportDiff } from '../compare/diff.js';
import { renderDiffMarkdown } from '../compare/diff-markdown.js';
import { readReportFile } from '../compare/report-file.js';
import { LocalisedUsageError, type Lang } from '../shared/errors.js';
import { EXIT_NOT_SOVEREIGN, EXIT_SOVEREIGN } from './exit-codes.js';
import { both } from './messages.js';
import { processStreams, useColor, writeOutput, type CommandStreams } from './output.js';

export interface DiffCommandOptions {
  format: string;
  output?: string;
  lang: Lang;
}

/**
 * `souverain diff old.json new.json`: what changed between two audits. Exit 1 when a blocking
 * violation was added, 0 otherwise; 2 for unreadable or incompatible reports.
 */
export async function runDiffCommand(oldFile: string, newFile: string, options: DiffCommandOptions, io: CommandStreams = processStreams()): Promise<number> {
  const format = options.format === 'json' || options.format === 'terminal' || options.format === 'markdown' ? options.format : undefined;
  if (!format) throw new LocalisedUsageError(both('error.diffFormat', { format: options.format }), both('error.diffFormatFix'));
  const [oldReport, newReport] = await Promise.all([readReportFile(oldFile), readReportFile(newFile)]);
  const diff = diffReports(oldReport, newReport, { old: oldFile, new: newFile });
  if (options.output) {
    await writeOutput(options.output, written(diff, format, options.lang));
    io.stdout.write(renderDiff(diff, 'terminal', { lang: options.lang, color: useColor(io.stdout) }));
  } else {
    io.stdout.write(format === 'terminal' ? renderDiff(diff, format, { lang: options.lang, color: useColor(io.stdout) }) : written(diff, format, options.lang));
  }
  return diff.nonSovereignAdded ? EXIT_NOT_SOVEREIGN : EXIT_SOVEREIGN;
}

function written(diff: ReportDiff, format: 'terminal' | 'json' | 'markdown', lang: Lang): string {
  return format === 'markdown' ? renderDiffMarkdown(diff, lang) : renderDiff(diff, format, { lang, color: false });
}
