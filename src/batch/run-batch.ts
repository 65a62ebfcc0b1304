import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LocalisedUsageError } from '../shared/errors.js';
import { openStore, type Store } from '../store/database.js';
import { openQueue } from '../queue/open-queue.js';
import { type AuditJob, type AuditJobOptions, type AuditOutcome, type ClaimedJob, type JobQueue } from '../queue/job.js';
import { defaultWorkerName, runWorker } from '../queue/worker.js';
import { writeFileAtomic } from './atomic-write.js';
import { readTargets, type BatchTarget } from './targets.js';

export interface BatchOptions {
  targetsFile: string;
  outputDir: string;
  /** Targets audited at once in this process (0: none — only enqueue and wait for workers). */
  concurrency: number;
  /** postgres://… (shared queue) or a SQLite file; default DIR/souverain.db. */
  database?: string;
  job: AuditJobOptions;
  chromium?: string;
  /** Lease of each job, seconds; default from the timeout and the pages. */
  leaseSeconds?: number;
  maxAttempts?: number;
  signal?: AbortSignal;
  /** Called when the batch knows its size, and after each stored target. */
  onStart?: (state: { total: number; done: number }) => void;
  onProgress?: (state: { total: number; done: number; failed: number }) => void;
  /** After each job this process ran: queue + storage time (bench/batch.ts). */
  onOverhead?: (ms: number) => void;
  /** pg-boss maintenance interval (lease expiry checks), seconds. */
  maintenanceIntervalSeconds?: number;
}

export interface BatchResult {
  batchId: string;
  total: number;
  complete: number;
  failed: number;
  interrupted: boolean;
  store: Store;
}

const REPORTS_DIR = 'reports';

/**
 * `souverain batch`: validates every target first, records the batch and enqueues what has no stored
 * result yet (so a second run resumes), audits in this process with `concurrency` worker slots (other
 * `souverain worker`s on the same PostgreSQL help), and writes one report file per target
 * atomically from the database. The caller writes the ranking and closes `result.store`.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const { targets, content } = await readTargets(options.targetsFile);
  checkOutputDir(options.outputDir);
  await mkdir(options.outputDir, { recursive: true });
  await removeOrphanTemporaries(join(options.outputDir, REPORTS_DIR));
  const store = await openStore({ ...(options.database ? { database: options.database } : {}), dataDir: options.outputDir });
  let queue: JobQueue | undefined;
  try {
    const batchId = await recordBatch(store, options, targets, content);
    const opened = await openQueue(store, { ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}) });
    queue = opened;
    const jobs = targets.map((target) => jobFor(batchId, target, options.job));
    const keys = new Set(jobs.map((job) => job.key));
    const storedKeys = await storedJobKeys(store, batchId);
    await queue.enqueue(jobs.filter((job) => !storedKeys.has(job.key)), { leaseSeconds: options.leaseSeconds ?? defaultLease(options.job), maxAttempts: options.maxAttempts ?? 3 });
    await queue.reclaimFromDeadLocalWorkers();
    options.onStart?.({ total: targets.length, done: storedKeys.size });

    const progress = async (): Promise<{ done: number; failed: number }> => {
      const counts = await countOutcomes(store, batchId);
      options.onProgress?.({ total: targets.length, ...counts });
      return counts;
    };
    // Report files are written as results arrive, one flush at a time (they run from several slots).
    let flushing: Promise<void> = Promise.resolve();
    const flush = (): Promise<void> => (flushing = flushing.catch(() => {}).then(() => flushReportFiles(store, batchId, options.outputDir)));
    const allStored = async (): Promise<boolean> => {
      await flush();
      await opened.giveUpFailed(defaultWorkerName(), keys);
      return (await progress()).done >= targets.length;
    };
    if (!(await allStored())) {
      const held = new Set<ClaimedJob>();
      const working = runWorker({
        queue,
        concurrency: Math.max(0, options.concurrency),
        ...(options.chromium ? { chromium: options.chromium } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        whenIdle: allStored,
        pollMs: 500,
        onOutcome: (_claimed: ClaimedJob, _outcome: AuditOutcome, _stored: boolean, overheadMs: number) => {
          options.onOverhead?.(overheadMs);
          void progress();
          void flush().catch(() => {});
        },
        held,
      });
      // Interrupted (Ctrl-C): the jobs in hand go back to the queue at once, without waiting for their audits.
      const aborted = new Promise<'aborted'>((resolve) => options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true }));
      if ((await Promise.race([working, aborted])) === 'aborted') {
        for (const claimed of held) await queue.release(claimed).catch(() => {});
      }
      // Concurrency 0: this process only waits for the other workers.
      while (options.concurrency <= 0 && !options.signal?.aborted && !(await allStored())) await sleep(1000);
    }
    await flushing.catch(() => {});
    await flushReportFiles(store, batchId, options.outputDir);
    const counts = await countOutcomes(store, batchId);
    return {
      batchId, total: targets.length, complete: counts.done - counts.failed, failed: counts.failed,
      interrupted: counts.done < targets.length, store,
    };
  } catch (error) {
    await store.close();
    throw error;
  } finally {
    await queue?.close();
  }
}

/** A batch is its output directory: the same directory resumes the same batch. */
export function batchIdOf(outputDir: string): string {
  return createHash('sha256').update(resolve(outputDir)).digest('hex').slice(0, 16);
}

export function jobFor(batchId: string, target: BatchTarget, options: AuditJobOptions): AuditJob {
  return { key: `batch:${batchId}:${target.position}`, url: target.url, batchId, options: { ...options, ...(target.policy ? { policy: target.policy } : {}) } };
}

/** Longer than the worker's own hang deadline, so that a live worker always ends its job first. */
function defaultLease(options: AuditJobOptions): number {
  const pages = options.pages ?? (options.depth !== undefined ? 100 : 1);
  return (options.timeout ?? 30) * Math.max(1, pages) * 2 + 120;
}

function checkOutputDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new LocalisedUsageError({ en: `--output-dir ${dir} is not a directory`, fr: `--output-dir ${dir} n’est pas un répertoire` }, { en: 'give a directory (it is created when missing)', fr: 'donnez un répertoire (il est créé s’il manque)' });
  }
}

/**
 * Records the batch and its targets once. Run again with another targets file or other options, the
 * same directory would mix two batches: refused, with the fix.
 */
async function recordBatch(store: Store, options: BatchOptions, targets: BatchTarget[], content: string): Promise<string> {
  const id = batchIdOf(options.outputDir);
  const fingerprint = JSON.stringify({ targets: createHash('sha256').update(content).digest('hex'), job: options.job });
  const existing = await store.db.selectFrom('batches').select(['options']).where('id', '=', id).executeTakeFirst();
  if (existing && existing.options !== fingerprint) {
    throw new LocalisedUsageError(
      { en: `${options.outputDir} holds a batch of another targets file or other options`, fr: `${options.outputDir} contient un lot d’un autre fichier de cibles ou d’autres options` },
      { en: 'run the same command to resume it, or give a new --output-dir', fr: 'relancez la même commande pour le reprendre, ou donnez un autre --output-dir' },
    );
  }
  if (existing) return id;
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto('batches').values({ id, output_dir: resolve(options.outputDir), targets_file: resolve(options.targetsFile), options: fingerprint, created_at: new Date().toISOString() })
      .onConflict((c) => c.column('id').doNothing()).execute();
    for (let start = 0; start < targets.length; start += 100) {
      await trx.insertInto('batch_targets').values(targets.slice(start, start + 100).map((target) => ({
        batch_id: id, position: target.position, url: target.url, name: target.name ?? null, group_name: target.group ?? null,
        policy: target.policy ?? null, job_key: jobFor(id, target, options.job).key,
      }))).onConflict((c) => c.columns(['batch_id', 'position']).doNothing()).execute();
    }
  });
  return id;
}

async function storedJobKeys(store: Store, batchId: string): Promise<Set<string>> {
  const rows = await store.db.selectFrom('audits').select('job_key').where('batch_id', '=', batchId).execute();
  return new Set(rows.map((row) => row.job_key));
}

async function countOutcomes(store: Store, batchId: string): Promise<{ done: number; failed: number }> {
  const rows = await store.db.selectFrom('audits').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('batch_id', '=', batchId).groupBy('status').execute();
  let done = 0;
  let failed = 0;
  for (const row of rows) {
    done += Number(row.n);
    if (row.status === 'failed') failed += Number(row.n);
  }
  return { done, failed };
}

/** Writes DIR/reports/<position>-<host>.json for every stored audit of the batch not written yet. */
export async function flushReportFiles(store: Store, batchId: string, outputDir: string): Promise<void> {
  for (;;) {
    const rows = await store.db.selectFrom('audits')
      .innerJoin('batch_targets', 'batch_targets.job_key', 'audits.job_key')
      .select(['audits.id', 'audits.report', 'audits.url', 'audits.status', 'audits.failure_reason', 'batch_targets.position'])
      .where('audits.batch_id', '=', batchId).where('audits.report_path', 'is', null).limit(50).execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const file = join(REPORTS_DIR, `${String(row.position).padStart(6, '0')}-${safeName(row.url)}.json`);
      const content = row.report ?? JSON.stringify({ target: row.url, status: row.status, failure: row.failure_reason });
      await writeFileAtomic(join(outputDir, file), content.endsWith('\n') ? content : `${content}\n`);
      await store.db.updateTable('audits').set({ report_path: file }).where('id', '=', row.id).execute();
    }
  }
}

/** A file-name-safe form of a URL's host. */
function safeName(url: string): string {
  let host = 'target';
  try {
    host = new URL(url).hostname;
  } catch { /* keep the default */ }
  return host.replace(/[^a-z0-9.-]/gi, '_').slice(0, 80) || 'target';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Temporary files a killed run left behind (writeFileAtomic's, never renamed): not reports. */
async function removeOrphanTemporaries(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith('.') && name.endsWith('.tmp')).map((name) => rm(join(dir, name), { force: true })));
}
