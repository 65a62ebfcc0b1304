import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../src/server/serve.js';

// Public read-only mode over a real SQLite database and HTTP, no browser: what an anonymous visitor
// may read, and what stays hidden or refused.

let server: RunningServer;
let dir: string;
const printed: string[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-public-'));
  server = await startServer({
    database: join(dir, 'public.db'), port: 0, host: '127.0.0.1', publicMode: true,
    audit: { connectTo: [], insecure: false, timeoutSeconds: 30, infra: true, allowPrivateTargets: false, allowAddresses: [] },
    print: (line) => printed.push(line), log: () => {},
  });
  await server.store.createSite({ url: 'https://www.prefecture.example/', name: 'Préfecture <b>test</b>', group_name: 'préfectures', tags: 'état', policy: 'fr', consent: '', journey: '', schedule: '', next_audit_at: null });
  await server.store.createWebhook('https://hooks.example/services/SECRET');
});

after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('souverain serve --public', () => {
  it('creates no administrator and prints no password', () => {
    assert.ok(printed.every((line) => !/password/.test(line)));
    assert.match(printed.join('\n'), /public read-only/);
  });

  it('serves the ranking in French without login, escaped', async () => {
    const response = await fetch(`${server.url}/?lang=fr`);
    assert.equal(response.status, 200);
    const body = await response.text();
    assert.match(body, /<h1>Classement<\/h1>/);
    assert.match(body, /Préfecture &lt;b&gt;test&lt;\/b&gt;/);
    assert.doesNotMatch(body, /name="_csrf"|Ajouter un site/);
    assert.equal((await fetch(`${server.url}/api/sites`)).status, 200);
  });

  it('hides webhooks and tokens, refuses every write', async () => {
    for (const path of ['/webhooks', '/tokens', '/api/webhooks', '/api/deliveries']) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(await response.text(), /SECRET/);
    }
    assert.equal((await fetch(`${server.url}/api/sites`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url":"https://x.example/"}' })).status, 403);
    assert.equal((await fetch(`${server.url}/sites/1/audit`, { method: 'POST', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: '' })).status, 403);
  });
});
