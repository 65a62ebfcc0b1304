/**
 * Golden outputs: the terminal and HTML renderings of every sample report, in both languages, are
 * compared with test/golden/report/. After an intended change, rewrite them and review the diff:
 *   UPDATE_GOLDEN=1 node --import tsx --test test/report/golden.test.ts
 */
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LANGS } from '../../src/report/i18n.js';
import { render } from '../../src/report/index.js';
import { sampleReports } from '../fixtures/reports/index.js';
import { checkGolden } from '../fixtures/golden-file.js';

const GOLDEN_DIR = fileURLToPath(new URL('../golden/report/', import.meta.url));
const FORMATS = [{ format: 'terminal', extension: 'txt' }, { format: 'html', extension: 'html' }];

describe('golden report outputs', () => {
  for (const name of Object.keys(sampleReports)) {
    for (const { format, extension } of FORMATS) {
      for (const lang of LANGS) {
        const file = `${name}.${lang}.${extension}`;
        it(`${file} is unchanged`, () => {
          checkGolden(GOLDEN_DIR, file, render(format, sampleReports[name]!, { lang, color: false }));
        });
      }
    }
  }
});
