import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { loadPolicy } from '../../src/assess/policy-file.js';
import { rules } from '../../src/assess/rules/index.js';
import { starterPolicy } from '../../src/cli/policy-text.js';
import {
  compareWithBaseline, createBaseline, describeComparison, parseBaseline, serialiseBaseline,
} from '../../src/compare/baseline.js';
import { findingKey } from '../../src/report/findings.js';
import { baselineJsonSchema, configJsonSchema } from '../../scripts/schemas/config.js';
import type { AuditReport, Finding } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';

const seed = sampleReports['seed-not-sovereign']!;

/** A copy of a report whose rules keep only the findings `keep` accepts (and an extra one, if given). */
function withFindings(report: AuditReport, keep: (finding: Finding) => boolean, extra?: Finding): AuditReport {
  const rules = report.assessment.rules.map((rule, index) => ({
    ...rule,
    findings: [...rule.findings.filter(keep), ...(extra && index === 0 ? [extra] : [])],
  }));
  return { ...report, assessment: { ...report.assessment, rules } };
}

const gaVendor = seed.assessment.rules[0]!.findings.find((finding) => finding.subject.host === 'www.google-analytics.com')!;

describe('finding identity', () => {
  it('does not depend on the message, the IP address or the service label', () => {
    const moved: Finding = { ...gaVendor, message: { en: 'reworded', fr: 'reformulé' }, subject: { ...gaVendor.subject, detail: 'GA4' }, evidence: [] };
    assert.equal(findingKey(moved), findingKey(gaVendor));
    assert.equal(findingKey(gaVendor), 'foreign-controlled-third-parties|host|www.google-analytics.com||vendor|google');
  });

  it('changes with the controlling entity, the role, the rule or the host', () => {
    assert.notEqual(findingKey({ ...gaVendor, control: { ...gaVendor.control!, entity: 'other' } }), findingKey(gaVendor));
    assert.notEqual(findingKey({ ...gaVendor, role: 'operator' }), findingKey(gaVendor));
    assert.notEqual(findingKey({ ...gaVendor, rule: 'x' }), findingKey(gaVendor));
    assert.notEqual(findingKey({ ...gaVendor, subject: { type: 'host', host: 'ga.example' } }), findingKey(gaVendor));
  });
});

describe('baseline gate', () => {
  const baseline = createBaseline(seed);

  it('passes the same audit again: everything accepted, nothing new, nothing absent', () => {
    const comparison = compareWithBaseline(seed, baseline, 'b.json');
    assert.equal(comparison.passed, true);
    assert.equal(comparison.added.length, 0);
    assert.equal(comparison.absent.length, 0);
    assert.equal(comparison.accepted.length, seed.assessment.rules.flatMap((rule) => rule.findings).length);
  });

  it('fails on a new blocking finding and names baseline entries no longer seen', () => {
    const newcomer: Finding = { ...gaVendor, subject: { type: 'host', host: 'fonts.googleapis.com', detail: 'Google Fonts' }, message: { en: 'fonts.googleapis.com is new', fr: 'fonts.googleapis.com est nouveau' } };
    const later = withFindings(seed, (finding) => finding.subject.host !== 'www.google-analytics.com', newcomer);
    const comparison = compareWithBaseline(later, baseline, 'b.json');
    assert.equal(comparison.passed, false);
    assert.deepEqual(comparison.addedBlocking.map((finding) => finding.subject.host), ['fonts.googleapis.com']);
    assert.deepEqual(comparison.absent.map((entry) => entry.subject.host), ['www.google-analytics.com', 'www.google-analytics.com']);
    const en = describeComparison(comparison, 'en');
    assert.match(en, /New blocking findings \(the check fails\):\n {2}- \[foreign-controlled-third-parties\] fonts\.googleapis\.com is new/);
    assert.match(en, /Baseline entries no longer seen/);
    assert.match(describeComparison(comparison, 'fr'), /Entrées de la référence qui ne sont plus observées/);
  });

  it('does not fail on a new finding that does not block', () => {
    const quiet: Finding = { ...gaVendor, blocking: false, subject: { type: 'host', host: 'new.example' } };
    const comparison = compareWithBaseline(withFindings(seed, () => true, quiet), baseline, 'b.json');
    assert.equal(comparison.passed, true);
    assert.equal(comparison.added.length, 1);
  });
});

describe('baseline file', () => {
  const text = serialiseBaseline(createBaseline(seed));

  it('round-trips, and is sorted so that it diffs well in version control', () => {
    const parsed = parseBaseline(text, 'b.json');
    assert.deepEqual(parsed, JSON.parse(text));
    const keys = parsed.entries.map((entry) => entry.key);
    assert.deepEqual(keys, [...keys].sort((a, b) => a.localeCompare(b)));
  });

  it('reports schema errors with their path and line', () => {
    const data = JSON.parse(text);
    data.entries[1].kind = 'maybe';
    const broken = JSON.stringify(data, null, 2);
    const line = broken.split('\n').findIndex((row) => row.includes('"maybe"')) + 1;
    assert.throws(() => parseBaseline(broken, 'b.json'), new RegExp(`baseline file b\\.json: entries\\.1\\.kind: must be one of: violation, unknown \\(line ${line}\\)`));
  });

  it('refuses another major schema version with a clear message', () => {
    const data = { ...JSON.parse(text), schemaVersion: '2.0.0' };
    assert.throws(() => parseBaseline(JSON.stringify(data), 'b.json'), /schemaVersion: a baseline schema version this souverain reads \(1\.x\)/);
  });

  it('refuses an entry whose key does not match its fields', () => {
    const data = JSON.parse(text);
    data.entries[0].subject.host = 'edited.example';
    assert.throws(() => parseBaseline(JSON.stringify(data), 'b.json'), /entries\.0\.key: does not match/);
  });
});

describe('published schemas', () => {
  it('are up to date (regenerate: node --import tsx scripts/write-schemas.ts)', () => {
    assert.equal(readFileSync(new URL('../../schemas/baseline.schema.json', import.meta.url), 'utf8'), baselineJsonSchema());
    assert.equal(readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8'), configJsonSchema());
  });

  it('accept what souverain writes and reject what it refuses', async () => {
    const ajv = new Ajv2020({ strict: false });
    const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')));
    const baseline = schema('baseline.schema.json');
    assert.ok(baseline(JSON.parse(serialiseBaseline(createBaseline(seed)))), JSON.stringify(baseline.errors));
    assert.equal(baseline({ schemaVersion: '1.0.0', entries: 'none' }), false);
    const policy = schema('policy.schema.json');
    for (const id of ['fr', 'eu']) {
      const text = readFileSync(new URL(`../../data/policies/${id}.yaml`, import.meta.url), 'utf8');
      assert.ok(policy(parseYaml(text)), `${id}: ${JSON.stringify(policy.errors)}`);
      assert.ok(policy(parseYaml(starterPolicy((await loadPolicy(id)).policy, id, rules, 'fr'))), JSON.stringify(policy.errors));
    }
    assert.equal(policy({ id: 'x', name: 'x', allowedJurisdictions: ['FR'], categories: { analytic: 'deny' } }), false);
    const config = schema('config.schema.json');
    assert.ok(config({ policy: 'eu', format: ['sarif', 'junit'], timeout: 30, infra: false }), JSON.stringify(config.errors));
    assert.equal(config({ timeout: 'soon' }), false);
  });
});
