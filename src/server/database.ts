/**
 * The server's database: SQLite file (better-sqlite3) by default, PostgreSQL when --database is a
 * postgres:// URL (the `pg` driver, installed with the PostgreSQL support). One kysely code path for
 * both (decision 0038). Credentials never leave this module unredacted: use redactUrl() for output.
 */
import type { Kysely } from 'kysely';
import { openStore, type Store } from '../store/database.js';
import type { ServerTables } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface ServerDatabase {
  db: Kysely<ServerTables>;
  /** The same connection as the engine's store: the shared job queue runs on it. */
  engine: Store;
  dialect: Dialect;
  /** The location with any password removed, safe for logs and pages. */
  label: string;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE = 'souverain.db';

/** postgres://user:secret@host/db → postgres://user:***@host/db; a file path stays as is. */
export function redactUrl(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@').replace(/([?&](?:password|sslpassword|pass)=)[^&#]*/gi, '$1***');
}

/**
 * Opens (and for SQLite creates) the database through the engine's store (src/store/): the server's
 * srv_ tables live next to the shared queue and its results, in one database, one connection pool.
 * The engine's tables are migrated here; the server's by migrateServer. Rejects with a message free
 * of credentials (a LocalisedUsageError from openStore).
 */
export async function openDatabase(location: string = DEFAULT_DATABASE): Promise<ServerDatabase> {
  const engine = await openStore({ database: location });
  // One kysely instance over both table sets (the server's queries are typed by ServerTables).
  const db = engine.db as unknown as Kysely<ServerTables>;
  return { db, engine, dialect: engine.dialect, label: redactUrl(location), close: () => engine.close() };
}
