/**
 * bench/queue.ts — what the embedded queue and store cost per job, without a browser (so the figure
 * is the queue's, not Chromium's), under an event loop kept busy the way audits keep it busy.
 *
 *   node --import tsx bench/queue.ts [--jobs 1000] [--report-kb 25] [--rounds 2]
 *
 * Two worker slots take N jobs from a fresh SQLite store; each "audit" is ~150 ms of synchronous work
 * in 5 ms slices (JSON, attribution…: what the other slot's audit does to this slot's queries), then
 * the result (a report of REPORT_KB) is stored; after each job the batch's own per-job work runs too
 * (progress count, unwritten-report look-up), as in src/batch/run-batch.ts. Measured per job: claim +
 * result transaction, p50/p95. Two implementations, alternated round by round so that the machine's
 * load hits both alike:
 *   - "kysely": the queue as first written (kysely queries, one OR claim, an async transaction);
 *   - "prepared": src/queue/sqlite-queue.ts (prepared statements run synchronously under kysely's
 *     connection hold; indexed claim).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { AUDIT_QUEUE, type AuditJob, type AuditOutcome, type ClaimedJob, type JobQueue } from '../src/queue/job.js';
import { SqliteLeaseQueue } from '../src/queue/sqlite-queue.js';
import { insertAuditOnce } from '../src/store/audits.js';
import { openStore, type Store } from '../src/store/database.js';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '1000' }, 'report-kb': { type: 'string', default: '25' }, rounds: { type: 'string', default: '2' } } });
const JOBS = Number(values.jobs);
const REPORT = { target: 'https://www.example.fr/', padding: 'x'.repeat(Number(values['report-kb']) * 1024) };

/** The queue as x-batch first wrote it (kysely, OR claim, async transaction) — the comparison point. */
class KyselyQueue {
  constructor(private readonly store: Store) {}
  async claim(worker: string): Promise<ClaimedJob | undefined> {
    const now = Date.now();
    const row = await this.store.db.updateTable('jobs')
      .set({ state: 'active', worker, attempts: sql<number>`attempts + 1`, lease_until: sql<number>`${now} + lease_seconds * 1000`, updated_at: new Date(now).toISOString() })
      .where('id', '=', (qb) => qb.selectFrom('jobs').select('id').where('queue', '=', AUDIT_QUEUE)
        .where((eb) => eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'active'), eb('lease_until', '<', now)])]))
        .orderBy('created_at').orderBy('job_key').limit(1))
      .returningAll().executeTakeFirst();
    return row ? { id: row.id, job: JSON.parse(row.payload) as AuditJob, attempt: row.attempts } : undefined;
  }
  async complete(claimed: ClaimedJob, outcome: AuditOutcome): Promise<boolean> {
    return this.store.db.transaction().execute(async (trx) => {
      const stored = await insertAuditOnce(trx, claimed.job, outcome);
      await trx.updateTable('jobs').set({ state: 'done', lease_until: null, updated_at: new Date().toISOString() }).where('id', '=', claimed.id).execute();
      return stored;
    });
  }
}

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** ~150 ms of synchronous work in 5 ms slices, yielding between them (an audit's CPU work). */
async function busyAudit(): Promise<void> {
  for (let slice = 0; slice < 30; slice++) {
    const until = performance.now() + 5;
    while (performance.now() < until) { /* spin */ }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function round(kind: 'kysely' | 'prepared'): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'souverain-bench-queue-'));
  const store = await openStore({ dataDir: dir });
  const queue = new SqliteLeaseQueue(store);
  const batchId = 'bench';
  await queue.enqueue(Array.from({ length: JOBS }, (_, i) => ({ key: `batch:${batchId}:${i + 1}`, url: `https://www.site${i}.fr/`, batchId, options: { policy: 'fr', insecure: true, timeout: 30, infra: false } })), { leaseSeconds: 300, maxAttempts: 3 });
  const hot: Pick<JobQueue, 'claim' | 'complete'> = kind === 'prepared' ? queue : new KyselyQueue(store);
  const overhead: number[] = [];
  await Promise.all([1, 2].map(async (slot) => {
    for (;;) {
      const claimStarted = performance.now();
      const claimed = await hot.claim(`bench:${slot}`);
      const claimMs = performance.now() - claimStarted;
      if (!claimed) return;
      await busyAudit();
      const stamp = new Date().toISOString();
      const outcome: AuditOutcome = { status: 'complete', url: claimed.job.url, policy: 'fr', verdict: 'sovereign', failureReason: null, summary: { requests: 12 }, report: REPORT, startedAt: stamp, finishedAt: stamp, worker: `bench:${slot}` };
      const storeStarted = performance.now();
      await hot.complete(claimed, outcome);
      overhead.push(claimMs + performance.now() - storeStarted);
      // The batch's own per-job work (progress, reports to write), run alongside as run-batch does.
      void store.db.selectFrom('audits').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('batch_id', '=', batchId).groupBy('status').execute();
      void store.db.selectFrom('audits').select(['id', 'report']).where('batch_id', '=', batchId).where('report_path', 'is', null).limit(50).execute()
        .then((rows) => Promise.all(rows.map((row) => store.db.updateTable('audits').set({ report_path: `reports/${row.id}.json` }).where('id', '=', row.id).execute())));
    }
  }));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return overhead;
}

console.log(`bench/queue: ${JOBS} jobs, ${values['report-kb']} KB reports, 2 slots, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores), ${new Date().toISOString()}`);
const all: Record<'kysely' | 'prepared', number[]> = { kysely: [], prepared: [] };
for (let r = 0; r < Number(values.rounds); r++) {
  const order: ('kysely' | 'prepared')[] = r % 2 === 0 ? ['kysely', 'prepared'] : ['prepared', 'kysely'];
  for (const kind of order) {
    const samples = await round(kind);
    all[kind].push(...samples);
    console.log(`round ${r + 1} ${kind.padEnd(8)} queue+store per job: p50 ${percentile(samples, 50).toFixed(2)} ms  p95 ${percentile(samples, 95).toFixed(2)} ms  max ${Math.max(...samples).toFixed(1)} ms  (n=${samples.length})`);
  }
}
for (const kind of ['kysely', 'prepared'] as const) {
  console.log(`all rounds ${kind.padEnd(8)} p50 ${percentile(all[kind], 50).toFixed(2)} ms  p95 ${percentile(all[kind], 95).toFixed(2)} ms`);
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
