import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSpecialIp, parseIp, usableIp } from '../../src/enrich/ip-address.js';
import { buildDateFromVersion, IpLocationDb } from '../../src/enrich/sources/ip-location-db/index.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIpv4Table, parseIpv6Table, readTableFile } from '../../src/enrich/sources/ip-location-db/range-table.js';

test('private, loopback, documentation and link-local addresses are not usable, public ones are', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '169.254.1.1', '198.51.100.7', '203.0.113.9', '224.0.0.1', '::1', 'fe80::1', 'fd12::1', '2001:db8::1', '::ffff:10.0.0.1', 'not-an-ip']) {
    assert.equal(usableIp(ip), undefined, ip);
  }
  for (const ip of ['8.8.8.8', '172.32.0.1', '51.91.0.1', '2a00:1450:4007:80c::200e', '[2001:41d0::1]', '::ffff:8.8.8.8']) {
    assert.ok(usableIp(ip), ip);
  }
});

test('IPv6 text, including "::" and an embedded IPv4 tail, parses to four 32-bit limbs', () => {
  assert.deepEqual(parseIp('2001:db8::1'), { version: 6, limbs: [0x20010db8, 0, 0, 1] });
  assert.deepEqual(parseIp('::ffff:192.0.2.1'), { version: 4, value: 0xc0000201 });
  assert.deepEqual(parseIp('64:ff9b::192.0.2.1'), { version: 6, limbs: [0x0064ff9b, 0, 0, 0xc0000201] });
  assert.equal(isSpecialIp(parseIp('2a00:1450::1')!), false);
});

test('the ip-location-db version encodes the build date', () => {
  assert.equal(buildDateFromVersion('2.3.2026061719'), '2026-06-17');
  assert.equal(buildDateFromVersion('1.0.0'), undefined);
});

test('an IPv4 table finds inclusive ranges, quoted names, gaps and nested ranges', () => {
  const csv = Buffer.from('10,19,64500,"Example, Inc."\n20,29,64501,Plain Org\n40,60,64502,"Outer ""Quoted"""\n45,45,64503,Inner\n');
  const table = parseIpv4Table(csv, 'number');
  assert.equal(table.rows, 4);
  assert.equal(table.text(table.find(10)), 'Example, Inc.');
  assert.equal(table.number(table.find(19)), 64500);
  assert.equal(table.find(30), -1, 'gap between ranges');
  assert.equal(table.find(9), -1, 'before the first range');
  assert.equal(table.number(table.find(45)), 64503, 'the nested range wins');
  assert.equal(table.text(table.find(50)), 'Outer "Quoted"', 'after the nested range, the enclosing one');
});

test('an ASN table keeps each distinct name once, yet a number with two names keeps both', () => {
  const csv = Buffer.from('1,1,64500,Shared Org\n2,2,64501,Other\n3,3,64500,Shared Org\n4,4,64500,"Renamed, SA"\n5,5,64502\n6,6,64500,Shared Org\r\n');
  const table = parseIpv4Table(csv, 'number');
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((ip) => table.text(table.find(ip))), ['Shared Org', 'Other', 'Shared Org', 'Renamed, SA', '', 'Shared Org']);
  csv.fill(0x20); // the table no longer reads the file's bytes
  assert.equal(table.text(table.find(4)), 'Renamed, SA');
});

test('a table file read in blocks equals the same bytes parsed whole, lines across block ends and one longer than a block included', () => {
  const lines: string[] = [];
  for (let i = 0; i < 60_000; i++) lines.push(`${i * 10},${i * 10 + 9},${64500 + (i % 997)},"Org ${i % 997}, ${'x'.repeat(i % 23)}"${i % 5 === 0 ? '\r' : ''}`);
  lines[30_000] = `300000,300009,65000,${'L'.repeat(1_500_000)}`;
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  assert.ok(bytes.length > 3 * 1024 * 1024, 'several blocks');
  const folder = mkdtempSync(join(tmpdir(), 'range-table-'));
  try {
    writeFileSync(join(folder, 'table.csv'), bytes);
    const whole = parseIpv4Table(bytes, 'number');
    const blocks = readTableFile(join(folder, 'table.csv'), 4, 'number');
    assert.equal(blocks.rows, whole.rows);
    for (let ip = 0; ip < 600_010; ip += 7) {
      const [a, b] = [whole.find(ip), blocks.find(ip)];
      assert.equal(b, a, `row of ${ip}`);
      if (a >= 0) assert.equal(`${blocks.number(b)} ${blocks.text(b)}`, `${whole.number(a)} ${whole.text(a)}`, `values of ${ip}`);
    }
    assert.equal(blocks.text(blocks.find(300_005)).length, 1_500_000);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('an IPv6 table reads 128-bit decimals exactly', () => {
  // 2001:db8:: = 42540766411282592856903984951653826560; 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff = …903984951653826560 + 2^96 - 1
  const start = (0x20010db8n << 96n).toString();
  const end = ((0x20010db8n << 96n) + (1n << 96n) - 1n).toString();
  const table = parseIpv6Table(Buffer.from(`${start},${end},FR\n`), 'country');
  assert.equal(table.text(table.find([0x20010db8, 0, 0, 1])), 'FR');
  assert.equal(table.text(table.find([0x20010db8, 0xffffffff, 0xffffffff, 0xffffffff])), 'FR');
  assert.equal(table.find([0x20010db9, 0, 0, 0]), -1);
});

test('the bundled ASN data maps Google and OVHcloud addresses, over IPv4 and IPv6', () => {
  const db = new IpLocationDb();
  assert.deepEqual(db.asn(parseIp('142.250.74.238')!), { asn: 15169, organisation: 'Google LLC' });
  assert.equal(db.asn(parseIp('2001:41d0:8:1::1')!)?.asn, 16276);
  assert.equal(db.country(parseIp('51.91.0.1')!), 'FR');
  const [asn] = db.dataSources();
  assert.equal(asn?.builtAt, buildDateFromVersion(db.asnPackage.version));
  assert.match(asn?.attribution ?? '', /DB-IP/);
});
