import type { Store } from '../store/database.js';
import type { JobQueue } from './job.js';
import { PgBossQueue, type PgBossQueueOptions } from './pgboss-queue.js';
import { SqliteLeaseQueue } from './sqlite-queue.js';

/** The queue that goes with a store: the lease table on SQLite, pg-boss on PostgreSQL. */
export async function openQueue(store: Store, options: PgBossQueueOptions = {}): Promise<JobQueue> {
  return store.dialect === 'postgres' ? PgBossQueue.open(store, options) : new SqliteLeaseQueue(store);
}
