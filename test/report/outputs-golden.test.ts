/**
 * Golden outputs of the CI and data formats (Markdown, SARIF, JUnit, CSV, JSON), rendered from real
 * assess() output of the demo pages (test/fixtures/demo/), in both languages; the Markdown comment
 * also with a baseline that accepts part of the findings. After an intended change, rewrite them
 * and review the diff:
 *   UPDATE_GOLDEN=1 node --import tsx --test test/report/outputs-golden.test.ts
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compareWithBaseline, createBaseline } from '../../src/compare/baseline.js';
import { LANGS } from '../../src/report/i18n.js';
import { render, type RenderOptions } from '../../src/report/index.js';
import type { AuditReport } from '../../src/types.js';
import { githubProblems, sarifProblems } from '../ci/sarif-validator.js';
import { demoReports } from '../fixtures/demo/index.js';
import { checkGolden } from '../fixtures/golden-file.js';

const GOLDEN_DIR = fileURLToPath(new URL('../golden/outputs/', import.meta.url));
const FORMATS = [
  { format: 'markdown', extension: 'md' }, { format: 'sarif', extension: 'sarif' }, { format: 'junit', extension: 'xml' }, { format: 'csv', extension: 'csv' },
];

function check(file: string, output: string): void {
  checkGolden(GOLDEN_DIR, file, output);
}

/** A baseline that accepted yesterday's Google findings only: the rest of the seed page is new. */
function googleOnlyBaseline(report: AuditReport): NonNullable<RenderOptions['baseline']> {
  const baseline = createBaseline(report);
  return compareWithBaseline(report, { ...baseline, entries: baseline.entries.filter((entry) => entry.entity === 'google') }, 'souverain-baseline.json');
}

describe('golden CI and data outputs of the demo pages', () => {
  let reports: Record<'seed' | 'twin', AuditReport>;
  before(async () => { reports = await demoReports(); });

  for (const name of ['seed', 'twin'] as const) {
    for (const { format, extension } of FORMATS) {
      for (const lang of LANGS) {
        it(`demo-${name}.${lang}.${extension}`, () => {
          const output = render(format, reports[name], { lang, color: false });
          if (format === 'sarif') {
            assert.equal(sarifProblems(JSON.parse(output)), undefined);
            assert.deepEqual(githubProblems(JSON.parse(output)), []);
          }
          check(`demo-${name}.${lang}.${extension}`, output);
        });
      }
    }
    it(`demo-${name}.json (the same in both languages)`, () => {
      const output = render('json', reports[name], { lang: 'en', color: false });
      assert.equal(render('json', reports[name], { lang: 'fr', color: false }), output);
      check(`demo-${name}.json`, output);
    });
  }

  for (const lang of LANGS) {
    it(`demo-seed.baseline.${lang}.md and .sarif`, () => {
      const baseline = googleOnlyBaseline(reports.seed);
      check(`demo-seed.baseline.${lang}.md`, render('markdown', reports.seed, { lang, color: false, baseline, reportUrl: 'https://ci.example.org/jobs/42/artifacts/souverain-report.html' }));
      check(`demo-seed.baseline.${lang}.sarif`, render('sarif', reports.seed, { lang, color: false, baseline }));
    });
  }
});
