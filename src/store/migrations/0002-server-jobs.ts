import type { Kysely, Migration } from 'kysely';

/**
 * What the server's audits need from the shared engine (decision 0047): the requests a job's SSRF
 * guard refused, stored with the result. And indexes for the per-job path (decision 0048): a claim
 * takes the oldest queued job without sorting the queue; a batch finds its unwritten reports and
 * counts its outcomes from an index.
 */
export const serverJobsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('audits').addColumn('refused', 'text').execute();
    await db.schema.createIndex('jobs_queued').on('jobs').columns(['queue', 'state', 'created_at', 'job_key']).execute();
    // A batch's progress count and its "reports not written yet" look-up after every job, without reading every row of the batch.
    await db.schema.createIndex('audits_batch_progress').on('audits').columns(['batch_id', 'report_path', 'status']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('audits_batch_progress').execute();
    await db.schema.dropIndex('jobs_queued').execute();
    await db.schema.alterTable('audits').dropColumn('refused').execute();
  },
};
