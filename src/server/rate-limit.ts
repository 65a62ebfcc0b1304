/**
 * Fixed-window counters in memory, per key (client address for logins, user for "audit now").
 * One server process holds them; with several servers behind a proxy, limit there too.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Counts one attempt; false when the key is over its limit in the current window. */
  allow(key: string, at: number = Date.now()): boolean {
    const current = this.windows.get(key);
    if (!current || at - current.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(at);
      this.windows.set(key, { start: at, count: 1 });
      return true;
    }
    current.count++;
    return current.count <= this.max;
  }

  private prune(at: number): void {
    for (const [key, window] of this.windows) if (at - window.start >= this.windowMs) this.windows.delete(key);
  }
}
