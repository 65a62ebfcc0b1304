import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tv, visualLabels } from '../../src/report/i18n-visual.js';
import { ACTION_TITLES } from '../../src/report/summary.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('first-screen labels', () => {
  it('exist in English and French, non-empty, with the same placeholders', () => {
    for (const [key, text] of Object.entries(visualLabels)) {
      assert.ok(text.en.trim() && text.fr.trim(), `${key} has both languages`);
      assert.deepEqual(placeholders(text.fr), placeholders(text.en), `${key}: same placeholders`);
    }
    for (const [kind, title] of Object.entries(ACTION_TITLES)) assert.ok(title.en && title.fr && title.en !== title.fr, `${kind} is translated`);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    assert.equal(tv('fr', 'card.requests', { count: 3 }), '3 req.');
    assert.equal(tv('en', 'fix.removes', { hosts: 2 }), 'removes 2 host(s), {requests} request(s)');
  });
});
