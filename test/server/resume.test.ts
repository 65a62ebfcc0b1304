import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type ServeOptions } from '../../src/server/serve.js';

// A real SQLite database and the real server start-up, no browser (--no-worker): open timeline
// entries are never left open across a restart.

let dir: string;
let options: ServeOptions;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-resume-'));
  options = {
    database: join(dir, 'server.db'), port: 0, host: '127.0.0.1', publicMode: false, workerConcurrency: 0,
    audit: { connectTo: [], insecure: false, timeoutSeconds: 30, infra: false, allowPrivateTargets: false, allowAddresses: [] },
    print: () => {}, log: () => {},
  };
});
after(async () => rm(dir, { recursive: true, force: true }));

describe('serve start-up with open audits', () => {
  it('sends a jobless queued audit (older server) to the queue once, and fails an interrupted upload', async () => {
    const first = await startServer(options);
    const siteId = await first.store.createSite({ url: 'https://www.exemple.fr/', name: 'Exemple', group_name: '', tags: '', policy: 'fr', consent: '', journey: '', schedule: '', next_audit_at: null });
    const queued = await first.store.createAudit(siteId, 'server');
    const upload = await first.store.createAudit(siteId, 'upload', 'running');
    const requested = await first.runner.requestAudit((await first.store.site(siteId))!, 'server');
    await first.close();

    for (let restart = 0; restart < 2; restart++) {
      const server = await startServer(options);
      const rows = await server.store.db.selectFrom('srv_audits').select(['id', 'status', 'job_key', 'error']).orderBy('id').execute();
      const jobs = await server.store.db.selectFrom('jobs' as never).select(['job_key' as never, 'state' as never]).execute() as unknown as { job_key: string; state: string }[];
      await server.close();
      const byId = new Map(rows.map((row) => [row.id, row]));
      assert.match(byId.get(queued)!.job_key ?? '', new RegExp(`^site:${siteId}:`));
      assert.equal(byId.get(queued)!.status, 'queued');
      assert.equal(byId.get(upload)!.status, 'failed');
      assert.match(byId.get(upload)!.error ?? '', /upload was interrupted/);
      assert.equal(byId.get(requested)!.status, 'queued');
      // One job per open audit, however many restarts: enqueueing again is a no-op.
      assert.deepEqual(jobs.map((job) => job.job_key).sort(), [byId.get(queued)!.job_key, byId.get(requested)!.job_key].sort());
      assert.ok(jobs.every((job) => job.state === 'queued'));
    }
  });
});
