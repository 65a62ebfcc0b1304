/**
 * The server's schema, as kysely migrations with their own bookkeeping table so they never collide
 * with the batch/queue migrations in the same database (coord note x-server.md).
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './database.js';

const MIGRATION_TABLE = 'souverain_server_migration';
const MIGRATION_LOCK_TABLE = 'souverain_server_migration_lock';

function migrations(dialect: Dialect): Record<string, Migration> {
  // An auto-increment key in each dialect's own words.
  const id = (table: ReturnType<Kysely<unknown>['schema']['createTable']>) =>
    dialect === 'postgres' ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  const text = 'text';
  return {
    '0001-server-tables': {
      async up(db: Kysely<unknown>) {
        await id(db.schema.createTable('srv_users')).addColumn('name', text, (c) => c.notNull().unique())
          .addColumn('password_hash', text, (c) => c.notNull()).addColumn('created_at', text, (c) => c.notNull()).execute();
        await db.schema.createTable('srv_sessions').addColumn('token_hash', text, (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('srv_users.id').onDelete('cascade'))
          .addColumn('csrf_token', text, (c) => c.notNull()).addColumn('created_at', text, (c) => c.notNull())
          .addColumn('expires_at', text, (c) => c.notNull()).execute();
        await id(db.schema.createTable('srv_tokens')).addColumn('name', text, (c) => c.notNull())
          .addColumn('token_hash', text, (c) => c.notNull().unique()).addColumn('scope', text, (c) => c.notNull())
          .addColumn('created_at', text, (c) => c.notNull()).addColumn('last_used_at', text).execute();
        await id(db.schema.createTable('srv_sites')).addColumn('url', text, (c) => c.notNull())
          .addColumn('name', text, (c) => c.notNull()).addColumn('group_name', text, (c) => c.notNull().defaultTo(''))
          .addColumn('tags', text, (c) => c.notNull().defaultTo('')).addColumn('policy', text, (c) => c.notNull().defaultTo('fr'))
          .addColumn('consent', text, (c) => c.notNull().defaultTo('')).addColumn('journey', text, (c) => c.notNull().defaultTo(''))
          .addColumn('schedule', text, (c) => c.notNull().defaultTo('')).addColumn('next_audit_at', text)
          .addColumn('last_audit_id', 'integer').addColumn('last_audit_at', text).addColumn('last_verdict', text)
          .addColumn('created_at', text, (c) => c.notNull()).execute();
        await db.schema.createIndex('srv_sites_name').on('srv_sites').column('name').execute();
        await db.schema.createIndex('srv_sites_next').on('srv_sites').column('next_audit_at').execute();
        await db.schema.createIndex('srv_sites_verdict').on('srv_sites').columns(['last_verdict', 'name']).execute();
        await db.schema.createIndex('srv_sites_group').on('srv_sites').columns(['group_name', 'name']).execute();
        await id(db.schema.createTable('srv_audits'))
          .addColumn('site_id', 'integer', (c) => c.notNull().references('srv_sites.id').onDelete('cascade'))
          .addColumn('status', text, (c) => c.notNull()).addColumn('origin', text, (c) => c.notNull())
          .addColumn('verdict', text).addColumn('error', text).addColumn('refused', text).addColumn('report_json', text)
          .addColumn('created_at', text, (c) => c.notNull()).addColumn('started_at', text).addColumn('finished_at', text).execute();
        await db.schema.createIndex('srv_audits_site').on('srv_audits').columns(['site_id', 'status', 'id']).execute();
        await db.schema.createIndex('srv_audits_status').on('srv_audits').columns(['status', 'id']).execute();
        await db.schema.createTable('srv_audit_orgs')
          .addColumn('audit_id', 'integer', (c) => c.notNull().references('srv_audits.id').onDelete('cascade'))
          .addColumn('site_id', 'integer', (c) => c.notNull()).addColumn('organisation', text, (c) => c.notNull())
          .addColumn('name', text, (c) => c.notNull()).addColumn('jurisdiction', text, (c) => c.notNull())
          .addColumn('laws', text, (c) => c.notNull()).execute();
        await db.schema.createIndex('srv_audit_orgs_audit').on('srv_audit_orgs').column('audit_id').execute();
        await id(db.schema.createTable('srv_webhooks')).addColumn('url', text, (c) => c.notNull()).addColumn('created_at', text, (c) => c.notNull()).execute();
        await id(db.schema.createTable('srv_deliveries'))
          .addColumn('webhook_id', 'integer', (c) => c.notNull().references('srv_webhooks.id').onDelete('cascade'))
          .addColumn('audit_id', 'integer', (c) => c.notNull()).addColumn('event', text, (c) => c.notNull())
          .addColumn('payload', text, (c) => c.notNull()).addColumn('status', text, (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).addColumn('last_error', text)
          .addColumn('next_attempt_at', text, (c) => c.notNull()).addColumn('created_at', text, (c) => c.notNull())
          .addColumn('delivered_at', text).execute();
        await db.schema.createIndex('srv_deliveries_due').on('srv_deliveries').columns(['status', 'next_attempt_at']).execute();
      },
    },
    // Audits run through the shared job queue (decision 0047): each names its job, whose result
    // (report included) lives once in the engine's `audits` table.
    '0002-audit-jobs': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('srv_audits').addColumn('job_key', text).execute();
      },
    },
  };
}

/** Brings the schema up to date; rejects with the failing migration's error. */
export async function migrateServer(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider, migrationTableName: MIGRATION_TABLE, migrationLockTableName: MIGRATION_LOCK_TABLE });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
