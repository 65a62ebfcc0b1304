import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readEcosystem } from '../../../src/enrich/data-tools/coverage.js';
import { readGlobalNetworks } from '../../../src/enrich/data-tools/network-ranking.js';
import { UsageError } from '../../../src/shared/errors.js';

describe('the optional coverage lists under data/ecosystem/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'souverain-lists-'));

  it('are absent, not an error, when the file does not exist', async () => {
    assert.equal(await readEcosystem(join(dir, 'none.yaml')), undefined);
    assert.equal(await readGlobalNetworks(join(dir, 'none.yaml')), undefined);
  });

  it('name the file, line and field of a malformed entry in one usage error', async () => {
    const file = join(dir, 'fr-eu.yaml');
    writeFileSync(file, 'services:\n  - { name: "Ok", category: analytics, entity: google, hosts: [a.example] }\n  - { name: "Broken", category: analytics, entity: google, hosts: "not a list" }\n');
    await assert.rejects(readEcosystem(file), (error: unknown) => {
      assert.ok(error instanceof UsageError, String(error));
      assert.match(error.message, /fr-eu\.yaml/);
      assert.match(error.message, /line 3/);
      assert.match(error.message, /hosts/);
      return true;
    });
  });

  it('read the bundled lists', async () => {
    assert.ok(((await readEcosystem())?.services.length ?? 0) > 300);
    assert.ok(((await readGlobalNetworks())?.networks.length ?? 0) > 20);
  });
});
