import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditBrowser } from '../../src/collect/browser.js';
import { capturePage } from '../../src/collect/capture-page.js';
import { startFixtureWorld, type FixtureSite, type FixtureWorld } from '../../src/fixture-world/index.js';
import { FAST_WAIT, browserFor, closedPort, handled, html } from './helpers.js';

/** Whether each request to /cookie carried a cookie: a fresh state sends none. */
const cookieHeaderSeen: boolean[] = [];

const SITES: FixtureSite[] = [
  {
    host: 'site.test',
    routes: {
      '/404': html('<title>Missing</title><img src="https://img.test/i.png">', { status: 404 }),
      '/500': html('<title>Broken</title>', { status: 500 }),
      '/data.json': { contentType: 'application/json', body: '{"a":1}' },
      '/file.bin': { contentType: 'application/octet-stream', body: 'binary', headers: { 'content-disposition': 'attachment; filename="file.bin"' } },
      '/hang': handled(() => undefined),
      '/busy': html("<title>Busy</title><script>setInterval(() => fetch('/tick?' + Date.now()), 150);</script>"),
      '/tick': { contentType: 'text/plain', body: 'tick' },
      '/late': html("<title>Late</title><script>addEventListener('load', () => setTimeout(() => fetch('https://late.test/t'), 400));</script>"),
      '/cookie': handled((req, res) => {
        cookieHeaderSeen.push(req.headers.cookie !== undefined);
        res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'visit=1; Max-Age=1000' });
        res.end("<script>document.title = localStorage.getItem('seen') ? 'returning' : 'fresh'; localStorage.setItem('seen', '1');</script>");
      }),
    },
  },
  { host: 'img.test', routes: { '/i.png': { contentType: 'image/png', body: '' } } },
  { host: 'late.test', routes: { '/t': { contentType: 'text/plain', body: 'late', headers: { 'access-control-allow-origin': '*' } } } },
];

describe('capturePage when navigation fails or the page misbehaves', () => {
  let world: FixtureWorld;
  let browser: AuditBrowser;

  before(async () => {
    world = await startFixtureWorld({ sites: SITES, dns: [] });
    const refusedPort = await closedPort();
    browser = await browserFor(world, ['nowhere.test::~NOTFOUND:', `refused.test::127.0.0.1:${refusedPort}`]);
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  test('an unknown host is reported as unknown-host, not thrown', async () => {
    const capture = await capturePage(browser, 'https://nowhere.test/', { wait: FAST_WAIT });
    assert.equal(capture.navigationError?.code, 'unknown-host');
    assert.match(capture.navigationError?.message ?? '', /ERR_NAME_NOT_RESOLVED/);
    assert.equal(capture.finalUrl, 'https://nowhere.test/');
    assert.equal(capture.screenshot, undefined);
  });

  test('a refused port is reported as connection-refused', async () => {
    const capture = await capturePage(browser, 'http://refused.test/', { wait: FAST_WAIT });
    assert.equal(capture.navigationError?.code, 'connection-refused');
    assert.equal(capture.requests[0]?.failure, 'net::ERR_CONNECTION_REFUSED');
  });

  test('HTTP 404 and 500 are http-status errors, and the page is still captured', async () => {
    const missing = await capturePage(browser, 'https://site.test/404', { wait: FAST_WAIT });
    assert.deepEqual(missing.navigationError, { code: 'http-status', message: 'HTTP 404 for https://site.test/404' });
    assert.equal(missing.status, 404);
    assert.equal(missing.title, 'Missing');
    assert.ok(missing.requests.some((r) => r.host === 'img.test'));
    const broken = await capturePage(browser, 'https://site.test/500', { wait: FAST_WAIT, screenshot: false });
    assert.equal(broken.navigationError?.code, 'http-status');
    assert.equal(broken.status, 500);
    assert.equal(broken.screenshot, undefined);
  });

  test('a JSON document and a download are not-html', async () => {
    const json = await capturePage(browser, 'https://site.test/data.json', { wait: FAST_WAIT });
    assert.equal(json.navigationError?.code, 'not-html');
    assert.equal(json.contentType, 'application/json');
    const download = await capturePage(browser, 'https://site.test/file.bin', { wait: FAST_WAIT });
    assert.equal(download.navigationError?.code, 'not-html');
    assert.match(download.navigationError?.message ?? '', /application\/octet-stream/);
  });

  test('a document that never answers is a timeout, marked partial', async () => {
    const capture = await capturePage(browser, 'https://site.test/hang', { wait: { ...FAST_WAIT, timeoutMs: 1_500 } });
    assert.equal(capture.navigationError?.code, 'timeout');
    assert.equal(capture.partial, true);
    assert.ok(capture.durationMs < 5_000, `${capture.durationMs} ms`);
  });

  test('a page that never goes quiet is returned at the timeout, partial, with what it did', async () => {
    const wait = { timeoutMs: 2_500, minDwellMs: 200, quietWindowMs: 500 };
    const capture = await capturePage(browser, 'https://site.test/busy', { wait });
    assert.equal(capture.partial, true);
    assert.match(capture.partialReason ?? '', /never went quiet for 500 ms before the 2500 ms timeout/);
    assert.equal(capture.navigationError, undefined);
    assert.equal(capture.title, 'Busy');
    assert.ok(capture.requests.filter((r) => r.url.includes('/tick')).length >= 5);
    assert.ok(capture.durationMs >= 2_500 && capture.durationMs < 6_000, `${capture.durationMs} ms`);
    assert.deepEqual(capture.wait, wait);
  });

  test('a request made 400 ms after load is caught by the quiet window', async () => {
    const capture = await capturePage(browser, 'https://site.test/late', { wait: { timeoutMs: 10_000, minDwellMs: 0, quietWindowMs: 600 } });
    assert.equal(capture.partial, false);
    assert.ok(capture.requests.some((r) => r.host === 'late.test'));
  });

  test('each capture starts from a fresh state: no cookie or storage from the previous one', async () => {
    const first = await capturePage(browser, 'https://site.test/cookie', { wait: FAST_WAIT, screenshot: false });
    const second = await capturePage(browser, 'https://site.test/cookie', { wait: FAST_WAIT, screenshot: false });
    assert.deepEqual(cookieHeaderSeen, [false, false]);
    assert.equal(first.title, 'fresh');
    assert.equal(second.title, 'fresh');
    assert.deepEqual(second.cookies.map((c) => `${c.state} ${c.name}`), ['stored visit']);
  });

  test('the browser contacted no host outside the plan', () => {
    assert.deepEqual(world.unplannedHosts(), []);
  });
});

describe('capturePage without --insecure', () => {
  test('an untrusted certificate is a tls error', async () => {
    const world = await startFixtureWorld({ sites: [{ host: 'site.test', routes: { '/': html('<title>x</title>') } }], dns: [] });
    const browser = await browserFor(world, [], false);
    try {
      const capture = await capturePage(browser, 'https://site.test/', { wait: FAST_WAIT });
      assert.equal(capture.navigationError?.code, 'tls');
      assert.match(capture.navigationError?.message ?? '', /ERR_CERT_/);
    } finally {
      await browser.close();
      await world.close();
    }
  });
});
