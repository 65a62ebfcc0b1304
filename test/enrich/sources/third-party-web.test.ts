/** The third-party-web data source (src/enrich/sources/third-party-web): a seed of host → product names. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { source } from '../../../src/enrich/sources/third-party-web/index.js';

const require = createRequire(import.meta.url);

describe('third-party-web data source', () => {
  it('reports the package version it bundles', async () => {
    const { version } = require('third-party-web/package.json') as { version: string };
    assert.equal(source.version(), version);
    const [info] = (await source.load()).dataSources();
    assert.deepEqual({ id: info?.id, version: info?.version, licence: info?.licence }, { id: 'third-party-web', version, licence: 'MIT' });
  });

  it('matches a wildcard domain with its sub-domains, mapping the category to souverain\'s', async () => {
    const seed = await source.load();
    const match = seed.match('region1.google-analytics.com');
    assert.equal(match?.value.name, 'Google Analytics');
    assert.equal(match?.value.company, 'Google');
    assert.equal(match?.value.category, 'analytics');
    assert.equal(match?.pattern, 'google-analytics.com');
  });

  it('matches a domain listed without "*." only exactly', async () => {
    const seed = await source.load();
    assert.equal(seed.match('analytics.google.com')?.value.name, 'Google Analytics');
    assert.notEqual(seed.match('x.analytics.google.com')?.pattern, 'analytics.google.com');
  });

  it('knows thousands of domains and nothing about a made-up one', async () => {
    const seed = await source.load();
    assert.ok(seed.size > 3000, `${seed.size} patterns`);
    assert.equal(seed.match('www.souverain-test.invalid'), undefined);
  });
});
