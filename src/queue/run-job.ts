import { launchBrowser, type AuditBrowser } from '../collect/browser.js';
import { parseConnectTo } from '../collect/connect-to.js';
import { createDnsClient } from '../collect/dns.js';
import { createTargetGuard, type TargetGuard } from '../server/ssrf-guard.js';
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
  /** The running job's SSRF guard: the browser's request interception asks it (one job at a time per slot). */
  private guard: TargetGuard | undefined;
  constructor(private readonly chromium?: string) {}

  async get(job: AuditJob, guard?: TargetGuard): Promise<AuditBrowser> {
    // A guarded browser intercepts every request (CDP Fetch): it is never shared with unguarded jobs.
    const key = JSON.stringify([job.options.connectTo ?? [], job.options.insecure ?? false, guard !== undefined]);
    if (this.browser && (key !== this.key || this.served >= JOBS_PER_BROWSER)) await this.discard();
    this.guard = guard;
    if (!this.browser) {
      this.browser = await launchBrowser({
        connectTo: (job.options.connectTo ?? []).map(parseConnectTo),
        insecure: job.options.insecure ?? false,
        ...(this.chromium ? { executablePath: this.chromium } : {}),
        // Refuses while no guarded job runs: a guarded browser never fetches for nobody.
        ...(guard ? { requestGuard: (url: string) => this.guard?.check(url) ?? Promise.resolve('no audit running') } : {}),
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
  const guard = guardOf(job);
  const base = { url: job.url, policy: job.options.policy, startedAt, worker, ...(guard ? { refused: guard.refusals } : {}) };
  const failed = (reason: string): AuditOutcome => ({ ...base, status: 'failed', verdict: null, failureReason: reason, summary: {}, report: null, finishedAt: new Date().toISOString() });
  // A guarded target is checked before any browser starts (decision 0037).
  const refusal = await guard?.check(job.url);
  if (refusal) return failed(`refused: ${refusal}`);
  try {
    const report = await withTimeout(auditOnce(job, slot, guard, chromium), deadlineMs);
    const failure = site ? siteFailure(report) : navigationFailure(report);
    // The page itself (or one of its redirects) was refused by the guard: that is the reason, whatever else failed.
    const reason = failure && guard && guard.refusals.length > 0 ? `refused: ${guard.refusals[0]!.reason}` : failure?.message ?? null;
    return {
      ...base, status: failure ? 'failed' : 'complete', verdict: report.assessment.verdict, failureReason: reason,
      summary: summariseReport(report), report, finishedAt: new Date().toISOString(),
    };
  } catch (error) {
    // A usage error is the target's own fault (bad address, unknown host): the browser is fine.
    if (!(error instanceof UsageError)) await slot.discard();
    return failed(reasonOf(error, deadlineMs));
  }
}

/** The job's SSRF guard, resolving names with the job's own resolver and --connect-to rules; none for trusted jobs. */
function guardOf(job: AuditJob): TargetGuard | undefined {
  if (!job.guard || job.guard.allowPrivate) return undefined;
  return createTargetGuard({
    allowPrivate: false,
    allow: job.guard.allow,
    dns: createDnsClient(job.options.dnsServer ? { server: job.options.dnsServer } : {}),
    connectTo: (job.options.connectTo ?? []).map(parseConnectTo),
  });
}

async function auditOnce(job: AuditJob, slot: BrowserSlot, guard: TargetGuard | undefined, chromium?: string): Promise<AuditReport> {
  const options = { ...job.options, lang: 'en' as const, format: 'json', ...(chromium ? { chromium } : {}) };
  const certificates = job.trustedCertificates ? { trustedCertificates: job.trustedCertificates } : {};
  if (isSiteAudit(job.options)) {
    // One target's pages one at a time unless asked: the batch's own concurrency spreads the machine across targets.
    // A guarded site audit runs in the slot's guarded browser; an unguarded one launches its own.
    return auditSite({
      ...siteAuditOptionsFrom(job.url, options, () => {}), ...certificates, concurrency: job.options.concurrency ?? 1,
      ...(guard ? { browser: await slot.get(job, guard) } : {}),
    });
  }
  return audit({ ...auditOptionsFrom(job.url, options), ...certificates, browser: await slot.get(job, guard) });
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
