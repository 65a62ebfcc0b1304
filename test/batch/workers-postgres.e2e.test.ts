import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { FixtureWorld } from '../../src/fixture-world/index.js';
import { batchWorld, worldArgs } from './world.js';
import { freshDatabase, testDatabaseUrl } from './postgres.js';

// Workers on a real PostgreSQL (pg-boss): the batch only enqueues; workers take the jobs; one is
// killed with SIGKILL holding a job, which another worker takes again once its lease has expired.
const BIN = fileURLToPath(new URL('../../bin/souverain.js', import.meta.url));
const database = testDatabaseUrl();
let world: FixtureWorld;
let dir: string;

function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', LANG: 'C', LC_ALL: 'C' } });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))) };
}

// Skipped only on a developer machine without PostgreSQL (the reason is printed: set
// SOUVERAIN_TEST_DATABASE_URL); under CI testDatabaseUrl() throws instead, so CI always runs it.
describe('souverain worker on PostgreSQL', { skip: database.skip }, () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'souverain-workers-'));
    world = await batchWorld(2, 3000);
  });
  after(async () => world?.close());

  it('stores each job exactly once; a job whose worker died is retried after its lease', async () => {
    const url = await freshDatabase(database.url!);
    const targets = join(dir, 'targets.txt');
    await writeFile(targets, ['https://www.slow.fr/', 'https://www.site0.fr/', 'https://www.tracked.fr/', 'https://www.site1.fr/'].join('\n'));
    const batch = start(['batch', targets, '--output-dir', join(dir, 'out'), '--database', url, '--no-work', '--lease', '12', '--timeout', '15', '--no-infra', ...worldArgs(world)]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The first worker takes a job and is killed while it audits it.
      const doomed = start(['worker', '--database', url, '--maintenance-interval', '1']);
      let heldId: string | undefined;
      for (let i = 0; i < 200 && !heldId; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const active = await client.query("SELECT id FROM pgboss.job WHERE state = 'active'").catch(() => ({ rows: [] as { id: string }[] }));
        heldId = active.rows[0]?.id;
      }
      assert.ok(heldId, 'the first worker took a job');
      doomed.child.kill('SIGKILL');
      await doomed.done;

      const workers = [start(['worker', '--database', url, '--maintenance-interval', '1']), start(['worker', '--database', url, '--maintenance-interval', '1'])];
      const finished = await batch.done;
      assert.equal(finished.code, 0, finished.stderr);
      for (const worker of workers) worker.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.done));

      const audits = await client.query<{ job_key: string; status: string; worker: string }>('SELECT job_key, status, worker FROM audits');
      assert.equal(audits.rows.length, 4, 'every job has a result');
      assert.equal(new Set(audits.rows.map((a) => a.job_key)).size, 4, 'no job stored twice');
      const retried = await client.query<{ retry_count: number; state: string }>(
        'SELECT retry_count, state FROM pgboss.job WHERE id = $1 UNION ALL SELECT retry_count, state FROM pgboss.archive WHERE id = $1', [heldId],
      );
      assert.equal(retried.rows[0]?.state, 'completed');
      assert.ok((retried.rows[0]?.retry_count ?? 0) >= 1, 'the killed worker’s job was retried after its lease expired');
      const doomedName = `:${doomed.child.pid}`;
      assert.ok(audits.rows.every((a) => !a.worker.endsWith(doomedName)), 'nothing was stored by the killed worker');
    } finally {
      await client.end();
    }
  });
});
