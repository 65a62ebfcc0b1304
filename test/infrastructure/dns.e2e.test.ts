import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDnsClient, MAX_CNAME_HOPS, parseDnsServer, resolveHost } from '../../src/collect/dns.js';
import { UsageError } from '../../src/shared/errors.js';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';

const LONG_CHAIN = Array.from({ length: MAX_CNAME_HOPS + 2 }, (_, i) => ({ name: `hop${i}.chain.test`, type: 'CNAME' as const, value: `hop${i + 1}.chain.test` }));

describe('DNS client (souverain resolver) against the fixture DNS server', () => {
  let world: FixtureWorld;

  before(async () => {
    world = await startFixtureWorld({
      sites: [],
      dns: [
        { name: 'www.shop.test', type: 'CNAME', value: 'd111.cloudfront.net' },
        { name: 'd111.cloudfront.net', type: 'A', value: '54.230.0.1', ttl: 60 },
        { name: 'd111.cloudfront.net', type: 'A', value: '54.230.0.2', ttl: 30 },
        { name: 'd111.cloudfront.net', type: 'AAAA', value: '2600:9000:2000::1' },
        { name: 'shop.test', type: 'MX', value: 'mx2.shop.test', priority: 20 },
        { name: 'shop.test', type: 'MX', value: 'mx1.shop.test', priority: 10 },
        { name: 'shop.test', type: 'TXT', value: `v=spf1 ${'ip4:192.0.2.1 '.repeat(30)}-all` },
        { name: 'shop.test', type: 'NS', value: 'ns-123.awsdns-45.com' },
        { name: 'loop-a.test', type: 'CNAME', value: 'loop-b.test' },
        { name: 'loop-b.test', type: 'CNAME', value: 'loop-a.test' },
        ...LONG_CHAIN,
        { name: 'dangling.shop.test', type: 'CNAME', value: 'gone.shop.test' },
        { name: 'gone.shop.test', fault: 'nxdomain' },
        { name: 'broken.shop.test', fault: 'servfail' },
        { name: 'silent.shop.test', fault: 'timeout' },
      ],
    });
  });
  after(() => world.close());

  test('answers each record type with normalised values and the A/AAAA TTL', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const a = await dns.resolve('D111.CloudFront.net.', 'A');
    assert.equal(a.name, 'd111.cloudfront.net');
    assert.equal(a.status, 'ok');
    assert.deepEqual(a.values.sort(), ['54.230.0.1', '54.230.0.2']);
    assert.equal(a.ttl, 30, 'the smallest TTL of the answer is recorded');
    assert.equal(a.resolver, world.dnsServer);
    assert.deepEqual((await dns.resolve('shop.test', 'MX')).values, ['10 mx1.shop.test', '20 mx2.shop.test']);
    assert.deepEqual((await dns.resolve('shop.test', 'NS')).values, ['ns-123.awsdns-45.com']);
    assert.deepEqual((await dns.resolve('www.shop.test', 'CNAME')).values, ['d111.cloudfront.net']);
    const txt = await dns.resolve('shop.test', 'TXT');
    assert.equal(txt.values.length, 1, 'a TXT record split in 255-byte strings is joined back');
    assert.ok(txt.values[0]!.length > 255 && txt.values[0]!.endsWith('-all'));
  });

  test('reports NODATA, NXDOMAIN, SERVFAIL and timeouts as statuses, never as exceptions', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 300 });
    assert.equal((await dns.resolve('shop.test', 'A')).status, 'nodata');
    assert.equal((await dns.resolve('nowhere.shop.test', 'A')).status, 'nxdomain');
    const servfail = await dns.resolve('broken.shop.test', 'MX');
    assert.equal(servfail.status, 'servfail');
    assert.ok(servfail.error);
    const started = Date.now();
    const silent = await dns.resolve('silent.shop.test', 'A');
    assert.equal(silent.status, 'timeout');
    assert.ok(Date.now() - started < 1500, `the timeout is bounded (${Date.now() - started} ms)`);
  });

  test('a resolver that does not listen is an error answer, not a crash', async () => {
    const dns = createDnsClient({ server: '127.0.0.1:9', timeoutMs: 300 });
    const answer = await dns.resolve('www.shop.test', 'A');
    assert.ok(['error', 'timeout', 'refused'].includes(answer.status), answer.status);
    assert.deepEqual(answer.values, []);
  });

  test('asks each question once per client and records every answer as evidence', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const [first, second] = await Promise.all([dns.resolve('shop.test', 'MX'), dns.resolve('SHOP.test.', 'MX')]);
    assert.equal(first, second);
    assert.equal(dns.answers.length, 1);
    await dns.resolve('shop.test', 'NS');
    assert.deepEqual(dns.answers.map((a) => `${a.type} ${a.name}`), ['MX shop.test', 'NS shop.test']);
  });

  test('resolveHost follows the CNAME chain itself and returns A then AAAA addresses', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const host = await resolveHost(dns, 'www.shop.test');
    assert.deepEqual(host.cnameChain, ['d111.cloudfront.net']);
    assert.deepEqual(host.addresses.sort(), ['2600:9000:2000::1', '54.230.0.1', '54.230.0.2']);
    assert.equal(host.problem, undefined);
  });

  test('resolveHost stops on a CNAME loop and says so', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const host = await resolveHost(dns, 'loop-a.test');
    assert.deepEqual(host.addresses, []);
    assert.match(host.problem ?? '', /CNAME loop: loop-a\.test → loop-b\.test → loop-a\.test/);
  });

  test(`resolveHost stops after ${MAX_CNAME_HOPS} hops`, async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 1000 });
    const host = await resolveHost(dns, 'hop0.chain.test');
    assert.equal(host.cnameChain.length, MAX_CNAME_HOPS);
    assert.match(host.problem ?? '', /longer than 8 hops/);
    assert.ok(dns.answers.length <= MAX_CNAME_HOPS + 1, 'no look-up beyond the bound');
  });

  test('resolveHost reports a dangling CNAME, a SERVFAIL and a silent server', async () => {
    const dns = createDnsClient({ server: world.dnsServer, timeoutMs: 300 });
    const [dangling, broken, silent] = await Promise.all([
      resolveHost(dns, 'dangling.shop.test'),
      resolveHost(dns, 'broken.shop.test'),
      resolveHost(dns, 'silent.shop.test'),
    ]);
    assert.deepEqual(dangling.cnameChain, ['gone.shop.test']);
    assert.match(dangling.problem ?? '', /gone\.shop\.test CNAME: NXDOMAIN/);
    assert.match(broken.problem ?? '', /SERVFAIL/);
    assert.match(silent.problem ?? '', /TIMEOUT/);
  });

  test('an IP address is its own address, with no look-up', async () => {
    const dns = createDnsClient({ server: world.dnsServer });
    assert.deepEqual(await resolveHost(dns, '203.0.113.9'), { addresses: ['203.0.113.9'], cnameChain: [] });
    assert.equal(dns.answers.length, 0);
  });
});

describe('--dns-server values', () => {
  test('accepts IPv4 and IPv6 addresses with or without a port', () => {
    assert.equal(parseDnsServer('127.0.0.1'), '127.0.0.1');
    assert.equal(parseDnsServer('127.0.0.1:5300'), '127.0.0.1:5300');
    assert.equal(parseDnsServer('::1'), '::1');
    assert.equal(parseDnsServer('[::1]:5300'), '[::1]:5300');
  });

  test('rejects host names, bad ports and garbage with a UsageError and a hint', () => {
    for (const bad of ['dns.google', '127.0.0.1:0', '127.0.0.1:70000', '1.2.3', '', '[::1]:x']) {
      assert.throws(() => createDnsClient({ server: bad }), (error: unknown) => error instanceof UsageError && /--dns-server/.test(error.message) && error.hint.length > 0, bad);
    }
  });

  test('without a server the client says it uses the system resolvers', () => {
    assert.equal(createDnsClient().resolver, 'system');
  });
});
