import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AuditJob, AuditOutcome } from '../../src/queue/job.js';
import { SqliteLeaseQueue } from '../../src/queue/sqlite-queue.js';
import { openStore, type Store } from '../../src/store/database.js';

// The embedded queue on a real SQLite file, with a clock the test moves (leases are time-based).
let store: Store;
let now = 1_000_000;
let queue: SqliteLeaseQueue;

before(async () => {
  store = await openStore({ dataDir: await mkdtemp(join(tmpdir(), 'souverain-queue-')) });
  queue = new SqliteLeaseQueue(store, () => now);
});
after(async () => store?.close());

const job = (n: number): AuditJob => ({ key: `test:${n}`, url: `https://www.site${n}.fr/`, options: { policy: 'fr', insecure: false, timeout: 30, infra: true } });
const outcome = (url: string, worker: string): AuditOutcome => ({
  status: 'complete', url, policy: 'fr', verdict: 'sovereign', failureReason: null, summary: {}, report: null,
  startedAt: new Date(now).toISOString(), finishedAt: new Date(now + 10).toISOString(), worker,
});

describe('embedded lease queue (SQLite)', () => {
  it('enqueues a key once, however often it is sent (resume)', async () => {
    assert.equal(await queue.enqueue([job(1), job(2)], { leaseSeconds: 60, maxAttempts: 2 }), 2);
    assert.equal(await queue.enqueue([job(1), job(2), job(3)], { leaseSeconds: 60, maxAttempts: 2 }), 1);
  });

  it('gives a job to one worker at a time, again after its lease expired, and stores one result', async () => {
    const a = await queue.claim('host:1');
    const b = await queue.claim('host:2');
    assert.ok(a && b);
    assert.notEqual(a.job.key, b.job.key, 'a held job is not handed out twice');
    now += 61_000; // a's worker is presumed dead: its lease has run out
    const c = await queue.claim('host:3');
    assert.ok(c);
    // b's lease ran out too: the oldest expired job (a's) comes first, on its second attempt.
    assert.equal(c.job.key, a.job.key);
    assert.equal(c.attempt, 2);
    assert.equal(await queue.complete(c, outcome(c.job.url, 'host:3')), true);
    assert.equal(await queue.complete(a, outcome(a.job.url, 'host:1')), false, 'the late first worker stores nothing');
    const rows = await store.db.selectFrom('audits').select(['job_key', 'worker']).where('job_key', '=', a.job.key).execute();
    assert.deepEqual(rows, [{ job_key: a.job.key, worker: 'host:3' }]);
  });

  it('gives a job up, with the reason, after every allowed attempt died', async () => {
    now += 61_000;
    const second = await queue.claim('host:9');
    assert.equal(second?.job.key, 'test:2');
    assert.equal(second?.attempt, 2);
    now += 61_000; // its second holder died too
    const next = await queue.claim('host:9');
    assert.equal(next?.job.key, 'test:3', 'the exhausted job is given up on the way, and the next one comes');
    const stored = await store.db.selectFrom('audits').select(['status', 'failure_reason']).where('job_key', '=', 'test:2').executeTakeFirst();
    assert.equal(stored?.status, 'failed');
    assert.match(stored?.failure_reason ?? '', /gave up after 2 attempts/);
  });

  it('hands a released job back at once', async () => {
    await queue.enqueue([job(4)], { leaseSeconds: 60, maxAttempts: 2 });
    const held = await queue.claim('host:1');
    assert.equal(held?.job.key, 'test:4');
    await queue.release(held!);
    const again = await queue.claim('host:2');
    assert.equal(again?.job.key, 'test:4');
    assert.equal(again?.attempt, 1, 'a release is not a failed attempt');
  });
});
