import { batchMsg } from '../batch/messages.js';
import type { Lang } from '../shared/errors.js';
import type { ClaimedJob } from '../queue/job.js';
import { openQueue } from '../queue/open-queue.js';
import { defaultWorkerName, runWorker } from '../queue/worker.js';
import { openStore } from '../store/database.js';
import { forTerminal } from '../shared/sanitize.js';
import { EXIT_SOVEREIGN } from './exit-codes.js';

export interface WorkerCommandOptions {
  database: string;
  concurrency: number;
  chromium?: string;
  exitWhenIdle?: boolean;
  maintenanceInterval?: number;
  lang: Lang;
}

const EXIT_INTERRUPTED = 130;

/**
 * Takes jobs until SIGINT/SIGTERM: the jobs in hand then go back to the queue at once. After kill -9
 * they come back when their lease expires. One line per job on stdout.
 */
export async function runWorkerCommand(options: WorkerCommandOptions): Promise<number> {
  const store = await openStore({ database: options.database });
  const queue = await openQueue(store, { ...(options.maintenanceInterval ? { maintenanceIntervalSeconds: options.maintenanceInterval } : {}) });
  const name = defaultWorkerName();
  const controller = new AbortController();
  const held = new Set<ClaimedJob>();
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(EXIT_INTERRUPTED);
    stopping = true;
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stderr.write(`${batchMsg(options.lang, 'worker.started', { name, database: store.location, concurrency: options.concurrency })}\n`);
  try {
    const working = runWorker({
      queue, concurrency: options.concurrency, name, signal: controller.signal, held,
      ...(options.chromium ? { chromium: options.chromium } : {}),
      ...(options.exitWhenIdle ? { whenIdle: () => true } : {}),
      onOutcome: (_claimed, outcome, stored) => {
        process.stdout.write(`${batchMsg(options.lang, 'worker.job', {
          status: outcome.status === 'complete' ? '✓' : '✗', url: printable(outcome.url), verdict: printable(outcome.verdict ?? outcome.failureReason ?? ''),
          stored: stored ? '' : batchMsg(options.lang, 'worker.duplicate'),
        })}\n`);
      },
    });
    const aborted = new Promise<'aborted'>((resolve) => controller.signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
    if ((await Promise.race([working, aborted])) === 'aborted') {
      for (const claimed of held) await queue.release(claimed).catch(() => {});
      return EXIT_INTERRUPTED;
    }
    return EXIT_SOVEREIGN;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await queue.close();
    await store.close();
  }
}

/** Text from a page or a job, safe on a terminal. */
function printable(text: string): string {
  return forTerminal(text, { max: 300 });
}
