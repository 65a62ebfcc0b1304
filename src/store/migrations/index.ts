import type { Migration } from 'kysely';
import { engineMigration } from './0001-engine.js';
import { serverJobsMigration } from './0002-server-jobs.js';

/**
 * Every migration, applied in name order by kysely's Migrator on SQLite and PostgreSQL alike.
 * Names: `0001-…` to `0099-…` the engine (src/store), `0100-…` and up the server (src/server).
 * A migration, once released, never changes: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-engine': engineMigration,
  '0002-server-jobs': serverJobsMigration,
};
