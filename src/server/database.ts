/**
 * The server's database: SQLite file (better-sqlite3) by default, PostgreSQL when --database is a
 * postgres:// URL (the `pg` driver, installed with the PostgreSQL support). One kysely code path for
 * both (decision 0038). Credentials never leave this module unredacted: use redactUrl() for output.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { ServerTables } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface ServerDatabase {
  db: Kysely<ServerTables>;
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

function isPostgres(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Opens (and for SQLite creates) the database. Rejects with a message free of credentials. */
export async function openDatabase(location: string = DEFAULT_DATABASE): Promise<ServerDatabase> {
  const label = redactUrl(location);
  if (isPostgres(location)) return openPostgres(location, label);
  const path = resolve(location.replace(/^sqlite:(\/\/)?/i, ''));
  mkdirSync(dirname(path), { recursive: true });
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<ServerTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', label, close: () => db.destroy() };
}

async function openPostgres(location: string, label: string): Promise<ServerDatabase> {
  let pg: { Pool: new (options: object) => unknown };
  try {
    const moduleName = 'pg';
    pg = ((await import(moduleName)) as { default: typeof pg }).default;
  } catch {
    throw new Error(`PostgreSQL support needs the "pg" package: npm install pg (database ${label})`);
  }
  const pool = new pg.Pool({ connectionString: location, max: 10, connectionTimeoutMillis: 5000 });
  const db = new Kysely<ServerTables>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return { db, dialect: 'postgres', label, close: () => db.destroy() };
}
