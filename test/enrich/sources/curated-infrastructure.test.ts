/** The curated infrastructure patterns as a data source (src/enrich/sources/curated-infrastructure). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { source } from '../../../src/enrich/sources/curated-infrastructure/index.js';
import { UsageError } from '../../../src/shared/errors.js';

describe('curated-infrastructure data source', () => {
  it('loads the bundled patterns; its version() is the version the report shows', async () => {
    const patterns = await source.load();
    assert.equal(patterns.cname('d111111abcdef8.cloudfront.net')?.entity, 'aws');
    assert.equal(patterns.cname('www.souverain-test.invalid'), undefined);
    const [info] = patterns.dataSources();
    assert.deepEqual({ id: info?.id, licence: info?.licence, version: info?.version }, { id: 'curated-infrastructure', licence: 'CC-BY-4.0', version: source.version() });
  });

  it('adds the infrastructure section of a user file, and names a bad one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'souverain-infra-source-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'infrastructure:\n  cname:\n    - { suffix: edge.my-cdn.example, entity: ovhcloud, service: My CDN, kind: cdn, source: { note: our contract, asOf: 2026-01-01 } }\n');
    const patterns = await source.load({ extraDataFiles: [file] });
    assert.equal(patterns.cname('a.edge.my-cdn.example')?.service, 'My CDN');
    writeFileSync(file, 'infrastructure:\n  cname:\n    - { suffix: 42 }\n');
    await assert.rejects(source.load({ extraDataFiles: [file] }), UsageError);
  });
});
