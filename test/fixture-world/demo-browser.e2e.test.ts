import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_SEED_HOSTS, DEMO_SEED_URL, DEMO_TWIN_HOSTS, DEMO_TWIN_URL, demoWorldOptions } from '../../src/fixture-world/demo.js';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';

/**
 * A user --disable-features replaces Playwright's own list instead of merging (BROWSER-NOTES), so
 * the features that phone home are listed again here. AutofillServerCommunication: any page with a
 * signup form makes Chromium query content-autofill.googleapis.com on its own.
 */
const DISABLED_FEATURES = [
  'AutofillServerCommunication', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'MediaRouter', 'LensOverlay', 'ThirdPartyStoragePartitioning', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable',
  'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup',
];

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
  '--component-updater=url-source=http://127.0.0.1:9/', '--gaia-url=http://127.0.0.1:9/',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

/** Loads `url` and waits until every expected host has been requested (or the deadline passes). */
async function visit(browser: Browser, world: FixtureWorld, url: string, expected: readonly string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const firstRequest = world.requests.length;
  const seen = () => new Set(world.requests.slice(firstRequest).map((r) => r.host));
  await page.goto(url, { waitUntil: 'load' });
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline && !expected.every((host) => seen().has(host))) await page.waitForTimeout(100);
  await page.waitForTimeout(300); // a short quiet window for late beacons
  const result = { title: await page.title(), cookies: await context.cookies(), hosts: seen(), requests: world.requests.slice(firstRequest) };
  await context.close();
  return result;
}

describe('demo sites in real Chromium', () => {
  let world: FixtureWorld;
  let browser: Browser;

  before(async () => {
    world = await startFixtureWorld(demoWorldOptions());
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_FLAGS, `--host-resolver-rules=${world.hostResolverRules}`] });
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  test('the seed replica really loads every planned third party through its script chains', async () => {
    const visit1 = await visit(browser, world, DEMO_SEED_URL, DEMO_SEED_HOSTS);
    assert.match(visit1.title, /réplique fictive/);
    assert.deepEqual(DEMO_SEED_HOSTS.filter((host) => !visit1.hosts.has(host)), []);
    const paths = visit1.requests.map((r) => `${r.method} ${r.host}${r.path.split('?')[0]}`);
    // hosts reached only through a script: captcha loader → widget → image; analytics tag → pixel and beacon; slider → S3
    assert.ok(paths.includes('GET www.gstatic.com/recaptcha/releases/souverain-demo/recaptcha__fr.js'));
    assert.ok(paths.includes('GET www.google.com/recaptcha/api/image'));
    assert.ok(paths.includes('GET www.google-analytics.com/collect'));
    assert.ok(paths.includes('POST www.google-analytics.com/collect'));
    assert.ok(paths.includes('GET s3-eu-west-1.amazonaws.com/nuage-souverain-media/slides/donnees.svg'));
    assert.ok(visit1.cookies.some((c) => c.name === '_ga' && c.domain === '.nuage-souverain.fr'), 'the analytics tag sets _ga from script');
    assert.deepEqual(visit1.requests.filter((r) => DEMO_TWIN_HOSTS.includes(r.host)), []);
  });

  test('the twin loads only its own OVH-hosted names', async () => {
    const visit2 = await visit(browser, world, DEMO_TWIN_URL, DEMO_TWIN_HOSTS);
    assert.deepEqual(DEMO_TWIN_HOSTS.filter((host) => !visit2.hosts.has(host)), []);
    assert.deepEqual([...visit2.hosts].filter((host) => !DEMO_TWIN_HOSTS.includes(host)), []);
    assert.ok(visit2.requests.some((r) => r.path === '/captcha/challenge'), 'the proof-of-work captcha fetched its challenge');
    assert.ok(visit2.requests.some((r) => r.host === 'analytics.nuage-souverain-corrige.fr' && r.path.startsWith('/matomo.php?')));
    assert.ok(visit2.cookies.some((c) => c.name.startsWith('_pk_id.')));
  });

  test('Chromium contacted no host outside the plan', () => {
    assert.deepEqual(world.unplannedHosts(), []);
  });
});
