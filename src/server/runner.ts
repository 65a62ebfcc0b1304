/**
 * Background work of the server: runs queued audits (one Chromium per audit, started only then so an
 * idle server stays small), turns schedules into queued audits, and delivers webhooks with retries.
 * Every loop survives database outages: an error is recorded as the server's health and the loop
 * retries with back-off (1 s doubling to 60 s).
 */
import { Cron } from 'croner';
import type { AuditBrowser } from '../collect/browser.js';
import { parseConnectTo } from '../collect/connect-to.js';
import { createDnsClient } from '../collect/dns.js';
import { organisationsOf } from '../report/findings.js';
import type { AuditReport, ConsentMode } from '../types.js';
import { summariseChanges } from './changes.js';
import { createTargetGuard } from './ssrf-guard.js';
import { now, type AuditSummary, type ServerStore, type Site } from './store.js';

/** Server-level audit settings (the admin's command line), the same for every audit. */
export interface AuditSettings {
  connectTo: string[];
  dnsServer?: string;
  insecure: boolean;
  timeoutSeconds: number;
  /** Infrastructure audit (hosting, CDN, DNS, mail, CA). */
  infra: boolean;
  executablePath?: string;
  allowPrivateTargets: boolean;
  /** ADDRESS:PORT pairs allowed although private (tests: the loopback fixture world). */
  allowAddresses: string[];
  /** Extra root certificates for souverain's own TLS check. */
  trustedCertificates?: string;
}

export interface Health {
  database: 'ok' | 'down';
  lastError?: string;
  since?: string;
}

/** "daily", "weekly" or a cron expression → the next run after `from`, or null for manual. */
export function nextRun(schedule: string, from: Date = new Date()): string | null {
  const expression = schedule.trim();
  if (expression === '') return null;
  if (expression === 'daily') return new Date(from.getTime() + 24 * 3600_000).toISOString();
  if (expression === 'weekly') return new Date(from.getTime() + 7 * 24 * 3600_000).toISOString();
  const next = new Cron(expression, { timezone: 'UTC' }).nextRun(from);
  return next ? next.toISOString() : null;
}

/** Throws with croner's message when the schedule is neither empty, daily, weekly nor valid cron. */
export function checkSchedule(schedule: string): void {
  const expression = schedule.trim();
  if (['', 'daily', 'weekly'].includes(expression)) return;
  new Cron(expression, { timezone: 'UTC' }).nextRun();
}

const MAX_DELIVERY_ATTEMPTS = 6;
const WEBHOOK_TIMEOUT_MS = 5000;

/** Back-off before retry n (1-based): 10 s, 20 s, 40 s… capped at 30 min. */
export function retryDelayMs(attempt: number, baseMs = 10_000): number {
  return Math.min(30 * 60_000, baseMs * 2 ** (attempt - 1));
}

export interface RunnerOptions {
  store: ServerStore;
  settings: AuditSettings;
  /** Base of webhook back-off (tests shorten it). */
  retryBaseMs?: number;
  /** Absolute URL of the server, for links in webhook messages. */
  publicUrl?: string;
  log?: (line: string) => void;
}

export class Runner {
  readonly health: Health = { database: 'ok' };
  private stopped = false;
  private timers = new Set<NodeJS.Timeout>();
  private wake?: () => void;
  private current?: Promise<void>;

  constructor(private readonly options: RunnerOptions) {}

  start(): void {
    this.loop('audits', () => this.runNextAudit(), 2000);
    this.loop('schedules', () => this.queueDueSites(), 30_000);
    this.loop('webhooks', () => this.deliverDue(), 1000);
  }

  /** Wakes the audit loop (a new audit was queued). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.wake?.();
    await this.current?.catch(() => undefined);
  }

  private loop(name: string, step: () => Promise<boolean>, idleMs: number): void {
    let failures = 0;
    const tick = async (): Promise<void> => {
      if (this.stopped) return;
      let busy = false;
      try {
        busy = await step();
        if (failures > 0) this.options.log?.(`${name}: database reachable again`);
        failures = 0;
        if (this.health.database === 'down') Object.assign(this.health, { database: 'ok', lastError: undefined, since: undefined });
      } catch (error) {
        failures++;
        const message = (error as Error).message;
        if (this.health.database === 'ok') Object.assign(this.health, { database: 'down', lastError: message, since: now() });
        if (failures === 1) this.options.log?.(`${name}: ${message} — retrying with back-off`);
      }
      if (this.stopped) return;
      const delay = failures > 0 ? Math.min(60_000, 1000 * 2 ** (failures - 1)) : busy ? 0 : idleMs;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (name === 'audits') this.wake = undefined;
        void tick();
      }, delay);
      timer.unref();
      this.timers.add(timer);
      if (name === 'audits') {
        this.wake = () => {
          clearTimeout(timer);
          this.timers.delete(timer);
          this.wake = undefined;
          void tick();
        };
      }
    };
    void tick();
  }

  /** Runs one queued audit; true when there was one. */
  private async runNextAudit(): Promise<boolean> {
    const job = await this.options.store.claimQueuedAudit();
    if (!job) return false;
    const site = await this.options.store.site(job.site_id);
    if (!site) return true;
    this.current = this.execute(job, site);
    await this.current;
    return true;
  }

  private async execute(job: AuditSummary, site: Site): Promise<void> {
    const { settings } = this.options;
    const dns = createDnsClient(settings.dnsServer ? { server: settings.dnsServer } : {});
    const connectTo = settings.connectTo.map(parseConnectTo);
    const guard = createTargetGuard({ allowPrivate: settings.allowPrivateTargets, allow: settings.allowAddresses, dns, connectTo });
    let report: AuditReport | undefined;
    let error: string | null = null;
    const refusal = await guard.check(site.url);
    if (refusal) {
      error = `refused: ${refusal}`;
    } else {
      // Chromium, playwright-core and the knowledge base load with the first audit, not at start:
      // an idle server stays small.
      const { launchBrowser } = await import('../collect/browser.js');
      const browser = await launchBrowser({ connectTo, insecure: settings.insecure, requestGuard: guard.check, ...(settings.executablePath ? { executablePath: settings.executablePath } : {}) });
      try {
        report = await this.auditOf(site, browser);
      } catch (failure) {
        error = (failure as Error).message;
      } finally {
        await browser.close();
      }
    }
    const refused = guard.refusals.length > 0 ? JSON.stringify(guard.refusals) : null;
    // The page itself (or a redirect of it) was refused: the audit failed, whatever evidence there is.
    const blockedPage = report && guard.refusals.length > 0 && report.collection.pages.some((page) => page.navigationError);
    if (blockedPage) error = `refused: ${guard.refusals[0]!.reason}`;
    await this.record(job, site, report, error, refused);
  }

  private async auditOf(site: Site, browser: AuditBrowser): Promise<AuditReport> {
    const { settings } = this.options;
    const common = {
      url: site.url,
      policy: site.policy || 'fr',
      connectTo: settings.connectTo,
      insecure: settings.insecure,
      timeoutSeconds: settings.timeoutSeconds,
      infra: settings.infra,
      browser,
      ...(settings.dnsServer ? { dnsServer: settings.dnsServer } : {}),
      ...(settings.trustedCertificates ? { trustedCertificates: settings.trustedCertificates } : {}),
    };
    const consent = site.consent.split(',').map((s) => s.trim()).filter(Boolean) as ConsentMode[];
    if (consent.length === 0 && !site.journey) return (await import('../core/run-audit.js')).audit(common);
    const { auditSite } = await import('../core/run-site-audit.js');
    return auditSite({ ...common, maxPages: 1, robots: false, sitemaps: false, concurrency: 1, consent: consent.length ? consent : ['none'], journeys: site.journey ? [site.journey] : [] });
  }

  /** Stores the outcome, then queues the alerts a change calls for. */
  async record(job: Pick<AuditSummary, 'id' | 'site_id'>, site: Site, report: AuditReport | undefined, error: string | null, refused: string | null): Promise<void> {
    const { store } = this.options;
    const organisations = report ? [...organisationsOf(report).values()].map((o) => ({
      organisation: o.id, name: o.name, jurisdiction: o.jurisdiction, laws: lawsOf(report, o.id).join(', '),
    })) : [];
    const previous = report ? await store.previousDoneAudit(site.id, job.id) : undefined;
    await store.finishAudit(job.id, site.id, {
      status: report && !error ? 'done' : 'failed',
      verdict: report?.assessment.verdict ?? null,
      error,
      refused,
      reportJson: report ? JSON.stringify(report) : null,
      organisations,
    });
    if (site.schedule) await store.updateSite(site.id, { next_audit_at: nextRun(site.schedule) });
    this.options.log?.(`audit ${job.id} of site ${site.id}: ${report ? report.assessment.verdict : `failed (${error})`}`);
    if (report && !error && previous?.report_json) await this.alert(job.id, site, JSON.parse(previous.report_json) as AuditReport, report, previous.finished_at);
  }

  private async alert(auditId: number, site: Site, before: AuditReport, after: AuditReport, since: string | null): Promise<void> {
    const { store } = this.options;
    const { diff, sentences } = summariseChanges(before, after, 'en');
    const events = [...(diff.verdict.changed ? ['verdict-changed'] : []), ...(diff.nonSovereignAdded ? ['non-sovereign-added'] : [])];
    if (events.length === 0) return;
    const hooks = await store.listWebhooks();
    const link = this.options.publicUrl ? `${this.options.publicUrl.replace(/\/$/, '')}/sites/${site.id}` : undefined;
    // `text` is what Slack, Mattermost and Matrix (hookshot) incoming hooks display; the rest is for programs.
    const text = `souverain: ${chatSafe(site.name)} (${chatSafe(site.url)}) — ${chatSafe(sentences.join('; '))}${since ? ` (since ${since.slice(0, 10)})` : ''}${link ? ` ${link}` : ''}`;
    const payload = JSON.stringify({
      text,
      events,
      site: { id: site.id, name: site.name, url: site.url },
      audit: { id: auditId, verdict: after.assessment.verdict, previousVerdict: before.assessment.verdict },
      changes: sentences,
      added: { hosts: diff.hosts.added, organisations: diff.organisations.added.map((o) => ({ name: o.name, jurisdiction: o.jurisdiction })) },
    });
    for (const hook of hooks) await store.queueDelivery(hook.id, auditId, events.join(','), payload);
  }

  /** Sends due webhook deliveries; true when some were due. */
  private async deliverDue(): Promise<boolean> {
    const { store } = this.options;
    const due = await store.dueDeliveries(now());
    for (const delivery of due) {
      const attempts = delivery.attempts + 1;
      const failure = await post(delivery.url, delivery.payload);
      if (!failure) {
        await store.recordAttempt(delivery.id, { status: 'delivered', attempts, last_error: null, next_attempt_at: delivery.next_attempt_at, delivered_at: now() });
        continue;
      }
      const giveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
      await store.recordAttempt(delivery.id, {
        status: giveUp ? 'failed' : 'pending', attempts, last_error: failure,
        next_attempt_at: new Date(Date.now() + retryDelayMs(attempts, this.options.retryBaseMs)).toISOString(), delivered_at: null,
      });
    }
    return false;
  }

  /** Queues an audit for every site whose schedule is due. */
  private async queueDueSites(): Promise<boolean> {
    const { store } = this.options;
    const sites = await store.dueSites(now());
    for (const site of sites) {
      if (!(await store.hasOpenAudit(site.id))) await store.createAudit(site.id, 'schedule');
      await store.updateSite(site.id, { next_audit_at: nextRun(site.schedule) });
    }
    if (sites.length > 0) this.poke();
    return false;
  }
}

function lawsOf(report: AuditReport, parent: string): string[] {
  const laws = new Set<string>();
  for (const host of report.enrichment.hosts) {
    for (const control of [host.vendorControl, host.operatorControl]) {
      if (control.status === 'known' && control.value.ultimateParent === parent) for (const law of control.value.laws) laws.add(law);
    }
  }
  for (const component of report.enrichment.infrastructure?.components ?? []) {
    if (component.control.status === 'known' && component.control.value.ultimateParent === parent) for (const law of component.control.value.laws) laws.add(law);
  }
  return [...laws].sort();
}

/** POSTs JSON; the failure reason, or undefined on a 2xx answer. Bounded in time; no redirects followed. */
async function post(url: string, body: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, {
      method: 'POST', body, redirect: 'manual',
      headers: { 'content-type': 'application/json', 'user-agent': 'souverain-webhook' },
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Page-derived text for chat hooks: Slack reads <…> as links and mentions, Mattermost and Matrix
 * render Markdown and @-mentions. Angle brackets become look-alikes, @ a full-width @, Markdown
 * emphasis and link characters are backslash-escaped; the structured fields keep the exact values.
 */
export function chatSafe(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›').replace(/@/g, '＠').replace(/([*_~`[\]|])/g, '\\$1').replace(/[\u0000-\u001f\u007f]/g, ' ');
}
