import type { Kysely, Migration } from 'kysely';

/**
 * What the server's audits need from the shared engine (decision 0047): the requests a job's SSRF
 * guard refused, stored with the result; and an index that lets a claim take the oldest queued job
 * without sorting the whole queue.
 */
export const serverJobsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('audits').addColumn('refused', 'text').execute();
    await db.schema.createIndex('jobs_queued').on('jobs').columns(['queue', 'state', 'created_at', 'job_key']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('jobs_queued').execute();
    await db.schema.alterTable('audits').dropColumn('refused').execute();
  },
};
