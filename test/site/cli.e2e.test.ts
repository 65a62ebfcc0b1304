import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import { meaningfulStderr, runCli } from '../e2e/helpers.js';
import { SITE, siteWorldOptions } from './site-world.js';

// The built CLI as a user runs it (npm test builds first): one page load.
let world: FixtureWorld;
let dir: string;
const inWorld = () => [...world.connectTo.flatMap((c) => ['--connect-to', c]), '--dns-server', world.dnsServer, '--insecure', '--no-infra'];
const journeyFile = (name: string) => fileURLToPath(new URL(`./journeys/${name}`, import.meta.url));

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-site-cli-'));
  world = await startFixtureWorld(siteWorldOptions());
});

after(async () => world?.close());

describe('souverain audit --evidence, then souverain verify', () => {
  it('writes a bundle, verifies it (exit 1: not sovereign), and exits 3 naming the tampered file', async () => {
    const bundle = join(dir, 'bundle');
    const audit = await runCli(['audit', `${SITE}/`, ...inWorld(), '--pages', '1', '--evidence', bundle, '--timeout', '10']);
    assert.equal(audit.code, 1, audit.stderr);
    assert.match(audit.stdout, /Site audit: 1 pages audited, 0 failed/);
    assert.match(audit.stdout, /www\.google-analytics\.com \(google\)/);
    assert.match(audit.stderr, /evidence bundle .*SHA256SUMS [0-9a-f]{64}/);
    const sums = await readFile(join(bundle, 'SHA256SUMS'), 'utf8');
    for (const file of ['report.json', 'run.json', 'versions.json', 'dns.json', 'certificates.json']) assert.match(sums, new RegExp(`  ${file.replace('.', '\\.')}\\n`));
    assert.match(sums, / {2}pages\/001-www\.atelier-exemple\.fr\.har\n/);
    assert.match(sums, / {2}screenshots\/001-www\.atelier-exemple\.fr\.png\n/);
    const run = JSON.parse(await readFile(join(bundle, 'run.json'), 'utf8'));
    assert.ok(run.command.includes('--evidence'), 'the command line is recorded');

    const verified = await runCli(['verify', bundle, '--policy', 'eu']);
    assert.equal(verified.code, 1, verified.stderr);
    assert.match(verified.stdout, /intact — \d+ files match SHA256SUMS/);
    assert.match(verified.stdout, /re-assessed offline under built-in:eu: not-sovereign/);

    const screenshot = join(bundle, 'screenshots', '001-www.atelier-exemple.fr.png');
    const png = await readFile(screenshot);
    png[png.length - 1] = (png[png.length - 1] ?? 0) ^ 0xff;
    await writeFile(screenshot, png);
    const tampered = await runCli(['verify', bundle]);
    assert.equal(tampered.code, 3);
    assert.match(meaningfulStderr(tampered.stderr).join('\n'), /screenshots\/001-www\.atelier-exemple\.fr\.png: SHA-256 does not match/);
  });

  it('refuses a journey file that does not parse, naming the file and line, before any browser starts', async () => {
    const result = await runCli(['audit', `${SITE}/`, ...inWorld(), '--journey', journeyFile('malformed.yaml')]);
    assert.equal(result.code, 2);
    assert.match(meaningfulStderr(result.stderr).join('\n'), /journey file .*malformed\.yaml:\d+ does not parse/);
  });

  it('gates a site audit on a baseline like a page audit: accepted findings pass, exit 0', async () => {
    const baseline = join(dir, 'site-baseline.json');
    const written = await runCli(['audit', `${SITE}/`, ...inWorld(), '--pages', '1', '--timeout', '10', '--baseline', baseline, '--update-baseline']);
    assert.equal(written.code, 0, written.stderr);
    assert.ok(JSON.parse(await readFile(baseline, 'utf8')).entries.length > 0, 'the baseline lists the site\'s findings');
    const gated = await runCli(['audit', `${SITE}/`, ...inWorld(), '--pages', '1', '--timeout', '10', '--baseline', baseline]);
    assert.equal(gated.code, 0, gated.stdout + gated.stderr);
    assert.match(gated.stdout, /Site audit: 1 pages audited/);
  });
});
