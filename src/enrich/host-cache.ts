/**
 * A bounded memo of host name → answer. Real audits repeat a few hundred names; a flood of distinct
 * names must cost neither memory nor time. A Map keyed by the name (V8 keeps each string's hash, so
 * a repeated name is found at once) holds at most LIMIT names. When it is full it is emptied only
 * if it earned its keep (as many hits as misses since the last flush) or after a long run of
 * misses: under a flood of names seen once it then stops admitting, instead of filling and flushing
 * endlessly (measured by bench/lookups.ts: the churn cost more than the look-ups it saved).
 */
const LIMIT = 1 << 14;
const REFRESH_AFTER_MISSES = LIMIT * 8;

export class HostCache<T> {
  private readonly entries = new Map<string, T>();
  private hits = 0;
  private misses = 0;

  get(name: string): T | undefined {
    const value = this.entries.get(name);
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }

  set(name: string, value: T): void {
    if (this.entries.size >= LIMIT) {
      if (this.hits < this.misses && this.misses < REFRESH_AFTER_MISSES) return;
      this.entries.clear();
      this.hits = 0;
      this.misses = 0;
    }
    this.entries.set(name, value);
  }
}
