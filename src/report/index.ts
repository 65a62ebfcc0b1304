/**
 * Report renderers: pure functions of an AuditReport. The CLI, the server and the library produce
 * the same AuditReport; a renderer only formats it, and never reads the clock, the disk or the
 * network.
 *
 * Adding a format is one file in ./formats/ (its file name is its id) plus an entry below; a test
 * checks that this registry and the folder agree.
 */
import type { BaselineComparison } from '../compare/baseline.js';
import { LocalisedUsageError } from '../config/localised-error.js';
import type { AuditReport } from '../types.js';
import { csv } from './formats/csv.js';
import { html } from './formats/html.js';
import { json } from './formats/json.js';
import { junit } from './formats/junit.js';
import { markdown } from './formats/markdown.js';
import { pdf } from './formats/pdf.js';
import { sarif } from './formats/sarif.js';
import { terminal } from './formats/terminal.js';
import type { Lang } from './i18n.js';

export type { Lang } from './i18n.js';

/** How to render: the language of every label, and whether ANSI colours may be used. */
export interface RenderOptions {
  lang: Lang;
  /** Only the terminal format uses colour; the CLI turns it on for a TTY without NO_COLOR. */
  color: boolean;
  /**
   * The audit compared with a baseline, when there is one: SARIF marks results new/unchanged/absent,
   * JUnit fails only on new blocking findings, Markdown and CSV say what the baseline accepts.
   */
  baseline?: BaselineComparison;
}

/** One output format. */
export interface Renderer {
  /** Format id, also the file name in src/report/formats/. */
  id: string;
  /** File extension for a saved report, without the dot. */
  extension: string;
  /** The whole report as text, ending with a newline. */
  render(report: AuditReport, options: RenderOptions): string;
  /** For a binary format (PDF): the file's bytes; `render` then gives its text source. */
  binary?(report: AuditReport, options: RenderOptions): Promise<Uint8Array>;
}

/** Every format, by id. */
export const renderers: Record<string, Renderer> = {
  terminal,
  json,
  html,
  sarif,
  junit,
  markdown,
  csv,
  pdf,
};

/**
 * Renders a report in the named format.
 *
 * @example render('html', report, { lang: 'fr', color: false })
 * @throws UsageError when the format is not one of {@link renderers}.
 */
export function render(format: string, report: AuditReport, options: RenderOptions): string {
  const renderer = Object.hasOwn(renderers, format) ? renderers[format] : undefined;
  if (!renderer) {
    const known = Object.keys(renderers).join(', ');
    throw new LocalisedUsageError(
      { en: `unknown report format "${format}"`, fr: `format de rapport inconnu « ${format} »` },
      { en: `use one of: ${known}`, fr: `formats possibles : ${known}` },
    );
  }
  return renderer.render(report, options);
}
