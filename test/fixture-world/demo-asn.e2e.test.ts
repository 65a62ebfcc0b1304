import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promises as dns } from 'node:dns';
import { isIPv4 } from 'node:net';
import { describe, test } from 'node:test';
import { DEMO_HOSTS, DEMO_SEED_DOMAIN, DEMO_TWIN_DOMAIN, demoWorldOptions } from '../../src/fixture-world/demo.js';
import { startFixtureWorld } from '../../src/fixture-world/index.js';
import type { DnsRecordSpec } from '../../src/fixture-world/index.js';

type Range = { start: bigint; end: bigint; asn: number };

/** Loads an @ip-location-db/asn "-num" CSV (start, end, ASN, org) into sorted ranges. */
function loadRanges(file: string): Range[] {
  const path = createRequire(import.meta.url).resolve(`@ip-location-db/asn/${file}`);
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => {
    const [start, end, asn] = line.split(',', 3);
    return { start: BigInt(start ?? 0), end: BigInt(end ?? 0), asn: Number(asn) };
  });
}

function ipv4ToInt(ip: string): bigint {
  return ip.split('.').reduce((n, octet) => n * 256n + BigInt(octet), 0n);
}

function ipv6ToInt(ip: string): bigint {
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.reduce((n, group) => n * 65536n + BigInt(parseInt(group, 16)), 0n);
}

function asnOf(ranges: Range[], value: bigint): number | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (value < range.start) high = mid - 1;
    else if (value > range.end) low = mid + 1;
    else return range.asn;
  }
  return undefined;
}

describe('demo world: DNS data', () => {
  const options = demoWorldOptions();
  const records = options.dns.filter((entry): entry is DnsRecordSpec => 'type' in entry);

  test('every demo address is announced by the AS of the operator it stands for', () => {
    const v4 = loadRanges('asn-ipv4-num.csv');
    const v6 = loadRanges('asn-ipv6-num.csv');
    const addresses = records.filter((r) => r.type === 'A' || r.type === 'AAAA');
    assert.ok(addresses.length >= 40);
    const wrong: string[] = [];
    for (const record of addresses) {
      const host = DEMO_HOSTS.find((h) => h.name === record.name);
      assert.ok(host?.asn, `${record.name} has addresses but no expected ASN`);
      const found = isIPv4(record.value) ? asnOf(v4, ipv4ToInt(record.value)) : asnOf(v6, ipv6ToInt(record.value));
      if (found !== host.asn) wrong.push(`${record.name} ${record.value}: AS${found} instead of AS${host.asn}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('the range lookup itself tells operators apart (guards the test above)', () => {
    const v4 = loadRanges('asn-ipv4-num.csv');
    assert.equal(asnOf(v4, ipv4ToInt('142.250.179.100')), 15169);
    assert.equal(asnOf(v4, ipv4ToInt('51.91.236.193')), 16276);
    assert.notEqual(asnOf(v4, ipv4ToInt('51.91.236.193')), 15169);
  });

  test('every demo site, and every NS and MX target, resolves to an address through the world\'s DNS', async () => {
    const world = await startFixtureWorld({ sites: [], dns: options.dns });
    try {
      const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
      resolver.setServers([world.dnsServer]);
      const targets = records.filter((r) => r.type === 'NS' || r.type === 'MX').map((r) => r.value);
      const names = [...options.sites.map((site) => site.host), ...targets];
      const unresolved: string[] = [];
      for (const name of names) {
        const addresses = await resolver.resolve4(name).catch(() => []);
        if (addresses.length === 0) unresolved.push(name);
      }
      assert.deepEqual(unresolved, []);
    } finally {
      await world.close();
    }
  });

  test('both first-party domains have NS, MX and an SPF record; the seed points at Amazon and Google, the twin at OVH', () => {
    const of = (name: string, type: DnsRecordSpec['type']) => records.filter((r) => r.name === name && r.type === type).map((r) => r.value);
    assert.ok(of(DEMO_SEED_DOMAIN, 'NS').every((ns) => /\.awsdns-\d+\./.test(ns)));
    assert.ok(of(DEMO_SEED_DOMAIN, 'MX').includes('aspmx.l.google.com'));
    assert.deepEqual(of(DEMO_SEED_DOMAIN, 'TXT'), ['v=spf1 include:_spf.google.com ~all']);
    assert.deepEqual(of(DEMO_TWIN_DOMAIN, 'NS').sort(), ['dns10.ovh.net', 'ns10.ovh.net']);
    assert.ok(of(DEMO_TWIN_DOMAIN, 'MX').includes('mx1.mail.ovh.net'));
    assert.deepEqual(of(DEMO_TWIN_DOMAIN, 'TXT'), ['v=spf1 include:mx.ovh.com ~all']);
  });
});
