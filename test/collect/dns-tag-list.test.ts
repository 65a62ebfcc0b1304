import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tagList } from '../../src/collect/dns-tag-list.js';

test('a tag list keeps the first of repeated tags, lower-cases names, trims values and skips malformed parts', () => {
  const tags = tagList(' v=DMARC1 ; P = reject ;=orphan; no-equals ; 9x=bad; p=none; rua=mailto:a@example.net,mailto:b@example.net ');
  assert.deepEqual([...tags], [['v', 'DMARC1'], ['p', 'reject'], ['rua', 'mailto:a@example.net,mailto:b@example.net']]);
  assert.equal(tagList('').size, 0);
});
