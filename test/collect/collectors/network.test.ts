import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collector } from '../../../src/collect/collectors/network.js';
import { fakeEnd, fakeSession, PAGE_NODE } from './fakes.js';

/** A browser context for Playwright's cross-check that saw no request of its own. */
const quietContext = { on: () => undefined, off: () => undefined };

describe('network collector', () => {
  it('records requests from the CDP events fanned out to it, and names the main document', async () => {
    const session = fakeSession({ context: quietContext });
    let activity = 0;
    const startedAtMs = Date.now();
    const attached = collector.attach({ session, startedAtMs, noteActivity: () => activity++ });
    assert.deepEqual(attached.cdp?.setup?.(PAGE_NODE).map(([method]) => method).slice(0, 1), ['Network.enable']);
    const at = startedAtMs / 1000;
    attached.cdp?.event?.(PAGE_NODE, 'Network.requestWillBeSent', {
      requestId: 'D', frameId: 'T', type: 'Document', wallTime: at, initiator: { type: 'other' },
      request: { url: 'https://site.test/', method: 'GET' },
    });
    attached.cdp?.event?.(PAGE_NODE, 'Network.responseReceivedExtraInfo', { requestId: 'D', headers: { 'set-cookie': 'sid=1\nlang=fr' } });
    attached.cdp?.event?.(PAGE_NODE, 'Network.responseReceived', {
      requestId: 'D', type: 'Document', response: { url: 'https://site.test/', status: 200, mimeType: 'text/html', remoteIPAddress: '51.91.236.193', headers: { link: '<https://cdn.test>; rel=preconnect' } },
    });
    attached.cdp?.event?.(PAGE_NODE, 'Network.requestWillBeSent', {
      requestId: 'S', frameId: 'T', type: 'Script', wallTime: at + 0.1, initiator: { type: 'parser', url: 'https://site.test/' },
      request: { url: 'https://cdn.test/a.js', method: 'GET' },
    });
    attached.cdp?.event?.(PAGE_NODE, 'Network.loadingFailed', { requestId: 'S', errorText: 'net::ERR_CONNECTION_REFUSED' });
    attached.cdp?.event?.(PAGE_NODE, 'Network.requestWillBeSent', {
      requestId: 'X', type: 'Other', initiator: { type: 'other' }, request: { url: 'data:text/plain,hi', method: 'GET' },
    });
    assert.equal(activity, 2, 'each network request restarts the quiet window; data: URLs contact nobody');
    assert.deepEqual(attached.mainDocument?.('https://site.test/'), { url: 'https://site.test/', status: 200, contentType: 'text/html' });

    const output = await attached.finish(fakeEnd(session));
    assert.deepEqual(output.evidence.requests?.map((r) => `${r.id} ${r.resourceType} ${r.host} ${r.status ?? r.failure}`), [
      'r1 document site.test 200',
      'r2 script cdn.test net::ERR_CONNECTION_REFUSED',
    ]);
    assert.deepEqual(output.shared?.setCookieAttempts, [{ line: 'sid=1', url: 'https://site.test/' }, { line: 'lang=fr', url: 'https://site.test/' }]);
    assert.deepEqual(output.shared?.headerHints.map((hint) => hint.host), ['cdn.test']);
    assert.deepEqual(output.evidence.websockets, []);
  });
});
