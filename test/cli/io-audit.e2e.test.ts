import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import { runInProcess } from './in-process.js';

// `audit` writes through the `io` given to main(argv, io): in the same process, a test sees the report
// on io.stdout and the failure line on io.stderr (a real Chromium and the loopback fixture world).

let world: FixtureWorld;
before(async () => {
  world = await startFixtureWorld({
    sites: [{ host: 'www.io.fr', routes: { '/': { body: '<!doctype html><title>io</title><p>first party only</p>' } } }],
    dns: [{ name: 'www.io.fr', type: 'A', value: '51.91.236.193' }],
  });
});
after(async () => world?.close());

const inWorld = () => [...world.connectTo.flatMap((rule) => ['--connect-to', rule]), '--dns-server', world.dnsServer, '--insecure', '--no-infra', '--no-config'];

describe('audit writes through io', () => {
  it('the JSON report goes to io.stdout; a page that failed is named on io.stderr', async () => {
    const result = await runInProcess(['audit', 'https://www.io.fr/', ...inWorld(), '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { target: string; collection: { pages: Array<{ title: string }> } };
    assert.equal(report.target, 'https://www.io.fr/');
    assert.equal(report.collection.pages[0]?.title, 'io');

    const missing = await runInProcess(['audit', 'https://www.io.fr/missing', ...inWorld()]);
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /www\.io\.fr/, 'the terminal summary is still written');
    assert.match(missing.stderr, /404/);
  });
});
