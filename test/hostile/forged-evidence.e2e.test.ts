import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditBrowser } from '../../src/collect/browser.js';
import { capturePage } from '../../src/collect/capture-page.js';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import type { PageCapture } from '../../src/types.js';
import { FAST_WAIT, browserFor, html } from '../collect/helpers.js';

/**
 * A page that tries to forge its own evidence: it stores a tracker key, then redefines every
 * JavaScript object a naive reader would use (Storage.prototype, the localStorage getter,
 * querySelectorAll) to hide that key and the real resource hint, and to invent a hint host.
 */
const FORGER = `<!doctype html><title>forger</title>
<link rel="preconnect" href="https://real-hint.test">
<script>
localStorage.setItem('_ga_hidden', '1');
sessionStorage.setItem('_fbp_hidden', '1');
const fake = { length: 1, key: () => 'innocent', getItem: () => null };
Object.defineProperty(Storage.prototype, 'length', { get: () => 0 });
Storage.prototype.key = () => null;
Object.defineProperty(window, 'localStorage', { get: () => fake });
Object.defineProperty(window, 'sessionStorage', { get: () => fake });
const fakeLink = { rel: 'preconnect', href: 'https://fake-hint.test/' };
Document.prototype.querySelectorAll = () => [fakeLink];
document.querySelectorAll = () => [fakeLink];
</script>`;

describe('a page cannot forge the evidence souverain reads from it', () => {
  let world: FixtureWorld;
  let browser: AuditBrowser;
  let capture: PageCapture;

  before(async () => {
    world = await startFixtureWorld({ sites: [{ host: 'forger.test', routes: { '/': html(FORGER) } }], dns: [] });
    browser = await browserFor(world);
    capture = await capturePage(browser, 'https://forger.test/', { wait: FAST_WAIT });
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  test('storage keys hidden by redefined Storage objects are still listed, invented ones are not', () => {
    const keys = capture.storage.flatMap((record) => record.keys.map((key) => `${record.kind} ${key}`)).sort();
    assert.deepEqual(keys, ['localStorage _ga_hidden', 'sessionStorage _fbp_hidden']);
  });

  test('a hint hidden by a redefined querySelectorAll is still listed, an invented one is not', () => {
    const hosts = capture.hints.map((hint) => hint.host);
    assert.ok(hosts.includes('real-hint.test'), `hints: ${hosts.join(', ')}`);
    assert.ok(!hosts.includes('fake-hint.test'), `hints: ${hosts.join(', ')}`);
  });
});
