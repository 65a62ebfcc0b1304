/**
 * The command-line options of `audit` and `baseline`, and the one mapping from them to the options
 * of core/ (page audits and site audits share it). Parsing only: nothing here loads a browser.
 */
import type { AuditOptions } from '../core/run-audit.js';
import type { SiteAuditOptions } from '../core/run-site-audit.js';
import type { CrawlProgress } from '../crawl/crawler.js';
import { LocalisedUsageError, type Lang } from '../shared/errors.js';
import type { ConsentMode } from '../types.js';
import { both } from './messages.js';

/** How to capture a page: the options `audit` and `baseline` share. */
export interface CaptureOptions {
  policy: string;
  connectTo?: string[];
  dnsServer?: string;
  insecure: boolean;
  timeout: number;
  infra: boolean;
  chromium?: string;
  data?: string[];
  lang: Lang;
  debug?: boolean;
}

/** `audit URL` options: capture, outputs, baseline. */
export interface AuditCommandOptions extends CaptureOptions {
  /** One format, a comma-separated list, or a list (from a configuration file). */
  format: string | string[];
  output?: string;
  outputDir?: string;
  baseline?: string;
  updateBaseline?: boolean;
  /** --source-dir: SARIF points each finding at the source line that loads its host. */
  sourceDir?: string;
  /** --report-url: the full report's address, linked from the Markdown comment. */
  reportUrl?: string;
  /** --csv-separator. */
  csvSeparator?: 'comma' | 'semicolon';
}

/** The whole-site options of `audit` (any of them turns a page audit into a site audit). */
export interface SiteCommandOptions extends CaptureOptions {
  format: string | string[];
  output?: string;
  outputDir?: string;
  pages?: number;
  depth?: number;
  perPattern?: number;
  include?: string[];
  exclude?: string[];
  robots?: boolean;
  sitemap?: boolean;
  concurrency?: number;
  consent?: string;
  journey?: string[];
  evidence?: string;
}

/** The CLI options → core audit options mapping, written once for page and site audits. */
export function auditOptionsFrom(url: string, options: CaptureOptions): Omit<AuditOptions, 'onProgress'> {
  return {
    url,
    policy: options.policy,
    insecure: options.insecure,
    timeoutSeconds: options.timeout,
    infra: options.infra,
    ...(options.connectTo ? { connectTo: options.connectTo } : {}),
    ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
    ...(options.chromium ? { executablePath: options.chromium } : {}),
    ...(options.data ? { dataFiles: options.data } : {}),
  };
}

/** The site-audit options: the page-audit mapping plus the crawl, consent and journey options. */
export function siteAuditOptionsFrom(url: string, options: SiteCommandOptions, onCrawlProgress: (p: CrawlProgress) => void): SiteAuditOptions {
  return {
    ...auditOptionsFrom(url, options),
    onCrawlProgress,
    maxPages: options.pages ?? (options.depth !== undefined ? 100 : 1),
    ...(options.depth !== undefined ? { maxDepth: options.depth } : {}),
    ...(options.perPattern !== undefined ? { perPattern: options.perPattern } : {}),
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    robots: options.robots !== false,
    ...(options.sitemap === false ? { sitemaps: false } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    consent: options.consent ? parseConsentList(options.consent) : ['none'],
    journeys: options.journey ?? [],
  };
}

/** Whether the options ask for a site audit rather than one page. */
export function isSiteAudit(options: Partial<SiteCommandOptions>): boolean {
  return options.pages !== undefined || options.depth !== undefined || options.consent !== undefined || (options.journey?.length ?? 0) > 0 || options.evidence !== undefined;
}

/** Parses --consent none,reject,accept. */
export function parseConsentList(value: string): ConsentMode[] {
  const modes = value.split(',').map((m) => m.trim().toLowerCase()).filter(Boolean);
  const wrong = modes.find((m) => !['none', 'reject', 'accept'].includes(m));
  if (wrong || modes.length === 0) throw new LocalisedUsageError(both('error.consentState', { value, wrong: wrong ?? '' }), both('error.consentStateFix'));
  return modes as ConsentMode[];
}
