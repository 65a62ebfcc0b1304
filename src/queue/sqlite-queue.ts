import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type BetterSqlite from 'better-sqlite3';
import { auditRow } from '../store/audits.js';
import type { Store } from '../store/database.js';
import type { JobsTable } from '../store/schema.js';
import { defaultWorkerName } from './worker-name.js';
import { AUDIT_QUEUE, type AuditJob, type AuditOutcome, type ClaimedJob, type EnqueueOptions, type JobQueue } from './job.js';

/**
 * The embedded queue: a lease table in the SQLite store (decision 0034 — pg-boss is PostgreSQL-only).
 * A claim is one UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING statement, atomic in SQLite
 * whatever the number of processes sharing the file. A claim holds the job until `lease_until`;
 * after that, the worker is presumed dead and any worker may take the job again (attempt + 1).
 */
export class SqliteLeaseQueue implements JobQueue {
  readonly kind = 'sqlite-lease' as const;
  private statements: Statements | undefined;
  constructor(private readonly store: Store, private readonly now: () => number = Date.now) {}

  async enqueue(jobs: AuditJob[], options: EnqueueOptions): Promise<number> {
    let added = 0;
    const stamp = new Date(this.now()).toISOString();
    // Chunks keep each statement under SQLite's variable limit; one transaction keeps it fast.
    await this.store.db.transaction().execute(async (trx) => {
      for (let start = 0; start < jobs.length; start += 50) {
        const rows = jobs.slice(start, start + 50).map((job): JobsTable => ({
          id: randomUUID(), job_key: job.key, queue: AUDIT_QUEUE, payload: JSON.stringify(job), state: 'queued', attempts: 0,
          max_attempts: options.maxAttempts, lease_seconds: options.leaseSeconds, lease_until: null, worker: null, last_error: null,
          created_at: stamp, updated_at: stamp,
        }));
        const result = await trx.insertInto('jobs').values(rows).onConflict((c) => c.column('job_key').doNothing()).executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
    });
    return added;
  }

  async claim(worker: string): Promise<ClaimedJob | undefined> {
    for (;;) {
      const now = this.now();
      const row = await this.exclusive((statements) => statements.claim.get({
        queue: AUDIT_QUEUE, worker, now, stamp: new Date(now).toISOString(),
      }) as JobsTable | undefined);
      if (!row) return undefined;
      const claimed: ClaimedJob = { id: row.id, job: JSON.parse(row.payload) as AuditJob, attempt: row.attempts };
      if (row.attempts <= row.max_attempts) return claimed;
      // Every worker that took this job died or stalled with it: give it up, with the reason, and go on.
      await this.complete(claimed, givenUp(claimed, row.max_attempts, worker, now));
    }
  }

  async complete(claimed: ClaimedJob, outcome: AuditOutcome): Promise<boolean> {
    const row = auditRow(claimed.job, outcome);
    const stamp = new Date(this.now()).toISOString();
    return this.exclusive((statements, sqlite) => sqlite.transaction(() => {
      const stored = statements.insertResult.run(row).changes > 0;
      statements.finish.run({ id: claimed.id, error: outcome.failureReason, stamp });
      return stored;
    })());
  }

  /**
   * The hot path (claim, complete) as prepared statements run synchronously on the SQLite connection
   * while kysely's hold on it is taken, so no other query of this process (kysely serialises them on
   * the one connection) can interleave, and no event-loop turn splits a transaction: measured, this
   * is what kept the per-job overhead low while audits keep the event loop busy (docs/scale.md).
   */
  private exclusive<T>(work: (statements: Statements, sqlite: BetterSqlite.Database) => T): Promise<T> {
    const sqlite = this.store.sqlite;
    if (!sqlite) throw new Error('the embedded queue needs a SQLite store');
    this.statements ??= prepare(sqlite);
    const statements = this.statements;
    return this.store.db.connection().execute(async () => work(statements, sqlite));
  }

  async release(claimed: ClaimedJob): Promise<void> {
    await this.store.db.updateTable('jobs').set({ state: 'queued', lease_until: null, worker: null, attempts: sql<number>`max(attempts - 1, 0)` })
      .where('id', '=', claimed.id).where('state', '=', 'active').execute();
  }

  /**
   * After kill -9 of a process of this machine (a batch, a server): its jobs still "active" are
   * queued again at once instead of waiting for their lease. Only this host's dead process ids are
   * touched; a worker of another machine sharing the file keeps its lease. Returns how many.
   */
  /** Nothing to do: claim() itself stores the failed result of a job past its last attempt. */
  giveUpFailed(): Promise<number> {
    return Promise.resolve(0);
  }

  async reclaimFromDeadLocalWorkers(): Promise<number> {
    const prefix = `${defaultWorkerName().split(':')[0]}:`;
    const active = await this.store.db.selectFrom('jobs').select(['id', 'worker']).where('queue', '=', AUDIT_QUEUE).where('state', '=', 'active').execute();
    let reclaimed = 0;
    for (const job of active) {
      if (!job.worker?.startsWith(prefix)) continue;
      const pid = Number(job.worker.slice(prefix.length));
      if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
      await this.store.db.updateTable('jobs').set({ lease_until: 0 }).where('id', '=', job.id).where('state', '=', 'active').execute();
      reclaimed += 1;
    }
    return reclaimed;
  }

  async close(): Promise<void> {}
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** The failed outcome of a job every holder of which died (crash, kill -9, lease expired). */
export function givenUp(claimed: ClaimedJob, maxAttempts: number, worker: string, now: number): AuditOutcome {
  const stamp = new Date(now).toISOString();
  return {
    status: 'failed', url: claimed.job.url, policy: claimed.job.options.policy, verdict: null,
    failureReason: `gave up after ${maxAttempts} attempts: the worker auditing it stopped or exceeded its lease each time`,
    summary: {}, report: null, startedAt: stamp, finishedAt: stamp, worker,
  };
}

interface Statements {
  claim: BetterSqlite.Statement;
  insertResult: BetterSqlite.Statement;
  finish: BetterSqlite.Statement;
}

/**
 * A claim is ONE statement (atomic whatever the number of processes sharing the file): a job whose
 * lease ran out (its worker is presumed dead) first, else the oldest queued — each found through its
 * own index (jobs_claim, jobs_queued), never by sorting the queue.
 */
function prepare(sqlite: BetterSqlite.Database): Statements {
  return {
    claim: sqlite.prepare(`UPDATE jobs SET state = 'active', worker = @worker, attempts = attempts + 1, lease_until = @now + lease_seconds * 1000, updated_at = @stamp
      WHERE id = coalesce(
        (SELECT id FROM jobs WHERE queue = @queue AND state = 'active' AND lease_until < @now ORDER BY lease_until LIMIT 1),
        (SELECT id FROM jobs WHERE queue = @queue AND state = 'queued' ORDER BY created_at, job_key LIMIT 1))
      RETURNING *`),
    insertResult: sqlite.prepare(`INSERT INTO audits (id, job_key, site_id, batch_id, url, status, verdict, failure_reason, summary, report, report_path, policy, started_at, finished_at, duration_ms, worker, refused)
      VALUES (@id, @job_key, @site_id, @batch_id, @url, @status, @verdict, @failure_reason, @summary, @report, @report_path, @policy, @started_at, @finished_at, @duration_ms, @worker, @refused)
      ON CONFLICT (job_key) DO NOTHING`),
    finish: sqlite.prepare("UPDATE jobs SET state = 'done', lease_until = NULL, last_error = @error, updated_at = @stamp WHERE id = @id"),
  };
}
