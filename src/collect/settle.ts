import type { WaitSettings } from '../types.js';

export interface SettleInput {
  /** Date.now() when the load event fired. */
  loadedAt: number;
  /** Date.now() past which the capture stops waiting (start + timeoutMs). */
  deadline: number;
  wait: WaitSettings;
  /** Date.now() of the latest request start, read on every check (it moves while we wait). */
  lastActivityAt: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type SettleResult = { settled: true } | { settled: false; reason: string };

/**
 * Waits after the load event for the minimum dwell, then for a quiet window without any new
 * request, never past the deadline. Never "network idle": unread fetch bodies and worker scripts
 * keep connections open forever (BROWSER-NOTES.md, "Waiting").
 *
 * @example await settle({ loadedAt, deadline: start + 30_000, wait, lastActivityAt: () => recorder.lastActivityAt })
 */
export async function settle(input: SettleInput): Promise<SettleResult> {
  const now = input.now ?? Date.now;
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const dwellEnd = input.loadedAt + input.wait.minDwellMs;
  for (;;) {
    const current = now();
    const quietAt = input.lastActivityAt() + input.wait.quietWindowMs;
    const readyAt = Math.max(dwellEnd, quietAt);
    if (current >= readyAt) return { settled: true };
    if (current >= input.deadline) return { settled: false, reason: unsettledReason(input, dwellEnd, current) };
    await sleep(Math.max(1, Math.min(readyAt, input.deadline) - current));
  }
}

function unsettledReason(input: SettleInput, dwellEnd: number, current: number): string {
  const { timeoutMs, minDwellMs, quietWindowMs } = input.wait;
  if (dwellEnd > input.deadline) return `the ${timeoutMs} ms timeout ended during the ${minDwellMs} ms minimum dwell after load`;
  const sinceLast = Math.max(0, current - input.lastActivityAt());
  return `the network never went quiet for ${quietWindowMs} ms before the ${timeoutMs} ms timeout (last request ${sinceLast} ms before it)`;
}
