import type { CrawlPageRecord } from '../types.js';
import { isSameSite, normaliseUrl, unworthyReason, urlMatcher, urlPattern } from './url-rules.js';

/** A page the crawler may audit. */
export interface Candidate {
  url: string;
  depth: number;
  foundIn: CrawlPageRecord['foundIn'];
  pattern: string;
  /** Order of discovery (ties are broken by it, so crawls are reproducible). */
  order: number;
}

export interface FrontierOptions {
  /** Registrable domain of the audited site: links elsewhere are not followed. */
  site: string;
  maxPages: number;
  /** Link distance from the start page followed at most; undefined: no bound but maxPages. */
  maxDepth?: number;
  /** Pages audited at most per URL template. */
  perPattern: number;
  include: string[];
  exclude: string[];
  /** robots.txt decision for a URL. */
  allows: (url: string) => boolean;
}

/** Distinct URLs remembered at most: past it, new links are dropped (a site that big is sampled). */
const MAX_SEEN = 100_000;
/** Skipped URLs listed one by one at most (all are counted). */
export const MAX_LISTED_SKIPS = 1000;

/**
 * The crawl frontier: every link the crawler saw, normalised and de-duplicated, filtered (same site,
 * include/exclude, robots.txt, link traps), and handed out shallowest first, then the least-visited
 * template first, so a bounded crawl covers many kinds of pages rather than 200 products.
 */
export class Frontier {
  private readonly seen = new Set<string>();
  private readonly queue: Candidate[] = [];
  private readonly taken = new Map<string, number>();
  private readonly includes: ((url: string) => boolean)[];
  private readonly excludes: ((url: string) => boolean)[];
  private order = 0;
  private given = 0;
  /** URLs skipped, with the reason (the first MAX_LISTED_SKIPS). */
  readonly skipped: CrawlPageRecord[] = [];
  skippedCount = 0;

  constructor(private readonly options: FrontierOptions) {
    this.includes = options.include.map(urlMatcher);
    this.excludes = options.exclude.map(urlMatcher);
  }

  /** Distinct same-site URLs seen (normalised). */
  get discovered(): number {
    return this.seen.size;
  }

  /** Marks a URL as known without queueing it (the start page, a journey's pages, a redirect target). */
  remember(url: string): void {
    const normal = normaliseUrl(url);
    if (normal) this.seen.add(normal);
  }

  /** Whether the URL (normalised) was already seen. */
  has(url: string): boolean {
    const normal = normaliseUrl(url);
    return normal !== undefined && this.seen.has(normal);
  }

  /** Considers a link found at `depth`; off-site links and non-page schemes are ignored silently. */
  add(href: string, depth: number, foundIn: CrawlPageRecord['foundIn'], base?: string): void {
    const url = normaliseUrl(href, base);
    if (!url || this.seen.has(url) || !isSameSite(url, this.options.site) || this.seen.size >= MAX_SEEN) return;
    this.seen.add(url);
    const pattern = urlPattern(url);
    const reason = this.rejection(url, depth);
    if (reason) this.skip({ url, status: 'skipped', reason, depth, foundIn, pattern });
    else this.queue.push({ url, depth, foundIn, pattern, order: this.order++ });
  }

  private rejection(url: string, depth: number): string | undefined {
    const unworthy = unworthyReason(url);
    if (unworthy) return unworthy;
    if (this.options.maxDepth !== undefined && depth > this.options.maxDepth) return `deeper than --depth ${this.options.maxDepth}`;
    if (this.includes.length > 0 && !this.includes.some((match) => match(url))) return 'not matched by --include';
    if (this.excludes.some((match) => match(url))) return 'matched by --exclude';
    if (!this.options.allows(url)) return 'disallowed by robots.txt';
    return undefined;
  }

  /** The next page to audit, or undefined when the budget is spent or nothing is queued. */
  next(): Candidate | undefined {
    while (this.given < this.options.maxPages && this.queue.length > 0) {
      const index = this.bestIndex();
      const [candidate] = this.queue.splice(index, 1) as [Candidate];
      const count = this.taken.get(candidate.pattern) ?? 0;
      if (count >= this.options.perPattern) {
        this.skip({ url: candidate.url, status: 'skipped', reason: `more than ${this.options.perPattern} pages of the template ${candidate.pattern}`, depth: candidate.depth, foundIn: candidate.foundIn, pattern: candidate.pattern });
        continue;
      }
      this.taken.set(candidate.pattern, count + 1);
      this.given++;
      return candidate;
    }
    return undefined;
  }

  /** Counts a page audited outside the queue (the start page) against the budget and its template. */
  claim(url: string): void {
    const pattern = urlPattern(url);
    this.taken.set(pattern, (this.taken.get(pattern) ?? 0) + 1);
    this.given++;
  }

  /** Gives back a budget slot (a page that turned out to be a duplicate or off-site). */
  release(): void {
    this.given = Math.max(0, this.given - 1);
  }

  /** Records a URL skipped after it was taken (broken link, redirect off-site, duplicate). */
  skip(record: CrawlPageRecord): void {
    this.skippedCount++;
    if (this.skipped.length < MAX_LISTED_SKIPS) this.skipped.push(record);
  }

  /** Pages given out plus those queued, bounded by the budget: the crawl's current size estimate. */
  planned(): number {
    return Math.min(this.options.maxPages, this.given + this.queue.length);
  }

  /** Whether pages are still queued and budget remains. */
  get hasWork(): boolean {
    return this.given < this.options.maxPages && this.queue.length > 0;
  }

  /** At the end: every URL still queued is skipped because the page budget was spent. */
  finish(): void {
    for (const candidate of this.queue.splice(0)) {
      this.skip({ url: candidate.url, status: 'skipped', reason: `page budget (--pages ${this.options.maxPages}) reached`, depth: candidate.depth, foundIn: candidate.foundIn, pattern: candidate.pattern });
    }
  }

  private bestIndex(): number {
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) if (this.before(this.queue[i]!, this.queue[best]!)) best = i;
    return best;
  }

  private before(a: Candidate, b: Candidate): boolean {
    if (a.depth !== b.depth) return a.depth < b.depth;
    const ta = this.taken.get(a.pattern) ?? 0;
    const tb = this.taken.get(b.pattern) ?? 0;
    if (ta !== tb) return ta < tb;
    return a.order < b.order;
  }
}
