import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collector } from '../../../src/collect/collectors/frames.js';
import type { FrameState } from '../../../src/collect/frame-state.js';
import { fakeEnd, fakeSession, runCollector } from './fakes.js';

const state = (origin: string, localStorage: string[] | null): FrameState => ({ origin, url: `${origin}/`, localStorage, sessionStorage: null, indexedDB: null, links: [] });

/** A context of one page with one frame per state; each frame is read through its own CDP session. */
function contextOf(states: FrameState[]) {
  const asked: Array<{ method: string; params?: { contextId?: number; worldName?: string } }> = [];
  const frames = states.map((frameState, index) => ({ frameState, index }));
  const context = {
    asked,
    pages: () => [{ frames: () => frames }],
    newCDPSession: async (frame: { frameState: FrameState; index: number }) => ({
      send: async (method: string, params?: { contextId?: number; worldName?: string }) => {
        asked.push({ method, ...(params ? { params } : {}) });
        if (method === 'Page.getFrameTree') return { frameTree: { frame: { id: `F${frame.index}` } } };
        if (method === 'Page.createIsolatedWorld') return { executionContextId: 100 + frame.index };
        if (method === 'Runtime.evaluate') return { result: { value: frame.frameState } };
        throw new Error(`unexpected ${method}`);
      },
      detach: async () => undefined,
    }),
  };
  return context;
}

describe('frames collector', () => {
  it('reads every frame in an isolated world: storage keys per origin, the states shared', async () => {
    const states = [state('https://site.test', ['a', 'b']), state('https://site.test', ['b', 'c']), state('https://other.test', [])];
    const context = contextOf(states);
    const session = fakeSession({ context });
    const output = await runCollector(collector, session, fakeEnd(session));
    assert.deepEqual(output.evidence, { storage: [{ origin: 'https://site.test', kind: 'localStorage', keys: ['a', 'b', 'c'] }] });
    assert.equal(output.shared?.length, 3);
    const evaluations = context.asked.filter(({ method }) => method === 'Runtime.evaluate');
    assert.deepEqual(evaluations.map(({ params }) => params?.contextId).sort(), [100, 101, 102], 'evaluated in the isolated worlds, never the page\'s own context');
  });

  it('no document shown: nothing read, no storage', async () => {
    const context = contextOf([state('https://site.test', ['a'])]);
    const session = fakeSession({ context });
    const output = await runCollector(collector, session, fakeEnd(session, { committed: false }));
    assert.deepEqual(output.evidence, { storage: [] });
    assert.equal(context.asked.length, 0);
  });
});
