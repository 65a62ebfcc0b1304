/** The curated data source (src/enrich/sources/curated): its contract face — load, revisions, report entries. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { source } from '../../../src/enrich/sources/curated/index.js';
import { SOURCE_IDS } from '../../../src/enrich/sources/curated/load.js';
import { UsageError } from '../../../src/shared/errors.js';

describe('curated data source', () => {
  it('loads the bundled tables with one content revision per kind of file, shown in the report entries', async () => {
    const loaded = await source.load();
    assert.ok(loaded.data.entities.has('google'));
    const described = loaded.dataSources();
    assert.deepEqual(described.map((info) => info.id), [SOURCE_IDS.entities, SOURCE_IDS.services, SOURCE_IDS.laws, SOURCE_IDS.alternatives]);
    for (const info of described) {
      assert.match(info.version, /^sha256:[0-9a-f]{12}$/);
      assert.equal(info.version, loaded.revisions[info.id]);
    }
    assert.equal(new Set(described.map((info) => info.version)).size, 4, 'each kind of file has its own revision');
    const latest = [...loaded.data.entities.values()].flatMap((entity) => entity.sources.map((s) => s.asOf)).sort().at(-1);
    assert.equal(described[0]?.builtAt, latest, 'built at = the latest as-of date of the organisations');
  });

  it('version() hashes the bundled files without parsing them, and is stable', () => {
    assert.match(source.version(), /^sha256:[0-9a-f]{12}$/);
    assert.equal(source.version(), source.version());
  });

  it('adds a user data file as its own entry, and names a bad one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'souverain-curated-source-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'entities:\n  - id: my-host\n    name: My Host\n    country: FR\n    confidence: high\n    sources: [{ note: our contract, asOf: 2026-01-01 }]\n');
    const loaded = await source.load({ extraDataFiles: [file] });
    assert.equal(loaded.data.entities.get('my-host')?.origin.file, file);
    const user = loaded.dataSources().find((info) => info.id === `${SOURCE_IDS.user}:${file}`);
    assert.match(user?.version ?? '', /^[0-9a-f]{12}$/);
    writeFileSync(file, 'entities:\n  - id: broken\n');
    await assert.rejects(source.load({ extraDataFiles: [file] }), UsageError);
  });
});
