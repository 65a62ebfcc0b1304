/**
 * Golden HTML and terminal reports of the demo's two pages, from a real audit (real Chromium, the
 * fixture world's DNS and HTTPS, real assess()), in both languages. Times, ports and the screenshot
 * are fixed first (test/fixtures/demo-reports.ts). After an intended change:
 *   UPDATE_GOLDEN=1 node --import tsx --test test/report/demo-golden.e2e.test.ts
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LANGS } from '../../src/report/i18n.js';
import { render } from '../../src/report/index.js';
import { summarise } from '../../src/report/summary.js';
import type { AuditReport } from '../../src/types.js';
import { auditDemoPages, reproducible } from '../fixtures/demo-reports.js';
import { checkGolden } from '../fixtures/golden-file.js';

const GOLDEN_DIR = fileURLToPath(new URL('../golden/demo/', import.meta.url));
const reports: Record<string, AuditReport> = {};

before(async () => {
  const { seed, twin } = await auditDemoPages();
  reports.seed = reproducible(seed);
  reports.twin = reproducible(twin);
});

describe('golden reports of the demo pages (real audit)', () => {
  it('the seed page is not sovereign and its first screen says so with the numbers; the twin is sovereign', () => {
    const seed = summarise(reports.seed!);
    assert.equal(seed.verdict, 'not-sovereign');
    assert.match(seed.sentence.en, /^\d+ of \d+ requests \(\d+%\) went to \d+ companies under US law/);
    assert.match(seed.sentence.en, /Ireland — still US law/);
    assert.ok(seed.fixPlan.length >= 3);
    const twin = summarise(reports.twin!);
    assert.equal(twin.verdict, 'sovereign');
    assert.equal(twin.totals.foreignRequests, 0);
  });

  for (const name of ['seed', 'twin']) {
    for (const { format, extension } of [{ format: 'terminal', extension: 'txt' }, { format: 'html', extension: 'html' }]) {
      for (const lang of LANGS) {
        const file = `${name}.${lang}.${extension}`;
        it(`${file} is unchanged`, () => {
          checkGolden(GOLDEN_DIR, file, render(format, reports[name]!, { lang, color: false }));
        });
      }
    }
  }
});
