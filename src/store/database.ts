import { mkdirSync } from 'node:fs';
import BetterSqlite from 'better-sqlite3';
import { dirname, join, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
import { LocalisedUsageError } from '../shared/errors.js';
import { migrations } from './migrations/index.js';
import type { StoreTables } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';

/**
 * An open database: one kysely instance whatever the engine, so every query has one code path
 * (decision 0033). `location` is safe to print (never a password).
 */
export interface Store {
  db: Kysely<StoreTables>;
  dialect: StoreDialect;
  /** `postgres://host:port/db` without credentials, or the SQLite file's path. */
  location: string;
  /** The PostgreSQL connection string (with credentials) for the queue library; undefined on SQLite. */
  postgresUrl?: string;
  /**
   * The SQLite connection under kysely (SQLite only): the embedded queue's hot path runs prepared
   * statements on it synchronously, while holding kysely's connection (src/queue/sqlite-queue.ts).
   */
  sqlite?: BetterSqlite.Database;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://…` / `postgresql://…`, `sqlite:PATH`, or a file path. Default: DEFAULT_DATABASE_FILE in dataDir. */
  database?: string;
  /** Where the embedded database lives when `database` is not given. */
  dataDir?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** How long to wait for PostgreSQL to answer before "database unavailable". Default 5 s. */
  connectTimeoutMs?: number;
}

export const DEFAULT_DATABASE_FILE = 'souverain.db';

/** True for a PostgreSQL connection string. */
export function isPostgresUrl(database: string | undefined): database is string {
  return database !== undefined && /^postgres(ql)?:\/\//i.test(database);
}

/**
 * Opens (and migrates) the store. A database that cannot be reached or opened is a one-line
 * LocalisedUsageError (exit 2) naming the place without its credentials.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = isPostgresUrl(options.database)
    ? await openPostgres(options.database, options.connectTimeoutMs ?? 5000)
    : openSqlite(sqlitePath(options));
  if (options.migrate !== false) await migrateStore(store);
  return store;
}

function sqlitePath(options: OpenStoreOptions): string {
  if (options.database) return resolve(options.database.replace(/^sqlite:(\/\/)?/i, ''));
  return resolve(join(options.dataDir ?? '.', DEFAULT_DATABASE_FILE));
}

function openSqlite(path: string): Store {
  let database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    database = new BetterSqlite(path);
    // WAL: readers (the server, `batch report`) never block the writer; a crash loses no committed row.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    // Several processes (batch, server, report) may share the file: wait for a lock rather than fail.
    database.pragma('busy_timeout = 10000');
  } catch (error) {
    throw unavailable(path, error);
  }
  const db = new Kysely<StoreTables>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', location: path, sqlite: database, close: () => db.destroy() };
}

async function openPostgres(url: string, connectTimeoutMs: number): Promise<Store> {
  const location = redactUrl(url);
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, max: 10 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailable(location, error);
  }
  const db = new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location, postgresUrl: url, close: () => db.destroy() };
}

/** Applies every pending migration (kysely Migrator, the same list for both databases). */
export async function migrateStore(store: Store): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db: store.db, provider, migrationTableName: 'souverain_migrations', migrationLockTableName: 'souverain_migrations_lock' });
  const { error } = await migrator.migrateToLatest();
  if (error) throw unavailable(store.location, error, 'migration');
}

/** `postgres://user:secret@host:5432/db?…` → `postgres://host:5432/db`: what may be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** The one-line error for a database that cannot be used; the cause's code, never its credentials. */
export function unavailable(location: string, error: unknown, stage: 'connect' | 'migration' = 'connect'): LocalisedUsageError {
  const cause = causeOf(error);
  return new LocalisedUsageError(
    stage === 'connect'
      ? { en: `database unavailable: ${location} (${cause})`, fr: `base de données indisponible : ${location} (${cause})` }
      : { en: `database migration failed: ${location} (${cause})`, fr: `échec de la migration de la base de données : ${location} (${cause})` },
    { en: 'check that the database is running and that --database is right', fr: 'vérifiez que la base de données fonctionne et que --database est juste' },
  );
}

function causeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  // pg puts the password in no message, but a URL may echo in some; keep the first line, no URL.
  const line = (message.split('\n')[0] ?? '').replace(/\w+:\/\/\S+/g, '…').slice(0, 200);
  return typeof code === 'string' && !line.includes(code) ? `${code}: ${line}` : line || String(code ?? 'unknown error');
}
