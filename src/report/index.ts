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
import { sarif } from './formats/sarif.js';
import { terminal } from './formats/terminal.js';
import type { Lang } from './i18n.js';
import type { SourceLocations } from './source-locations.js';

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
  /** SARIF: where each finding sits in the repository (src/report/source-locations.ts). */
  sourceLocations?: SourceLocations;
  /** Markdown: address of the full (HTML) report, linked from the comment. */
  reportUrl?: string;
  /** CSV: field separator; default "," in English and ";" in French (docs/decisions/0029). */
  csvSeparator?: ',' | ';';
}

/** One output format. */
export interface Renderer {
  /** Format id, also the file name in src/report/formats/. */
  id: string;
  /** File extension for a saved report, without the dot. */
  extension: string;
  /** The whole report as text, ending with a newline. */
  render(report: AuditReport, options: RenderOptions): string;
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
