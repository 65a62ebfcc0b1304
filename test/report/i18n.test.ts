import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryLabels, labels, LANGS, roleLabels, t } from '../../src/report/i18n.js';
import { render } from '../../src/report/index.js';
import type { LocalisedText } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

function checkTable(table: Record<string, LocalisedText>): void {
  for (const [key, text] of Object.entries(table)) {
    for (const lang of LANGS) assert.ok(typeof text[lang] === 'string' && text[lang].trim() !== '', `${key} has a ${lang} label`);
    assert.deepEqual(placeholders(text.fr), placeholders(text.en), `${key}: same placeholders in en and fr`);
  }
}

describe('labels', () => {
  it('exist in English and French for every key, with the same placeholders', () => {
    checkTable(labels);
    checkTable(categoryLabels);
    checkTable(roleLabels);
  });

  it('fills placeholders and leaves none unfilled in any output', () => {
    assert.equal(t('fr', 'finding.hostsCount', { count: 3 }), '3 hôte(s)');
    for (const report of Object.values(sampleReports)) {
      for (const lang of LANGS) {
        for (const format of ['terminal', 'html']) {
          const output = render(format, report, { lang, color: false });
          const leftovers = output.match(/\{[a-zA-Z]+\}/g);
          assert.equal(leftovers, null, `${format}/${lang}: no unfilled placeholder`);
        }
      }
    }
  });

  it('renders French and English differently, with no English section title left in French', () => {
    const report = sampleReports['seed-not-sovereign']!;
    for (const format of ['terminal', 'html']) {
      const en = render(format, report, { lang: 'en', color: false });
      const fr = render(format, report, { lang: 'fr', color: false });
      assert.notEqual(fr, en);
      for (const [key, text] of Object.entries(labels)) {
        if (key.startsWith('section.') && text.en !== text.fr) assert.ok(!fr.includes(text.en), `${format}: "${text.en}" is translated`);
      }
    }
  });
});
