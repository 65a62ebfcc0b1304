import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDnsClient } from '../../src/collect/dns.js';
import { followSpf, MAX_SPF_LOOKUPS, parseSpf, spfRecords } from '../../src/collect/dns-spf.js';
import { startFixtureWorld, type DnsRecordSpec, type FixtureWorld } from '../../src/fixture-world/index.js';

const txt = (name: string, value: string): DnsRecordSpec => ({ name, type: 'TXT', value });

/** a0 includes a1 … a11: more include look-ups than RFC 7208 allows. */
const LONG_SPF = Array.from({ length: MAX_SPF_LOOKUPS + 2 }, (_, i) => txt(`a${i}.spf.test`, `v=spf1 include:a${i + 1}.spf.test -all`));

describe('SPF terms', () => {
  test('keeps include, redirect, ip4 and ip6, with qualifiers stripped and names normalised', () => {
    assert.deepEqual(parseSpf('v=spf1 +include:_SPF.Google.com. ~include:sendgrid.net ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx -all redirect=_spf.example.fr'), [
      { mechanism: 'include', value: '_spf.google.com' },
      { mechanism: 'include', value: 'sendgrid.net' },
      { mechanism: 'ip4', value: '192.0.2.0/24' },
      { mechanism: 'ip6', value: '2001:db8::/32' },
      { mechanism: 'redirect', value: '_spf.example.fr' },
    ]);
  });

  test('recognises only v=spf1 records', () => {
    assert.deepEqual(spfRecords(['google-site-verification=abc', 'v=spf1 -all', 'V=SPF1 include:x.test', 'v=spf10 nope']), ['v=spf1 -all', 'V=SPF1 include:x.test']);
  });
});

describe('following SPF includes over real DNS', () => {
  let world: FixtureWorld;

  before(async () => {
    world = await startFixtureWorld({
      sites: [],
      dns: [
        txt('office.test', 'v=spf1 include:spf.protection.outlook.com include:sendgrid.net ~all'),
        txt('spf.protection.outlook.com', 'v=spf1 ip4:40.92.0.0/15 include:spfd.protection.outlook.com -all'),
        txt('spfd.protection.outlook.com', 'v=spf1 ip4:40.107.0.0/16 -all'),
        txt('sendgrid.net', 'v=spf1 ip4:167.89.0.0/17 ~all'),
        txt('loop.test', 'v=spf1 include:ping.loop.test -all'),
        txt('ping.loop.test', 'v=spf1 include:pong.loop.test -all'),
        txt('pong.loop.test', 'v=spf1 include:ping.loop.test -all'),
        ...LONG_SPF,
        txt('twice.test', 'v=spf1 include:a.twice.test -all'),
        txt('twice.test', 'v=spf1 include:b.twice.test -all'),
        txt('macro.test', 'v=spf1 include:%{i}._spf.macro.test redirect=gone.macro.test'),
        { name: 'gone.macro.test', fault: 'nxdomain' },
        { name: 'broken.test', fault: 'servfail' },
        txt('plain.test', 'google-site-verification=abc'),
      ],
    });
  });
  after(() => world.close());

  test('lists Microsoft 365 and SendGrid senders depth-first, with their ranges', async () => {
    const spf = await followSpf(createDnsClient({ server: world.dnsServer }), 'office.test');
    assert.equal(spf.status, 'found');
    assert.deepEqual(spf.problems, []);
    assert.deepEqual(spf.senders.map((s) => `${s.depth} ${s.mechanism}:${s.value} from ${s.from}`), [
      '1 include:spf.protection.outlook.com from office.test',
      '2 ip4:40.92.0.0/15 from spf.protection.outlook.com',
      '2 include:spfd.protection.outlook.com from spf.protection.outlook.com',
      '3 ip4:40.107.0.0/16 from spfd.protection.outlook.com',
      '1 include:sendgrid.net from office.test',
      '2 ip4:167.89.0.0/17 from sendgrid.net',
    ]);
  });

  test('reports an include loop and does not follow it', async () => {
    const spf = await followSpf(createDnsClient({ server: world.dnsServer }), 'loop.test');
    const looped = spf.senders.find((s) => s.status === 'loop');
    assert.equal(looped?.value, 'ping.loop.test');
    assert.ok(spf.problems.some((p) => p === 'SPF include loop: loop.test → ping.loop.test → pong.loop.test → ping.loop.test'), spf.problems.join('\n'));
  });

  test(`stops after ${MAX_SPF_LOOKUPS} look-ups (RFC 7208 §4.6.4)`, async () => {
    const dns = createDnsClient({ server: world.dnsServer });
    const spf = await followSpf(dns, 'a0.spf.test');
    assert.equal(spf.senders.filter((s) => s.status === 'ok').length, MAX_SPF_LOOKUPS);
    assert.ok(spf.problems.some((p) => /more than 10 DNS look-ups/.test(p)));
    assert.equal(dns.answers.length, MAX_SPF_LOOKUPS + 1, 'the record itself plus ten includes');
  });

  test('stops at a depth of 10 even with a larger look-up budget', async () => {
    const spf = await followSpf(createDnsClient({ server: world.dnsServer }), 'a0.spf.test', { maxLookups: 50 });
    assert.ok(spf.problems.some((p) => /nests deeper than 10 levels; a11\.spf\.test not followed/.test(p)), spf.problems.join('\n'));
  });

  test('multiple SPF records, macros, failed includes and a SERVFAIL are problems, not crashes', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 500 });
    const [twice, macro, broken, plain, missing] = await Promise.all(['twice.test', 'macro.test', 'broken.test', 'plain.test', 'nowhere.test'].map((d) => followSpf(dns, d)));
    assert.equal(twice!.status, 'multiple');
    assert.deepEqual(twice!.senders.map((s) => s.value), ['a.twice.test', 'b.twice.test']);
    assert.ok(macro!.problems.some((p) => /macro/.test(p)));
    assert.ok(macro!.problems.some((p) => /gone\.macro\.test TXT: NXDOMAIN/.test(p)));
    assert.equal(broken!.status, 'failed');
    assert.match(broken!.problems[0] ?? '', /SERVFAIL/);
    assert.equal(plain!.status, 'none');
    assert.equal(missing!.status, 'none');
  });
});
