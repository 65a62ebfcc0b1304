/**
 * The infrastructure audit end to end on loopback: real DNS (the fixture world's authoritative
 * server), real TLS handshakes, the bundled offline data, the rules and the verdict.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFixtureWorld, type DnsFault, type DnsRecordSpec, type FixtureWorld } from '../../src/fixture-world/index.js';
import type { Assessment, Collection, Enrichment, InfraComponent } from '../../src/types.js';
import { assessUnder, collectFromWorld, componentLines, enrichCollection, pageWith, ruleResult } from './helpers.js';

const ok = { '/': { body: '<h1>ok</h1>' } };
const a = (name: string, value: string): DnsRecordSpec => ({ name, type: 'A', value });
const txt = (name: string, value: string): DnsRecordSpec => ({ name, type: 'TXT', value });

const ZONE: (DnsRecordSpec | DnsFault)[] = [
  // A CloudFront-fronted shop on Route 53 with Microsoft 365 mail and SendGrid, and a cloaked tracker.
  { name: 'www.shop.test', type: 'CNAME', value: 'd111.cloudfront.net' },
  a('d111.cloudfront.net', '54.230.0.1'),
  { name: 'shop.test', type: 'NS', value: 'ns-123.awsdns-45.com' },
  { name: 'shop.test', type: 'NS', value: 'ns-678.awsdns-20.net' },
  { name: 'shop.test', type: 'MX', value: 'shop-test.mail.protection.outlook.com' },
  a('shop-test.mail.protection.outlook.com', '40.92.0.5'),
  txt('shop.test', 'v=spf1 include:spf.protection.outlook.com include:sendgrid.net -all'),
  txt('spf.protection.outlook.com', 'v=spf1 ip4:40.92.0.0/15 include:spfd.protection.outlook.com -all'),
  txt('spfd.protection.outlook.com', 'v=spf1 ip4:40.107.0.0/16 -all'),
  txt('sendgrid.net', 'v=spf1 ip4:167.89.0.0/17 ~all'),
  { name: 'metrics.shop.test', type: 'CNAME', value: 'shop.test.ssl.d1.sc.omtrdc.net' },
  a('shop.test.ssl.d1.sc.omtrdc.net', '66.235.132.1'),
  // An OVH-hosted town hall with a French CA, OVH DNS and no mail at all.
  a('www.mairie.test', '51.91.236.193'),
  { name: 'mairie.test', type: 'NS', value: 'dns10.ovh.net' },
  { name: 'mairie.test', type: 'NS', value: 'ns10.ovh.net' },
  // Faults.
  { name: 'www.broken.test', fault: 'servfail' },
  { name: 'broken.test', fault: 'servfail' },
  { name: 'www.silent.test', fault: 'timeout' },
  { name: 'silent.test', fault: 'timeout' },
  { name: 'www.loop.test', type: 'CNAME', value: 'edge.loop.test' },
  { name: 'edge.loop.test', type: 'CNAME', value: 'www.loop.test' },
  ...Array.from({ length: 10 }, (_, i): DnsRecordSpec => ({ name: i === 0 ? 'www.chain.test' : `hop${i}.chain.test`, type: 'CNAME', value: `hop${i + 1}.chain.test` })),
  a('www.spfloop.test', '51.91.236.193'),
  txt('spfloop.test', 'v=spf1 include:_spf.spfloop.test -all'),
  txt('_spf.spfloop.test', 'v=spf1 include:_spf2.spfloop.test -all'),
  txt('_spf2.spfloop.test', 'v=spf1 include:_spf.spfloop.test -all'),
  { name: 'spfloop.test', type: 'MX', value: 'mx1.mail.ovh.net' },
  a('www.selfsigned.test', '51.91.236.193'),
  a('www.expired.test', '51.91.236.193'),
  a('www.unknown-ns.test', '51.91.236.193'),
  { name: 'unknown-ns.test', type: 'NS', value: 'ns1.obscure-dns.test' },
  a('ns1.obscure-dns.test', '10.0.0.53'),
  { name: 'unknown-ns.test', type: 'MX', value: 'mail.unknown-ns.test' },
  a('mail.unknown-ns.test', '51.91.236.200'),
];

describe('infrastructure audit on the fixture world', () => {
  let world: FixtureWorld;

  before(async () => {
    world = await startFixtureWorld({
      sites: [
        { host: 'www.shop.test', routes: ok, tlsIssuer: 'Amazon' },
        { host: 'www.mairie.test', routes: ok, tlsIssuer: 'Dhimyotis' },
        { host: 'www.spfloop.test', routes: ok, tlsIssuer: 'Dhimyotis' },
        { host: 'www.selfsigned.test', routes: ok, certificate: 'self-signed' },
        { host: 'www.expired.test', routes: ok, tlsIssuer: "Let's Encrypt", certificate: 'expired' },
        { host: 'www.unknown-ns.test', routes: ok, tlsIssuer: 'Obscure Trust Ltd' },
      ],
      dns: ZONE,
    });
  });
  after(() => world.close());

  describe('a CloudFront-fronted shop with Route 53, Microsoft 365, SendGrid and a cloaked tracker', () => {
    let collection: Collection;
    let enrichment: Enrichment;
    let assessment: Assessment;
    let components: InfraComponent[];

    before(async () => {
      const url = world.url('www.shop.test');
      const page = pageWith(url, { 'x-amz-cf-id': 'abc==', via: '1.1 0123.cloudfront.net (CloudFront)' }, ['https://metrics.shop.test/b/ss']);
      ({ collection } = await collectFromWorld(world, url, { pages: [page], alsoResolve: ['metrics.shop.test'] }));
      enrichment = await enrichCollection(collection);
      assessment = await assessUnder(collection, enrichment, 'fr');
      components = enrichment.infrastructure!.components;
    });

    test('collects the CNAME chain, the name servers, the MX, the SPF tree and the certificate', () => {
      const infra = collection.infrastructure!;
      assert.deepEqual(infra.site?.cnameChain, ['d111.cloudfront.net']);
      assert.deepEqual(infra.site?.addresses, ['54.230.0.1']);
      assert.deepEqual(infra.nameServers?.hosts.map((h) => h.host).sort(), ['ns-123.awsdns-45.com', 'ns-678.awsdns-20.net']);
      assert.deepEqual(infra.mail?.find((m) => m.domain === 'shop.test')?.exchanges.map((e) => e.host), ['shop-test.mail.protection.outlook.com']);
      assert.deepEqual(infra.spf?.find((s) => s.domain === 'shop.test')?.senders.filter((s) => s.depth === 1).map((s) => s.value), ['spf.protection.outlook.com', 'sendgrid.net']);
      assert.equal(infra.tls?.chain[0]?.issuerOrganisation, 'Amazon');
      assert.ok(collection.dns.some((answer) => answer.type === 'NS' && answer.name === 'shop.test'), 'every answer is evidence');
    });

    test('attributes every component to its operator', () => {
      assert.deepEqual(componentLines(components), [
        'cdn aws', 'certificate-authority aws', 'dns aws', 'mail microsoft', 'mail-sender microsoft', 'mail-sender twilio', 'web-hosting aws',
      ]);
      const cdn = components.find((c) => c.role === 'cdn')!;
      assert.match(cdn.evidence, /d111\.cloudfront\.net matches cloudfront\.net/);
      assert.match(cdn.evidence, /x-amz-cf-id/, 'the header evidence is merged into the same component');
      assert.equal(cdn.control.status === 'known' && cdn.control.value.jurisdiction, 'US');
      const hosting = components.find((c) => c.role === 'web-hosting')!;
      assert.match(hosting.evidence, /54\.230\.0\.1 → AS16509/);
      assert.equal(hosting.serverLocation?.status === 'known' && hosting.serverLocation.value.country, 'US');
      const dns = components.find((c) => c.role === 'dns')!;
      assert.equal(dns.subject, 'ns-123.awsdns-45.com, ns-678.awsdns-20.net', 'two Route 53 servers are one DNS operator');
      assert.ok(cdn.alternative?.fr, 'each component carries its sovereign alternative');
    });

    test('the CNAME-cloaked metrics host is reported as Adobe\'s data flow', () => {
      const metrics = enrichment.hosts.find((h) => h.host === 'metrics.shop.test')!;
      assert.equal(metrics.cloakedBy?.entity, 'adobe');
      const cloaked = ruleResult(assessment, 'cname-cloaked-trackers');
      assert.equal(cloaked.status, 'fail');
      assert.equal(cloaked.blocking, true);
      assert.match(cloaked.findings[0]!.message.en, /metrics\.shop\.test looks first-party but is an alias \(CNAME\) of shop\.test\.ssl\.d1\.sc\.omtrdc\.net/);
    });

    test('the site host knows the CDN in front of it', () => {
      const site = enrichment.hosts.find((h) => h.host === 'www.shop.test')!;
      assert.equal(site.cdn?.status === 'known' && site.cdn.value.entity, 'aws');
    });

    test('fails the CDN and mail rules (blocking) and warns for DNS and the CA', () => {
      assert.equal(assessment.verdict, 'not-sovereign');
      for (const id of ['foreign-cdn', 'foreign-mail-operator']) {
        const result = ruleResult(assessment, id);
        assert.equal(result.status, 'fail', id);
        assert.equal(result.blocking, true, id);
      }
      for (const id of ['foreign-dns-operator', 'foreign-certificate-authority']) {
        const result = ruleResult(assessment, id);
        assert.equal(result.status, 'fail', id);
        assert.equal(result.blocking, false, `${id} warns by default`);
      }
      const mail = ruleResult(assessment, 'foreign-mail-operator');
      assert.deepEqual(mail.findings.map((f) => f.subject.detail).sort(), ['include:sendgrid.net', 'include:spf.protection.outlook.com', 'shop-test.mail.protection.outlook.com']);
      const dnsFinding = ruleResult(assessment, 'foreign-dns-operator').findings[0]!;
      assert.equal(dnsFinding.subject.type, 'infrastructure');
      assert.match(dnsFinding.message.fr, /zone DNS de shop\.test : ns-123\.awsdns-45\.com, ns-678\.awsdns-20\.net est opéré par Amazon Web Services → Amazon \(États-Unis/);
      assert.ok(dnsFinding.provenance.some((p) => p.source === 'curated-infrastructure'));
      assert.ok(dnsFinding.alternative);
    });

    test('a policy can make the DNS and CA rules blocking', async () => {
      const strict = await assessUnder(collection, enrichment, 'id: strict\nname: strict\nallowedJurisdictions: [FR]\nrules: { foreign-dns-operator: block, foreign-certificate-authority: block }');
      assert.equal(ruleResult(strict, 'foreign-dns-operator').blocking, true);
      assert.equal(ruleResult(strict, 'foreign-certificate-authority').blocking, true);
    });

    test('an allowed organisation is not a finding', async () => {
      const lenient = await assessUnder(collection, enrichment, 'id: x\nname: x\nallowedJurisdictions: [FR]\nallow: { organisations: [amazon] }');
      assert.equal(ruleResult(lenient, 'foreign-cdn').status, 'pass');
      assert.equal(ruleResult(lenient, 'foreign-dns-operator').status, 'pass');
      assert.equal(ruleResult(lenient, 'foreign-mail-operator').status, 'fail', 'Microsoft and Twilio are still foreign');
    });
  });

  describe('an OVH-hosted town hall with a French CA and no mail', () => {
    let collection: Collection;
    let enrichment: Enrichment;
    let assessment: Assessment;

    before(async () => {
      const url = world.url('www.mairie.test');
      ({ collection } = await collectFromWorld(world, url, { pages: [pageWith(url, { server: 'nginx' })] }));
      enrichment = await enrichCollection(collection);
      assessment = await assessUnder(collection, enrichment, 'fr');
    });

    test('finds OVHcloud hosting and DNS and a Certigna certificate, all French', () => {
      const components = enrichment.infrastructure!.components;
      assert.deepEqual(componentLines(components), ['certificate-authority dhimyotis', 'dns ovhcloud', 'web-hosting ovhcloud']);
      for (const component of components) assert.equal(component.control.status === 'known' && component.control.value.jurisdiction, 'FR', component.role);
    });

    test('says plainly that the domain receives no mail, without calling it unknown', () => {
      const problems = enrichment.infrastructure!.problems;
      assert.ok(problems.includes('mairie.test receives no mail (no MX record)'), problems.join('\n'));
      assert.ok(problems.includes('mairie.test publishes no SPF record'));
      assert.equal(ruleResult(assessment, 'foreign-mail-operator').status, 'pass');
    });

    test('passes every infrastructure rule and the whole audit is sovereign', () => {
      for (const id of ['foreign-cdn', 'foreign-dns-operator', 'foreign-mail-operator', 'foreign-certificate-authority', 'cname-cloaked-trackers']) {
        assert.equal(ruleResult(assessment, id).status, 'pass', id);
      }
      assert.equal(assessment.verdict, 'sovereign', JSON.stringify(assessment.rules.filter((r) => r.status !== 'pass'), null, 1));
    });
  });

  describe('failures are problems and unknowns, never crashes and never sovereign', () => {
    test('NXDOMAIN: a site name that does not exist', async () => {
      const { collection } = await collectFromWorld(world, world.url('www.nowhere.test'), { withoutConnectTo: true });
      const enrichment = await enrichCollection(collection);
      const infra = enrichment.infrastructure!;
      assert.match(collection.infrastructure!.site?.problem ?? '', /NXDOMAIN/);
      assert.equal(collection.infrastructure!.tls?.status, 'error');
      assert.match(collection.infrastructure!.tls?.error ?? '', /no address for www\.nowhere\.test/);
      assert.ok(infra.problems.some((p) => /NS of nowhere\.test: the name does not exist \(NXDOMAIN\)/.test(p)), infra.problems.join('\n'));
      const hosting = infra.components.find((c) => c.role === 'web-hosting')!;
      assert.equal(hosting.operator.status, 'unknown');
      const assessment = await assessUnder(collection, enrichment, 'fr');
      assert.equal(ruleResult(assessment, 'foreign-dns-operator').status, 'unknown');
      assert.equal(ruleResult(assessment, 'foreign-certificate-authority').status, 'unknown');
    });

    test('SERVFAIL everywhere: every role is unknown and the blocking mail rule makes it inconclusive', async () => {
      const { collection } = await collectFromWorld(world, world.url('www.broken.test'));
      const enrichment = await enrichCollection(collection);
      const infra = enrichment.infrastructure!;
      assert.ok(infra.problems.some((p) => /SERVFAIL/.test(p)));
      assert.ok(infra.components.every((c) => c.operator.status === 'unknown'), componentLines(infra.components).join(', '));
      const assessment = await assessUnder(collection, enrichment, 'fr');
      const mail = ruleResult(assessment, 'foreign-mail-operator');
      assert.equal(mail.status, 'unknown');
      assert.equal(mail.blocking, true);
      assert.notEqual(assessment.verdict, 'sovereign');
    });

    test('a silent DNS server: the collection stays within its time budget', async () => {
      const { collection, elapsedMs } = await collectFromWorld(world, world.url('www.silent.test'), { dnsTimeoutMs: 300, budgetMs: 1500 });
      assert.ok(elapsedMs < 2500, `took ${elapsedMs} ms`);
      const enrichment = await enrichCollection(collection);
      assert.ok(enrichment.infrastructure!.problems.some((p) => /TIMEOUT|timeout|not finished/.test(p)), enrichment.infrastructure!.problems.join('\n'));
      assert.ok(enrichment.infrastructure!.components.every((c) => c.operator.status === 'unknown'));
    });

    test('a CNAME loop and an over-long chain are reported', async () => {
      const [loop, chain] = await Promise.all([
        collectFromWorld(world, world.url('www.loop.test')),
        collectFromWorld(world, world.url('www.chain.test')),
      ]);
      assert.match(loop.collection.infrastructure!.site?.problem ?? '', /CNAME loop: www\.loop\.test → edge\.loop\.test → www\.loop\.test/);
      assert.match(chain.collection.infrastructure!.site?.problem ?? '', /longer than 8 hops/);
      const enrichment = await enrichCollection(loop.collection);
      assert.ok(enrichment.infrastructure!.problems.some((p) => /CNAME loop/.test(p)));
    });

    test('an SPF include loop is a problem; the mail operator is still found', async () => {
      const { collection } = await collectFromWorld(world, world.url('www.spfloop.test'));
      const enrichment = await enrichCollection(collection);
      const infra = enrichment.infrastructure!;
      assert.ok(infra.problems.some((p) => /SPF include loop: spfloop\.test → _spf\.spfloop\.test → _spf2\.spfloop\.test → _spf\.spfloop\.test/.test(p)), infra.problems.join('\n'));
      assert.deepEqual(componentLines(infra.components.filter((c) => c.role.startsWith('mail'))), ['mail ovhcloud']);
    });

    test('a self-signed certificate is a problem and names no certificate authority', async () => {
      const { collection } = await collectFromWorld(world, world.url('www.selfsigned.test'));
      const enrichment = await enrichCollection(collection);
      assert.ok(enrichment.infrastructure!.problems.some((p) => /self-signed/.test(p)));
      assert.equal(enrichment.infrastructure!.components.some((c) => c.role === 'certificate-authority'), false);
    });

    test("an expired Let's Encrypt certificate is a problem, and ISRG is still the (US) CA", async () => {
      const { collection } = await collectFromWorld(world, world.url('www.expired.test'));
      const enrichment = await enrichCollection(collection);
      const infra = enrichment.infrastructure!;
      assert.ok(infra.problems.some((p) => /outside its validity period/.test(p)), infra.problems.join('\n'));
      const ca = infra.components.find((c) => c.role === 'certificate-authority')!;
      assert.equal(ca.operator.status === 'known' && ca.operator.value.entity, 'isrg');
    });

    test('an unrecognised name server, MX and CA are never guessed', async () => {
      const { collection } = await collectFromWorld(world, world.url('www.unknown-ns.test'));
      const enrichment = await enrichCollection(collection);
      const byRole = (role: InfraComponent['role']) => enrichment.infrastructure!.components.find((c) => c.role === role)!;
      assert.equal(byRole('dns').operator.status, 'unknown', 'a private address names no operator');
      assert.equal(byRole('certificate-authority').operator.status, 'unknown');
      const mail = byRole('mail');
      assert.equal(mail.operator.status === 'known' && mail.operator.value.entity, 'ovhcloud', 'an unknown MX name falls back to its address → ASN → operator');
      assert.match(mail.evidence, /mail\.unknown-ns\.test matches no pattern; 51\.91\.236\.200 → AS16276/);
      const assessment = await assessUnder(collection, enrichment, 'fr');
      assert.equal(ruleResult(assessment, 'foreign-dns-operator').status, 'unknown');
      assert.equal(ruleResult(assessment, 'foreign-certificate-authority').status, 'unknown');
    });
  });
});
