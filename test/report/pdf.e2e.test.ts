/**
 * The PDF dossier printed by real Chromium: a PDF, several A4 pages, the verdict in its title and
 * the sections (cover, scope and limits, references) in its outline, in both languages. Text is read
 * from what Chromium itself writes (document title and outline), so no PDF parser is needed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { footerTemplate, renderPdf } from '../../src/report/pdf.js';
import { sampleReports } from '../fixtures/reports/index.js';

/** Page objects of a PDF (Chromium writes them uncompressed). */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

/** The /Title strings of a PDF (document info and outline entries), decoded from UTF-16BE hex or literal. */
function titles(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const found: string[] = [];
  for (const match of text.matchAll(/\/Title\s*(?:<([0-9A-Fa-f]+)>|\(((?:\\.|[^\\)])*)\))/g)) {
    if (match[1]) {
      const bytes = Buffer.from(match[1], 'hex');
      const body = bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes;
      found.push(Buffer.from(body).swap16().toString('utf16le'));
    } else if (match[2] !== undefined) {
      found.push(match[2].replace(/\\(.)/g, '$1'));
    }
  }
  return found;
}

describe('pdf dossier', () => {
  it('prints the seed report to a multi-page A4 PDF whose outline holds the cover, scope and references', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const pdf = Buffer.from(await renderPdf(sampleReports['seed-not-sovereign']!, { lang }));
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const pages = pageCount(pdf);
      assert.ok(pages >= 3 && pages <= 30, `${lang}: ${pages} pages`);
      const text = titles(pdf);
      assert.ok(text.some((title) => title.includes(lang === 'fr' ? 'NON SOUVERAIN' : 'NOT SOVEREIGN')), `${lang}: verdict in the title: ${text[0]}`);
      const expected = lang === 'fr' ? ['Périmètre, méthode et limites', 'Références', 'Qui reçoit les données'] : ['Scope, method and limits', 'References', 'Who receives the data'];
      for (const heading of expected) assert.ok(text.some((title) => title.startsWith(heading)), `${lang}: outline has "${heading}" (${text.join(' | ')})`);
    }
  });

  it('writes a running footer with target, policy and versions as escaped text, and page numbers', () => {
    const footer = footerTemplate(sampleReports.hostile!, 'en');
    assert.match(footer, /class="pageNumber"/);
    assert.match(footer, /class="totalPages"/);
    assert.doesNotMatch(footer, /<img|<script/i, 'a hostile target stays text');
    const seed = footerTemplate(sampleReports['seed-not-sovereign']!, 'fr');
    assert.match(seed, /politique fr/);
    assert.match(seed, /souverain 0\.1\.0/);
  });
});
