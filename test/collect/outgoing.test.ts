/**
 * Tracing what a request carried, on hand-made requests (the seam is the CDP event; the browser test
 * is test/site/site-audit.e2e.test.ts): typed values re-packed in several encodings are found, short
 * values are not traced, the page address is found outside the Referer, and nothing kept is a value.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TargetNode } from '../../src/collect/cdp-tree.js';
import { OutgoingData } from '../../src/collect/network/outgoing.js';

const node = { info: { targetId: 't', type: 'page', url: '' }, channel: { send: async () => ({}) } } as unknown as TargetNode;
const PAGE = 'https://www.site.fr/compte?client=48213';
const typed = [
  { field: '#email', value: 'zephyrine.q@exemple.fr' },
  { field: '#nom', value: 'Quillebeuf' },
  { field: '#cp', value: '76450' },
  { field: '#age', value: '42' },
];

function factsFor(request: { url: string; postData?: string; headers?: Record<string, string> }) {
  const data = new OutgoingData();
  data.onRequest(node, 'r1', request);
  return data.facts('r1', PAGE, typed);
}

describe('outgoing data', () => {
  it('finds values inside base64 at any alignment, URL-encoded, JSON under other names, and hashed', () => {
    const blob = Buffer.from(JSON.stringify({ x: 1, profile: { mail: 'zephyrine.q@exemple.fr' } })).toString('base64');
    assert.deepEqual(factsFor({ url: `https://t.example/c?d=${blob}` }).typedFields, ['#email']);
    assert.deepEqual(factsFor({ url: 'https://t.example/c?n=QUILLEBEUF' }).typedFields, ['#nom'], 'case-insensitive');
    assert.deepEqual(factsFor({ url: 'https://t.example/c', postData: 'em=zephyrine.q%40exemple.fr&z=76450' }).typedFields, ['#email', '#cp']);
    const sha = createHash('sha256').update('zephyrine.q@exemple.fr').digest('hex');
    assert.deepEqual(factsFor({ url: 'https://t.example/c', headers: { 'X-Hash': sha } }).typedFields, ['#email']);
  });

  it('does not trace values too short to be told apart, nor report what is absent', () => {
    assert.equal(factsFor({ url: 'https://t.example/c?age=42&id=7' }).typedFields, undefined);
  });

  it('finds the page address in the URL or body, and reports the Referer as sent', () => {
    const facts = factsFor({ url: `https://t.example/c?dl=${encodeURIComponent(PAGE)}`, headers: { Referer: PAGE } });
    assert.deepEqual(facts.pageAddressIn, ['url']);
    assert.equal(facts.referrer, PAGE);
    assert.deepEqual(factsFor({ url: 'https://t.example/c', postData: JSON.stringify({ loc: PAGE }) }).pageAddressIn, ['body']);
    assert.equal(factsFor({ url: 'https://t.example/c', headers: { Referer: PAGE } }).pageAddressIn, undefined, 'the Referer alone is not "elsewhere"');
  });
});
