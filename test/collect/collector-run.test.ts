import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetNode } from '../../src/collect/cdp-tree.js';
import type { Collector } from '../../src/collect/collector.js';
import { CollectorRun, fanOut } from '../../src/collect/collector-run.js';
import { fakeSession, PAGE_NODE } from './collectors/fakes.js';

const WORKER: TargetNode = { info: { targetId: 'W', type: 'worker', url: 'https://site.test/w.js' }, channel: { send: async () => ({}) } };

describe('collectors in one capture', () => {
  it('every target\'s setup commands and events reach every collector; a failed command goes to the one that asked', () => {
    const seen: string[] = [];
    const failed: string[] = [];
    const listener = (name: string, commands: Array<[string, object?]>) => ({
      setup: () => commands,
      event: (node: TargetNode, method: string) => seen.push(`${name} ${node.info.type} ${method}`),
      error: (_node: TargetNode, method: string) => failed.push(`${name} ${method}`),
    });
    const observer = fanOut([listener('a', [['Network.enable']]), listener('b', [['Security.enable'], ['Audits.enable']])]);
    assert.deepEqual(observer.setup(WORKER).map(([method]) => method), ['Network.enable', 'Security.enable', 'Audits.enable']);
    observer.event(PAGE_NODE, 'Network.requestWillBeSent', {});
    observer.event(WORKER, 'Security.visibleSecurityStateChanged', {});
    assert.deepEqual(seen, ['a page Network.requestWillBeSent', 'b page Network.requestWillBeSent', 'a worker Security.visibleSecurityStateChanged', 'b worker Security.visibleSecurityStateChanged']);
    observer.error(WORKER, 'Audits.enable', new Error('not supported'));
    assert.deepEqual(failed, ['b Audits.enable']);
    observer.error(WORKER, 'Fetch.enable', new Error('refused'));
    assert.deepEqual(failed.slice(1), ['a Fetch.enable', 'b Fetch.enable'], 'a command added around the collectors (the SSRF guard) is not dropped');
  });

  it('reads run before finishes; a finish gets another collector\'s shared result; evidence and errors are merged in registry order', async () => {
    const order: string[] = [];
    const source: Collector<{ n: number }> = {
      id: 'source',
      attach: () => ({
        read: async () => { order.push('read source'); },
        finish: async () => {
          order.push('finish source');
          return { evidence: { title: 'T' }, shared: { n: 2 }, errors: [{ collector: 'source', message: 'own' }] };
        },
      }),
    };
    const user: Collector = {
      id: 'user',
      attach: () => ({
        read: async (end) => {
          order.push('read user');
          await end.bounded('user', () => Promise.reject(new Error('gone')));
        },
        finish: async (end) => {
          const { n } = await end.resultOf(source);
          return { evidence: { websockets: Array.from({ length: n }, (_, i) => ({ url: `wss://s.test/${i}`, host: 's.test', frameUrl: '' })) } };
        },
      }),
    };
    const session = fakeSession({});
    const run = new CollectorRun([user, source], { session, startedAtMs: 0, noteActivity: () => undefined });
    const { outputs, errors } = await run.finish({ session, committed: true, screenshot: true, typedValues: [], readTimeoutMs: 100 });
    assert.deepEqual(order.slice(0, 2).sort(), ['read source', 'read user']);
    assert.equal(order[2], 'finish source');
    assert.equal(outputs.get('user')?.evidence.websockets?.length, 2);
    assert.deepEqual(errors, [{ collector: 'source', message: 'own' }, { collector: 'user', message: 'gone' }]);
  });

  it('a collector that needs an unregistered one fails with a clear message', async () => {
    const lonely: Collector = { id: 'lonely', attach: () => ({ finish: async (end) => ({ evidence: {}, shared: await end.resultOf({ id: 'missing', attach: () => ({ finish: async () => ({ evidence: {} }) }) }) }) }) };
    const session = fakeSession({});
    const run = new CollectorRun([lonely], { session, startedAtMs: 0, noteActivity: () => undefined });
    await assert.rejects(run.finish({ session, committed: true, screenshot: true, typedValues: [], readTimeoutMs: 100 }), /lonely needs missing/);
  });
});
