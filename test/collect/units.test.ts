import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import type { CDPSession, Cookie } from 'playwright-core';
import { findChromium, launchBrowser, ordinaryUserAgent } from '../../src/collect/browser.js';
import { TargetTree, type TargetNode } from '../../src/collect/cdp-tree.js';
import { chromiumArgs, disabledFeatures } from '../../src/collect/chromium-flags.js';
import { parseConnectTo } from '../../src/collect/connect-to.js';
import { cookieRecords, parseSetCookie } from '../../src/collect/collectors/cookies.js';
import { domHints, storageRecords, type FrameState } from '../../src/collect/frame-state.js';
import { hintsFromLinkHeader } from '../../src/collect/resource-hints.js';
import { toInitiator } from '../../src/collect/network/initiator.js';
import { keptHeaders } from '../../src/collect/network/response-headers.js';
import { classifyNavigationFailure, documentProblem } from '../../src/collect/navigation-error.js';
import { settle } from '../../src/collect/settle.js';
import { UsageError } from '../../src/shared/errors.js';

/** Playwright's own --disable-features list, read from the installed playwright-core bundle. */
function installedPlaywrightDisabledFeatures(): string[] {
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(join(dirname(require.resolve('playwright-core/package.json')), 'lib', 'coreBundle.js'), 'utf8');
  const list = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle)?.[1];
  assert.ok(list, 'playwright-core no longer declares disabledFeatures where expected: update chromium-flags.ts');
  return [...list.matchAll(/^\s*"([^"]+)"/gm)].map((m) => m[1]!);
}

describe('chromium flags', () => {
  test('disabled features contain every feature Playwright disables, plus the omnibox popups', () => {
    const playwright = installedPlaywrightDisabledFeatures();
    assert.ok(playwright.length >= 10);
    const ours = disabledFeatures();
    assert.deepEqual(playwright.filter((feature) => !ours.includes(feature)), []);
    for (const feature of ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup']) assert.ok(ours.includes(feature));
  });

  test('one --disable-features switch, phone-home diverted, no certificate bypass unless insecure', () => {
    const args = chromiumArgs();
    assert.equal(args.filter((a) => a.startsWith('--disable-features=')).length, 1);
    assert.ok(args.includes('--component-updater=url-source=http://127.0.0.1:9/'));
    assert.ok(args.includes('--gaia-url=http://127.0.0.1:9/'));
    assert.ok(!args.includes('--ignore-certificate-errors'));
    assert.ok(!args.some((a) => a.startsWith('--host-resolver-rules')));
    assert.ok(chromiumArgs({ insecure: true }).includes('--ignore-certificate-errors'));
  });

  test('--connect-to rules become host resolver rules', () => {
    const args = chromiumArgs({ connectTo: [parseConnectTo(':443:127.0.0.1:8443')] });
    assert.ok(args.includes('--host-resolver-rules=MAP *:443 127.0.0.1:8443, EXCLUDE localhost'));
  });

  test('the user agent is the ordinary desktop one, not HeadlessChrome', () => {
    assert.equal(ordinaryUserAgent('156.0.8078.108'), 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36');
  });
});

describe('finding Chromium', () => {
  test('an explicit executable path is used as given', () => {
    assert.equal(findChromium('/bin/sh'), '/bin/sh');
  });

  test('SOUVERAIN_CHROMIUM is used when no path is given', () => {
    assert.equal(findChromium(undefined, { SOUVERAIN_CHROMIUM: '/bin/sh', PATH: '' }), '/bin/sh');
  });

  test('a missing browser is a UsageError that says how to install it', async () => {
    assert.throws(() => findChromium('/nonexistent/chromium'), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /^Chromium not found/);
      assert.match(error.hint, /apt-get install chromium.*--chromium PATH \/ SOUVERAIN_CHROMIUM/);
      return true;
    });
    await assert.rejects(launchBrowser({ executablePath: '/nonexistent/chromium' }), UsageError); // unit: no browser starts
  });
});

describe('initiators', () => {
  test('a script initiator names the innermost script of its async stack', () => {
    const initiator = toInitiator({
      type: 'script',
      stack: {
        callFrames: [],
        parent: { description: 'Image', callFrames: [{ url: 'https://analytics.test/a.js' }], parent: { callFrames: [{ url: 'https://gtm.test/gtm.js' }, { url: 'https://analytics.test/a.js' }] } },
      },
    });
    assert.deepEqual(initiator, { type: 'script', url: 'https://analytics.test/a.js', stack: ['https://analytics.test/a.js', 'https://gtm.test/gtm.js'] });
  });

  test('a parser initiator names its document; eval frames without URL are skipped', () => {
    assert.deepEqual(toInitiator({ type: 'parser', url: 'https://site.test/' }), { type: 'parser', url: 'https://site.test/' });
    assert.deepEqual(toInitiator({ type: 'script', url: 'https://site.test/', stack: { callFrames: [{ url: '' }] } }), { type: 'script', url: 'https://site.test/' });
  });
});

describe('Set-Cookie parsing', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  test('a Domain cookie is spelled like Chromium\'s jar, Max-Age wins over Expires', () => {
    const cookie = parseSetCookie('id=1; Domain=.Tracker.test; Max-Age=60; Expires=Wed, 01 Jan 2031 00:00:00 GMT; Secure; HttpOnly; SameSite=none', 'https://a.tracker.test/p/q', now);
    assert.deepEqual(cookie, {
      name: 'id', domain: '.tracker.test', path: '/p', expires: '2026-01-01T00:01:00.000Z', deletion: false,
      httpOnly: true, secure: true, sameSite: 'None', host: 'a.tracker.test',
    });
  });

  test('a host-only session cookie, a nameless cookie and a deletion', () => {
    assert.equal(parseSetCookie('a=b', 'https://site.test/', now)?.domain, 'site.test');
    assert.equal(parseSetCookie('a=b', 'https://site.test/', now)?.expires, null);
    assert.equal(parseSetCookie('lonely', 'https://site.test/', now)?.name, '');
    assert.equal(parseSetCookie('a=; Max-Age=0', 'https://site.test/', now)?.deletion, true);
  });

  test('stored cookies are set by http when a Set-Cookie line explains them, attempts that failed are kept', () => {
    const jar: Cookie[] = [
      { name: 'sid', value: '1', domain: '.site.test', path: '/', expires: 1_900_000_000, httpOnly: true, secure: true, sameSite: 'Lax' },
      { name: 'js', value: '1', domain: 'site.test', path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax' },
    ];
    const records = cookieRecords(jar, [
      { line: 'sid=1; Domain=site.test; Path=/', url: 'https://www.site.test/' },
      { line: 'blocked=1; Domain=other.test', url: 'https://www.site.test/' },
      { line: 'gone=; Max-Age=0', url: 'https://www.site.test/' },
    ]);
    assert.deepEqual(records.map((c) => `${c.state} ${c.setBy} ${c.name} ${c.setByHost ?? '-'} ${c.expires}`), [
      'stored http sid www.site.test 2030-03-17T17:46:40.000Z',
      'stored js js - null',
      'attempted http blocked www.site.test null',
    ]);
  });
});

describe('hints, headers and storage', () => {
  test('Link headers give hints, several relations per link, relative URLs resolved', () => {
    const hints = hintsFromLinkHeader('<https://cdn.test/x.js>; rel=preload; as=script, <//fonts.test>; rel="preconnect dns-prefetch", </style.css>; rel=stylesheet', 'https://site.test/a');
    assert.deepEqual(hints.map((h) => `${h.rel} ${h.host}`), ['preload cdn.test', 'preconnect fonts.test', 'dns-prefetch fonts.test']);
  });

  test('kept headers name servers and CDNs, never cookies', () => {
    assert.deepEqual(keptHeaders({ Server: 'nginx', 'Set-Cookie': 'a=1', 'X-Amz-Cf-Pop': 'CDG50-C1', 'x-goog-generation': '1', etag: 'x' }), {
      server: 'nginx', 'x-amz-cf-pop': 'CDG50-C1', 'x-goog-generation': '1',
    });
    assert.equal(keptHeaders({ etag: 'x' }), undefined);
    assert.equal(keptHeaders({ server: 'x'.repeat(1000) })?.server?.length, 257);
  });

  test('frames of one origin are merged; opaque origins and empty stores are left out', () => {
    const frame = (origin: string, local: string[] | null, links: Array<[string, string]> = []): FrameState => ({ origin, url: `${origin}/`, localStorage: local, sessionStorage: [], indexedDB: null, links });
    const states = [frame('https://a.test', ['x']), frame('https://a.test', ['y', 'x'], [['preconnect dns-prefetch', 'https://c.test/']]), frame('null', ['z']), frame('https://b.test', [])];
    assert.deepEqual(storageRecords(states), [{ origin: 'https://a.test', kind: 'localStorage', keys: ['x', 'y'] }]);
    assert.deepEqual(domHints(states).map((h) => `${h.rel} ${h.host}`), ['preconnect c.test', 'dns-prefetch c.test']);
  });
});

describe('waiting for a page to settle', () => {
  function fakeClock(start: number) {
    let now = start;
    return { now: () => now, sleep: async (ms: number) => { now += ms; }, advance: (ms: number) => { now += ms; } };
  }
  const wait = { timeoutMs: 5_000, minDwellMs: 1_000, quietWindowMs: 500 };

  test('settles at the end of the dwell when the network is already quiet', async () => {
    const clock = fakeClock(1_000);
    const result = await settle({ loadedAt: 1_000, deadline: 6_000, wait, lastActivityAt: () => 900, ...clock });
    assert.deepEqual(result, { settled: true });
    assert.equal(clock.now(), 2_000);
  });

  test('waits a full quiet window after the last request', async () => {
    const clock = fakeClock(1_000);
    let last = 900;
    const result = await settle({ loadedAt: 1_000, deadline: 6_000, wait, lastActivityAt: () => (clock.now() >= 2_000 && last < 2_200 ? (last = 2_200) : last), ...clock });
    assert.deepEqual(result, { settled: true });
    assert.equal(clock.now(), 2_700);
  });

  test('a network that never goes quiet ends at the deadline with a reason', async () => {
    const clock = fakeClock(1_000);
    const result = await settle({ loadedAt: 1_000, deadline: 6_000, wait, lastActivityAt: () => clock.now() - 100, ...clock });
    assert.equal(result.settled, false);
    assert.equal(clock.now(), 6_000);
    assert.match(result.settled ? '' : result.reason, /never went quiet for 500 ms before the 5000 ms timeout/);
  });
});

describe('navigation errors', () => {
  test('net errors are classified', () => {
    const codes = [
      'page.goto: net::ERR_NAME_NOT_RESOLVED at https://x.test/\nCall log:\n  - navigating',
      'page.goto: net::ERR_CONNECTION_REFUSED at http://x.test/',
      'page.goto: net::ERR_CERT_AUTHORITY_INVALID at https://x.test/',
      'page.goto: net::ERR_SSL_PROTOCOL_ERROR at https://x.test/',
      'page.goto: Timeout 1500ms exceeded.',
      'page.goto: net::ERR_EMPTY_RESPONSE at https://x.test/',
    ].map((message) => classifyNavigationFailure(message).code);
    assert.deepEqual(codes, ['unknown-host', 'connection-refused', 'tls', 'tls', 'timeout', 'network']);
    assert.equal(classifyNavigationFailure('page.goto: net::ERR_NAME_NOT_RESOLVED at https://x.test/\nCall log:').message, 'net::ERR_NAME_NOT_RESOLVED at https://x.test/');
  });

  test('a document with an error status or a non-HTML type is a problem, HTML 200 is not', () => {
    assert.equal(documentProblem({ url: 'https://x.test/', status: 503, contentType: 'text/html' })?.code, 'http-status');
    assert.equal(documentProblem({ url: 'https://x.test/', status: 200, contentType: 'application/pdf' })?.code, 'not-html');
    assert.equal(documentProblem({ url: 'https://x.test/', status: 200, contentType: 'application/xhtml+xml' }), undefined);
    assert.equal(documentProblem(undefined), undefined);
  });
});

/** A stand-in for Playwright's CDPSession: records commands, emits events through 'event'. */
class FakeSession extends EventEmitter {
  readonly sent: Array<{ method: string; params: Record<string, string> }> = [];
  async send(method: string, params: Record<string, string> = {}): Promise<unknown> {
    this.sent.push({ method, params });
    return {};
  }
  emitCdp(method: string, params: unknown): void {
    this.emit('event', { method, params });
  }
}

describe('the non-flat target tree', () => {
  test('prepares nested targets through wrapped messages and routes their events', async () => {
    const session = new FakeSession();
    const events: string[] = [];
    const observer = {
      setup: (): Array<[string, object?]> => [['Network.enable', {}]],
      event: (node: TargetNode, method: string) => events.push(`${node.info.type} ${method}`),
      error: () => undefined,
    };
    const tree = new TargetTree(session as unknown as CDPSession, { targetId: 'page', type: 'page', url: 'about:blank' }, observer);
    await tree.start();
    assert.deepEqual(session.sent.map((s) => s.method), ['Network.enable', 'Target.setAutoAttach']);

    session.emitCdp('Target.attachedToTarget', { sessionId: 'S1', targetInfo: { targetId: 'f1', type: 'iframe', url: 'https://frame.test/' }, waitingForDebugger: true });
    const toFrame = session.sent.slice(2).map((s) => [s.params.sessionId, JSON.parse(s.params.message!).method]);
    assert.deepEqual(toFrame, [['S1', 'Network.enable'], ['S1', 'Target.setAutoAttach'], ['S1', 'Runtime.runIfWaitingForDebugger']]);

    // The iframe starts a worker: its attach and its messages arrive wrapped in the iframe's messages.
    const fromFrame = (message: object) => session.emitCdp('Target.receivedMessageFromTarget', { sessionId: 'S1', message: JSON.stringify(message) });
    fromFrame({ method: 'Target.attachedToTarget', params: { sessionId: 'S2', targetInfo: { targetId: 'w1', type: 'worker', url: 'https://frame.test/w.js' } } });
    const toWorker = session.sent.at(-1)!;
    const outer = JSON.parse(toWorker.params.message!);
    assert.equal(outer.method, 'Target.sendMessageToTarget');
    assert.equal(outer.params.sessionId, 'S2');
    assert.equal(JSON.parse(outer.params.message).method, 'Runtime.runIfWaitingForDebugger');

    fromFrame({ method: 'Network.requestWillBeSent', params: {} });
    fromFrame({ method: 'Target.receivedMessageFromTarget', params: { sessionId: 'S2', message: JSON.stringify({ method: 'Network.requestWillBeSent', params: {} }) } });
    assert.deepEqual(events, ['iframe Network.requestWillBeSent', 'worker Network.requestWillBeSent']);
    tree.dispose();
  });
});
