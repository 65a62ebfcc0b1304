import { MAX_SCREENSHOT_HEIGHT } from '../../src/collect/collectors/screenshot.js';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditBrowser } from '../../src/collect/browser.js';
import { capturePage } from '../../src/collect/capture-page.js';
import { DEFAULT_ISSUER } from '../../src/fixture-world/certificates.js';
import { startFixtureWorld, type FixtureSite, type FixtureWorld } from '../../src/fixture-world/index.js';
import type { PageCapture } from '../../src/types.js';
import { CORS, FAST_WAIT, browserFor, handled, onlyRequestTo } from './helpers.js';

const PAGE = `<!doctype html><title>Capture fixture</title>
<link rel="preconnect" href="https://pre.test">
<link rel="dns-prefetch" href="//dns.pre.test">
<iframe src="https://frame.test/frame"></iframe>
<script src="https://tag.test/tag.js"></script>
<script>
new Worker('/worker.js');
navigator.serviceWorker.register('/sw.js');
fetch('https://api.test/data', { headers: { 'x-custom': '1' } }).catch(() => {});
fetch('/redir1').catch(() => {});
navigator.sendBeacon('https://beacon.test/b', 'x');
try { new WebSocket('wss://ws.test/socket'); } catch {}
document.cookie = 'fp_js=1; Max-Age=1000';
localStorage.setItem('ls_key', 'v');
sessionStorage.setItem('ss_key', 'v');
</script>`;

const FRAME = `<!doctype html><title>frame</title><script>
fetch('https://framefetch.test/x');
document.cookie = 'tp_js=1; SameSite=None; Secure; Max-Age=1000';
localStorage.setItem('frame_key', '1');
</script>`;

const SITES: FixtureSite[] = [
  {
    host: 'site.test',
    routes: {
      '/': handled((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', server: 'fixture-server', 'set-cookie': ['fp_http=1; Max-Age=1000', 'rejected=1; Domain=elsewhere.test'] });
        res.end(PAGE);
      }),
      '/worker.js': { contentType: 'text/javascript', body: "fetch('https://dworker.test/d');" },
      '/sw.js': {
        contentType: 'text/javascript',
        body: "self.addEventListener('install', (e) => { e.waitUntil(fetch('https://swinstall.test/i')); self.skipWaiting(); });",
      },
      '/redir1': handled((_req, res) => {
        res.writeHead(302, { location: 'https://hop.test/redir2' });
        res.end();
      }),
    },
  },
  { host: 'tag.test', routes: { '/tag.js': { contentType: 'text/javascript', body: "setTimeout(() => { new Image().src = 'https://pixel.test/p.gif?id=1'; }, 10);" } } },
  { host: 'pixel.test', routes: { '/p.gif': { contentType: 'image/gif', body: '' } } },
  {
    host: 'frame.test',
    routes: {
      '/frame': handled((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'tp_http=1; SameSite=None; Secure; Max-Age=1000' });
        res.end(FRAME);
      }),
    },
  },
  { host: 'framefetch.test', routes: { '/x': { contentType: 'text/plain', body: 'ok', headers: { 'access-control-allow-origin': '*' } } } },
  { host: 'dworker.test', routes: { '/d': { contentType: 'text/plain', body: 'ok', headers: { 'access-control-allow-origin': '*' } } } },
  { host: 'swinstall.test', routes: { '/i': { contentType: 'text/plain', body: 'ok', headers: { 'access-control-allow-origin': '*' } } } },
  { host: 'api.test', routes: { '/data': { contentType: 'application/json', body: '{}', headers: CORS } } },
  {
    host: 'hop.test',
    routes: {
      '/redir2': handled((_req, res) => {
        // After a cross-origin redirect the Origin is "null": only "*" lets the page read the answer.
        res.writeHead(301, { location: 'https://final.test/end', 'access-control-allow-origin': '*' });
        res.end();
      }),
    },
  },
  { host: 'final.test', routes: { '/end': { contentType: 'text/plain', body: 'end', headers: { 'access-control-allow-origin': '*' } } } },
  { host: 'beacon.test', routes: { '/b': { contentType: 'text/plain', body: '' } } },
  { host: 'ws.test', routes: {} },
  { host: 'pre.test', routes: {} },
  { host: 'dns.pre.test', routes: {} },
];

describe('capturePage on a page with frames, workers, redirects, beacons and cookies', () => {
  let world: FixtureWorld;
  let browser: AuditBrowser;
  let capture: PageCapture;

  before(async () => {
    world = await startFixtureWorld({ sites: SITES, dns: [] });
    browser = await browserFor(world);
    capture = await capturePage(browser, 'https://site.test/', { wait: FAST_WAIT });
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  test('describes the main document: final URL, title, status, type, no error, settled', () => {
    assert.equal(capture.finalUrl, 'https://site.test/');
    assert.equal(capture.title, 'Capture fixture');
    assert.equal(capture.status, 200);
    assert.equal(capture.contentType, 'text/html');
    assert.equal(capture.navigationError, undefined);
    assert.equal(capture.partial, false);
    assert.deepEqual(capture.errors, []);
  });

  test('records the remote address, TLS issuer and kept headers of a response', () => {
    const main = capture.requests.find((r) => r.url === 'https://site.test/')!;
    assert.equal(main.remoteIp, '127.0.0.1');
    assert.equal(main.remotePort, world.httpsPort);
    assert.equal(main.tls?.issuer, DEFAULT_ISSUER);
    assert.match(main.tls?.validTo ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal(main.responseHeaders?.server, 'fixture-server');
    assert.equal(main.context, 'main-frame');
    assert.deepEqual(main.setCookieHeaders, ['fp_http=1; Max-Age=1000', 'rejected=1; Domain=elsewhere.test']);
  });

  test('records the requests of an out-of-process iframe on another host, with its frame URL', () => {
    const frame = onlyRequestTo(capture.requests, 'frame.test');
    assert.equal(frame.resourceType, 'document');
    assert.equal(frame.context, 'sub-frame');
    const fromFrame = onlyRequestTo(capture.requests, 'framefetch.test');
    assert.equal(fromFrame.frameUrl, 'https://frame.test/frame');
    assert.equal(fromFrame.context, 'sub-frame');
    assert.equal(fromFrame.initiator?.url, 'https://frame.test/frame');
  });

  test('records the requests of a dedicated worker and of a service worker', () => {
    assert.equal(onlyRequestTo(capture.requests, 'dworker.test').status, 200);
    const fromServiceWorker = onlyRequestTo(capture.requests, 'swinstall.test');
    assert.equal(fromServiceWorker.context, 'service-worker');
    assert.equal(fromServiceWorker.status, 200);
  });

  test('keeps a redirect chain in one record for the final request', () => {
    const final = onlyRequestTo(capture.requests, 'final.test');
    assert.deepEqual(final.redirectChain, ['https://site.test/redir1', 'https://hop.test/redir2']);
    assert.equal(final.status, 200);
    assert.equal(final.failure, undefined);
    assert.equal(capture.requests.filter((r) => r.host === 'hop.test').length, 0);
  });

  test('attributes a pixel made by new Image().src in a timer to the script that made it', () => {
    const pixel = onlyRequestTo(capture.requests, 'pixel.test');
    assert.equal(pixel.resourceType, 'image');
    assert.equal(pixel.initiator?.type, 'script');
    assert.equal(pixel.initiator?.url, 'https://tag.test/tag.js');
    assert.equal(onlyRequestTo(capture.requests, 'tag.test').initiator?.url, 'https://site.test/');
  });

  test('records a sendBeacon as a ping and a CORS preflight as its own request', () => {
    const beacon = onlyRequestTo(capture.requests, 'beacon.test');
    assert.equal(beacon.resourceType, 'ping');
    assert.equal(beacon.method, 'POST');
    assert.equal(onlyRequestTo(capture.requests, 'api.test', 'OPTIONS').resourceType, 'preflight');
    assert.equal(onlyRequestTo(capture.requests, 'api.test', 'GET').status, 200);
  });

  test('records a WebSocket and the resource hints of the DOM', () => {
    assert.deepEqual(capture.websockets.map((w) => w.url), ['wss://ws.test/socket']);
    assert.equal(onlyRequestTo(capture.requests, 'ws.test').resourceType, 'websocket');
    assert.deepEqual(
      capture.hints.map((h) => [h.rel, h.host]),
      [['preconnect', 'pre.test'], ['dns-prefetch', 'dns.pre.test']],
    );
  });

  test('reports first- and third-party cookies set by HTTP and by JS, and an attempt that was refused', () => {
    const summary = capture.cookies.map((c) => `${c.state} ${c.setBy} ${c.name}@${c.domain} ${c.setByHost ?? '-'}`).sort();
    assert.deepEqual(summary, [
      'attempted http rejected@.elsewhere.test site.test',
      'stored http fp_http@site.test site.test',
      'stored http tp_http@frame.test frame.test',
      'stored js fp_js@site.test -',
      'stored js tp_js@frame.test -',
    ]);
    const thirdParty = capture.cookies.find((c) => c.name === 'tp_http')!;
    assert.equal(thirdParty.secure, true);
    assert.equal(thirdParty.sameSite, 'None');
    assert.match(thirdParty.expires ?? '', /^\d{4}-/);
  });

  test('lists storage keys per origin, for the page and its third-party frame', () => {
    const storage = capture.storage.map((s) => `${s.origin} ${s.kind} ${s.keys.join(',')}`).sort();
    assert.deepEqual(storage, [
      'https://frame.test localStorage frame_key',
      'https://site.test localStorage ls_key',
      'https://site.test sessionStorage ss_key',
    ]);
  });

  test('takes a full-page PNG screenshot at 1366 px, bounded in height', () => {
    const png = Buffer.from(capture.screenshot ?? '', 'base64');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 1366, 'width');
    const height = png.readUInt32BE(20);
    assert.ok(height >= 1 && height <= MAX_SCREENSHOT_HEIGHT, `height ${height}`);
  });

  test('numbers requests in start order', () => {
    assert.deepEqual(capture.requests.map((r) => r.id), capture.requests.map((_, i) => `r${i + 1}`));
    const starts = capture.requests.map((r) => r.startMs ?? 0);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  test('the browser contacted no host outside the plan (its own phone-home is diverted)', () => {
    assert.deepEqual(world.unplannedHosts(), []);
  });
});
