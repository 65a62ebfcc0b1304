import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collector } from '../../../src/collect/collectors/title.js';
import { fakeEnd, fakeSession, runCollector } from './fakes.js';

describe('title collector', () => {
  it('reads the document title when a document is shown', async () => {
    const session = fakeSession({ page: { title: async () => 'Accueil' } });
    const output = await runCollector(collector, session, fakeEnd(session));
    assert.deepEqual(output.evidence, { title: 'Accueil' });
  });

  it('no document: empty title, the page is not asked', async () => {
    const session = fakeSession({ page: { title: async () => assert.fail('not asked') } });
    const output = await runCollector(collector, session, fakeEnd(session, { committed: false }));
    assert.deepEqual(output.evidence, { title: '' });
  });

  it('a page that never answers: empty title and an error entry named title', async () => {
    const session = fakeSession({ page: { title: () => new Promise(() => undefined) } });
    const end = fakeEnd(session, { readTimeoutMs: 20 });
    const output = await runCollector(collector, session, end);
    assert.deepEqual(output.evidence, { title: '' });
    assert.deepEqual(end.errors.map((error) => error.collector), ['title']);
  });
});
