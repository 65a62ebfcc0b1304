import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { enrichHosts, type HostEnrichment } from '../../src/enrich/enrich-hosts.js';
import { loadKnowledge } from '../../src/enrich/knowledge.js';
import type { Collection, DnsAnswer, HostAttribution, PageCapture, RequestRecord } from '../../src/types.js';

const AT = '2026-11-29T00:00:00.000Z';

function request(id: string, url: string, extra: Partial<RequestRecord> = {}): RequestRecord {
  return { id, url, host: new URL(url).hostname, method: 'GET', resourceType: 'script', remoteIp: '127.0.0.1', remotePort: 443, ...extra };
}

function dns(name: string, type: DnsAnswer['type'], values: string[]): DnsAnswer {
  return { name, type, status: 'ok', values, resolver: '127.0.0.1:5300', at: AT };
}

/** A French site, as the fixture world shows it: the browser only ever saw 127.0.0.1. */
function collection(): Collection {
  const page: PageCapture = {
    requestedUrl: 'https://example.fr/',
    finalUrl: 'https://www.example.fr/',
    title: 'Example',
    partial: false,
    startedAt: AT,
    durationMs: 1000,
    wait: { timeoutMs: 30000, minDwellMs: 1000, quietWindowMs: 750 },
    requests: [
      request('1', 'https://www.example.fr/', { resourceType: 'document', redirectChain: ['https://example.fr/'] }),
      request('2', 'https://www.google-analytics.com/analytics.js'),
      request('3', 'https://mybucket.s3.eu-west-3.amazonaws.com/logo.png', { resourceType: 'image' }),
      request('4', 'https://stats.example.fr/collect', { resourceType: 'ping' }),
      request('5', 'https://cdn.example.fr/app.js'),
      request('6', 'https://files.partner-ovh.fr/doc.pdf', { resourceType: 'other', remoteIp: '51.91.0.1' }),
      request('7', 'data:image/png;base64,AAAA', { host: '' }),
      request('8', 'http://[2001:41d0:8:1::1]/pixel.gif', { resourceType: 'image' }),
    ],
    websockets: [{ url: 'wss://live.unknown-vendor.test/socket', host: 'live.unknown-vendor.test' }],
    cookies: [],
    storage: [],
    hints: [{ rel: 'preconnect', href: 'https://fonts.gstatic.com', host: 'fonts.gstatic.com' }],
    errors: [],
  };
  return {
    target: 'https://example.fr/',
    startedAt: AT,
    finishedAt: AT,
    options: { insecure: true, timeoutMs: 30000, infra: false },
    pages: [page],
    dns: [
      dns('www.google-analytics.com', 'A', ['142.250.74.238']),
      dns('mybucket.s3.eu-west-3.amazonaws.com', 'CNAME', ['s3-r-w.eu-west-3.amazonaws.com.']),
      dns('s3-r-w.eu-west-3.amazonaws.com', 'A', ['52.95.154.1']),
      // CNAME cloaking: a first-party name aliasing an analytics vendor.
      dns('stats.example.fr', 'CNAME', ['example-fr.at-o.net']),
      dns('example-fr.at-o.net', 'A', ['51.91.0.2']),
      // Plain infrastructure: a first-party name on a CDN is not cloaking.
      dns('cdn.example.fr', 'CNAME', ['d111111abcdef8.cloudfront.net']),
      dns('d111111abcdef8.cloudfront.net', 'A', ['13.32.0.1']),
      dns('www.example.fr', 'A', ['10.0.0.5']),
      { name: 'live.unknown-vendor.test', type: 'A', status: 'nxdomain', values: [], resolver: '127.0.0.1:5300', at: AT },
    ],
    errors: [],
  };
}

let result: HostEnrichment;
before(async () => {
  result = enrichHosts(collection(), await loadKnowledge());
});

function host(name: string): HostAttribution {
  const found = result.hosts.find((candidate) => candidate.host === name);
  assert.ok(found, `${name} not attributed; got ${result.hosts.map((h) => h.host).join(', ')}`);
  return found;
}

test('every request, redirect hop, websocket, hint and final URL host is attributed once', () => {
  const names = result.hosts.map((h) => h.host).sort();
  assert.deepEqual(names, [
    '2001:41d0:8:1::1', 'cdn.example.fr', 'example.fr', 'files.partner-ovh.fr', 'fonts.gstatic.com', 'live.unknown-vendor.test',
    'mybucket.s3.eu-west-3.amazonaws.com', 'stats.example.fr', 'www.example.fr', 'www.google-analytics.com',
  ]);
});

test('Google Analytics: vendor Google → Alphabet (US), operator from the DNS answer, since the browser saw 127.0.0.1', () => {
  const ga = host('www.google-analytics.com');
  assert.equal(ga.firstParty, false);
  assert.deepEqual(ga.addresses, [{ ip: '142.250.74.238', source: 'dns' }]);
  assert.equal(ga.network.status === 'known' && ga.network.value.asn, 15169);
  assert.equal(ga.operator.status === 'known' && ga.operator.value.entity, 'google');
  assert.equal(ga.vendorControl.status === 'known' && ga.vendorControl.value.jurisdiction, 'US');
  assert.ok(ga.vendorControl.status === 'known' && ga.vendorControl.value.laws.includes('us-cloud-act'));
  assert.equal(ga.serverLocation.status === 'known' && ga.serverLocation.value.country, 'US');
  assert.match(ga.alternative?.en ?? '', /Matomo/);
});

test('an S3 bucket is its own registrable domain, third party, vendor AWS, located in France but under US law', () => {
  const s3 = host('mybucket.s3.eu-west-3.amazonaws.com');
  assert.equal(s3.registrableDomain, 'mybucket.s3.eu-west-3.amazonaws.com');
  assert.equal(s3.firstParty, false);
  assert.equal(s3.vendor.status === 'known' && s3.vendor.value.service, 'Amazon S3');
  assert.deepEqual(s3.cnameChain, ['s3-r-w.eu-west-3.amazonaws.com']);
  assert.equal(s3.serverLocation.status === 'known' && s3.serverLocation.value.country, 'FR');
  assert.equal(s3.operatorControl.status === 'known' && s3.operatorControl.value.jurisdiction, 'US');
});

test('a first-party name that CNAMEs to an analytics vendor is cloaked and not first party', () => {
  const stats = host('stats.example.fr');
  assert.equal(stats.firstParty, false);
  assert.deepEqual(stats.cloakedBy, { target: 'example-fr.at-o.net', entity: 'at-internet' });
  assert.equal(stats.vendor.status === 'known' && stats.vendor.value.entity, 'at-internet');
  assert.equal(stats.vendor.status === 'known' && stats.vendor.provenance[0]?.source, 'dns');
  assert.equal(stats.vendorControl.status === 'known' && stats.vendorControl.value.ultimateParent, 'piano');
});

test('a first-party name on a CDN stays first party, its operator is the CDN', () => {
  const cdn = host('cdn.example.fr');
  assert.equal(cdn.firstParty, true);
  assert.equal(cdn.cloakedBy, undefined);
  assert.equal(cdn.vendor.status, 'unknown');
  assert.equal(cdn.operator.status === 'known' && cdn.operator.value.entity, 'aws');
  assert.deepEqual(cdn.cnameChain, ['d111111abcdef8.cloudfront.net']);
});

test('a usable browser address wins over DNS; a private DNS answer is not used', () => {
  const partner = host('files.partner-ovh.fr');
  assert.deepEqual(partner.addresses, [{ ip: '51.91.0.1', source: 'browser' }]);
  assert.equal(partner.operatorControl.status === 'known' && partner.operatorControl.value.jurisdiction, 'FR');
  const site = host('www.example.fr');
  assert.equal(site.firstParty, true);
  assert.deepEqual(site.addresses, []);
  assert.equal(site.network.status, 'unknown');
  assert.equal(site.serverLocation.status, 'unknown');
});

test('a URL naming a public IP literally is attributed through that address, with no vendor', () => {
  const literal = host('2001:41d0:8:1::1');
  assert.deepEqual(literal.addresses, [{ ip: '2001:41d0:8:1::1', source: 'browser' }]);
  assert.equal(literal.operator.status === 'known' && literal.operator.value.entity, 'ovhcloud');
  assert.equal(literal.vendor.status, 'unknown');
});

test('an unknown host is unknown on every fact, never guessed', () => {
  const unknown = host('live.unknown-vendor.test');
  for (const fact of [unknown.vendor, unknown.vendorControl, unknown.network, unknown.operator, unknown.operatorControl, unknown.serverLocation]) {
    assert.equal(fact.status, 'unknown');
  }
  assert.equal(unknown.alternative, undefined);
});

test('entities and laws referenced are returned with their facts', () => {
  for (const id of ['google', 'alphabet', 'aws', 'amazon', 'at-internet', 'piano', 'ovhcloud']) {
    assert.ok(result.entities[id], id);
    assert.ok(result.entities[id]!.provenance.length > 0, id);
  }
  assert.equal(result.entities.google?.ultimateParent, 'alphabet');
  assert.ok(result.laws['us-cloud-act']);
  assert.equal(result.laws['cn-national-intelligence-law'], undefined, 'only referenced laws');
});
