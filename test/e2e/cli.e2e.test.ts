import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { findChromium } from '../../src/collect/browser.js';
import { chromiumArgs } from '../../src/collect/chromium-flags.js';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import { meaningfulStderr, runCli } from './helpers.js';

// The CLI as a user runs it, against a small loopback world with one sound page and each kind of fault.
let world: FixtureWorld;
let dir: string;

const FR_IP = '51.91.236.193'; // OVH (AS16276), FR
const US_IP = '142.250.179.100'; // Google (AS15169)

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-cli-'));
  world = await startFixtureWorld({
    sites: [
      { host: 'www.sound.fr', tlsIssuer: 'Certigna', routes: { '/': { body: '<!doctype html><title>Sound</title><p>Only first-party content.</p>' } } },
      { host: 'www.tracked.fr', routes: { '/': { body: '<!doctype html><title>x</title><script src="https://www.google-analytics.com/analytics.js"></script>' } } },
      { host: 'www.google-analytics.com', routes: { '/analytics.js': { body: '/* tag */', contentType: 'text/javascript' } } },
      { host: 'www.hostile.fr', routes: { '/': { body: '<!doctype html><title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title><script>document.cookie="<img src=x onerror=alert(1)>=1"</script><img src="https://www.google-analytics.com/x.gif?&quot;&gt;&lt;script&gt;">' } } },
      { host: 'www.missing.fr', routes: {} },
      { host: 'files.docs.fr', routes: { '/report.pdf': { body: '%PDF-1.4\n%…', contentType: 'application/pdf' } } },
      { host: 'www.selfsigned.fr', certificate: 'self-signed', routes: { '/': { body: '<!doctype html><title>s</title>' } } },
      { host: 'www.slow.fr', routes: { '/': { body: '<!doctype html><title>slow</title>', delayMs: 8000 } } },
    ],
    dns: [
      ...['www.sound.fr', 'sound.fr', 'www.hostile.fr', 'www.missing.fr', 'files.docs.fr', 'www.selfsigned.fr', 'www.slow.fr', 'www.tracked.fr'].map((name) => ({ name, type: 'A' as const, value: FR_IP })),
      { name: 'www.google-analytics.com', type: 'A', value: US_IP },
      { name: 'www.nowhere.fr', fault: 'nxdomain' },
    ],
  });
});

after(async () => world?.close());

const inWorld = () => [...world.connectTo.flatMap((c) => ['--connect-to', c]), '--dns-server', world.dnsServer];

describe('souverain audit (CLI)', () => {
  it('exits 0 for a sovereign page and writes a JSON report', async () => {
    const output = join(dir, 'sound.json');
    const result = await runCli(['audit', 'https://www.sound.fr/', ...inWorld(), '--insecure', '--format', 'json', '--output', output]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(await readFile(output, 'utf8'));
    assert.equal(report.assessment.verdict, 'sovereign');
    assert.match(result.stdout, /sovereign/i, 'the terminal summary still prints');
  });

  it('exits 1 and names Alphabet and the US when a page loads Google Analytics', async () => {
    const result = await runCli(['audit', 'https://www.tracked.fr/', ...inWorld(), '--insecure', '--no-infra']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /Alphabet/);
    assert.match(result.stdout, /US/);
    assert.doesNotMatch(result.stdout, /\u001b\[/, 'no colour without a TTY');
  });

  it('writes a French HTML report that escapes the hostile page and makes no request when opened', async () => {
    const output = join(dir, 'hostile.html');
    const result = await runCli(['audit', 'https://www.hostile.fr/', ...inWorld(), '--insecure', '--no-infra', '--format', 'html', '--output', output, '--lang', 'fr']);
    assert.equal(result.code, 1, result.stderr);
    const html = await readFile(output, 'utf8');
    assert.match(html, /<html[^>]*lang="fr"/);
    // The audit browser's quiet flags, and no name resolution at all: a report must need none.
    const browser = await chromium.launch({ executablePath: findChromium(), args: [...chromiumArgs(), '--host-resolver-rules=MAP * ~NOTFOUND'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (request) => { if (!request.url().startsWith('data:') && !request.url().startsWith('file:')) requests.push(request.url()); });
      page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
      await page.goto(`file://${output}`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      assert.deepEqual(requests, []);
      assert.deepEqual(dialogs, [], 'no script from the page ran');
      assert.equal(await page.locator('script').count(), 0);
    } finally {
      await browser.close();
    }
  });

  const failures: [string, string[], RegExp][] = [
    ['an invalid URL', ['audit', 'http://'], /not a valid URL|no host/],
    ['an unsupported scheme', ['audit', 'file:///etc/passwd'], /unsupported scheme "file:"/],
    ['a javascript: URL', ['audit', 'javascript:alert(1)'], /unsupported scheme "javascript:"/],
    ['an unknown format', ['audit', 'https://www.sound.fr/', '--format', 'docx'], /docx/],
    ['a bad --timeout', ['audit', 'https://www.sound.fr/', '--timeout', 'soon'], /seconds/],
    ['a bad --connect-to', ['audit', 'https://www.sound.fr/', '--connect-to', 'a:b:c'], /--connect-to/],
  ];
  for (const [what, args, message] of failures) {
    it(`exits 2 with one line for ${what}`, async () => {
      const result = await runCli(args);
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('exits 2 naming the file and line for a policy file that does not parse', async () => {
    const policy = join(dir, 'broken.yaml');
    await writeFile(policy, 'id: x\nname: [oops\n');
    const result = await runCli(['audit', 'https://www.sound.fr/', ...inWorld(), '--policy', policy]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /broken\.yaml:\d+ does not parse/);
    assert.equal(meaningfulStderr(result.stderr).length, 1);
  });

  it('exits 2 for an unknown host, from souverain\'s own resolver, before starting a browser', async () => {
    const result = await runCli(['audit', 'https://www.nowhere.fr/', '--dns-server', world.dnsServer]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /www\.nowhere\.fr.*(unknown|does not exist|NXDOMAIN)/i);
  });

  const pageFaults: [string, string[], RegExp][] = [
    ['an HTTP error status', ['https://www.missing.fr/absent'], /404/],
    ['a document that is not HTML', ['https://files.docs.fr/report.pdf'], /not an HTML|application\/pdf/],
    ['a certificate that does not verify, without --insecure', ['https://www.selfsigned.fr/'], /--insecure/],
    ['a page that does not answer in time', ['https://www.slow.fr/', '--timeout', '2'], /--timeout/],
  ];
  for (const [what, args, message] of pageFaults) {
    it(`exits 2 for ${what}, still writing the evidence`, async () => {
      const output = join(dir, `fault-${what.replace(/\W+/g, '-')}.json`);
      const insecure = what.includes('certificate') ? [] : ['--insecure'];
      const result = await runCli(['audit', ...args, ...inWorld(), ...insecure, '--no-infra', '--format', 'json', '--output', output]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(meaningfulStderr(result.stderr).length, 1, result.stderr);
      const report = JSON.parse(await readFile(output, 'utf8'));
      assert.ok(report.collection.pages[0].navigationError, 'the failure is in the evidence');
      assert.equal(report.assessment.verdict, 'inconclusive');
    });
  }

  it('exits 2 for a refused connection', async () => {
    const result = await runCli(['audit', 'https://www.sound.fr/', '--connect-to', '127.0.0.1', '--dns-server', world.dnsServer, '--no-infra', '--timeout', '5']);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /refused|REFUSED/);
  });
});

describe('souverain assess (CLI)', () => {
  it('judges a saved report again under another policy, offline', async () => {
    const output = join(dir, 'sound.json');
    const result = await runCli(['assess', output, '--policy', 'eu', '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).assessment.policy.id, 'eu');
  });
});
