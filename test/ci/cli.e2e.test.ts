import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import { meaningfulStderr, runCli } from '../e2e/helpers.js';
import { githubProblems, sarifProblems } from './sarif-validator.js';

// The CI features as a pipeline uses them, on a loopback shop whose page gains and loses a foreign
// dependency between runs: Google Analytics, then Google Fonts instead, then nothing foreign.
// Five page loads in all; every bad-input case fails before a browser starts.

const FR_IP = '51.91.236.193'; // OVH (AS16276), FR
const US_IP = '142.250.179.100'; // Google (AS15169)
const SHOP = 'https://www.shop.fr/';

type State = 'analytics' | 'fonts' | 'clean';
let state: State = 'analytics';
const PAGES: Record<State, string> = {
  analytics: '<!doctype html><title>Shop</title><script src="https://www.google-analytics.com/analytics.js"></script>',
  fonts: '<!doctype html><title>Shop</title><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">',
  clean: '<!doctype html><title>Shop</title><p>Only first-party content.</p>',
};

let world: FixtureWorld;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-ci-'));
  world = await startFixtureWorld({
    sites: [
      {
        host: 'www.shop.fr',
        routes: {
          '/': {
            handler: (_req, res) => {
              res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
              res.end(PAGES[state]);
            },
          },
        },
      },
      { host: 'www.google-analytics.com', routes: { '/analytics.js': { body: '/* tag */', contentType: 'text/javascript' } } },
      { host: 'fonts.googleapis.com', routes: { '/css2': { body: '/* fonts */', contentType: 'text/css' } } },
    ],
    dns: [
      { name: 'www.shop.fr', type: 'A', value: FR_IP },
      { name: 'www.google-analytics.com', type: 'A', value: US_IP },
      { name: 'fonts.googleapis.com', type: 'A', value: US_IP },
    ],
  });
});

after(async () => world?.close());

const inWorld = (): string[] => [...world.connectTo.flatMap((c) => ['--connect-to', c]), '--dns-server', world.dnsServer, '--insecure', '--no-infra'];
const english = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const cli = (args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) =>
  runCli(args, { cwd: options.cwd ?? dir, env: { ...english, ...options.env } });


describe('CI gate with a baseline', () => {
  it('souverain baseline writes every finding of the page as accepted', async () => {
    state = 'analytics';
    const result = await cli(['baseline', SHOP, ...inWorld(), '--output', 'b.json', '--no-config']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Baseline written to b\.json: \d+ finding\(s\) accepted\./);
    const baseline = JSON.parse(await readFile(join(dir, 'b.json'), 'utf8'));
    assert.equal(baseline.schemaVersion.split('.')[0], '1');
    assert.ok(baseline.entries.some((entry: { key: string }) => entry.key === 'foreign-controlled-third-parties|host|www.google-analytics.com||vendor|google'));
  });

  it('passes the same page against it, with settings from a config file given with --config and every format written', async () => {
    // Paths in the file are relative to its directory. It sets connectTo, dnsServer and insecure, which a
    // file found by walking up may not (decision 0013): it is named with --config, from a sub-directory.
    const config = {
      $schema: './node_modules/souverain/schemas/config.schema.json',
      baseline: '../b.json',
      format: 'json,sarif,junit,markdown,csv',
      output: '../out/report',
      lang: 'fr',
      insecure: true,
      infra: false,
      dnsServer: world.dnsServer,
      connectTo: world.connectTo,
    };
    await mkdir(join(dir, 'project', 'sub', 'deeper'), { recursive: true });
    await writeFile(join(dir, 'project', 'souverain.config.json'), JSON.stringify(config, null, 2));
    const result = await cli(['audit', SHOP, '--lang', 'en', '--config', '../../souverain.config.json'], { cwd: join(dir, 'project', 'sub', 'deeper') });
    assert.equal(result.code, 0, `the baseline accepts the foreign analytics: ${result.stdout}${result.stderr}`);
    assert.match(result.stdout, /NOT SOVEREIGN/, '--lang en wins over the config file');
    assert.match(result.stdout, /Baseline .*b\.json: \d+ accepted finding\(s\), 0 new of which 0 blocking, 0 entries no longer seen\./);
    assert.match(result.stdout, /Check against the baseline: passed\./);
    for (const extension of ['json', 'sarif', 'xml', 'md', 'csv']) await readFile(join(dir, 'out', `report.${extension}`), 'utf8');

    const sarif = JSON.parse(await readFile(join(dir, 'out', 'report.sarif'), 'utf8'));
    assert.equal(sarifProblems(sarif), undefined);
    assert.ok(sarif.runs[0].results.length > 0);
    assert.ok(sarif.runs[0].results.every((result: { baselineState: string }) => result.baselineState === 'unchanged'));
    // The baseline (../b.json from here) is outside the working directory: a stable virtual path instead, never the page URL.
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, `souverain/${new URL(SHOP).hostname}`);
    assert.deepEqual(githubProblems(sarif), []);

    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await readFile(join(dir, 'out', 'report.xml'), 'utf8'));
    assert.equal(junit.testsuites.failures, '0', 'accepted findings do not fail test cases');
    assert.match(await readFile(join(dir, 'out', 'report.md'), 'utf8'), /^### ✅ souverain: no new blocking finding\n/, 'the gate first');
    assert.match(await readFile(join(dir, 'out', 'report.csv'), 'utf8'), /\r\nwww\.google-analytics\.com,google-analytics\.com,third party,Google,Google Analytics,Alphabet,US,/);
  });

  it('fails when the page gains a foreign dependency, and names the baseline entries no longer seen (in French from LANG)', async () => {
    state = 'fonts';
    const result = await cli(['audit', SHOP, ...inWorld(), '--no-config', '--baseline', 'b.json', '--format', 'json', '--output', 'fonts.json'], { env: { LANG: 'fr_FR.UTF-8' } });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /NON SOUVERAIN/);
    assert.match(result.stdout, /Nouveaux constats bloquants \(la vérification échoue\) :\n {2}- \[foreign-controlled-third-parties\] fonts\.googleapis\.com/);
    assert.match(result.stdout, /Entrées de la référence qui ne sont plus observées[^\n]*\n {2}- \[[a-z-]+\] www\.google-analytics\.com/);
    assert.match(result.stdout, /Vérification par rapport à la référence : échec\./);
  });

  it('diff lists what was added and removed, and exits 1 when something non-sovereign was added', async () => {
    const text = await cli(['diff', 'out/report.json', 'fonts.json']);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /Hosts: 1 added, 1 removed\n {2}\+ fonts\.googleapis\.com\n {2}- www\.google-analytics\.com/);
    assert.match(text.stdout, /Something non-sovereign was added \(exit code 1\)\./);
    const json = await cli(['diff', 'out/report.json', 'fonts.json', '--format', 'json']);
    assert.equal(json.code, 1);
    const diff = JSON.parse(json.stdout);
    assert.deepEqual(diff.hosts, { added: ['fonts.googleapis.com'], removed: ['www.google-analytics.com'] });
    assert.deepEqual(diff.organisations, { added: [], removed: [] }, 'Alphabet either way');
    assert.ok(diff.findings.added.some((finding: { subject: { host: string } }) => finding.subject.host === 'fonts.googleapis.com'));
  });

  it('--update-baseline accepts the new state; the saved report then passes against it offline', async () => {
    const result = await cli(['audit', SHOP, ...inWorld(), '--no-config', '--baseline', 'b.json', '--update-baseline']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Baseline written to b\.json/);
    const keys = JSON.parse(await readFile(join(dir, 'b.json'), 'utf8')).entries.map((entry: { key: string }) => entry.key);
    assert.ok(keys.some((key: string) => key.includes('fonts.googleapis.com')));
    assert.ok(!keys.some((key: string) => key.includes('google-analytics')));
    const offline = await cli(['assess', 'fonts.json', '--no-config', '--baseline', 'b.json']);
    assert.equal(offline.code, 0, offline.stdout + offline.stderr);
  });

  it('a page that loses its foreign dependency is sovereign, and the diff adds nothing non-sovereign', async () => {
    state = 'clean';
    const result = await cli(['audit', SHOP, ...inWorld(), '--no-config', '--format', 'json', '--output', 'clean.json']);
    assert.equal(result.code, 0, result.stderr);
    const diff = await cli(['diff', 'fonts.json', 'clean.json']);
    assert.equal(diff.code, 0, diff.stdout);
    assert.match(diff.stdout, /SOVEREIGN → SOVEREIGN|NOT SOVEREIGN → SOVEREIGN/);
    assert.match(diff.stdout, /Nothing non-sovereign was added\./);
  });
});

describe('bad input fails before any page load, in one line, exit 2', () => {
  const fails = async (args: string[], pattern: RegExp, env: Record<string, string> = {}) => {
    const result = await cli(args, { env });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, pattern);
    assert.equal(meaningfulStderr(result.stderr).length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  };

  it('a policy file with schema errors: file, field and line', async () => {
    await writeFile(join(dir, 'bad-policy.yaml'), 'id: x\nname: x\nallowedJurisdictions: [France]\nrules: { foreign-cdn: maybe }\n');
    await fails(['audit', SHOP, '--no-config', '--policy', 'bad-policy.yaml'], /policy file bad-policy\.yaml: allowedJurisdictions\.0: an ISO 3166-1 alpha-2 code in capitals, e\.g\. "FR" \(line 3\); rules\.foreign-cdn: must be one of: block, warn, off \(line 4\)/);
    await fails(['policy', 'explain', 'bad-policy.yaml', '--lang', 'fr'], /fichier de politique bad-policy\.yaml : allowedJurisdictions\.0 : un code ISO 3166-1 alpha-2 .* \(ligne 3\)/);
  });

  it('a baseline file that is not valid: its path and line', async () => {
    const broken = JSON.stringify({ ...JSON.parse(await readFile(join(dir, 'b.json'), 'utf8')), entries: 'none' }, null, 2);
    const line = broken.split('\n').findIndex((row) => row.includes('"entries"')) + 1;
    await writeFile(join(dir, 'bad-baseline.json'), broken);
    await fails(['audit', SHOP, '--no-config', '--baseline', 'bad-baseline.json'], new RegExp(`baseline file bad-baseline\\.json: entries: expected a list \\(line ${line}\\)`));
    await fails(['audit', SHOP, '--no-config', '--baseline', 'missing.json'], /baseline file missing\.json does not exist — create it with "souverain baseline URL --output missing\.json"/);
  });

  it('unknown formats, and several formats with nowhere to write them', async () => {
    await fails(['audit', SHOP, '--no-config', '--format', 'json,docx'], /unknown report format "docx" — use one or more of: terminal, json, html, sarif, junit, markdown, csv, pdf/);
    await fails(['audit', SHOP, '--no-config', '--format', 'json,docx', '--lang', 'fr'], /format de rapport inconnu « docx »/);
    await fails(['audit', SHOP, '--no-config', '--format', 'json,sarif'], /several formats \(json, sarif\) cannot all be written to standard output/);
    await fails(['diff', 'fonts.json', 'clean.json', '--format', 'html'], /souverain diff writes terminal, json or markdown/);
  });

  it('an output path that cannot be written', async () => {
    await writeFile(join(dir, 'a-file'), 'not a directory');
    await fails(['assess', 'fonts.json', '--no-config', '--format', 'sarif', '--output', 'a-file/report.sarif'], /cannot write a-file\/report\.sarif \((ENOTDIR|EEXIST)\) — give a path to a regular file in a writable directory/);
  });

  it('reports of incompatible schema versions', async () => {
    const report = JSON.parse(await readFile(join(dir, 'fonts.json'), 'utf8'));
    await writeFile(join(dir, 'future.json'), JSON.stringify({ ...report, schemaVersion: '2.0.0' }));
    await fails(['diff', 'fonts.json', 'future.json'], /future\.json has report schema 2\.0\.0, this souverain reads 1\.x/);
  });

  it('a configuration file with schema errors', async () => {
    await mkdir(join(dir, 'badconfig'), { recursive: true });
    await writeFile(join(dir, 'badconfig', '.souverainrc'), 'timeout: soon\nformat: [json]\n');
    const result = await cli(['policy', 'explain'], { cwd: join(dir, 'badconfig') });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /configuration file .*\.souverainrc: timeout: expected a number \(line 1\)/);
  });
});

describe('policy init', () => {
  it('writes a starter file that explain accepts, and will not overwrite it', async () => {
    const first = await cli(['policy', 'init', '--from', 'eu', '--output', 'agency.yaml', '--lang', 'fr']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(await readFile(join(dir, 'agency.yaml'), 'utf8'), /Pays dont le droit peut atteindre/);
    const explained = await cli(['policy', 'explain', 'agency.yaml', '--no-config']);
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, /Policy "my-policy"/);
    assert.match(explained.stdout, /Reported, never blocking \(level warn\):\n {2}- foreign-dns-operator/);
    const again = await cli(['policy', 'init', '--output', 'agency.yaml']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /agency\.yaml already exists — add --force/);
  });
});
