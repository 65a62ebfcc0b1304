import type { AuditBrowser, PageSession } from '../collect/browser.js';
import { capturePage, type CaptureHooks } from '../collect/capture-page.js';
import { consentSession, type ConsentOptions } from '../consent/autoconsent.js';
import { journeyRun } from '../journey/run-journey.js';
import type { Journey } from '../journey/journey-file.js';
import type { ConsentMode, CrawlPageRecord, CrawlSummary, PageCapture, WaitSettings } from '../types.js';
import { Frontier } from './frontier.js';
import { combineHooks, readLinks } from './links.js';
import { loadRobots, ignoredRobots, type RobotsRules } from './robots.js';
import { readSitemaps } from './sitemap.js';
import { isSameSite, normaliseUrl, siteOf, urlPattern } from './url-rules.js';

/** Fetches a small text file (robots.txt, a sitemap) the way the browser would reach it. */
export type TextFetch = (url: string) => Promise<{ ok: true; body: string } | { ok: false; problem: string; httpStatus?: number }>;

export interface CrawlOptions {
  start: string;
  /** The browser to use; `relaunch` replaces it when it dies. */
  browser: AuditBrowser;
  relaunch?: () => Promise<AuditBrowser>;
  wait: WaitSettings;
  maxPages: number;
  maxDepth?: number;
  perPattern: number;
  include: string[];
  exclude: string[];
  /** Obey robots.txt (default) or not. */
  robots: boolean;
  /** Read sitemap.xml (and those robots.txt names). */
  sitemaps: boolean;
  concurrency: number;
  consent: ConsentMode[];
  consentOptions?: ConsentOptions;
  journeys: Journey[];
  fetchText: TextFetch;
  screenshot?: boolean;
  onProgress?: (progress: CrawlProgress) => void;
  /** Aborted (SIGINT/SIGTERM): no new capture starts, no browser is relaunched; what was captured is kept. */
  signal?: AbortSignal;
}

export interface CrawlProgress {
  /** Captures finished (every attempt of every consent state and journey counts once). */
  done: number;
  /** Captures known so far (grows while links are found). */
  total: number;
  failed: number;
  url?: string;
}

interface Job {
  kind: 'page' | 'journey';
  url: string;
  mode: ConsentMode;
  /** Page jobs: the candidate record; journey jobs: the journey. */
  depth: number;
  foundIn: CrawlPageRecord['foundIn'];
  journey?: Journey;
  /** Reads links (the first consent state of a page). */
  discover: boolean;
  /** Position in the report: discovery order, then consent state. */
  order: number;
  modeIndex: number;
}

interface Outcome {
  job: Job;
  capture?: PageCapture;
  record: CrawlPageRecord;
  /** Links read from the page (first consent state only). */
  links?: string[];
}

/** Extra time a capture may take past its own timeout before it is declared hung. */
const HANG_GRACE_MS = 20_000;
/** HTTP statuses that mean "no such page" for a discovered link: a broken link, not a failed page. */
const BROKEN_LINK = /^(404|410|401|403|400)$/;

/**
 * Crawls a site and captures its pages in every requested consent state, plus the journeys, with a
 * pool of concurrent captures in one browser (one fresh context each). A page that throws, hangs or
 * fails to load is tried once more, then kept as failed; the crawl goes on.
 *
 * @example
 * const { pages, crawl } = await crawlSite({ start: 'https://www.site.fr/', browser, wait, maxPages: 50, ... });
 */
export async function crawlSite(options: CrawlOptions): Promise<{ pages: PageCapture[]; crawl: CrawlSummary }> {
  const crawler = new Crawler(options);
  return crawler.run();
}

class Crawler {
  private browser: AuditBrowser;
  private frontier!: Frontier;
  private readonly outcomes: Outcome[] = [];
  private readonly pending: Job[] = [];
  private readonly audited = new Map<string, string>();
  private inFlight = 0;
  private done = 0;
  private failed = 0;
  private order = 0;
  private wake: (() => void) | undefined;
  private sitemapFiles: CrawlSummary['sitemaps'] = [];
  private site = '';
  private robots?: RobotsRules;

  constructor(private readonly options: CrawlOptions) {
    this.browser = options.browser;
  }

  async run(): Promise<{ pages: PageCapture[]; crawl: CrawlSummary }> {
    const modes = this.options.consent.length > 0 ? this.options.consent : (['none'] as ConsentMode[]);
    // The start page first, alone: where it lands decides the site (example.fr → www.example.com).
    const startJob: Job = { kind: 'page', url: this.options.start, mode: modes[0]!, depth: 0, foundIn: 'start', discover: true, order: this.order++, modeIndex: 0 };
    const first = await this.capture(startJob);
    const landed = first.capture?.navigationError ? this.options.start : first.capture?.finalUrl ?? this.options.start;
    const site = siteOf(new URL(landed).hostname);
    this.site = site;
    this.robots = this.options.robots && !this.options.signal?.aborted ? await loadRobots(new URL(landed).origin, this.options.fetchText) : ignoredRobots(new URL(landed).origin);
    this.frontier = new Frontier({ site, maxPages: this.options.maxPages, perPattern: this.options.perPattern, include: this.options.include, exclude: this.options.exclude, allows: this.robots.allows, ...(this.options.maxDepth !== undefined ? { maxDepth: this.options.maxDepth } : {}) });
    this.frontier.remember(this.options.start);
    this.frontier.remember(landed);
    this.frontier.claim(landed);
    this.settle(first, modes);
    if (this.options.sitemaps && this.options.maxPages > 1 && !this.options.signal?.aborted) await this.readSitemaps(landed);
    for (const journey of this.options.journeys) {
      modes.forEach((mode, modeIndex) => this.pending.push({ kind: 'journey', url: new URL(journey.steps[0]!.target, landed).href, mode, depth: 0, foundIn: 'journey', journey, discover: false, order: 1_000_000 + this.order++, modeIndex }));
    }
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency) }, () => this.worker(modes)));
    this.frontier.finish();
    return { pages: this.pages(), crawl: this.summary(modes) };
  }

  private async readSitemaps(landed: string): Promise<void> {
    const origin = new URL(landed).origin;
    const listed = (this.robots?.sitemaps ?? []).filter((url) => isSameSite(url, this.site));
    const starts = listed.length > 0 ? listed : [new URL('/sitemap.xml', origin).href];
    const { urls, files } = await readSitemaps(starts, (url) => this.options.fetchText(url));
    this.sitemapFiles = files;
    for (const url of urls) this.frontier.add(url, 1, 'sitemap');
  }

  private async worker(modes: ConsentMode[]): Promise<void> {
    for (;;) {
      const job = this.nextJob();
      if (!job) {
        if (this.inFlight === 0) {
          this.notify();
          return;
        }
        await new Promise<void>((resolve) => {
          const previous = this.wake;
          this.wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      this.inFlight++;
      try {
        const outcome = await this.capture(job);
        this.settle(outcome, modes);
      } finally {
        this.inFlight--;
        this.notify();
      }
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private nextJob(): Job | undefined {
    if (this.options.signal?.aborted) return undefined;
    const pending = this.pending.shift();
    if (pending) return pending;
    const candidate = this.frontier.next();
    if (!candidate) return undefined;
    return { kind: 'page', url: candidate.url, mode: (this.options.consent[0] ?? 'none'), depth: candidate.depth, foundIn: candidate.foundIn, discover: true, order: this.order++, modeIndex: 0 };
  }

  /** Files the outcome: audited (links followed, other consent states queued), failed or skipped. */
  private settle(outcome: Outcome, modes: ConsentMode[]): void {
    const { job, capture } = outcome;
    if (!capture) {
      if (!job.discover) return;
      this.frontier.skip(outcome.record);
      this.frontier.release();
      return;
    }
    if (job.kind === 'page' && job.discover) {
      const duplicate = this.duplicateOf(job, capture);
      if (duplicate) {
        this.frontier.skip({ ...outcome.record, status: 'skipped', reason: duplicate });
        this.frontier.release();
        return;
      }
      this.audited.set(normaliseUrl(capture.finalUrl) ?? capture.finalUrl, job.url);
      this.frontier.remember(capture.finalUrl);
      for (const link of outcome.links ?? []) this.frontier.add(link, job.depth + 1, 'link');
      modes.slice(1).forEach((mode, i) => this.pending.push({ ...job, mode, discover: false, modeIndex: i + 1 }));
    }
    this.outcomes.push(outcome);
  }

  private duplicateOf(job: Job, capture: PageCapture): string | undefined {
    if (job.foundIn === 'start' || capture.navigationError) return undefined;
    const final = normaliseUrl(capture.finalUrl) ?? capture.finalUrl;
    if (!isSameSite(final, this.site)) return `redirected to another site (${capture.finalUrl})`;
    const first = this.audited.get(final);
    return first ? `the same page as ${first} (redirect)` : undefined;
  }

  /** One job, tried twice when the first attempt throws, hangs or fails to load. */
  private async capture(job: Job): Promise<Outcome> {
    const record: CrawlPageRecord = { url: job.url, status: 'audited', depth: job.depth, foundIn: job.foundIn, pattern: urlPattern(job.url) };
    let last: Attempt | undefined;
    for (let attempt = 1; attempt <= 2; attempt++) {
      last = await this.attempt(job);
      if (last.capture) last.capture.attempts = attempt;
      if (!this.worthRetrying(last) || this.options.signal?.aborted) break;
      if (last.thrown) await this.checkBrowser();
    }
    this.done++;
    const result = this.classify(job, record, last!);
    if (result.record.status === 'failed') this.failed++;
    this.options.onProgress?.({ done: this.done, total: Math.max(this.planned(), this.done), failed: this.failed, url: job.url });
    return result;
  }

  /** Captures planned so far: pages (bounded by the budget) in every consent state, and the journeys. */
  private planned(): number {
    const modes = Math.max(1, this.options.consent.length);
    const pages = this.frontier ? this.frontier.planned() : 1;
    return (pages + this.options.journeys.length) * modes;
  }

  /** A crash, a hang or a transient failure is worth a second try; a 404, a TLS error or a missing element is not. */
  private worthRetrying(attempt: Attempt): boolean {
    if (attempt.thrown) return true;
    const error = attempt.capture?.navigationError;
    if (!error) return false;
    if (error.code === 'http-status') return (attempt.capture?.status ?? 0) >= 500;
    return error.code !== 'not-html' && error.code !== 'unknown-host' && error.code !== 'tls';
  }

  private classify(job: Job, record: CrawlPageRecord, attempt: Attempt): Outcome {
    const capture = attempt.capture ?? failedCapture(job.url, this.options.wait, attempt.thrown ?? 'the capture failed');
    capture.attempts ??= 2;
    const error = capture.navigationError;
    const discovered = job.foundIn === 'link' || job.foundIn === 'sitemap';
    if (discovered && error && (error.code === 'not-html' || (error.code === 'http-status' && BROKEN_LINK.test(String(capture.status))))) {
      return { job, record: { ...record, status: 'skipped', reason: error.code === 'not-html' ? 'not an HTML page' : `broken link (HTTP ${capture.status})` } };
    }
    const failed = Boolean(error) || attempt.thrown !== undefined || Boolean(capture.journey?.error);
    const reason = attempt.thrown ?? error?.message ?? capture.journey?.error?.message;
    return { job, capture, record: { ...record, status: failed ? 'failed' : 'audited', ...(failed && reason ? { reason } : {}) }, ...(attempt.links ? { links: attempt.links } : {}) };
  }

  private async attempt(job: Job): Promise<Attempt> {
    const consent = consentSession(job.mode, this.options.consentOptions);
    const journey = job.journey ? journeyRun(job.journey, job.url, this.options.wait) : undefined;
    let session: PageSession | undefined;
    let links: string[] | undefined;
    const hooks: CaptureHooks = combineHooks(
      { beforeNavigation: async (s) => void (session = s) },
      consent.hooks,
      journey?.hooks,
      job.discover ? { beforeEvidence: async (s) => void (links = await readLinks(s)) } : undefined,
    );
    const wait = job.journey ? { ...this.options.wait, timeoutMs: this.options.wait.timeoutMs + job.journey.stepTimeoutMs * job.journey.steps.length } : this.options.wait;
    const url = journey?.firstUrl ?? job.url;
    const hangAfter = wait.timeoutMs + HANG_GRACE_MS;
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), hangAfter)));
    try {
      const result = await Promise.race([capturePage(this.browser, url, { wait, hooks, screenshot: this.options.screenshot ?? true }), hung]);
      if (result === 'hung') {
        await session?.close().catch(() => undefined);
        return { thrown: `the capture hung for more than ${Math.round(hangAfter / 1000)} s` };
      }
      result.consent = consent.record();
      journey?.finish(result);
      return { capture: result, ...(links ? { links } : {}) };
    } catch (error) {
      return { thrown: `the capture failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** After a capture threw: when the browser itself died, start a new one (if allowed). */
  private async checkBrowser(): Promise<void> {
    try {
      const probe = await this.browser.newPageSession();
      await probe.close();
    } catch {
      if (!this.options.relaunch || this.options.signal?.aborted) return;
      await this.browser.close().catch(() => undefined);
      this.browser = await this.options.relaunch();
    }
  }

  private pages(): PageCapture[] {
    return this.outcomes
      .filter((o) => o.capture)
      .sort((a, b) => a.job.order - b.job.order || a.job.modeIndex - b.job.modeIndex)
      .map((o) => o.capture!);
  }

  private summary(modes: ConsentMode[]): CrawlSummary {
    const firstState = this.outcomes.filter((o) => o.job.kind === 'page' && o.job.modeIndex === 0).sort((a, b) => a.job.order - b.job.order);
    const records = firstState.map((o) => o.record);
    const audited = records.filter((r) => r.status === 'audited').length;
    const failed = records.filter((r) => r.status === 'failed').length;
    return {
      start: this.options.start,
      limits: {
        maxPages: this.options.maxPages,
        ...(this.options.maxDepth !== undefined ? { maxDepth: this.options.maxDepth } : {}),
        perPattern: this.options.perPattern,
        concurrency: this.options.concurrency,
        include: this.options.include,
        exclude: this.options.exclude,
        robots: this.options.robots,
        consent: modes,
      },
      discovered: this.frontier.discovered,
      audited,
      failed,
      skipped: this.frontier.skippedCount,
      pages: [...records, ...this.frontier.skipped],
      sitemaps: this.sitemapFiles,
      ...(this.robots ? { robots: this.robots.record } : {}),
    };
  }
}

interface Attempt {
  capture?: PageCapture;
  links?: string[];
  /** Why the capture itself threw or hung. */
  thrown?: string;
}

/** The evidence of a capture that never produced one: the page is unknown, and says so. */
function failedCapture(url: string, wait: WaitSettings, reason: string): PageCapture {
  return {
    requestedUrl: url,
    finalUrl: url,
    title: '',
    partial: true,
    partialReason: reason,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    wait,
    requests: [],
    websockets: [],
    cookies: [],
    storage: [],
    hints: [],
    navigationError: { code: /hung/.test(reason) ? 'timeout' : 'network', message: reason },
    errors: [{ collector: 'capture', message: reason }],
  };
}
