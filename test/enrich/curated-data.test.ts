import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { UsageError } from '../../src/shared/errors.js';
import { checkConsistency, loadCuratedData, SOURCE_IDS, type CuratedData, type Sourced } from '../../src/enrich/sources/curated/load.js';
import type { EntityRecord } from '../../src/enrich/sources/curated/schema.js';
import { dataJsonSchema, schemaFileUrl, type DataSchemaName } from '../../scripts/schemas/data.js';

let data: CuratedData;
before(async () => {
  data = await loadCuratedData();
});

test('the bundled data validates and holds together', () => {
  assert.ok(data.entities.size >= 100, `only ${data.entities.size} entities`);
  assert.ok(data.services.length >= 100);
  assert.deepEqual(checkConsistency(data), []);
});

test('every entity cites at least one source with a date, and every parent exists', () => {
  for (const entity of data.entities.values()) {
    assert.ok(entity.sources.length > 0, entity.id);
    for (const source of entity.sources) assert.match(source.asOf, /^\d{4}-\d{2}-\d{2}$/, entity.id);
    if (entity.parent) assert.ok(data.entities.has(entity.parent), `${entity.id} → ${entity.parent}`);
  }
});

test('the systems of the seed article and the common third parties are covered', () => {
  for (const id of ['alphabet', 'google', 'amazon', 'aws', 'ibm', 'ovhcloud', 'gandi', 'ikoula', 'orange', 'cloudwatt', 'altice-france', 'numergy',
    'microsoft', 'cloudflare', 'meta', 'hotjar', 'didomi', 'criteo', 'isrg', 'digicert', 'sectigo', 'globalsign', 'dhimyotis']) {
    assert.ok(data.entities.has(id), id);
  }
});

test('the laws file lists the US laws and the 27 EU + 3 EEA countries', () => {
  for (const id of ['us-cloud-act', 'us-fisa-702', 'us-eo-12333', 'cn-national-intelligence-law', 'ru-sorm-yarovaya']) assert.ok(data.laws.has(id), id);
  assert.equal(data.countryGroups.eu.length, 27);
  assert.deepEqual([...data.countryGroups.eea].sort(), ['IS', 'LI', 'NO']);
});

test('an ownership cycle, an unknown parent and a doubly-claimed ASN are reported', () => {
  const origin = { source: SOURCE_IDS.entities, file: 'test' };
  const entity = (id: string, parent?: string, asns?: number[]): Sourced<EntityRecord> => ({
    id, name: id, country: 'FR', confidence: 'high', sources: [{ note: 'test', asOf: '2026-01-01' }], origin,
    ...(parent ? { parent } : {}), ...(asns ? { asns } : {}),
  });
  const entities = new Map([['a', entity('a', 'b', [64500])], ['b', entity('b', 'a')], ['c', entity('c', 'nobody', [64500])]]);
  const problems = checkConsistency({ entities, services: [], alternatives: [] });
  assert.ok(problems.some((p) => p.includes('cycle')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('unknown parent "nobody"')));
  assert.ok(problems.some((p) => p.includes('AS64500')));
});

test('the committed JSON Schemas are the ones the zod schemas generate', () => {
  for (const name of ['entities', 'services', 'laws', 'alternatives', 'user-data'] as DataSchemaName[]) {
    assert.equal(readFileSync(schemaFileUrl(name), 'utf8'), dataJsonSchema(name), `schemas/${name}.schema.json is stale: run node --import tsx scripts/write-schemas.ts`);
  }
});

function userFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'souverain-data-')), 'extra.yaml');
  writeFileSync(file, text);
  return file;
}

test('a user data file overrides an entity and adds services', async () => {
  const file = userFile(`
entities:
  - id: ikoula
    name: Ikoula
    country: FR
    parent: my-group
    confidence: high
    sources: [{ note: "our own audit", asOf: 2026-11-01 }]
  - id: my-group
    name: My Group
    country: BE
    confidence: high
    sources: [{ note: "our own audit", asOf: 2026-11-01 }]
services:
  - entity: my-group
    service: My CDN
    categories: [cdn]
    hosts: [cdn.my-group.test]
infrastructure: { ignored: "belongs to another stage" }
`);
  const merged = await loadCuratedData([file]);
  assert.equal(merged.entities.get('ikoula')?.parent, 'my-group');
  assert.equal(merged.entities.get('ikoula')?.origin.source, SOURCE_IDS.user);
  assert.ok(merged.services.some((service) => service.hosts.includes('cdn.my-group.test')));
});

test('an invalid user data file is a usage error naming the field', async () => {
  const file = userFile('entities:\n  - id: Bad Id\n    name: x\n    country: France\n    confidence: high\n    sources: []\n');
  await assert.rejects(loadCuratedData([file]), (error: unknown) => error instanceof UsageError && /entities\.0\./.test(error.message));
  await assert.rejects(loadCuratedData(['/nonexistent/souverain.yaml']), UsageError);
});
