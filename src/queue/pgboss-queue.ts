import { createHash } from 'node:crypto';
import { CompiledQuery, type Transaction } from 'kysely';
import type PgBoss from 'pg-boss';
import { insertAuditOnce } from '../store/audits.js';
import type { Store } from '../store/database.js';
import type { StoreTables } from '../store/schema.js';
import { givenUp } from './sqlite-queue.js';
import { AUDIT_QUEUE, type AuditJob, type AuditOutcome, type ClaimedJob, type EnqueueOptions, type JobQueue } from './job.js';

export interface PgBossQueueOptions {
  /** How often pg-boss looks for expired leases (its maintenance). Default 30 s; tests use 1 s. */
  maintenanceIntervalSeconds?: number;
}

/**
 * The PostgreSQL queue: pg-boss (decision 0034). Leases are pg-boss's expiration: a job active for
 * longer than its `expireInSeconds` is failed by pg-boss's maintenance and retried (retryLimit) —
 * this is how a job whose worker died is taken again. Completion runs in the transaction that stores
 * the result (pg-boss accepts a `db` to run its SQL on), so a result and its job's end are one commit.
 */
export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private constructor(private readonly store: Store, private readonly boss: PgBoss) {}

  static async open(store: Store, options: PgBossQueueOptions = {}): Promise<PgBossQueue> {
    if (!store.postgresUrl) throw new Error('pg-boss needs a PostgreSQL store');
    const { default: PgBossClass } = await import('pg-boss');
    const boss = new PgBossClass({
      connectionString: store.postgresUrl,
      max: 4,
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
      // Completed jobs leave the queue's hot table soon; the result lives in `audits`.
      archiveCompletedAfterSeconds: 3600,
    });
    boss.on('error', () => {});
    await boss.start();
    await boss.createQueue(AUDIT_QUEUE);
    return new PgBossQueue(store, boss);
  }

  async enqueue(jobs: AuditJob[], options: EnqueueOptions): Promise<number> {
    // A deterministic id per key: sending a key that is already queued or active inserts nothing.
    const rows = jobs.map((job) => ({
      name: AUDIT_QUEUE, id: uuidFromKey(job.key), data: job, retryLimit: Math.max(0, options.maxAttempts - 1), retryDelay: 0,
      expireInSeconds: options.leaseSeconds,
    }));
    let added = 0;
    for (let start = 0; start < rows.length; start += 500) {
      // pg-boss returns the ids it inserted (ON CONFLICT DO NOTHING skips the others).
      const inserted = (await this.boss.insert(rows.slice(start, start + 500))) as unknown as string[] | null;
      added += inserted?.length ?? 0;
    }
    return added;
  }

  async claim(worker: string): Promise<ClaimedJob | undefined> {
    void worker;
    const [job] = await this.boss.fetch<AuditJob>(AUDIT_QUEUE, { batchSize: 1, includeMetadata: true });
    // pg-boss retries an expired job retryLimit times and then fails it; see giveUpFailed.
    return job ? { id: job.id, job: job.data, attempt: job.retryCount + 1 } : undefined;
  }

  async complete(claimed: ClaimedJob, outcome: AuditOutcome): Promise<boolean> {
    return this.store.db.transaction().execute(async (trx) => {
      const stored = await insertAuditOnce(trx, claimed.job, outcome);
      await this.boss.complete(AUDIT_QUEUE, claimed.id, {}, { db: dbOf(trx) }).catch(() => {
        // The job may already have expired and been retried elsewhere: the result insert decides.
      });
      return stored;
    });
  }

  /** Nothing to do: pg-boss gets a dead holder's job back when its lease (expireInSeconds) ends. */
  reclaimFromDeadLocalWorkers(): Promise<number> {
    return Promise.resolve(0);
  }

  /**
   * Jobs pg-boss gave up on (every worker holding them died): their keys get a failed result, so a
   * batch waiting for them ends. Returns how many were recorded.
   */
  async giveUpFailed(worker: string, keys: Set<string>): Promise<number> {
    const result = await this.store.db.executeQuery<{ id: string; data: AuditJob; retry_limit: number }>(CompiledQuery.raw(
      "SELECT id, data, retry_limit FROM pgboss.job WHERE name = $1 AND state = 'failed' UNION ALL SELECT id, data, retry_limit FROM pgboss.archive WHERE name = $1 AND state = 'failed'",
      [AUDIT_QUEUE],
    ));
    let recorded = 0;
    for (const row of result.rows) {
      if (!keys.has(row.data.key)) continue;
      const claimed: ClaimedJob = { id: row.id, job: row.data, attempt: row.retry_limit + 1 };
      const stored = await this.store.db.transaction().execute((trx) => insertAuditOnce(trx, row.data, givenUp(claimed, row.retry_limit + 1, worker, Date.now())));
      if (stored) recorded += 1;
    }
    return recorded;
  }

  async release(claimed: ClaimedJob): Promise<void> {
    // Failing with retries left puts the job back at once (retryDelay 0), without a result.
    await this.boss.fail(AUDIT_QUEUE, claimed.id, { reason: 'worker stopped' }).catch(() => {});
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: true } as PgBoss.StopOptions).catch(() => {});
  }
}

/** pg-boss's Db seam over a kysely transaction: its SQL joins the transaction that stores the result. */
function dbOf(trx: Transaction<StoreTables>): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] as never[] };
    },
  };
}

/** A stable UUID (version-5 layout, SHA-256 based) for a job key. */
export function uuidFromKey(key: string): string {
  const hex = createHash('sha256').update(`souverain-job:${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
