import { launchBrowser, type AuditBrowser } from '../collect/browser.js';
import { parseConnectTo } from '../collect/connect-to.js';
import { audit } from '../core/run-audit.js';
import { auditSite } from '../core/run-site-audit.js';
import { summariseReport } from '../batch/summary.js';
import { auditOptionsFrom, isSiteAudit, siteAuditOptionsFrom } from '../cli/audit-options.js';
import { navigationFailure } from '../cli/navigation-errors.js';
import { siteFailure } from '../cli/site-audit.js';
import { UsageError } from '../shared/errors.js';
import type { AuditReport } from '../types.js';
import type { AuditJob, AuditOutcome } from './job.js';

/** Jobs a browser serves before it is replaced, so that a slow leak in Chromium cannot build up. */
const JOBS_PER_BROWSER = 100;
/** Beyond the audit's own timeouts, how long a job may run before it is declared hung. */
const HANG_MARGIN_SECONDS = 60;

/**
 * One worker slot's Chromium, reused across single-page jobs with the same launch settings (each
 * capture gets a fresh incognito context — decision 0003), replaced after a failure or a hang.
 */
export class BrowserSlot {
  private browser: AuditBrowser | undefined;
  private key = '';
  private served = 0;
  constructor(private readonly chromium?: string) {}

  async get(job: AuditJob): Promise<AuditBrowser> {
    const key = JSON.stringify([job.options.connectTo ?? [], job.options.insecure ?? false]);
    if (this.browser && (key !== this.key || this.served >= JOBS_PER_BROWSER)) await this.discard();
    if (!this.browser) {
      this.browser = await launchBrowser({
        connectTo: (job.options.connectTo ?? []).map(parseConnectTo),
        insecure: job.options.insecure ?? false,
        ...(this.chromium ? { executablePath: this.chromium } : {}),
      });
      this.key = key;
      this.served = 0;
    }
    this.served += 1;
    return this.browser;
  }

  /** Closes the browser (after a crash or a hang the next job gets a new one). */
  async discard(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await withTimeout(browser.close(), 10_000).catch(() => {});
  }
}

/**
 * Runs one audit job to an outcome. Never throws for the target's sake: a bad address, a page that
 * crashes Chromium, hangs or returns garbage becomes a failed outcome with its reason, and the
 * worker goes on with the next job.
 */
export async function runAuditJob(job: AuditJob, slot: BrowserSlot, worker: string, chromium?: string): Promise<AuditOutcome> {
  const startedAt = new Date().toISOString();
  const timeout = job.options.timeout ?? 30;
  const site = isSiteAudit(job.options);
  const pages = job.options.pages ?? (job.options.depth !== undefined ? 100 : 1);
  const deadlineMs = (timeout * Math.max(1, pages) * 2 + HANG_MARGIN_SECONDS) * 1000;
  const base = { url: job.url, policy: job.options.policy, startedAt, worker };
  try {
    const report = await withTimeout(auditOnce(job, slot, chromium), deadlineMs);
    const failure = site ? siteFailure(report) : navigationFailure(report);
    return {
      ...base, status: failure ? 'failed' : 'complete', verdict: report.assessment.verdict, failureReason: failure ? failure.message : null,
      summary: summariseReport(report), report, finishedAt: new Date().toISOString(),
    };
  } catch (error) {
    // A usage error is the target's own fault (bad address, unknown host): the browser is fine.
    if (!(error instanceof UsageError)) await slot.discard();
    return { ...base, status: 'failed', verdict: null, failureReason: reasonOf(error, deadlineMs), summary: {}, report: null, finishedAt: new Date().toISOString() };
  }
}

async function auditOnce(job: AuditJob, slot: BrowserSlot, chromium?: string): Promise<AuditReport> {
  const options = { ...job.options, lang: 'en' as const, format: 'json', ...(chromium ? { chromium } : {}) };
  if (isSiteAudit(job.options)) {
    // One target's pages one at a time unless asked: the batch's own concurrency spreads the machine across targets.
    return auditSite({ ...siteAuditOptionsFrom(job.url, options, () => {}), concurrency: job.options.concurrency ?? 1 });
  }
  return audit({ ...auditOptionsFrom(job.url, options), browser: await slot.get(job) });
}

class HungError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new HungError()), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function reasonOf(error: unknown, deadlineMs: number): string {
  if (error instanceof HungError) return `no result within ${Math.round(deadlineMs / 1000)} s: the audit hung and was stopped`;
  if (error instanceof UsageError) return `${error.message} — ${error.hint}`;
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? 'unknown error').slice(0, 500);
}
