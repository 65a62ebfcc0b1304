import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Cookie } from 'playwright-core';
import type { Collector } from '../../../src/collect/collector.js';
import { collector } from '../../../src/collect/collectors/cookies.js';
import { collector as network } from '../../../src/collect/collectors/network.js';
import { fakeEnd, fakeSession, runCollector } from './fakes.js';

const jarCookie = (name: string, domain: string): Cookie => ({ name, value: 'v', domain, path: '/', expires: -1, httpOnly: false, secure: true, sameSite: 'Lax' });

describe('cookies collector', () => {
  it('the jar explained by the network\'s Set-Cookie lines, and the lines that did not stick', async () => {
    const session = fakeSession({ context: { cookies: async () => [jarCookie('sid', 'site.test'), jarCookie('_ga', '.site.test')] } });
    const setCookieAttempts = [
      { line: 'sid=1; Secure', url: 'https://site.test/' },
      { line: 'track=1; Domain=tracker.test', url: 'https://site.test/' },
    ];
    const results = new Map<Collector<never>, unknown>([[network as Collector<never>, { setCookieAttempts, headerHints: [] }]]);
    const output = await runCollector(collector, session, fakeEnd(session, { results }));
    const cookies = output.evidence.cookies!.map((cookie) => `${cookie.name} ${cookie.state} ${cookie.setBy}`);
    assert.deepEqual(cookies, ['sid stored http', '_ga stored js', 'track attempted http']);
  });

  it('a jar that cannot be read: only the attempts, and an error entry named cookies', async () => {
    const session = fakeSession({ context: { cookies: async () => { throw new Error('Target closed'); } } });
    const results = new Map<Collector<never>, unknown>([[network as Collector<never>, { setCookieAttempts: [{ line: 'a=1', url: 'https://site.test/' }], headerHints: [] }]]);
    const end = fakeEnd(session, { results });
    const output = await runCollector(collector, session, end);
    assert.deepEqual(output.evidence.cookies!.map((cookie) => cookie.state), ['attempted']);
    assert.deepEqual(end.errors, [{ collector: 'cookies', message: 'Target closed' }]);
  });
});
