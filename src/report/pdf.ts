/**
 * The PDF dossier: Chromium's own PDF printing of the HTML report in print mode (every fold open,
 * the first screen as a cover, the scope and limits, the references), A4, with page numbers and a
 * running footer (target, date, policy, souverain and data versions). No new rendering engine: the
 * same HTML a reader opens, printed by the same browser souverain audits with, launched with the
 * capture's flags, a fresh profile and no name resolution — the report loads nothing anyway (CSP).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from '../collect/chromium-flags.js';
import type { AuditReport } from '../types.js';
import { dossierFooterText, renderHtml } from './formats/html.js';
import { escapeHtml } from './html-kit.js';
import type { Lang } from './i18n.js';
import { tv } from './i18n-visual.js';

/** Longest a print may take before souverain gives up (a report of thousands of hosts prints in seconds). */
const PRINT_TIMEOUT_MS = 120_000;

export interface PdfOptions {
  lang: Lang;
  /** Chromium executable; default: $SOUVERAIN_CHROMIUM, /usr/bin/chromium, then PATH. */
  executablePath?: string;
}

/** The footer template Chromium prints on every page: plain escaped text plus its page counters. */
export function footerTemplate(report: AuditReport, lang: Lang): string {
  const text = escapeHtml(dossierFooterText(report, lang));
  return `<div style="font-size:7.5px;width:100%;padding:0 12mm;color:#5b6675;display:flex;justify-content:space-between;gap:8mm;font-family:system-ui,sans-serif"><span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis">${text}</span><span style="white-space:nowrap">${escapeHtml(tv(lang, 'pdf.page'))} <span class="pageNumber"></span> ${escapeHtml(tv(lang, 'pdf.of'))} <span class="totalPages"></span></span></div>`;
}

/**
 * Prints the report to PDF.
 *
 * @example const pdf = await renderPdf(report, { lang: 'fr' }); await writeFile('report.pdf', pdf);
 */
export async function renderPdf(report: AuditReport, options: PdfOptions): Promise<Buffer> {
  // Loaded here, not at the top: playwright-core costs ~1 s of start-up to every command that can
  // write a report (assess, policy, diff), and only the PDF format needs it.
  const [{ chromium }, { findChromium }] = await Promise.all([import('playwright-core'), import('../collect/browser.js')]);
  const executablePath = findChromium(options.executablePath);
  const printable = renderHtml(report, { lang: options.lang, color: false, print: true });
  const userDataDir = await mkdtemp(join(tmpdir(), 'souverain-pdf-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args: [...chromiumArgs({}), '--host-resolver-rules=MAP * ~NOTFOUND'], viewport: { width: 1366, height: 768 },
  });
  try {
    // Belt and braces over the CSP: any request the document might attempt is refused here.
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(PRINT_TIMEOUT_MS);
    await page.setContent(printable, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4', printBackground: true, displayHeaderFooter: true,
      headerTemplate: '<span></span>', footerTemplate: footerTemplate(report, options.lang),
      margin: { top: '12mm', bottom: '16mm', left: '12mm', right: '12mm' },
      tagged: true, outline: true,
    });
  } finally {
    await context.close().catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true });
  }
}
