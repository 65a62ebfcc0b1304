import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { loadPolicy } from '../assess/policy-file.js';
import { batchMsg } from '../batch/messages.js';
import { batchIdOf, runBatch } from '../batch/run-batch.js';
import { readTargets } from '../batch/targets.js';
import { writeRanking } from '../batch/write-ranking.js';
import { LocalisedUsageError, type Lang } from '../shared/errors.js';
import type { AuditJobOptions } from '../queue/job.js';
import { DEFAULT_DATABASE_FILE, openStore } from '../store/database.js';
import { forTerminal } from '../shared/sanitize.js';
import { isSiteAudit, parseConsentList, type SiteCommandOptions } from './audit-options.js';
import { EXIT_SOVEREIGN } from './exit-codes.js';

export interface BatchCommandOptions extends Omit<SiteCommandOptions, 'format'> {
  outputDir: string;
  database?: string;
  lease?: number;
  work: boolean;
  /** --concurrency: targets at once (in `audit` it is pages at once). */
  batchConcurrency?: number;
}

const EXIT_INTERRUPTED = 130;

/** The audit options every job of the batch carries; file paths made absolute for workers elsewhere. */
export function jobOptionsOf(options: BatchCommandOptions): AuditJobOptions {
  const policy = ['fr', 'eu'].includes(options.policy) ? options.policy : resolve(options.policy);
  if (options.evidence) {
    throw new LocalisedUsageError(
      { en: '--evidence writes one bundle and cannot be shared by a batch', fr: '--evidence écrit un seul dossier de preuves et ne peut pas servir à un lot' },
      { en: 'drop --evidence: each target’s full report is kept in the batch (DIR/reports/)', fr: 'retirez --evidence : le rapport complet de chaque cible est conservé dans le lot (RÉP/reports/)' },
    );
  }
  if (options.consent) parseConsentList(options.consent);
  const site = isSiteAudit(options);
  return {
    policy,
    insecure: options.insecure,
    timeout: options.timeout,
    infra: options.infra !== false,
    ...(options.connectTo?.length ? { connectTo: options.connectTo } : {}),
    ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
    ...(options.data?.length ? { data: options.data.map((file) => resolve(file)) } : {}),
    ...(site && options.pages !== undefined ? { pages: options.pages } : {}),
    ...(site && options.depth !== undefined ? { depth: options.depth } : {}),
    ...(site && options.perPattern !== undefined ? { perPattern: options.perPattern } : {}),
    ...(site && options.include ? { include: options.include } : {}),
    ...(site && options.exclude ? { exclude: options.exclude } : {}),
    ...(site && options.robots === false ? { robots: false } : {}),
    ...(site && options.sitemap === false ? { sitemap: false } : {}),
    ...(options.consent ? { consent: options.consent } : {}),
    ...(options.journey?.length ? { journey: options.journey.map((file) => resolve(file)) } : {}),
  };
}

/**
 * `souverain batch TARGETS --output-dir DIR`: exit 0 when every target has a stored outcome (the
 * failures are in the ranking, with their reason), 2 for bad input or an unreachable database, 130
 * when interrupted (run the same command again to resume).
 */
export async function runBatchCommand(targetsFile: string, options: BatchCommandOptions): Promise<number> {
  const lang = options.lang;
  if (!options.outputDir) {
    throw new LocalisedUsageError(
      { en: 'batch needs --output-dir DIR', fr: 'batch a besoin de --output-dir RÉP' },
      { en: 'add --output-dir DIR: the batch keeps its database, reports and ranking there (the same DIR resumes it)', fr: 'ajoutez --output-dir RÉP : le lot y garde sa base, ses rapports et son classement (le même RÉP le reprend)' },
    );
  }
  const job = jobOptionsOf(options);
  // Everything that can be wrong with the input is found before a database or a browser starts.
  const { targets } = await readTargets(targetsFile);
  for (const policy of new Set([job.policy, ...targets.map((t) => t.policy).filter((p): p is string => !!p)])) await loadPolicy(policy);
  const controller = new AbortController();
  const bar = progressBar(lang);
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await runBatch({
      targetsFile, outputDir: options.outputDir, concurrency: options.work === false ? 0 : (options.batchConcurrency ?? 2), job,
      signal: controller.signal,
      ...(options.database ? { database: options.database } : {}),
      ...(options.chromium ? { chromium: options.chromium } : {}),
      ...(options.lease ? { leaseSeconds: options.lease } : {}),
      onStart: ({ total, done }) => {
        if (done > 0) process.stderr.write(`${batchMsg(lang, 'batch.resuming', { done, total })}\n`);
        bar.start(total, done);
      },
      onProgress: ({ done, failed }) => bar.update(done, failed),
    });
    bar.stop();
    try {
      const { files } = await writeRanking(result.store, result.batchId, options.outputDir, lang);
      if (result.interrupted) {
        process.stderr.write(`${batchMsg(lang, 'batch.interrupted', { done: result.complete + result.failed, total: result.total })}\n`);
        return EXIT_INTERRUPTED;
      }
      process.stderr.write(`${batchMsg(lang, 'batch.finished', { complete: result.complete, failed: result.failed, total: result.total, files: files.join(', ') })}\n`);
      return EXIT_SOVEREIGN;
    } finally {
      await result.store.close();
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `souverain batch report DIR`: the ranking from the batch's database, whatever its progress. */
export async function runBatchReportCommand(dir: string, options: { database?: string; lang: Lang }): Promise<number> {
  if (!options.database && !existsSync(join(dir, DEFAULT_DATABASE_FILE))) throw noBatch(dir);
  const store = await openStore({ ...(options.database ? { database: options.database } : {}), dataDir: dir, migrate: true });
  try {
    const batchId = batchIdOf(dir);
    const known = await store.db.selectFrom('batches').select('id').where('id', '=', batchId).executeTakeFirst();
    if (!known) throw noBatch(dir);
    const { files, ranking } = await writeRanking(store, batchId, dir, options.lang);
    process.stderr.write(`${batchMsg(options.lang, 'batch.reportWritten', { total: ranking.rows.length, files: files.join(', ') })}\n`);
    return EXIT_SOVEREIGN;
  } finally {
    await store.close();
  }
}

/** A progress bar with rate and ETA on a terminal; silent otherwise (logs stay clean). */
function progressBar(lang: Lang): { start: (total: number, done: number) => void; update: (done: number, failed: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { start: () => {}, update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: lang === 'fr'
      ? ' {bar} {value}/{total} cibles | {rate}/min | fin dans {eta_formatted} | échecs {failed}'
      : ' {bar} {value}/{total} targets | {rate}/min | ETA {eta_formatted} | failed {failed}',
    hideCursor: true, etaBuffer: 50, clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  let startedAt = 0;
  let startValue = 0;
  let running = false;
  return {
    start(total, done) {
      startedAt = Date.now();
      startValue = done;
      running = true;
      bar.start(total, done, { rate: '0', failed: 0 });
    },
    update(done, failed) {
      if (!running) return;
      const minutes = (Date.now() - startedAt) / 60_000;
      bar.update(done, { rate: minutes > 0 ? ((done - startValue) / minutes).toFixed(1) : '0', failed });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

function noBatch(dir: string): LocalisedUsageError {
  return new LocalisedUsageError(
    { en: `no batch was run with --output-dir ${forTerminal(dir)}`, fr: `aucun lot n’a été lancé avec --output-dir ${forTerminal(dir)}` },
    { en: 'give the directory a `souverain batch` wrote to (and its --database, if any)', fr: 'donnez le répertoire où `souverain batch` a écrit (et sa --database, le cas échéant)' },
  );
}
