/**
 * `souverain lookup` and `souverain data export|check|stats` end to end: the built CLI as a user
 * runs it, on the bundled data (plus small user files), with a loopback DNS server for --dns-server.
 * `data check` on the bundled data runs here, so CI fails when the tables stop holding together.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDnsServer, type RunningDnsServer } from '../../src/fixture-world/dns-server.js';
import type { LookupResult } from '../../src/enrich/lookup.js';
import { runCli } from '../e2e/helpers.js';

let dir: string;
let dns: RunningDnsServer;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-knowledge-'));
  dns = await startDnsServer([{ name: 'www.shop-on-ovh.test', type: 'A', value: '51.91.236.193' }], '127.0.0.1');
});
after(async () => dns.close());

describe('souverain lookup', () => {
  it('answers hosts, URLs and IPs offline, with the deciding table, chain, laws and cited sources; unknown is exit 0 with what was tried', async () => {
    const result = await runCli(['lookup', 'www.google-analytics.com', 'https://142.250.74.238/x', 'nobody-knows-this.example', '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const [analytics, ip, nobody] = JSON.parse(result.stdout) as LookupResult[];
    assert.equal(analytics?.vendor?.decidedBy, 'curated-services');
    assert.equal(analytics?.vendorControl?.status === 'known' && analytics.vendorControl.jurisdiction, 'US');
    assert.ok(analytics?.vendorControl?.status === 'known' && analytics.vendorControl.laws.length > 0 && analytics.vendorControl.laws.every((law) => /https:\/\//.test(law.provenance.url ?? law.provenance.note ?? '')));
    assert.ok(analytics?.vendorControl?.status === 'known' && analytics.vendorControl.sources.every((source) => /^\d{4}-\d{2}-\d{2}$/.test(source.asOf ?? '')));
    assert.equal(ip?.kind, 'ip');
    assert.equal(ip?.operator?.decidedBy, 'asn');
    assert.equal(ip?.network?.asn, 15169);
    assert.equal(nobody?.status, 'unknown');
    assert.match(nobody?.tried.join(' ') ?? '', /no curated host pattern, owned domain or third-party-web entry/);
  });

  it('resolves names first with --dns-server and says it in French with --lang fr', async () => {
    const result = await runCli(['lookup', 'www.shop-on-ovh.test', '--dns-server', `127.0.0.1:${dns.port}`, '--lang', 'fr']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /réseau : 51\.91\.236\.193 → AS16276/);
    assert.match(result.stdout, /opérateur : OVHcloud — décidé par numéro d’AS AS16276/);
    assert.match(result.stdout, /juridiction : FR/);
  });

  it('refuses an invalid host or IP, a malformed data file and an unknown entity in one line naming file, line and field (exit 2)', async () => {
    const invalid = await runCli(['lookup', 'www.ok.fr', 'not a host']);
    assert.equal(invalid.code, 2);
    assert.equal(invalid.stdout, '');
    assert.deepEqual(invalid.stderr.trim().split('\n').length, 1);
    assert.match(invalid.stderr, /"not a host" is not a host name, URL or IP address/);

    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'entities:\n  - id: my-host\n    name: My host\n    country: France\n    confidence: high\n    sources: [{ note: "x x x", asOf: 2026-01-01 }]\n');
    const malformed = await runCli(['lookup', 'www.ok.fr', '--data', bad]);
    assert.equal(malformed.code, 2);
    // The shared data-file reader names the file, the field and the line: "bad.yaml: entities.0.country: … (line 4)".
    assert.match(malformed.stderr, /bad\.yaml(:4)?: entities\.0\.country: .*(\(line 4\)|)/);
    assert.match(malformed.stderr, /bad\.yaml:4:|\(line 4\)/);
    assert.doesNotMatch(malformed.stderr, /\n\s+at /);

    const orphan = join(dir, 'orphan.yaml');
    await writeFile(orphan, 'services:\n  - entity: google\n    service: A\n    categories: [other]\n    hosts: [a.example]\n  - entity: no-such-company\n    service: B\n    categories: [other]\n    hosts: [b.example]\n');
    const unknownEntity = await runCli(['lookup', 'www.ok.fr', '--data', orphan]);
    assert.equal(unknownEntity.code, 2);
    assert.match(unknownEntity.stderr, /orphan\.yaml:6: services\.1\.entity: unknown entity "no-such-company"/);
  });
});

describe('souverain data', () => {
  it('check: the bundled tables hold together (exit 0); an unknown entity in a user infrastructure pattern is an error (exit 1)', async () => {
    const ok = await runCli(['data', 'check']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /0 error\(s\)/);
    const file = join(dir, 'infra.yaml');
    await writeFile(file, 'infrastructure:\n  nameServers:\n    - { suffix: dns.nobody.example, entity: nobody-co, service: "DNS", source: { note: "test fixture", asOf: 2026-01-01 } }\n');
    const broken = await runCli(['data', 'check', '--data', file, '--format', 'json']);
    assert.equal(broken.code, 1);
    const report = JSON.parse(broken.stdout) as { errors: string[] };
    assert.ok(report.errors.some((error) => /dns\.nobody\.example names unknown entity "nobody-co"/.test(error)), report.errors.join('\n'));
  });

  it('export writes every table in CSV with the CC BY 4.0 licence, and stats prints the coverage figures (a)–(f)', async () => {
    const output = join(dir, 'dataset');
    const exported = await runCli(['data', 'export', '--format', 'csv', '--output', output]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.deepEqual((await readdir(output)).sort(), ['LICENCE', 'infrastructure-patterns.csv', 'laws.csv', 'organisations.csv', 'ownership-changes.csv', 'qualifications.csv', 'host-patterns.csv'].sort());
    const organisations = await readFile(join(output, 'organisations.csv'), 'utf8');
    assert.match(organisations.split('\r\n')[0] ?? '', /^id,name,legalName,country,headquarters,parent,ultimateParent/);
    assert.match(organisations, /\r\ngoogle,Google,.*,US,.*alphabet/);
    assert.match(await readFile(join(output, 'LICENCE'), 'utf8'), /CC BY 4\.0[\s\S]*third-party-web[^\n]*MIT/);
    const stats = await runCli(['data', 'stats']);
    assert.equal(stats.code, 0, stats.stderr);
    for (const part of ['(a) 500 most prevalent third-party-web entities', '(b) FR/EU ecosystem list', '(c) networks:', '(d) infrastructure:', '(e) the 300 largest networks registered in the EU/EEA', '(f) infrastructure providers most common in Europe:']) assert.ok(stats.stdout.includes(part), stats.stdout);
  });
});

describe('lookup and data stay light', () => {
  it('never load the browser: no module reachable from their commands imports playwright', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const { dirname, resolve } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const start = ['commands/lookup.ts', 'lookup-command.ts', 'commands/data.ts', 'data-command.ts'].map((file) => fileURLToPath(new URL(`../../src/cli/${file}`, import.meta.url)));
    const seen = new Set<string>();
    const offenders: string[] = [];
    const queue = [...start];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
        const specifier = match[1] as string;
        if (specifier.includes('playwright')) offenders.push(`${file} imports ${specifier}`);
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
        if (existsSync(target)) queue.push(target);
      }
    }
    assert.ok(seen.size > 10, `walked ${seen.size} files`);
    assert.deepEqual(offenders, []);
  });
});
