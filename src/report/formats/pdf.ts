/**
 * PDF format: the HTML report printed by Chromium (see ../pdf.ts). As text, it is the print-mode HTML
 * the PDF is made of; the CLI writes the PDF itself through `binary`.
 */
import type { Renderer } from '../renderer.js';
import { renderPdf } from '../pdf.js';
import { renderHtml } from './html.js';

export const pdf: Renderer = {
  id: 'pdf',
  extension: 'pdf',
  render: (report, options) => renderHtml(report, { ...options, print: true }),
  binary: (report, options) => renderPdf(report, { lang: options.lang }),
};
