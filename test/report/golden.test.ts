/**
 * Golden outputs: the terminal and HTML renderings of every sample report, in both languages, are
 * compared with test/golden/report/. After an intended change, rewrite them and review the diff:
 *   UPDATE_GOLDEN=1 node --import tsx --test test/report/golden.test.ts
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LANGS } from '../../src/report/i18n.js';
import { render } from '../../src/report/index.js';
import { sampleReports } from '../fixtures/reports/index.js';

const GOLDEN_DIR = fileURLToPath(new URL('../golden/report/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const FORMATS = [{ format: 'terminal', extension: 'txt' }, { format: 'html', extension: 'html' }];

describe('golden report outputs', () => {
  for (const name of Object.keys(sampleReports)) {
    for (const { format, extension } of FORMATS) {
      for (const lang of LANGS) {
        const file = `${name}.${lang}.${extension}`;
        it(`${file} is unchanged`, () => {
          const output = render(format, sampleReports[name]!, { lang, color: false });
          const path = `${GOLDEN_DIR}${file}`;
          if (update) {
            mkdirSync(GOLDEN_DIR, { recursive: true });
            writeFileSync(path, output);
            return;
          }
          assert.ok(existsSync(path), `${file} is missing: run with UPDATE_GOLDEN=1 to create it`);
          assert.equal(output, readFileSync(path, 'utf8'), `${file} differs: review, then UPDATE_GOLDEN=1 to accept`);
        });
      }
    }
  }
});
