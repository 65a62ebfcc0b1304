/**
 * DKIM key records and DMARC report addresses: the parsers on hostile and odd records, then the
 * selector walk and the _dmarc look-up over the fixture world's real DNS server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDnsClient } from '../../src/collect/dns.js';
import { collectInfrastructure } from '../../src/collect/infrastructure.js';
import { collectDkim, DKIM_SELECTORS, dkimKeyState } from '../../src/collect/dns-dkim.js';
import { collectDmarc, dmarcRecords, MAX_DMARC_ADDRESSES, parseDmarc, reportAddress } from '../../src/collect/dns-dmarc.js';
import { startFixtureWorld, type DnsFault, type DnsRecordSpec, type FixtureWorld } from '../../src/fixture-world/index.js';

const txt = (name: string, value: string): DnsRecordSpec => ({ name, type: 'TXT', value });
const cname = (name: string, value: string): DnsRecordSpec => ({ name, type: 'CNAME', value });
const KEY = 'v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TaNgLlSyQMNWVLNLvyY/neDgaL2oqQE8T5illKqCgDtFHc8eHVAU+nlcaGmrKmDMw9dbgiGk1ocgZ56NR4ycfUHwQhvQPMUZw0cveel/8EAGoi/UyPmqfcPibytH81NFtTMAxUeM4Op8A6iHkvAMj5qLf4YRNsTkKAV';

describe('DKIM key records', () => {
  test('a key, with or without v=DKIM1, and split across character-strings already joined', () => {
    assert.equal(dkimKeyState([KEY]), 'key');
    assert.equal(dkimKeyState(['k=rsa; p=MIGfMA0GCSq']), 'key', 'v= is optional (RFC 6376 §3.6.1)');
    assert.equal(dkimKeyState(['V=DKIM1; P=abc']), 'key', 'tag names are case-insensitive');
  });

  test('an empty p= is a revoked key; anything else is no key', () => {
    assert.equal(dkimKeyState(['v=DKIM1; p=']), 'revoked');
    assert.equal(dkimKeyState(['v=DKIM1; p= ; n=rotated']), 'revoked');
    assert.equal(dkimKeyState(['v=spf1 include:_spf.google.com ~all']), 'none');
    assert.equal(dkimKeyState(['v=DKIM2; p=abc']), 'none', 'an unknown version is not a DKIM1 key');
    assert.equal(dkimKeyState(['k=rsa; v=DKIM1; p=abc']), 'none', 'v= must come first when present');
    assert.equal(dkimKeyState(['', ';;;', '=p', 'p']), 'none');
    assert.equal(dkimKeyState([`v=DKIM1; p=${'A'.repeat(5000)}`]), 'none', 'an oversized record is not read');
  });

  test('the selector list stays bounded, unique and cited', () => {
    const selectors = DKIM_SELECTORS.map((entry) => entry.selector);
    assert.ok(selectors.length <= 25, `${selectors.length} selectors`);
    assert.equal(new Set(selectors).size, selectors.length);
    for (const entry of DKIM_SELECTORS) assert.match(entry.source, /^https:\/\//, entry.selector);
  });
});

describe('DMARC records', () => {
  test('recognises only v=DMARC1 records', () => {
    assert.deepEqual(dmarcRecords(['v=spf1 -all', 'v=DMARC1; p=none', 'V = dmarc1 ; p=reject', 'v=DMARC10; p=none', 'p=none; v=DMARC1']), ['v=DMARC1; p=none', 'V = dmarc1 ; p=reject']);
  });

  test('several rua addresses, a size suffix, upper case and spaces', () => {
    const parsed = parseDmarc('v=DMARC1;P=Reject; sp=quarantine ;RUA=mailto:Agg@RUA.Agari.com, MAILTO:dmarc@example.fr!10M ; ruf = mailto:f@ruf.agari.com!0');
    assert.equal(parsed.policy, 'reject');
    assert.equal(parsed.subdomainPolicy, 'quarantine');
    assert.deepEqual(parsed.aggregate, [
      { uri: 'mailto:Agg@RUA.Agari.com', address: 'agg@rua.agari.com', domain: 'rua.agari.com' },
      { uri: 'MAILTO:dmarc@example.fr!10M', address: 'dmarc@example.fr', domain: 'example.fr', maxSize: '10m' },
    ]);
    assert.deepEqual(parsed.failure, [{ uri: 'mailto:f@ruf.agari.com!0', address: 'f@ruf.agari.com', domain: 'ruf.agari.com', maxSize: '0' }]);
    assert.deepEqual(parsed.problems, []);
  });

  test('garbage is reported, never thrown, and yields no receiver domain', () => {
    const parsed = parseDmarc('v=DMARC1; p=maybe; rua=https://report.example.net/dmarc,mailto:nobody,mailto:a@-bad-.example,mailto:%E0%A4%A@x.example.net,,mailto:b@<script>.test');
    assert.equal(parsed.policy, undefined, 'an unknown policy word is dropped');
    assert.deepEqual(parsed.aggregate.map((a) => a.domain ?? '-'), ['-', '-', '-', 'x.example.net', '-']);
    assert.equal(parsed.problems.length, 4);
    assert.match(parsed.problems[0]!, /https:\/\/report\.example\.net\/dmarc.*not a mailto/);
    assert.match(parsed.problems.join('\n'), /mailto:nobody.*no valid mail domain/);
    const problems: string[] = [];
    assert.equal(reportAddress('rua', 'mailto:<img src=x onerror=alert(1)>@evil.test', problems).domain, undefined, 'a mailbox with spaces and brackets is refused');
    assert.match(problems[0]!, /not a valid mailbox/);
    assert.equal(reportAddress('ruf', 'mailto:a%1B%5B2J@example.net', problems).domain, undefined, 'an encoded escape sequence is refused too');
  });

  test('percent-encoded addresses are decoded (commas and ! must be encoded in a DMARC URI)', () => {
    assert.deepEqual(reportAddress('rua', 'mailto:dmarc%2Breports@Example.NET', []), { uri: 'mailto:dmarc%2Breports@Example.NET', address: 'dmarc+reports@example.net', domain: 'example.net' });
  });

  test('bounds: addresses per tag, address length, record length', () => {
    const many = Array.from({ length: MAX_DMARC_ADDRESSES + 5 }, (_, i) => `mailto:r${i}@example.net`).join(',');
    const parsed = parseDmarc(`v=DMARC1; p=none; rua=${many}`);
    assert.equal(parsed.aggregate.length, MAX_DMARC_ADDRESSES);
    assert.match(parsed.problems[0]!, /lists 15 addresses; the first 10 were read/);
    const problems: string[] = [];
    const long = reportAddress('rua', `mailto:${'a'.repeat(400)}@example.net`, problems);
    assert.equal(long.domain, undefined);
    assert.ok(long.uri.length <= 321);
    assert.match(problems[0]!, /longer than 320 characters/);
    const huge = parseDmarc(`v=DMARC1; p=none; rua=mailto:a@example.net; x=${'y'.repeat(3000)}`);
    assert.match(huge.problems[0]!, /longer than 2048 characters/);
    assert.equal(huge.aggregate[0]?.domain, 'example.net');
  });
});

const ZONE: (DnsRecordSpec | DnsFault)[] = [
  // Mailchimp (k1 → dkim.mcsv.net), SendGrid (two hops), a Google key in the zone itself, a dangling CNAME.
  cname('k1._domainkey.news.test', 'dkim.mcsv.net'),
  txt('dkim.mcsv.net', KEY),
  cname('s1._domainkey.news.test', 's1.domainkey.u123.wl001.sendgrid.net'),
  cname('s1.domainkey.u123.wl001.sendgrid.net', 's1.keys.sendgrid.net'),
  txt('s1.keys.sendgrid.net', KEY),
  txt('google._domainkey.news.test', KEY),
  cname('k2._domainkey.news.test', 'dkim2.gone.test'),
  txt('selector1._domainkey.news.test', 'v=DKIM1; p='),
  { name: 'selector2._domainkey.news.test', fault: 'servfail' },
  cname('fm1._domainkey.loop.test', 'a.loop.test'),
  cname('a.loop.test', 'b.loop.test'),
  cname('b.loop.test', 'a.loop.test'),
  // DMARC.
  txt('_dmarc.news.test', 'v=DMARC1; p=quarantine; rua=mailto:abc@rua.agari.com,mailto:dmarc@news.test; ruf=mailto:abc@ruf.agari.com'),
  txt('_dmarc.twice.test', 'v=DMARC1; p=none; rua=mailto:a@vali.email'),
  txt('_dmarc.twice.test', 'v=DMARC1; p=reject'),
  txt('_dmarc.plain.test', 'v=spf1 -all'),
  txt('mail.news.test', 'v=spf1 include:sendgrid.net -all'),
  cname('s1._domainkey.mail.news.test', 's1.keys.sendgrid.net'),
  { name: '_dmarc.broken.test', fault: 'servfail' },
  ...['k1', 's1', 'google'].map((selector): DnsFault => ({ name: `${selector}._domainkey.down.test`, fault: 'servfail' })),
];

describe('DKIM selectors and DMARC over real DNS', () => {
  let world: FixtureWorld;

  before(async () => {
    world = await startFixtureWorld({ sites: [], dns: ZONE });
  });
  after(() => world.close());

  test('finds provider CNAMEs with their chain, keys in the own zone and revoked keys; reports the rest', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const dkim = await collectDkim(dns, 'News.Test.');
    assert.equal(dkim.domain, 'news.test');
    assert.equal(dkim.tried.length, DKIM_SELECTORS.length);
    assert.deepEqual(dkim.found.map((f) => `${f.selector} ${f.key} ${f.cnameChain.join(' → ') || '(own zone)'}`).sort(), [
      'google key (own zone)',
      'k1 key dkim.mcsv.net',
      's1 key s1.domainkey.u123.wl001.sendgrid.net → s1.keys.sendgrid.net',
      'selector1 revoked (own zone)',
    ]);
    assert.equal(dkim.problems.length, 2, dkim.problems.join('\n'));
    assert.match(dkim.problems.join('\n'), /k2\._domainkey\.news\.test points to dkim2\.gone\.test but no DKIM key answers there/);
    assert.match(dkim.problems.join('\n'), /selector2\._domainkey\.news\.test CNAME: SERVFAIL/);
    assert.ok(dns.answers.some((a) => a.name === 'k1._domainkey.news.test' && a.type === 'CNAME' && a.status === 'ok'), 'every answer is evidence');
  });

  test('a resolver failing every selector gives one summary line, not one per selector', async () => {
    const dkim = await collectDkim(createDnsClient({ server: world.dnsServer, timeoutMs: 1000 }), 'down.test', { selectors: ['k1', 's1', 'google', 'fm1'] });
    assert.deepEqual(dkim.found, []);
    assert.deepEqual(dkim.problems, ['DKIM: 3 look-ups for the 4 selectors under down.test failed (SERVFAIL), e.g. k1._domainkey.down.test CNAME: SERVFAIL']);
  });

  test('a CNAME loop under a selector is cut and reported', async () => {
    const dkim = await collectDkim(createDnsClient({ server: world.dnsServer, timeoutMs: 1000 }), 'loop.test', { selectors: ['fm1'] });
    assert.deepEqual(dkim.found, []);
    assert.match(dkim.problems.join('\n'), /DKIM CNAME loop: fm1\._domainkey\.loop\.test → a\.loop\.test → b\.loop\.test → a\.loop\.test/);
  });

  test('the audit walks the selectors under the site host only when the host has mail records of its own', async () => {
    const selectorQuestions = (answers: { name: string; type: string }[], domain: string) => answers.filter((a) => a.type === 'CNAME' && a.name.endsWith(`._domainkey.${domain}`)).length;
    const www = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const plain = await collectInfrastructure('http://www.news.test/', www, { connectTo: [], timeoutMs: 1000 });
    assert.deepEqual(plain.dkim?.map((d) => d.domain), ['news.test']);
    assert.equal(selectorQuestions(www.answers, 'www.news.test'), 0, 'a www host with no MX, SPF or DMARC of its own costs no selector question');
    assert.ok(plain.dmarc?.some((d) => d.domain === 'news.test' && d.aggregate.some((a) => a.domain === 'rua.agari.com')));
    const mailHost = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const sending = await collectInfrastructure('http://mail.news.test/', mailHost, { connectTo: [], timeoutMs: 1000 });
    assert.deepEqual(sending.dkim?.map((d) => d.domain), ['news.test', 'mail.news.test']);
    assert.deepEqual(sending.dkim?.[1]?.found.map((f) => f.cnameChain[0]), ['s1.keys.sendgrid.net']);
  });

  test('reads the policy and the report addresses; several records, none and failures', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const news = await collectDmarc(dns, 'news.test');
    assert.equal(news.status, 'found');
    assert.equal(news.policy, 'quarantine');
    assert.deepEqual(news.aggregate.map((a) => a.domain), ['rua.agari.com', 'news.test']);
    assert.deepEqual(news.failure.map((a) => a.address), ['abc@ruf.agari.com']);
    const twice = await collectDmarc(dns, 'twice.test');
    assert.equal(twice.status, 'multiple');
    assert.deepEqual(twice.aggregate.map((a) => a.domain), ['vali.email']);
    assert.match(twice.problems[0]!, /publishes 2 DMARC records/);
    assert.equal((await collectDmarc(dns, 'plain.test')).status, 'none');
    assert.equal((await collectDmarc(dns, 'absent.test')).status, 'none');
    const broken = await collectDmarc(dns, 'broken.test');
    assert.equal(broken.status, 'failed');
    assert.match(broken.problems[0]!, /_dmarc\.broken\.test TXT: SERVFAIL/);
  });
});
