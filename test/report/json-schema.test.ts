import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { render } from '../../src/report/index.js';
import { reportSchemaText, SCHEMA_FILE } from '../../scripts/schemas/report.js';
import { REPORT_SCHEMA_VERSION } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';

const committed = readFileSync(SCHEMA_FILE, 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(committed));
const seedJson = (): Record<string, unknown> => JSON.parse(render('json', sampleReports['seed-not-sovereign']!, { lang: 'en', color: false }));

describe('json report', () => {
  it('is the AuditReport itself, indented, whatever the language', () => {
    for (const report of Object.values(sampleReports)) {
      const output = render('json', report, { lang: 'fr', color: true });
      assert.equal(output, `${JSON.stringify(report, null, 2)}\n`);
      assert.deepEqual(JSON.parse(output), report);
    }
  });

  it('validates against schemas/report.schema.json for every sample', () => {
    for (const [name, report] of Object.entries(sampleReports)) {
      const valid = validate(JSON.parse(render('json', report, { lang: 'en', color: false })));
      assert.ok(valid, `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  });

  it('rejects a report missing a required field, with a wrong enum value, or an unknown field', () => {
    const missing = seedJson();
    delete missing.assessment;
    assert.equal(validate(missing), false);
    assert.ok(validate.errors?.some((error) => error.keyword === 'required' && error.params.missingProperty === 'assessment'));

    const verdict = seedJson() as { assessment: { verdict: string } };
    verdict.assessment.verdict = 'probably-fine';
    assert.equal(validate(verdict), false);

    const noTried = seedJson() as { enrichment: { hosts: { vendor: Record<string, unknown> }[] } };
    noTried.enrichment.hosts[0]!.vendor = { status: 'unknown' };
    assert.equal(validate(noTried), false, 'an unknown attribution must say which sources were tried');

    const extra = seedJson() as { collection: Record<string, unknown> };
    extra.collection.cookieJar = [];
    assert.equal(validate(extra), false, 'a misspelt or undocumented field is caught');
  });

  it('accepts this major version only', () => {
    const [major = '1'] = REPORT_SCHEMA_VERSION.split('.');
    const minor = { ...seedJson(), schemaVersion: `${major}.7.0` };
    assert.ok(validate(minor), 'a later minor version of the same major');
    const next = { ...seedJson(), schemaVersion: `${Number(major) + 1}.0.0` };
    assert.equal(validate(next), false, 'a new major version is another format');
  });

  it('is up to date with src/types.ts (regenerate: node --import tsx scripts/write-schemas.ts)', () => {
    assert.equal(committed, reportSchemaText());
  });
});
