import type { Kysely, Migration } from 'kysely';

/**
 * The engine's tables (decision 0033): sites, batches and their targets, audits (results, stored once
 * per job key), the embedded queue's jobs, schedules. Portable types only, so that the same migration
 * runs on SQLite and PostgreSQL.
 */
export const engineMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('group_name', 'text')
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('policy', 'text')
      .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sites_url').on('sites').column('url').unique().execute();

    await db.schema.createTable('batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('output_dir', 'text', (c) => c.notNull())
      .addColumn('targets_file', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('batch_targets')
      .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('group_name', 'text')
      .addColumn('policy', 'text')
      .addColumn('job_key', 'text', (c) => c.notNull().unique())
      .addPrimaryKeyConstraint('batch_targets_pk', ['batch_id', 'position'])
      .execute();

    await db.schema.createTable('audits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Exactly once: a second result for the same job is refused by the database itself.
      .addColumn('job_key', 'text', (c) => c.notNull().unique())
      .addColumn('site_id', 'text')
      .addColumn('batch_id', 'text')
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text')
      .addColumn('failure_reason', 'text')
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('report', 'text')
      .addColumn('report_path', 'text')
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('worker', 'text')
      .execute();
    await db.schema.createIndex('audits_site').on('audits').columns(['site_id', 'finished_at']).execute();
    await db.schema.createIndex('audits_batch').on('audits').column('batch_id').execute();

    await db.schema.createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('job_key', 'text', (c) => c.notNull().unique())
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('lease_seconds', 'integer', (c) => c.notNull())
      .addColumn('lease_until', 'bigint')
      .addColumn('worker', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_claim').on('jobs').columns(['queue', 'state', 'lease_until']).execute();

    await db.schema.createTable('schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
      .addColumn('expression', 'text', (c) => c.notNull())
      .addColumn('next_run_at', 'text')
      .addColumn('last_run_at', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['schedules', 'jobs', 'audits', 'batch_targets', 'batches', 'sites']) await db.schema.dropTable(table).ifExists().execute();
  },
};
