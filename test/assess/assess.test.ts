import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assess } from '../../src/assess/assess.js';
import { loadPolicy, parsePolicy } from '../../src/assess/policy-file.js';
import { rules } from '../../src/assess/rules/index.js';
import { collection, enrichment, google, host, known, page, unknown } from './builders.js';

const fr = (await loadPolicy('fr')).policy;
const eu = (await loadPolicy('eu')).policy;

describe('assess', () => {
  it('calls a page whose hosts are all French-controlled sovereign under fr', () => {
    const result = assess(collection(), enrichment([host('www.site.fr', { firstParty: true }), host('cdn.ovh.net')]), fr, 'built-in:fr');
    assert.equal(result.verdict, 'sovereign');
    assert.ok(result.rules.every((r) => r.status === 'pass'));
  });

  it('fails a page that sends visitors to a Google-controlled vendor, naming the chain and the law', () => {
    const ga = host('www.google-analytics.com', { vendor: known({ entity: 'google', service: 'Google Analytics', categories: ['analytics'] }), vendorControl: known(google) });
    const result = assess(collection(), enrichment([ga]), fr, 'built-in:fr');
    assert.equal(result.verdict, 'not-sovereign');
    const finding = result.rules.find((r) => r.id === 'foreign-controlled-third-parties')!.findings[0]!;
    assert.equal(finding.subject.host, 'www.google-analytics.com');
    assert.equal(finding.control?.jurisdiction, 'US');
    assert.match(finding.message.en, /google → alphabet \(United States; US CLOUD Act\)/);
    assert.match(finding.message.fr, /google → alphabet \(États-Unis ; US CLOUD Act\)/);
    assert.equal(finding.blocking, true);
  });

  it('fails a French vendor served from a US-operated server (operator kept apart from vendor)', () => {
    const onCloudFront = host('tag.vendor.fr', { operator: known({ entity: 'aws' }), operatorControl: known({ ...google, entity: 'aws', ultimateParent: 'amazon', chain: ['aws', 'amazon'] }) });
    const result = assess(collection(), enrichment([onCloudFront]), fr, 'built-in:fr');
    assert.equal(result.verdict, 'not-sovereign');
    assert.deepEqual(result.rules.filter((r) => r.status === 'fail').map((r) => r.id), ['foreign-operated-servers']);
  });

  it('is inconclusive, never sovereign, when a host cannot be attributed', () => {
    const mystery = host('cdn.unknown-vendor.example', { vendorControl: unknown(), operatorControl: unknown(), operator: unknown() });
    const result = assess(collection(), enrichment([mystery]), fr, 'built-in:fr');
    assert.equal(result.verdict, 'inconclusive');
    assert.equal(result.rules.find((r) => r.id === 'unattributed-hosts')!.status, 'unknown');
  });

  it('does not judge a first party by its vendor, only by its operator', () => {
    const own = host('www.site.fr', { firstParty: true, vendor: unknown(), vendorControl: unknown() });
    assert.equal(assess(collection(), enrichment([own]), fr, 'built-in:fr').verdict, 'sovereign');
  });

  it('accepts under eu what it rejects under fr (a German vendor)', () => {
    const de = host('consent.usercentrics.eu', { vendorControl: known({ ...google, entity: 'usercentrics', ultimateParent: 'usercentrics', jurisdiction: 'DE', laws: [] }) });
    assert.equal(assess(collection(), enrichment([de]), fr, 'built-in:fr').verdict, 'not-sovereign');
    assert.equal(assess(collection(), enrichment([de]), eu, 'built-in:eu').verdict, 'sovereign');
  });

  it('lets a policy file allow an organisation or a host, or turn a rule into a warning', () => {
    const ga = host('www.google-analytics.com', { vendorControl: known(google) });
    const allowOrg = parsePolicy('id: t\nname: t\nallowedJurisdictions: [FR]\nallow: { organisations: [alphabet] }', 't.yaml');
    const allowHost = parsePolicy('id: t\nname: t\nallowedJurisdictions: [FR]\nallow: { hosts: ["*.google-analytics.com"] }', 't.yaml');
    const warnOnly = parsePolicy('id: t\nname: t\nallowedJurisdictions: [FR]\nrules: { foreign-controlled-third-parties: warn }', 't.yaml');
    assert.equal(assess(collection(), enrichment([ga]), allowOrg, 't').verdict, 'sovereign');
    assert.equal(assess(collection(), enrichment([ga]), allowHost, 't').verdict, 'sovereign');
    const warned = assess(collection(), enrichment([ga]), warnOnly, 't');
    assert.equal(warned.verdict, 'sovereign');
    assert.equal(warned.rules.find((r) => r.id === 'foreign-controlled-third-parties')!.findings[0]!.blocking, false);
  });

  it('is inconclusive when the page failed to load or never settled', () => {
    const failed = collection([page({ navigationError: { code: 'connection-refused', message: 'net::ERR_CONNECTION_REFUSED' } })]);
    assert.equal(assess(failed, enrichment([]), fr, 'built-in:fr').verdict, 'inconclusive');
    const partial = collection([page({ partial: true, partialReason: 'timeout after 30 s' })]);
    assert.equal(assess(partial, enrichment([]), fr, 'built-in:fr').verdict, 'inconclusive');
  });

  it('shows the initiator chain that brought a host in, outermost first', () => {
    const requests = [
      { id: '1', url: 'https://www.site.fr/', host: 'www.site.fr', method: 'GET', resourceType: 'document' },
      { id: '2', url: 'https://www.googletagmanager.com/gtm.js', host: 'www.googletagmanager.com', method: 'GET', resourceType: 'script', initiator: { type: 'parser', url: 'https://www.site.fr/' } },
      { id: '3', url: 'https://www.google-analytics.com/collect', host: 'www.google-analytics.com', method: 'GET', resourceType: 'image', initiator: { type: 'script', url: 'https://www.googletagmanager.com/gtm.js' } },
    ];
    const ga = host('www.google-analytics.com', { vendorControl: known(google) });
    const finding = assess(collection([page({ requests })]), enrichment([ga]), fr, 'x').rules[0]!.findings[0]!;
    assert.deepEqual(finding.broughtInBy, ['https://www.site.fr/', 'https://www.googletagmanager.com/gtm.js']);
    assert.deepEqual(finding.evidence, ['https://www.google-analytics.com/collect']);
  });
});

describe('rules registry', () => {
  it('lists exactly the rule files, each under its own id', () => {
    const files = readdirSync(new URL('../../src/assess/rules/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    assert.deepEqual(rules.map((r) => r.meta.id).sort(), files.sort());
  });
});

describe('policy files', () => {
  it('names the file, the line and the fix when YAML does not parse', () => {
    assert.throws(() => parsePolicy('id: x\nname: [unclosed', 'p.yaml'), /policy file p\.yaml:\d+ does not parse/);
  });
  it('names the field that is wrong', () => {
    assert.throws(() => parsePolicy('id: x\nname: x\nallowedJurisdictions: [france]', 'p.yaml'), /p\.yaml: allowedJurisdictions\.0: an ISO 3166-1 alpha-2 code/);
    assert.throws(() => parsePolicy('id: x\nname: x\nallowedJurisdictions: [FR]\nrules: { x: maybe }', 'p.yaml'), /rules\.x/);
  });
  it('rejects a policy path that does not exist with a hint', async () => {
    await assert.rejects(loadPolicy('/nonexistent/policy.yaml'), /neither a built-in policy nor a readable file/);
  });
});

describe('published policy schema', () => {
  it('is up to date with the zod schema (regenerate: node --import tsx scripts/write-schemas.ts)', async () => {
    const { readFileSync } = await import('node:fs');
    const { policyJsonSchema } = await import('../../scripts/schemas/policy.js');
    assert.equal(readFileSync(new URL('../../schemas/policy.schema.json', import.meta.url), 'utf8'), policyJsonSchema());
  });
});

describe('laws that reach a chain', () => {
  it('fails a French-owned group member that a US law still reaches (e.g. a US subsidiary)', () => {
    const usSubsidiary = host('waf.imperva.com', { vendorControl: known({ entity: 'imperva', entityName: 'Imperva', ultimateParent: 'thales', ultimateParentName: 'Thales', chain: ['Imperva', 'Thales'], jurisdiction: 'FR', laws: ['us-cloud-act'] }) });
    const result = assess(collection(), enrichment([usSubsidiary]), fr, 'built-in:fr');
    assert.equal(result.verdict, 'not-sovereign');
  });
});
