import { availableParallelism, freemem } from 'node:os';
import { urlMatcher } from '../crawl/url-rules.js';
import { launchBrowser, type AuditBrowser } from '../collect/browser.js';
import type { ConnectToRule } from '../collect/connect-to.js';
import type { DnsClient } from '../collect/dns.js';
import type { ConsentOptions } from '../consent/autoconsent.js';
import { crawlSite, type CrawlProgress } from '../crawl/crawler.js';
import { fetchText } from '../crawl/fetch-text.js';
import { summariseSite } from '../report/site-summary.js';
import { LocalisedUsageError } from '../shared/errors.js';
import { loadJourney, type Journey } from '../journey/journey-file.js';
import type { AuditReport, ConsentMode, WaitSettings } from '../types.js';
import { closeOnAbort, collectionOf, hostsOf, judgeCollection, launchWhileLoading, resolveHosts, startAuditRun, type AuditOptions } from './run-audit.js';

/** Steps of a site audit, for progress displays: the crawl reports each capture. */
export type SiteAuditStep = 'policy' | 'browser' | 'crawl' | 'dns' | 'enrich' | 'assess' | 'done';

export interface SiteAuditOptions extends Omit<AuditOptions, 'onProgress'> {
  /** Pages audited at most (the start page included). Default 1. */
  maxPages?: number;
  /** Link distance from the start page followed at most. Default: no bound but maxPages. */
  maxDepth?: number;
  /** Pages audited at most per URL template (e.g. /produits/:n). Default 5. */
  perPattern?: number;
  /** Only URLs matching one of these (glob with *, or /regex/) are crawled. */
  include?: string[];
  exclude?: string[];
  /** Obey robots.txt. Default true. */
  robots?: boolean;
  /** Read sitemap.xml (and the sitemaps robots.txt names). Default true when maxPages > 1. */
  sitemaps?: boolean;
  /** Pages captured at once, each in its own browser context. Default: defaultConcurrency(). */
  concurrency?: number;
  /** Consent states each page is captured in. Default ['none']. */
  consent?: ConsentMode[];
  consentOptions?: ConsentOptions;
  /** Journey files (YAML/JSON) or journeys already loaded. */
  journeys?: (string | Journey)[];
  onProgress?: (step: SiteAuditStep, detail?: string) => void;
  onCrawlProgress?: (progress: CrawlProgress) => void;
}

const DEFAULT_WAIT = { minDwellMs: 1000, quietWindowMs: 750 };
/** Measured peak per concurrent page is well under it (bench/site.ts); it bounds the default on small machines. */
const MEMORY_PER_PAGE = 400 * 1024 * 1024;
const MAX_DEFAULT_CONCURRENCY = 4;

/**
 * Concurrent captures that suit this machine: one per CPU, at most 4, and no more than free memory
 * allows at ≈ 400 MB a page.
 *
 * @example defaultConcurrency() // 2 on a 2-vCPU runner
 */
export function defaultConcurrency(): number {
  const byCpu = availableParallelism();
  const byMemory = Math.floor(freemem() / MEMORY_PER_PAGE);
  return Math.max(1, Math.min(MAX_DEFAULT_CONCURRENCY, byCpu, byMemory));
}

/**
 * Audits a whole site: crawls it (links, sitemaps, robots.txt), captures every page in each consent
 * state and plays the journeys, in one browser with a fresh context per capture; then resolves,
 * attributes and judges all the evidence together. The report is an ordinary AuditReport whose
 * collection holds many pages, plus `collection.crawl` and the derived `site` index.
 *
 * @example
 * const report = await auditSite({ url: 'https://www.site.fr/', maxPages: 50, consent: ['none', 'reject'] });
 * report.site?.thirdParties // [{ host: 'www.google-analytics.com', pages: [...] }, …]
 */
export async function auditSite(options: SiteAuditOptions): Promise<AuditReport> {
  const progress = options.onProgress ?? (() => {});
  // Bad journey files and consent states fail before anything touches the network.
  const journeys = await Promise.all((options.journeys ?? []).map((j) => (typeof j === 'string' ? loadJourney(j) : j)));
  const consent = validConsent(options.consent ?? ['none']);
  // A bad --include/--exclude pattern is a usage error now, not after the browser started.
  for (const pattern of [...(options.include ?? []), ...(options.exclude ?? [])]) urlMatcher(pattern);
  const run = await startAuditRun(options, progress);
  const { target, connectTo, dns, timeoutMs } = run;

  progress('browser');
  const launch = () => launchBrowser({ connectTo, insecure: options.insecure ?? false, ...(run.credentials ? { httpCredentials: run.credentials } : {}), ...(options.signal ? { callerHandlesSignals: true } : {}), ...(options.executablePath ? { executablePath: options.executablePath } : {}) });
  let browser: AuditBrowser = options.browser ?? await launchWhileLoading(run, launch);
  const wait: WaitSettings = { timeoutMs, ...DEFAULT_WAIT, ...options.wait };
  const maxPages = options.maxPages ?? 1;
  let crawled: Awaited<ReturnType<typeof crawlSite>>;
  // The browser may be relaunched during the crawl: close whichever one is current.
  const stop = closeOnAbort(options.signal, { close: () => browser.close() } as AuditBrowser, !options.browser);
  try {
    progress('crawl', target);
    crawled = await crawlSite({
      start: target,
      browser,
      ...(options.browser ? {} : { relaunch: async () => (browser = await launch()) }),
      wait,
      maxPages,
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
      perPattern: options.perPattern ?? 5,
      include: options.include ?? [],
      exclude: options.exclude ?? [],
      robots: options.robots ?? true,
      sitemaps: options.sitemaps ?? maxPages > 1,
      concurrency: options.concurrency ?? defaultConcurrency(),
      consent,
      ...(options.consentOptions ? { consentOptions: options.consentOptions } : {}),
      journeys,
      fetchText: textFetcher(connectTo, dns, options.insecure ?? false, timeoutMs),
      ...(options.onCrawlProgress ? { onProgress: options.onCrawlProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    stop();
    if (!options.browser) await browser.close();
  }

  progress('dns');
  const hosts = new Set(crawled.pages.flatMap((capture) => hostsOf({ capture }, target)));
  if (!options.signal?.aborted) await resolveHosts(dns, [...hosts]);
  const collection = await collectionOf(run, options, { browser: browser.info, pages: crawled.pages, crawl: crawled.crawl });
  const report = await judgeCollection(collection, await run.knowledge, { ...run, partial: options.signal?.aborted === true }, progress);
  return { ...report, site: summariseSite(collection, report.enrichment) };
}

function validConsent(modes: ConsentMode[]): ConsentMode[] {
  const unique = [...new Set(modes)];
  const wrong = unique.find((mode) => !['none', 'reject', 'accept'].includes(mode));
  if (wrong) {
    throw new LocalisedUsageError(
      { en: `unknown consent state "${wrong}"`, fr: `état de consentement inconnu « ${wrong} »` },
      { en: 'use --consent with none, reject and/or accept, e.g. --consent none,reject,accept', fr: 'utilisez --consent avec none, reject et/ou accept, par exemple --consent none,reject,accept' },
    );
  }
  if (unique.length === 0) {
    throw new LocalisedUsageError({ en: 'no consent state given', fr: 'aucun état de consentement donné' }, { en: 'use --consent none,reject,accept', fr: 'utilisez --consent none,reject,accept' });
  }
  return unique;
}

const TEXT_LIMIT_BYTES = 20 * 1024 * 1024;

function textFetcher(connectTo: ConnectToRule[], dns: DnsClient, insecure: boolean, timeoutMs: number) {
  return async (url: string) => {
    const result = await fetchText(url, { connectTo, dns, insecure, timeoutMs: Math.min(timeoutMs, 15_000), maxBytes: TEXT_LIMIT_BYTES });
    return result.status === 'ok'
      ? { ok: true as const, body: result.body }
      : { ok: false as const, problem: result.problem, ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}) };
  };
}

