import { extname, join } from 'node:path';
import { checkOutputFile, writeFileAtomic } from '../shared/write-file.js';
import type { BaselineComparison } from '../compare/baseline.js';
import { LocalisedUsageError } from '../shared/errors.js';
import { render, renderers, type Lang, type RenderOptions } from '../report/index.js';
import { resolveSourceLocations } from '../report/source-locations.js';
import type { AuditReport } from '../types.js';
import { both } from './messages.js';

/** The file name used in --output-dir: DIR/souverain-report.<extension>. */
export const OUTPUT_DIR_BASENAME = 'souverain-report';

/** Where a command writes its text: process.stdout/stderr, or the `io` given to `main(argv, io)` (tests). */
export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** The two streams a command writes to. */
export interface CommandStreams {
  stdout: OutputStream;
  stderr: OutputStream;
}

/** The real process's streams (the default when a command is called outside `main`). */
export function processStreams(): CommandStreams {
  return { stdout: process.stdout, stderr: process.stderr };
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean } = process.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

/**
 * The formats asked for: "json,sarif", ["json", "sarif"] or a mix, de-duplicated, in order.
 *
 * @throws LocalisedUsageError naming the first unknown format and the known ones.
 */
export function parseFormats(value: string | readonly string[], known: readonly string[] = Object.keys(renderers)): string[] {
  const list = (typeof value === 'string' ? [value] : value).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
  const unknown = list.find((format) => !known.includes(format));
  if (unknown !== undefined) throw new LocalisedUsageError(both('error.unknownFormat', { format: unknown }), both('error.unknownFormatFix', { formats: known.join(', ') }));
  return [...new Set(list.length > 0 ? list : ['terminal'])];
}

/** Where one format goes: a file, or standard output. */
export interface OutputTarget {
  format: string;
  path?: string;
}

/**
 * Where each format is written:
 * - no --output/--output-dir: one format to standard output (several are refused);
 * - --output FILE with one format: FILE as given;
 * - --output BASE with several: BASE.<extension> each (a known extension on BASE is dropped);
 * - --output-dir DIR: DIR/souverain-report.<extension> each.
 */
export function planOutputs(formats: readonly string[], output?: string, outputDir?: string): OutputTarget[] {
  if (output && outputDir) throw new LocalisedUsageError(both('error.outputAndDir'), both('error.outputAndDirFix'));
  const extensionOf = (format: string): string => renderers[format]?.extension ?? format;
  if (outputDir) return formats.map((format) => ({ format, path: join(outputDir, `${OUTPUT_DIR_BASENAME}.${extensionOf(format)}`) }));
  if (output && formats.length === 1) return [{ format: formats[0]!, path: output }];
  if (output) {
    const knownExtensions = new Set(Object.values(renderers).map((renderer) => `.${renderer.extension}`));
    const base = knownExtensions.has(extname(output)) ? output.slice(0, -extname(output).length) : output;
    return formats.map((format) => ({ format, path: `${base}.${extensionOf(format)}` }));
  }
  if (formats.length > 1) throw new LocalisedUsageError(both('error.severalToStdout', { formats: formats.join(', ') }), both('error.severalToStdoutFix'));
  return [{ format: formats[0] ?? 'terminal' }];
}

export interface EmitOptions {
  /** The formats, already parsed with {@link parseFormats}… */
  formats?: readonly string[];
  /** …or as given on the command line: "json", "json,sarif" (used when `formats` is absent). */
  format?: string | readonly string[];
  output?: string;
  outputDir?: string;
  lang: Lang;
  baseline?: BaselineComparison;
  /** Baseline file given with --baseline (SARIF anchors accepted findings to its lines). */
  baselineFile?: string;
  /** --source-dir: where SARIF looks for the source line that loads each host. */
  sourceDir?: string;
  /** --report-url: the full report's address, linked from the Markdown comment. */
  reportUrl?: string;
  /** --csv-separator. */
  csvSeparator?: 'comma' | 'semicolon';
  /** Standard output (default process.stdout). */
  stdout?: OutputStream;
}

/** Render options beyond language and colour: SARIF positions, report URL, CSV separator. */
async function extraRenderOptions(report: AuditReport, formats: readonly string[], options: EmitOptions): Promise<Partial<RenderOptions>> {
  const extra: Partial<RenderOptions> = {};
  if (formats.includes('sarif')) {
    extra.sourceLocations = await resolveSourceLocations(report, {
      policySource: report.assessment.policy.source,
      ...(options.baselineFile ? { baselineFile: options.baselineFile } : {}),
      ...(options.sourceDir ? { sourceDir: options.sourceDir } : {}),
    });
  }
  if (options.reportUrl) extra.reportUrl = options.reportUrl;
  if (options.csvSeparator) extra.csvSeparator = options.csvSeparator === 'semicolon' ? ';' : ',';
  return extra;
}

/**
 * Writes the report in every format asked for. When anything went to a file, the terminal summary
 * also prints on standard output. Returns the paths written.
 */
export async function emitReport(report: AuditReport, options: EmitOptions): Promise<string[]> {
  const formats = options.formats ?? parseFormats(options.format ?? 'terminal');
  const targets = planOutputs(formats, options.output, options.outputDir);
  const renderOptions = { lang: options.lang, ...(options.baseline ? { baseline: options.baseline } : {}), ...(await extraRenderOptions(report, formats, options)) };
  const stdout = options.stdout ?? process.stdout;
  const written: string[] = [];
  for (const target of targets) {
    const binary = renderers[target.format]?.binary;
    if (binary) {
      const bytes = await binary(report, { ...renderOptions, color: false });
      if (target.path) {
        await writeOutput(target.path, bytes);
        written.push(target.path);
      } else {
        stdout.write(bytes);
      }
      continue;
    }
    if (target.path) {
      await writeOutput(target.path, render(target.format, report, { ...renderOptions, color: false }));
      written.push(target.path);
    } else {
      stdout.write(render(target.format, report, { ...renderOptions, color: target.format === 'terminal' && useColor(stdout) }));
    }
  }
  if (written.length > 0) stdout.write(render('terminal', report, { ...renderOptions, color: useColor(stdout) }));
  return written;
}

/**
 * Writes a file atomically (temporary file + rename), creating its directory; never through a
 * symbolic link or into a FIFO/device. A failure is a usage error naming the path.
 */
export async function writeOutput(path: string, content: string | Uint8Array): Promise<void> {
  await writeFileAtomic(path, content);
}

/** Checks every file destination before the audit starts (see shared/write-file.ts). */
export async function checkOutputs(paths: readonly (string | undefined)[]): Promise<void> {
  for (const path of paths) if (path) await checkOutputFile(path);
}
