import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { loadKnowledge, type Knowledge } from '../../src/enrich/knowledge.js';
import type { Attribution } from '../../src/types.js';

const require = createRequire(import.meta.url);

let knowledge: Knowledge;
before(async () => {
  knowledge = await loadKnowledge();
});

function known<T>(attribution: Attribution<T>): T {
  assert.equal(attribution.status, 'known', JSON.stringify(attribution));
  return (attribution as { value: T }).value;
}

test('a Google address is traced to AS15169, Google, Alphabet, US and the CLOUD Act', () => {
  const network = known(knowledge.networkForIp('142.250.74.238'));
  assert.equal(network.asn, 15169);
  const operator = known(knowledge.operatorForAsn(network.asn));
  assert.equal(operator.entity, 'google');
  const control = known(knowledge.controlOf(operator.entity));
  assert.equal(control.ultimateParent, 'alphabet');
  assert.deepEqual(control.chain, ['Google', 'Alphabet']);
  assert.equal(control.jurisdiction, 'US');
  assert.ok(control.laws.includes('us-cloud-act'));
  assert.ok(control.laws.includes('us-fisa-702'));
  assert.equal(knowledge.laws()['us-cloud-act']?.country, 'US');
});

test('an OVHcloud address is French, operated by OVHcloud, with no US law', () => {
  assert.deepEqual(known(knowledge.locationForIp('51.91.0.1')), { country: 'FR' });
  const operator = known(knowledge.operatorForAsn(known(knowledge.networkForIp('51.91.0.1')).asn));
  const control = known(knowledge.controlOf(operator.entity));
  assert.equal(control.jurisdiction, 'FR');
  assert.deepEqual(control.laws, []);
});

test('private, loopback and unannounced addresses stay unknown', () => {
  for (const ip of ['127.0.0.1', '10.0.0.8', '::1', 'garbage']) {
    assert.equal(knowledge.networkForIp(ip).status, 'unknown', ip);
    assert.equal(knowledge.locationForIp(ip).status, 'unknown', ip);
  }
  assert.equal(knowledge.operatorForAsn(64512).status, 'unknown', 'a private ASN names no organisation');
});

test('an EU subsidiary does not change the jurisdiction, a US subsidiary adds US law', () => {
  const aws = known(knowledge.controlOf('aws'));
  assert.equal(aws.jurisdiction, 'US');
  const imperva = known(knowledge.controlOf('imperva'));
  assert.equal(imperva.jurisdiction, 'FR');
  assert.ok(imperva.laws.includes('us-cloud-act'), 'Imperva, Inc. is a US company');
  const tiktok = known(knowledge.controlOf('tiktok'));
  assert.equal(tiktok.jurisdiction, 'KY');
  assert.ok(tiktok.laws.includes('cn-national-intelligence-law'), 'ByteDance is headquartered in China');
});

test('a low-confidence link or an unknown country makes control unknown (decision 0002)', () => {
  // PrintFriendly's legal entity has never been read (data/entities/web-vendors.yaml): it stays low.
  const printfriendly = knowledge.controlOf('printfriendly');
  assert.equal(printfriendly.status, 'unknown');
  assert.match((printfriendly as { reason?: string }).reason ?? '', /low confidence/);
  assert.equal(knowledge.controlOf('esm-sh').status, 'unknown');
  assert.equal(knowledge.controlOf('no-such-entity').status, 'unknown');
  assert.equal(knowledge.entity('printfriendly')?.confidence, 'low');
});

test('a control in flux carries every candidate jurisdiction (Criteo: FR, LU, US)', () => {
  const criteo = knowledge.controlOf('criteo');
  assert.equal(criteo.status, 'known');
  const candidates = criteo.status === 'known' ? criteo.value.jurisdictionCandidates ?? [] : [];
  assert.deepEqual(candidates.map((candidate) => candidate.country).sort(), ['FR', 'LU', 'US']);
});

test('every Amazon S3 host form is Amazon S3, object storage, AWS', () => {
  const forms = [
    's3.amazonaws.com', 'bucket.s3.amazonaws.com', 'my.bucket.s3.amazonaws.com',
    's3.eu-west-3.amazonaws.com', 'bucket.s3.eu-west-3.amazonaws.com',
    's3-eu-west-1.amazonaws.com', 'bucket.s3-eu-west-1.amazonaws.com', 's3-external-1.amazonaws.com',
    'bucket.s3-website-us-east-1.amazonaws.com', 'bucket.s3-website.eu-west-3.amazonaws.com',
    's3.dualstack.eu-west-1.amazonaws.com', 'bucket.s3.dualstack.eu-west-1.amazonaws.com',
    'ap-1234.s3-accesspoint.eu-west-1.amazonaws.com', 's3-fips.dualstack.us-east-1.amazonaws.com',
    'BUCKET.S3.EU-WEST-3.AMAZONAWS.COM.',
  ];
  for (const host of forms) {
    assert.deepEqual(known(knowledge.vendorForHost(host)), { entity: 'aws', service: 'Amazon S3', categories: ['object-storage'] }, host);
  }
  assert.equal(known(knowledge.vendorForHost('ec2-1-2-3-4.eu-west-3.compute.amazonaws.com')).service, 'Amazon Web Services');
  assert.equal(known(knowledge.vendorForHost('d111111abcdef8.cloudfront.net')).service, 'Amazon CloudFront');
});

test('the seed article\'s Google services and library CDNs are recognised', () => {
  const expectations: [string, string, string][] = [
    ['www.google-analytics.com', 'google', 'analytics'],
    ['googleads.g.doubleclick.net', 'google', 'advertising'],
    ['www.google.com', 'google', 'captcha'],
    ['www.gstatic.com', 'google', 'captcha'],
    ['ajax.googleapis.com', 'google', 'library-cdn'],
    ['fonts.gstatic.com', 'google', 'fonts'],
    ['cdnjs.cloudflare.com', 'cloudflare', 'library-cdn'],
    ['code.jquery.com', 'openjs-foundation', 'library-cdn'],
    ['bucket.s3.gra.io.cloud.ovh.net', 'ovhcloud', 'object-storage'],
    ['storage.sbg.cloud.ovh.net', 'ovhcloud', 'object-storage'],
    ['www.cloudwatt.com', 'cloudwatt', 'hosting'],
    ['numergy.com', 'numergy', 'hosting'],
  ];
  for (const [host, entity, category] of expectations) {
    const vendor = known(knowledge.vendorForHost(host));
    assert.equal(vendor.entity, entity, host);
    assert.ok(vendor.categories.includes(category as never), `${host}: ${vendor.categories.join(',')}`);
  }
});

test('third-party-web fills in hosts the curated tables lack: vendor named, control unknown (decision 0018)', () => {
  // Whatever the curated data covers, an answer from third-party-web alone never carries a jurisdiction.
  let seedOnly = 0;
  for (const entry of require('third-party-web/dist/entities.json') as { domains: string[] }[]) {
    const host = entry.domains[0]?.replace(/^\*\./, 'www.');
    if (!host) continue;
    const vendor = knowledge.vendorForHost(host);
    if (vendor.status !== 'known' || vendor.provenance[0]?.source !== 'third-party-web') continue;
    seedOnly++;
    assert.ok(vendor.value.entity.startsWith('tpw:'), `${host} → ${vendor.value.entity}`);
    assert.equal(knowledge.controlOf(vendor.value.entity).status, 'unknown', host);
    assert.equal(knowledge.entity(vendor.value.entity)?.country, 'unknown');
  }
  assert.ok(seedOnly > 0);
  assert.equal(knowledge.vendorForHost('www.example.fr').status, 'unknown');
  assert.equal(knowledge.vendorForHost('142.250.74.238').status, 'unknown');
});

test('aliases map other sources\' names to entities, e.g. a CA organisation', () => {
  assert.equal(knowledge.entityForName("Let's Encrypt"), 'isrg');
  assert.equal(knowledge.entityForName('DigiCert Inc'), 'digicert');
  assert.equal(knowledge.entityForName('google'), 'google');
});

test('alternatives prefer the vendor-specific text, then the category', () => {
  assert.match(knowledge.alternativeFor(['analytics'], 'google')?.en ?? '', /Google Analytics/);
  assert.match(knowledge.alternativeFor(['object-storage'], 'aws')?.fr ?? '', /OVHcloud/);
  assert.match(knowledge.alternativeFor(['video'], 'youtube')?.en ?? '', /PeerTube/);
  assert.match(knowledge.alternativeFor(['analytics'], 'hotjar')?.en ?? '', /self-hosted/);
  assert.equal(knowledge.alternativeFor(['other']), undefined);
});

test('EU/EEA countries and data sources with licences and attribution are exposed', () => {
  const europe = knowledge.euCountries();
  assert.equal(europe.length, 30);
  assert.ok(europe.includes('FR') && europe.includes('NO') && !europe.includes('CH') && !europe.includes('GB'));
  const sources = knowledge.dataSources();
  const asn = sources.find((source) => source.id === 'ip-location-db/asn');
  assert.match(asn?.attribution ?? '', /DB-IP/);
  assert.match(asn?.builtAt ?? '', /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(sources.some((source) => source.id === 'third-party-web' && source.licence === 'MIT'));
  assert.ok(sources.some((source) => source.id === 'curated-entities' && source.licence === 'CC-BY-4.0'));
});

test('an extra data file extends the knowledge and overrides the bundled facts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'souverain-knowledge-'));
  const file = join(dir, 'extra.yaml');
  writeFileSync(file, `
entities:
  - id: ikoula
    name: Ikoula
    country: US
    confidence: high
    asns: [64500]
    sources: [{ note: "hypothetical takeover for the test", asOf: 2026-11-29 }]
services:
  - entity: ikoula
    service: Ikoula Analytics
    categories: [analytics]
    hosts: [stats.ikoula-test.fr]
  - entity: google
    service: Google Analytics (user override)
    categories: [analytics]
    hosts: [google-analytics.com]
`);
  const extended = await loadKnowledge({ extraDataFiles: [file] });
  assert.equal(known(extended.controlOf('ikoula')).jurisdiction, 'US');
  assert.equal(known(extended.operatorForAsn(64500)).entity, 'ikoula');
  assert.equal(known(extended.vendorForHost('a.stats.ikoula-test.fr')).service, 'Ikoula Analytics');
  assert.equal(known(extended.vendorForHost('www.google-analytics.com')).service, 'Google Analytics (user override)');
  assert.ok(extended.dataSources().some((source) => source.id === `user-data:${file}`));
  assert.equal(known(knowledge.controlOf('ikoula')).jurisdiction, 'FR', 'the default knowledge is untouched');
});
