import { defaultWorkerName } from './worker-name.js';
import type { AuditOutcome, ClaimedJob, JobQueue } from './job.js';
import type { BrowserSlot } from './run-job.js';

export interface WorkerOptions {
  queue: JobQueue;
  /** Jobs run at once, each with its own browser slot. */
  concurrency: number;
  /** Name stored with each result and lease: `host:pid` by default (the embedded queue uses it to spot dead local workers). */
  name?: string;
  chromium?: string;
  /** Stops claiming when aborted; jobs in flight finish (or are handed back with `abortNow`). */
  signal?: AbortSignal;
  /** Called when the queue is empty: return true to stop this slot, false to poll again. */
  whenIdle?: () => Promise<boolean> | boolean;
  /** Poll interval when the queue is empty. Default 500 ms. */
  pollMs?: number;
  /** After each job: outcome, whether it was stored (false: another worker had already stored it), queue+store time. */
  onOutcome?: (claimed: ClaimedJob, outcome: AuditOutcome, stored: boolean, overheadMs: number) => void;
  /** Filled with the jobs held right now, so that a caller stopping at once can hand them back (`queue.release`). */
  held?: Set<ClaimedJob>;
  /**
   * When aborted, also cut the audits in flight (their browsers are closed) and store nothing for
   * them: the caller hands them back (server stop). Default: they finish and are stored.
   */
  abandonOnAbort?: boolean;
}

export { defaultWorkerName };

/**
 * Takes audit jobs from the queue until aborted (or idle, when `whenIdle` says so) and stores each
 * outcome exactly once. Used by `souverain worker`, by `souverain batch` in-process, and the server.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const name = options.name ?? defaultWorkerName();
  const pollMs = options.pollMs ?? 500;
  // Chromium, the audit engine and the knowledge base load with the first job, not before: an idle
  // server (which runs a worker by default) stays small.
  let engine: Promise<typeof import('./run-job.js')> | undefined;
  const slots = Array.from({ length: Math.max(0, options.concurrency) }, () => ({ slot: undefined as BrowserSlot | undefined }));
  if (options.abandonOnAbort) {
    options.signal?.addEventListener('abort', () => { for (const holder of slots) void holder.slot?.discard(); }, { once: true });
  }
  await Promise.all(slots.map(async (holder) => {
    try {
      while (!options.signal?.aborted) {
        const claimStarted = performance.now();
        const claimed = await options.queue.claim(name);
        const claimMs = performance.now() - claimStarted;
        if (!claimed) {
          if (await options.whenIdle?.()) return;
          await sleep(pollMs, options.signal);
          continue;
        }
        options.held?.add(claimed);
        const { BrowserSlot, runAuditJob } = await (engine ??= import('./run-job.js'));
        const slot = (holder.slot ??= new BrowserSlot(options.chromium));
        const outcome = await runAuditJob(claimed.job, slot, name, options.chromium);
        if (options.abandonOnAbort && options.signal?.aborted) return;
        const storeStarted = performance.now();
        const stored = await options.queue.complete(claimed, outcome);
        options.held?.delete(claimed);
        options.onOutcome?.(claimed, outcome, stored, claimMs + performance.now() - storeStarted);
      }
    } finally {
      await holder.slot?.discard();
    }
  }));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // The listener goes with the timer: a long-idle worker must not pile one up per poll.
    const done = (): void => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
