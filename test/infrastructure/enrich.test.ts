import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../src/shared/errors.js';
import { attachCdn, cdnForHost, enrichInfrastructure, loadInfrastructurePatterns } from '../../src/enrich/infrastructure.js';
import { infrastructureJsonSchema } from '../../src/enrich/infrastructure-schema.js';
import type { Collection, InfrastructureCollection, SpfSender } from '../../src/types.js';
import { host } from '../assess/builders.js';
import { componentLines, offlineData, pageWith } from './helpers.js';

function collectionWith(infrastructure: InfrastructureCollection): Collection {
  return {
    target: `https://${infrastructure.host}/`,
    startedAt: '2026-11-29T00:00:00.000Z',
    finishedAt: '2026-11-29T00:00:01.000Z',
    options: { insecure: false, timeoutMs: 30000, infra: true },
    pages: [],
    dns: [],
    infrastructure,
    errors: [],
  };
}

const sender = (mechanism: SpfSender['mechanism'], value: string, from: string, depth: number): SpfSender => ({ mechanism, value, from, depth, ...(mechanism === 'include' ? { status: 'ok' as const } : {}) });

describe('infrastructure patterns (data/infrastructure.yaml)', () => {
  test('recognise CDNs, DNS, mail and CAs by their documented names', async () => {
    const { patterns } = await offlineData();
    assert.equal(patterns.cname('e1234.a.akamaiedge.net')?.entity, 'akamai');
    assert.equal(patterns.cname('www.example.fr.cdn.cloudflare.net')?.entity, 'cloudflare');
    assert.equal(patterns.cname('bucket.s3-website-eu-west-1.amazonaws.com')?.kind, 'object-storage');
    assert.equal(patterns.cname('s3.gra.io.cloud.ovh.net')?.entity, 'ovhcloud');
    assert.equal(patterns.cname('zone.b-cdn.net')?.entity, 'bunny');
    assert.equal(patterns.nameServer('ns-1.awsdns-01.co.uk')?.entity, 'aws');
    assert.equal(patterns.nameServer('ns-cloud-a1.googledomains.com')?.entity, 'google');
    assert.equal(patterns.mailExchanger('aspmx.l.google.com')?.entity, 'google');
    assert.equal(patterns.mailExchanger('mx1.mail.ovh.net')?.entity, 'ovhcloud');
    assert.equal(patterns.spf('servers.mcsv.net')?.entity, 'mailchimp');
    assert.equal(patterns.spf('spf.brevo.com')?.entity, 'brevo');
    assert.equal(patterns.certificateAuthority("Let's Encrypt")?.entity, 'isrg');
    assert.equal(patterns.certificateAuthority('Buypass AS-983163327')?.entity, 'buypass');
    assert.equal(patterns.certificateAuthority('Nobody Trust Ltd'), undefined);
  });

  test('a generic header names nobody: a bare Varnish Via or an X-Cache HIT is not a CDN', async () => {
    const { patterns } = await offlineData();
    assert.deepEqual(patterns.headersOf({ via: '1.1 varnish (Varnish/7.4)', 'x-cache': 'HIT', server: 'nginx' }), []);
    assert.deepEqual(patterns.headersOf({ server: 'cloudflare', 'cf-ray': '8a1b-CDG' }).map((hit) => hit.entity), ['cloudflare', 'cloudflare']);
    assert.equal(patterns.headersOf({ 'x-served-by': 'cache-par-lfpg1960045-PAR' })[0]?.entity, 'fastly');
  });

  test('every pattern names a curated organisation whose control is known', async () => {
    const { knowledge } = await offlineData();
    const data = parseYaml(readFileSync(new URL('../../data/infrastructure.yaml', import.meta.url), 'utf8')) as Record<string, { entity: string }[]>;
    const entities = new Set(Object.values(data).flat().map((pattern) => pattern.entity));
    for (const entity of entities) {
      const control = knowledge.controlOf(entity);
      assert.equal(control.status, 'known', `${entity}: ${control.status === 'unknown' ? control.reason : ''}`);
    }
  });

  test('schemas/infrastructure.schema.json is the schema of the loader', () => {
    const onDisk = JSON.parse(readFileSync(new URL('../../schemas/infrastructure.schema.json', import.meta.url), 'utf8'));
    assert.deepEqual(onDisk, infrastructureJsonSchema());
  });

  test('a user data file extends and overrides the patterns; files without an infrastructure section are skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'souverain-infra-'));
    const extra = join(dir, 'extra.yaml');
    writeFileSync(extra, [
      'entities: []',
      'infrastructure:',
      '  cname:',
      '    - { suffix: edge.mycdn.test, kind: cdn, entity: ovhcloud, service: My CDN, source: { note: "internal contract 42", asOf: 2026-11-01 } }',
      '  nameServers:',
      '    - { suffix: ovh.net, entity: scaleway, service: Reassigned, source: { note: "test override", asOf: 2026-11-01 } }',
    ].join('\n'));
    const other = join(dir, 'entities-only.yaml');
    writeFileSync(other, 'entities: []\n');
    const patterns = await loadInfrastructurePatterns([other, extra]);
    const hit = patterns.cname('a.edge.mycdn.test');
    assert.equal(hit?.entity, 'ovhcloud');
    assert.equal(hit?.provenance.source, 'user-data');
    assert.match(hit?.provenance.note ?? '', /internal contract 42; file .*extra\.yaml/);
    assert.equal(patterns.nameServer('dns10.ovh.net')?.entity, 'scaleway', 'a later pattern for the same suffix wins');
  });

  test('a bad user pattern is a UsageError naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'souverain-infra-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'infrastructure:\n  headers:\n    - { header: Server, pattern: "(", entity: x, service: y, source: { note: abc, asOf: 2026-11-01 } }\n');
    await assert.rejects(loadInfrastructurePatterns([bad]), (error: unknown) => error instanceof UsageError && /bad\.yaml: infrastructure\.headers\.0\.header/.test(error.message));
  });
});

describe('enrichInfrastructure', () => {
  test('SPF: recognised senders own their nested includes, first-party includes are walked through, unknown ones stay unknown', async () => {
    const { knowledge, patterns } = await offlineData();
    const infra = enrichInfrastructure(collectionWith({
      host: 'www.example.test',
      registrableDomain: 'example.test',
      spf: [{
        domain: 'example.test',
        status: 'found',
        record: 'v=spf1 include:_spf.example.test include:_spf.google.com include:mystery-mailer.test -all',
        senders: [
          sender('include', '_spf.example.test', 'example.test', 1),
          sender('ip4', '51.91.0.0/16', '_spf.example.test', 2),
          sender('include', 'spf.brevo.com', '_spf.example.test', 2),
          sender('include', '_spf.google.com', 'example.test', 1),
          sender('include', '_netblocks.google.com', '_spf.google.com', 2),
          sender('ip4', '35.190.247.0/24', '_netblocks.google.com', 3),
          sender('include', 'mystery-mailer.test', 'example.test', 1),
          sender('ip4', '192.0.2.0/24', 'mystery-mailer.test', 2),
        ],
        problems: [],
      }],
    }), knowledge, patterns);
    assert.deepEqual(componentLines(infra.components.filter((c) => c.role === 'mail-sender')), ['mail-sender ?', 'mail-sender brevo', 'mail-sender google', 'mail-sender ovhcloud']);
    const mystery = infra.components.find((c) => c.role === 'mail-sender' && c.operator.status === 'unknown')!;
    assert.equal(mystery.subject, 'include:mystery-mailer.test');
    assert.match(mystery.evidence, /matches no SPF pattern/);
    const ovh = infra.components.find((c) => c.subject === 'ip4:51.91.0.0/16')!;
    assert.match(ovh.evidence, /51\.91\.0\.0\/16 → AS16276 OVH SAS \(in the SPF record of _spf\.example\.test\)/);
  });

  test('DKIM: a key CNAMEd into a provider\'s zone names the signer; a key in the own zone names nobody (decision 0068)', async () => {
    const { knowledge, patterns } = await offlineData();
    const found = (selector: string, cnameChain: string[]) => ({ selector, name: `${selector}._domainkey.example.test`, cnameChain, key: 'key' as const });
    const infra = enrichInfrastructure(collectionWith({
      host: 'www.example.test',
      registrableDomain: 'example.test',
      dkim: [{
        domain: 'example.test',
        tried: ['k1', 'k2', 's1', 'google', 'fm1', 'brevo1'],
        found: [
          found('k1', ['dkim.mcsv.net']),
          found('k2', ['dkim2.mcsv.net']),
          found('s1', ['s1.domainkey.u123.wl001.sendgrid.net']),
          found('google', []),
          found('fm1', ['fm1.keys.example.test']),
          found('brevo1', ['b1.example-test.dkim.mystery-esp.test']),
        ],
        problems: ['k9._domainkey.example.test points to x.test but no DKIM key answers there (a stale record or a wildcard); not counted'],
      }],
    }), knowledge, patterns);
    const signers = infra.components.filter((c) => c.subject.startsWith('DKIM '));
    assert.deepEqual(componentLines(signers), ['mail-sender ?', 'mail-sender mailchimp', 'mail-sender twilio']);
    const mailchimp = signers.find((c) => c.operator.status === 'known' && c.operator.value.entity === 'mailchimp')!;
    assert.equal(mailchimp.subject, 'DKIM k1._domainkey.example.test → dkim.mcsv.net, DKIM k2._domainkey.example.test → dkim2.mcsv.net', 'two selectors of one provider are one signer');
    assert.match(mailchimp.evidence, /k1\._domainkey\.example\.test → dkim\.mcsv\.net; dkim\.mcsv\.net matches mcsv\.net, a curated host of Mailchimp/);
    assert.equal(mailchimp.control.status === 'known' && mailchimp.control.value.jurisdiction, 'US');
    const mystery = signers.find((c) => c.operator.status === 'unknown')!;
    assert.match(mystery.evidence, /b1\.example-test\.dkim\.mystery-esp\.test is under no curated organisation's domain/);
    assert.ok(infra.problems.includes("DKIM key google._domainkey.example.test is published in the domain's own zone: it names no operator"), 'a google selector is not evidence of Google');
    assert.ok(infra.problems.includes("DKIM key fm1._domainkey.example.test is published in the domain's own zone: it names no operator"), 'a CNAME inside the site\'s own domain names nobody either');
    assert.ok(infra.problems.some((p) => p.startsWith('k9._domainkey.example.test points to x.test')));
  });

  test('DMARC: third-party report mailboxes are receivers with their operator; the site\'s own mailbox is not listed', async () => {
    const { knowledge, patterns } = await offlineData();
    const address = (value: string) => ({ uri: `mailto:${value}`, address: value, domain: value.split('@')[1]! });
    const infra = enrichInfrastructure(collectionWith({
      host: 'www.example.test',
      registrableDomain: 'example.test',
      dmarc: [
        { domain: 'example.test', status: 'found', policy: 'reject', aggregate: [address('abc@vali.email'), address('dmarc@example.test'), address('x@reports.mystery-dmarc.test'), { uri: 'https://bad' }], failure: [address('abc@ruf.vali.email')], problems: ['DMARC rua= "https://bad": not a mailto: address, not followed'] },
        { domain: 'www.example.test', status: 'none', aggregate: [], failure: [], problems: [] },
      ],
    }), knowledge, patterns);
    assert.deepEqual(componentLines(infra.components.filter((c) => c.role === 'mail-reports')), ['mail-reports ?', 'mail-reports valimail']);
    const valimail = infra.components.find((c) => c.role === 'mail-reports' && c.operator.status === 'known')!;
    assert.equal(valimail.subject, 'rua=abc@vali.email, ruf=abc@ruf.vali.email');
    assert.match(valimail.evidence, /_dmarc\.example\.test sends its aggregate reports \(rua=\) to abc@vali\.email; vali\.email is under vali\.email, a domain of Valimail/);
    assert.equal(valimail.control.status === 'known' && valimail.control.value.jurisdiction, 'US');
    assert.ok(infra.problems.includes('DMARC rua= "https://bad": not a mailto: address, not followed'));
    assert.ok(!infra.problems.some((p) => p.includes('publishes no DMARC')), 'only the registrable domain\'s missing record is worth a line');
    const none = enrichInfrastructure(collectionWith({ host: 'example.test', registrableDomain: 'example.test', dmarc: [{ domain: 'example.test', status: 'none', aggregate: [], failure: [], problems: [] }] }), knowledge, patterns);
    assert.ok(none.problems.includes('example.test publishes no DMARC record (_dmarc.example.test)'));
    const failed = enrichInfrastructure(collectionWith({ host: 'example.test', registrableDomain: 'example.test', dmarc: [{ domain: 'example.test', status: 'failed', aggregate: [], failure: [], problems: ['DMARC of example.test: _dmarc.example.test TXT: SERVFAIL'] }] }), knowledge, patterns);
    assert.deepEqual(componentLines(failed.components.filter((c) => c.role === 'mail-reports')), ['mail-reports ?'], 'a failed look-up is an unknown receiver, not "none"');
  });

  test('a null MX (RFC 7505) is "no mail", a failed MX look-up is an unknown', async () => {
    const { knowledge, patterns } = await offlineData();
    const infra = enrichInfrastructure(collectionWith({
      host: 'www.example.test',
      registrableDomain: 'example.test',
      mail: [{ domain: 'example.test', status: 'ok', exchanges: [] }, { domain: 'www.example.test', status: 'timeout', exchanges: [] }],
    }), knowledge, patterns);
    assert.ok(infra.problems.includes('example.test receives no mail (no MX record)'));
    assert.ok(infra.problems.includes('MX of www.example.test: no answer (timeout)'));
    assert.deepEqual(componentLines(infra.components.filter((c) => c.role === 'mail')), ['mail ?']);
  });

  test('an MX under a domain a curated service pattern shadows is still its organisation (decision 0056)', async () => {
    const { knowledge, patterns } = await offlineData();
    const exchange = (name: string, priority: number) => ({ host: name, cnameChain: [], addresses: [], priority });
    const infra = enrichInfrastructure(collectionWith({
      host: 'www.example.test',
      registrableDomain: 'example.test',
      mail: [{ domain: 'example.test', status: 'ok', exchanges: [exchange('mx.zoho.eu', 10), exchange('mx.mystery-mail.test', 20)] }],
    }), knowledge, patterns);
    const mail = infra.components.filter((c) => c.role === 'mail');
    assert.deepEqual(componentLines(mail), ['mail ?', 'mail zoho']);
    const zoho = mail.find((c) => c.subject === 'mx.zoho.eu')!;
    assert.match(zoho.evidence, /mx\.zoho\.eu matches zoho\.eu, a curated host of Zoho/);
    assert.equal(zoho.control.status, 'known');
  });

  test('parts the collector did not finish are unknowns, never silently absent', async () => {
    const { knowledge, patterns } = await offlineData();
    const infra = enrichInfrastructure(collectionWith({ host: 'www.example.test', registrableDomain: 'example.test', problems: ['name servers: not finished within 5000 ms'] }), knowledge, patterns);
    assert.deepEqual(componentLines(infra.components), ['certificate-authority ?', 'dns ?', 'mail ?', 'mail-sender ?', 'web-hosting ?']);
    assert.ok(infra.problems.includes('name servers: not finished within 5000 ms'));
    const byIp = enrichInfrastructure({ ...collectionWith({ host: '203.0.113.9', registrableDomain: '203.0.113.9' }), target: 'http://203.0.113.9/' }, knowledge, patterns);
    assert.deepEqual(componentLines(byIp.components), ['web-hosting ?'], 'an IP address over HTTP has no zone, mail or certificate');
  });

  test('a TLS failure leaves the certificate authority unknown; a collection without infrastructure says so', async () => {
    const { knowledge, patterns } = await offlineData();
    const infra = enrichInfrastructure(collectionWith({
      host: 'www.example.test',
      registrableDomain: 'example.test',
      tls: { host: 'www.example.test', port: 443, status: 'error', error: 'connect ECONNREFUSED', chain: [], authorized: false },
    }), knowledge, patterns);
    const ca = infra.components.find((c) => c.role === 'certificate-authority')!;
    assert.equal(ca.operator.status, 'unknown');
    assert.ok(infra.problems.some((p) => /ECONNREFUSED/.test(p)));
    const none = enrichInfrastructure({ ...collectionWith({ host: 'x.test', registrableDomain: 'x.test' }), infrastructure: undefined } as Collection, knowledge, patterns);
    assert.deepEqual(none.components, []);
    assert.match(none.problems[0] ?? '', /not collected/);
  });

  test('a hosting platform named by CNAME is a web-hosting component beside the network operator', async () => {
    const { knowledge, patterns } = await offlineData();
    const infra = enrichInfrastructure(collectionWith({
      host: 'www.example.test',
      registrableDomain: 'example.test',
      site: { host: 'www.example.test', cnameChain: ['example.github.io'], addresses: ['185.199.108.153'] },
    }), knowledge, patterns);
    assert.deepEqual(componentLines(infra.components.filter((c) => c.role === 'web-hosting')), ['web-hosting fastly', 'web-hosting github']);
    assert.equal(infra.components.find((c) => c.operator.status === 'known' && c.operator.value.entity === 'github')?.subject, 'GitHub Pages');
  });
});

describe('cdnForHost: the infrastructure under any host', () => {
  test('a French vendor served through Cloudflare', async () => {
    const { patterns } = await offlineData();
    const cdn = cdnForHost({ host: 'cdn.vendeur.test', cnameChain: ['cdn.vendeur.test.cdn.cloudflare.net'] }, undefined, patterns);
    assert.equal(cdn?.status, 'known');
    assert.equal(cdn?.status === 'known' && cdn.value.entity, 'cloudflare');
    assert.match(cdn?.status === 'known' ? cdn.value.evidence : '', /Cloudflare: cdn\.vendeur\.test\.cdn\.cloudflare\.net matches cdn\.cloudflare\.net/);
  });

  test('from response headers when there is no CNAME, and nothing when nothing is recognised', async () => {
    const { patterns } = await offlineData();
    assert.equal(cdnForHost({ host: 'static.vendeur.test', cnameChain: [] }, { 'x-amz-cf-id': 'x' }, patterns)?.status, 'known');
    assert.equal(cdnForHost({ host: 'static.vendeur.test', cnameChain: [] }, { server: 'nginx' }, patterns), undefined);
  });

  test('attachCdn fills the hosts it recognises from any of their first responses and leaves the others alone', async () => {
    const { patterns } = await offlineData();
    const page = pageWith('https://www.site.test/', { server: 'nginx' }, ['https://cdn.vendeur.test/a.js', 'https://cdn.vendeur.test/b.js']);
    page.requests[2]!.responseHeaders = { 'cf-ray': '8a1b-CDG', server: 'cloudflare' };
    const collection = { ...collectionWith({ host: 'www.site.test', registrableDomain: 'site.test' }), pages: [page] };
    const [site, vendor] = attachCdn([host('www.site.test'), host('cdn.vendeur.test')], collection, patterns);
    assert.equal(site!.cdn, undefined);
    assert.equal(vendor!.cdn?.status === 'known' && vendor!.cdn.value.entity, 'cloudflare');
  });
});
