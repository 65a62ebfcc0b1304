/** The format contract: what every file in report/formats/ exports (registered in report/index.ts). */
import type { AuditReport } from '../types.js';
import type { BaselineResult } from './findings.js';
import type { Lang } from './i18n.js';
import type { SourceLocations } from './source-locations.js';

/** How to render: the language of every label, and whether ANSI colours may be used. */
export interface RenderOptions {
  lang: Lang;
  /** Only the terminal format uses colour; the CLI turns it on for a TTY without NO_COLOR. */
  color: boolean;
  /**
   * The audit compared with a baseline, when there is one: SARIF marks results new/unchanged/absent,
   * JUnit fails only on new blocking findings, Markdown and CSV say what the baseline accepts.
   */
  baseline?: BaselineResult;
  /** SARIF: where each finding sits in the repository (src/report/source-locations.ts). */
  sourceLocations?: SourceLocations;
  /** Markdown: address of the full (HTML) report, linked from the comment. */
  reportUrl?: string;
  /** CSV: field separator, "," unless --csv-separator semicolon (docs/decisions/0029). */
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
  /** For a binary format (PDF): the file's bytes; `render` then gives its text source. */
  binary?(report: AuditReport, options: RenderOptions): Promise<Uint8Array>;
}
