import { hostname } from 'node:os';
import type { AuditOutcome, ClaimedJob, JobQueue } from './job.js';
import { BrowserSlot, runAuditJob } from './run-job.js';

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
}

/** The worker name of this process. */
export function defaultWorkerName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Takes audit jobs from the queue until aborted (or idle, when `whenIdle` says so) and stores each
 * outcome exactly once. Used by `souverain worker`, by `souverain batch` in-process, and the server.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const name = options.name ?? defaultWorkerName();
  const pollMs = options.pollMs ?? 500;
  const slots = Array.from({ length: Math.max(0, options.concurrency) }, () => new BrowserSlot(options.chromium));
  await Promise.all(slots.map(async (slot) => {
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
        const outcome = await runAuditJob(claimed.job, slot, name, options.chromium);
        const storeStarted = performance.now();
        const stored = await options.queue.complete(claimed, outcome);
        options.held?.delete(claimed);
        options.onOutcome?.(claimed, outcome, stored, claimMs + performance.now() - storeStarted);
      }
    } finally {
      await slot.discard();
    }
  }));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
