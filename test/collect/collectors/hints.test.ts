import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Collector } from '../../../src/collect/collector.js';
import { collector as frames } from '../../../src/collect/collectors/frames.js';
import { collector } from '../../../src/collect/collectors/hints.js';
import { collector as network } from '../../../src/collect/collectors/network.js';
import type { FrameState } from '../../../src/collect/frame-state.js';
import { fakeEnd, fakeSession, runCollector } from './fakes.js';

describe('hints collector', () => {
  it('DOM links of every frame, then Link-header hints, without repeats', async () => {
    const states: FrameState[] = [{
      origin: 'https://site.test', url: 'https://site.test/', localStorage: null, sessionStorage: null, indexedDB: null,
      links: [['preconnect dns-prefetch', 'https://cdn.example.net/'], ['stylesheet', 'https://site.test/a.css']],
    }];
    const headerHints = [{ rel: 'preconnect', href: 'https://cdn.example.net/', host: 'cdn.example.net' }, { rel: 'preload', href: 'https://fonts.test/f.woff2', host: 'fonts.test' }];
    const session = fakeSession({});
    const results = new Map<Collector<never>, unknown>([[frames as Collector<never>, states], [network as Collector<never>, { headerHints, setCookieAttempts: [] }]]);
    const output = await runCollector(collector, session, fakeEnd(session, { results }));
    assert.deepEqual(output.evidence.hints?.map((hint) => `${hint.rel} ${hint.host}`), ['preconnect cdn.example.net', 'dns-prefetch cdn.example.net', 'preload fonts.test']);
  });
});
