import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { render, type Lang } from '../report/index.js';
import type { AuditReport } from '../types.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

export interface EmitOptions {
  format: string;
  output?: string;
  lang: Lang;
}

/**
 * Writes the report: to --output in the chosen format (and then the terminal summary on stdout), or to
 * stdout in the chosen format.
 */
export async function emitReport(report: AuditReport, options: EmitOptions): Promise<void> {
  if (options.output) {
    await writeOutput(options.output, render(options.format, report, { lang: options.lang, color: false }));
    if (options.format !== 'terminal') process.stdout.write(render('terminal', report, { lang: options.lang, color: useColor() }));
    return;
  }
  process.stdout.write(render(options.format, report, { lang: options.lang, color: options.format === 'terminal' && useColor() }));
}

export async function writeOutput(path: string, content: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  } catch (error) {
    throw new UsageError(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'choose a writable --output path');
  }
}
