/**
 * Report renderers: pure functions of an AuditReport. The CLI, the server and the library produce
 * the same AuditReport; a renderer only formats it, and never reads the clock, the disk or the
 * network.
 *
 * Adding a format is one file in ./formats/ (its file name is its id) plus an entry below; a test
 * checks that this registry and the folder agree.
 */
import { LocalisedUsageError } from '../shared/errors.js';
import type { AuditReport } from '../types.js';
import { csv } from './formats/csv.js';
import { html } from './formats/html.js';
import { json } from './formats/json.js';
import { junit } from './formats/junit.js';
import { markdown } from './formats/markdown.js';
import { pdf } from './formats/pdf.js';
import { sarif } from './formats/sarif.js';
import { terminal } from './formats/terminal.js';
import type { Renderer, RenderOptions } from './renderer.js';

export type { Lang } from './i18n.js';

export type { Renderer, RenderOptions } from './renderer.js';

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
