import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostPatternMap } from '../../src/enrich/host-pattern-map.js';

function mapOf(entries: [string, string, { exactOnly?: boolean }?][]): HostPatternMap<string> {
  const map = new HostPatternMap<string>();
  for (const [pattern, value, options] of entries) map.add(pattern, value, options);
  return map;
}

test('a pattern matches the name itself and every sub-domain, not a look-alike', () => {
  const map = mapOf([['google-analytics.com', 'ga']]);
  assert.equal(map.match('google-analytics.com')?.value, 'ga');
  assert.equal(map.match('www.google-analytics.com')?.value, 'ga');
  assert.equal(map.match('evilgoogle-analytics.com'), undefined);
  assert.equal(map.match('google-analytics.com.evil.test'), undefined);
});

test('the most specific pattern wins, whatever the order of insertion', () => {
  const map = mapOf([['cloudflare.com', 'cdn'], ['cdnjs.cloudflare.com', 'cdnjs'], ['amazonaws.com', 'aws'], ['s3.*.amazonaws.com', 's3']]);
  assert.equal(map.match('cdnjs.cloudflare.com')?.value, 'cdnjs');
  assert.equal(map.match('www.cloudflare.com')?.value, 'cdn');
  assert.equal(map.match('bucket.s3.eu-west-3.amazonaws.com')?.value, 's3');
  assert.equal(map.match('ec2-1-2-3-4.eu-west-3.compute.amazonaws.com')?.value, 'aws');
});

test('"*" is exactly one label and "s3-*" a label prefix', () => {
  const map = mapOf([['s3.*.amazonaws.com', 'regional'], ['s3-*.amazonaws.com', 'dash']]);
  assert.equal(map.match('s3.eu-west-3.amazonaws.com')?.pattern, 's3.*.amazonaws.com');
  assert.equal(map.match('s3.amazonaws.com'), undefined, '"*" needs a label');
  assert.equal(map.match('bucket.s3-website-us-east-1.amazonaws.com')?.value, 'dash');
  assert.equal(map.match('s3x.amazonaws.com'), undefined, 'the prefix is "s3-", not "s3"');
});

test('an exact-only pattern does not cover sub-domains, and a later add replaces an earlier one', () => {
  const map = mapOf([['d36mpcpuzc4ztk.cloudfront.net', 'freshdesk', { exactOnly: true }], ['example.com', 'first'], ['example.com', 'second']]);
  assert.equal(map.match('d36mpcpuzc4ztk.cloudfront.net')?.value, 'freshdesk');
  assert.equal(map.match('x.d36mpcpuzc4ztk.cloudfront.net'), undefined);
  assert.equal(map.match('www.example.com')?.value, 'second');
  assert.equal(map.match('www.example.com')?.depth, 2);
});
