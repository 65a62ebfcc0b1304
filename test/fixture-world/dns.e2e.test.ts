import assert from 'node:assert/strict';
import { promises as dns } from 'node:dns';
import { after, before, describe, test } from 'node:test';
import { TCPClient } from 'dns2';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';

const LONG_TXT = `v=DKIM1; k=rsa; p=${'A'.repeat(1900)}`;

const DNS_ZONE = [
  { name: 'www.shop.test', type: 'A', value: '51.91.236.193', ttl: 120 },
  { name: 'www.shop.test', type: 'AAAA', value: '2001:41d0:301::21' },
  { name: 'shop.test', type: 'NS', value: 'dns10.ovh.net' },
  { name: 'shop.test', type: 'NS', value: 'ns10.ovh.net' },
  { name: 'shop.test', type: 'MX', value: 'mx1.mail.ovh.net', priority: 1 },
  { name: 'shop.test', type: 'MX', value: 'mx3.mail.ovh.net', priority: 100 },
  { name: 'shop.test', type: 'TXT', value: 'v=spf1 include:mx.ovh.com ~all' },
  { name: 'dkim._domainkey.shop.test', type: 'TXT', value: LONG_TXT },
  // a CNAME-cloaked tracker: first-party name, third-party target, two hops
  { name: 'metrics.shop.test', type: 'CNAME', value: 'shop.tracker.test' },
  { name: 'shop.tracker.test', type: 'CNAME', value: 'edge.tracker.test.' },
  { name: 'edge.tracker.test', type: 'A', value: '142.250.179.100' },
  { name: 'loop-a.test', type: 'CNAME', value: 'loop-b.test' },
  { name: 'loop-b.test', type: 'CNAME', value: 'loop-a.test' },
  { name: 'dangling.shop.test', type: 'CNAME', value: 'gone.shop.test' },
  { name: 'gone.shop.test', fault: 'nxdomain' },
  { name: 'broken.shop.test', fault: 'servfail' },
  { name: 'silent.shop.test', fault: 'timeout' },
] as const;

function resolverFor(world: FixtureWorld, timeout = 1000): dns.Resolver {
  const resolver = new dns.Resolver({ timeout, tries: 1 });
  resolver.setServers([world.dnsServer]);
  return resolver;
}

describe('fixture world: DNS server', () => {
  let world: FixtureWorld;
  let resolver: dns.Resolver;

  before(async () => {
    world = await startFixtureWorld({ sites: [], dns: [...DNS_ZONE] });
    resolver = resolverFor(world);
  });
  after(() => world.close());

  test('answers A and AAAA with their TTLs', async () => {
    assert.deepEqual(await resolver.resolve4('www.shop.test', { ttl: true }), [{ address: '51.91.236.193', ttl: 120 }]);
    assert.deepEqual(await resolver.resolve6('www.shop.test', { ttl: true }), [{ address: '2001:41d0:301::21', ttl: 300 }]);
  });

  test('names are case-insensitive', async () => {
    assert.deepEqual(await resolver.resolve4('WWW.Shop.TEST'), ['51.91.236.193']);
  });

  test('answers NS, MX with priorities, and TXT (SPF)', async () => {
    assert.deepEqual((await resolver.resolveNs('shop.test')).sort(), ['dns10.ovh.net', 'ns10.ovh.net']);
    assert.deepEqual(
      (await resolver.resolveMx('shop.test')).sort((a, b) => a.priority - b.priority),
      [{ exchange: 'mx1.mail.ovh.net', priority: 1 }, { exchange: 'mx3.mail.ovh.net', priority: 100 }],
    );
    assert.deepEqual(await resolver.resolveTxt('shop.test'), [['v=spf1 include:mx.ovh.com ~all']]);
  });

  test('follows a CNAME chain inside the zone', async () => {
    assert.deepEqual(await resolver.resolveCname('metrics.shop.test'), ['shop.tracker.test']);
    assert.deepEqual(await resolver.resolve4('metrics.shop.test'), ['142.250.179.100']);
  });

  test('a CNAME loop is answered as written: each alias once, no address', async () => {
    const query = TCPClient({ dns: world.address, port: portOf(world) });
    const answer = await query('loop-a.test', 'A');
    assert.equal(answer.header.rcode, 0);
    assert.deepEqual(answer.answers.map((r) => [r.name, r.domain]), [['loop-a.test', 'loop-b.test'], ['loop-b.test', 'loop-a.test']]);
    assert.deepEqual(await resolver.resolve4('loop-a.test'), []); // c-ares gives up on the loop without an address
  });

  test('a CNAME to a missing name ends in NXDOMAIN', async () => {
    await assert.rejects(resolver.resolve4('dangling.shop.test'), { code: 'ENOTFOUND' });
  });

  test('an unknown name is NXDOMAIN; a known name without that type is NODATA', async () => {
    await assert.rejects(resolver.resolve4('nowhere.test'), { code: 'ENOTFOUND' });
    await assert.rejects(resolver.resolveMx('www.shop.test'), { code: 'ENODATA' });
    await assert.rejects(resolver.resolve6('shop.test'), { code: 'ENODATA' });
  });

  test('plays the SERVFAIL and timeout faults', async () => {
    await assert.rejects(resolver.resolve4('broken.shop.test'), { code: 'ESERVFAIL' });
    const impatient = resolverFor(world, 200);
    const started = performance.now();
    await assert.rejects(impatient.resolve4('silent.shop.test'), { code: 'ETIMEOUT' });
    assert.ok(performance.now() - started < 3000);
  });

  test('answers over TCP on the same port as UDP', async () => {
    const query = TCPClient({ dns: world.address, port: portOf(world) });
    const answer = await query('shop.test', 'MX');
    assert.deepEqual(answer.answers.map((r) => [r.exchange, r.priority]).sort(), [['mx1.mail.ovh.net', 1], ['mx3.mail.ovh.net', 100]]);
  });

  test('an answer too big for UDP is truncated there and complete over TCP (the resolver retries by itself)', async () => {
    const records = await resolver.resolveTxt('dkim._domainkey.shop.test');
    assert.equal(records[0]?.join(''), LONG_TXT);
    assert.ok((records[0]?.length ?? 0) > 1, 'long TXT values are split in 255-byte strings');
  });
});

function portOf(world: FixtureWorld): number {
  return Number(world.dnsServer.split(':').at(-1));
}
