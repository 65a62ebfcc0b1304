/**
 * Starting and stopping the server: database (opened and migrated, or one clear error), first admin,
 * background runner, HTTP listener.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { LocalisedUsageError } from '../shared/errors.js';
import { createApp } from './app.js';
import { hashPassword, newApiToken, newSecret, tokenHash } from './auth.js';
import { openDatabase, redactUrl, DEFAULT_DATABASE, type ServerDatabase } from './database.js';
import { migrateServer } from './migrations.js';
import { Runner, type AuditSettings } from './runner.js';
import { parseAllowEntry } from './ssrf-guard.js';
import { ServerStore } from './store.js';
import { openQueue } from '../queue/open-queue.js';
import type { Scope } from './schema.js';

export interface ServeOptions {
  database?: string;
  port: number;
  host: string;
  publicMode: boolean;
  audit: AuditSettings;
  /** Where the one-time admin password and the listening line go (stdout). */
  print: (line: string) => void;
  /** Operational log (stderr); never receives credentials. */
  log: (line: string) => void;
  /** Webhook back-off base (tests shorten it). */
  retryBaseMs?: number;
  /** Audits this process runs at once (default 1); 0 (`--no-worker`) leaves them to `souverain worker` processes. */
  workerConcurrency?: number;
}

export interface RunningServer {
  url: string;
  store: ServerStore;
  runner: Runner;
  close(): Promise<void>;
}

const DATABASE_HINT = {
  en: 'check --database (a SQLite file path, or postgres://user:password@host/db) and that the database is running and reachable',
  fr: 'vérifiez --database (chemin d’un fichier SQLite, ou postgres://utilisateur:motdepasse@hôte/base) et que la base tourne et est joignable',
};

/** Opens and migrates the database; any failure is one line without credentials. */
export async function connectDatabase(location: string | undefined): Promise<ServerDatabase> {
  const label = redactUrl(location ?? DEFAULT_DATABASE);
  let database: ServerDatabase | undefined;
  try {
    database = await openDatabase(location ?? DEFAULT_DATABASE);
    await migrateServer(database.db as never, database.dialect);
    return database;
  } catch (error) {
    await database?.close().catch(() => undefined);
    // The store's own one-line error ("database unavailable: …", credentials already removed).
    if (error instanceof LocalisedUsageError) throw error;
    const reason = redactUrl(String((error as Error).message ?? error)).split('\n')[0];
    throw new LocalisedUsageError({ en: `database ${label} unavailable: ${reason}`, fr: `base de données ${label} indisponible : ${reason}` }, DATABASE_HINT);
  }
}

/** Creates the first administrator with a random password, printed once and never stored in clear. */
async function ensureAdmin(store: ServerStore, print: (line: string) => void): Promise<void> {
  if ((await store.userCount()) > 0) return;
  const password = newSecret(18);
  await store.createUser('admin', await hashPassword(password));
  print(`souverain serve: first start — administrator "admin", one-time password: ${password}`);
  print('souverain serve: this password is shown only now; keep it in a password manager.');
}

export function checkAllowList(entries: string[]): void {
  for (const entry of entries) {
    try {
      parseAllowEntry(entry);
    } catch {
      throw new LocalisedUsageError(
        { en: `--allow-address "${entry}" is not ADDRESS:PORT`, fr: `--allow-address « ${entry} » n’est pas ADRESSE:PORT` },
        { en: 'e.g. --allow-address 127.0.0.1:8443 or --allow-address [::1]:8443', fr: 'par exemple --allow-address 127.0.0.1:8443 ou --allow-address [::1]:8443' },
      );
    }
  }
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  checkAllowList(options.audit.allowAddresses);
  const database = await connectDatabase(options.database);
  const store = new ServerStore(database.db);
  if (!options.publicMode) await ensureAdmin(store, options.print);
  const queue = await openQueue(database.engine);
  // A server killed mid-audit (kill -9): its own jobs go back to the queue now rather than when their lease ends.
  await queue.reclaimFromDeadLocalWorkers();
  const runner = new Runner({
    store, queue, settings: options.audit, log: options.log, workerConcurrency: options.publicMode ? 0 : options.workerConcurrency ?? 1,
    ...(options.retryBaseMs ? { retryBaseMs: options.retryBaseMs } : {}),
  });
  const resent = await runner.resumeOpenAudits();
  if (resent > 0) options.log(`souverain serve: ${resent} audit(s) interrupted by the last stop queued again`);
  const app = createApp({ store, runner, publicMode: options.publicMode });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const instance = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(instance));
    instance.once('error', reject);
  }).catch(async (error: Error) => {
    await queue.close();
    await database.close();
    throw new LocalisedUsageError({ en: `cannot listen on ${options.host}:${options.port}: ${error.message}`, fr: `impossible d’écouter sur ${options.host}:${options.port} : ${error.message}` }, { en: 'choose another --port or --host', fr: 'choisissez un autre --port ou --host' });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  runner.start();
  options.print(`souverain serve: listening on ${url} (database ${database.label}${options.publicMode ? ', public read-only' : ''})`);
  return {
    url,
    store,
    runner,
    close: async () => {
      await runner.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await queue.close();
      await database.close();
    },
  };
}

/** `souverain serve token create`: an API token, printed once. */
export async function createTokenCommand(options: { database?: string; scope: Scope; name: string }): Promise<string> {
  const database = await connectDatabase(options.database);
  try {
    const token = newApiToken();
    await new ServerStore(database.db).createToken(options.name, tokenHash(token), options.scope);
    return token;
  } finally {
    await database.close();
  }
}

/** `souverain serve password reset`: a new one-time password for a user (created if missing). */
export async function resetPasswordCommand(options: { database?: string; user: string }): Promise<string> {
  const database = await connectDatabase(options.database);
  try {
    const store = new ServerStore(database.db);
    const password = newSecret(18);
    const hash = await hashPassword(password);
    if (!(await store.setPassword(options.user, hash))) await store.createUser(options.user, hash);
    return password;
  } finally {
    await database.close();
  }
}
