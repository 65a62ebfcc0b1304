/**
 * Background work of the server (decision 0047): "audit now" and schedules become jobs on the shared
 * queue (src/queue/, the one `souverain batch` and `souverain worker` use); an in-process worker runs
 * them unless `--no-worker` leaves them to `souverain worker` machines; finished jobs' results are
 * taken into the site timelines (organisations, latest verdict, alerts). Webhooks are delivered with
 * retries. Every loop survives database outages: an error is recorded as the server's health and the
 * loop retries with back-off (1 s doubling to 60 s).
 */
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { AuditJob, ClaimedJob, JobQueue } from '../queue/job.js';
import { defaultWorkerName, runWorker } from '../queue/worker.js';
import { organisationsOf } from '../report/findings.js';
import type { AuditReport } from '../types.js';
import { summariseChanges } from './changes.js';
import { now, type ServerStore, type Site } from './store.js';

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
  /** The shared job queue in the server's database. */
  queue: JobQueue;
  settings: AuditSettings;
  /** Audits run in this process at once; 0 leaves every job to `souverain worker` processes (--no-worker). */
  workerConcurrency: number;
  /** Base of webhook back-off (tests shorten it). */
  retryBaseMs?: number;
  /** Absolute URL of the server, for links in webhook messages. */
  publicUrl?: string;
  log?: (line: string) => void;
}

/** Tries of a job before it is given up (every holder died): the same as `souverain batch`. */
const MAX_ATTEMPTS = 3;

export class Runner {
  readonly health: Health = { database: 'ok' };
  private stopped = false;
  private timers = new Set<NodeJS.Timeout>();
  private wakers = new Map<string, () => void>();
  private readonly workerStop = new AbortController();
  private readonly held = new Set<ClaimedJob>();
  private working?: Promise<void>;
  private readonly workerName = defaultWorkerName();

  constructor(private readonly options: RunnerOptions) {}

  start(): void {
    this.loop('results', () => this.ingestResults(), 1000);
    this.loop('schedules', () => this.queueDueSites(), 30_000);
    this.loop('webhooks', () => this.deliverDue(), 1000);
    if (this.options.workerConcurrency > 0) this.startWorker();
  }

  /** Queues an audit of the site: its timeline entry and its job on the shared queue. Returns the audit's id. */
  async requestAudit(site: Site, origin: 'server' | 'schedule'): Promise<number> {
    const key = `site:${site.id}:${randomUUID()}`;
    // Timeline entry first: a crash before the job is sent leaves an open audit that start() sends again.
    const id = await this.options.store.createAudit(site.id, origin, 'queued', key);
    await this.options.queue.enqueue([this.jobOf(site, key)], { leaseSeconds: this.leaseSeconds(site), maxAttempts: MAX_ATTEMPTS });
    return id;
  }

  /**
   * After a stop (or kill -9): every open audit without a result gets its job again. Enqueueing is
   * idempotent by key (a job still queued or held elsewhere is not added twice), and a job whose result
   * is already stored is taken into the timeline instead. Returns how many were sent again.
   */
  async resumeOpenAudits(): Promise<number> {
    const { store, queue } = this.options;
    let sent = 0;
    await store.adoptJoblessAudits((audit) => `site:${audit.site_id}:${randomUUID()}`);
    const open = await store.openJobAudits(10_000);
    const stored = new Set((await store.jobResults(open.map((audit) => audit.job_key))).map((result) => result.job_key));
    for (const audit of open) {
      if (stored.has(audit.job_key)) continue;
      const site = await store.site(audit.site_id);
      if (!site) continue;
      sent += await queue.enqueue([this.jobOf(site, audit.job_key)], { leaseSeconds: this.leaseSeconds(site), maxAttempts: MAX_ATTEMPTS });
    }
    return sent;
  }

  /** The job of a site's audit: the site's own settings and the server's, with the SSRF guard on unless the admin switched it off. */
  jobOf(site: Site, key: string): AuditJob {
    const { settings } = this.options;
    const consent = site.consent.split(',').map((s) => s.trim()).filter(Boolean);
    const siteAudit = consent.length > 0 || site.journey !== '';
    return {
      key, url: site.url, siteId: String(site.id),
      options: {
        policy: site.policy || 'fr', insecure: settings.insecure, timeout: settings.timeoutSeconds, infra: settings.infra,
        ...(settings.connectTo.length > 0 ? { connectTo: settings.connectTo } : {}),
        ...(settings.dnsServer ? { dnsServer: settings.dnsServer } : {}),
        // Consent states and journeys: a one-page site audit, no crawl.
        ...(siteAudit ? { pages: 1, robots: false, sitemap: false, consent: consent.length > 0 ? consent.join(',') : 'none', journey: site.journey ? [site.journey] : [] } : {}),
      },
      guard: { allowPrivate: settings.allowPrivateTargets, allow: settings.allowAddresses },
      ...(settings.trustedCertificates ? { trustedCertificates: settings.trustedCertificates } : {}),
    };
  }

  /** Longer than the worker's own hang deadline for the job (decision 0034), per captured state. */
  private leaseSeconds(site: Site): number {
    const captures = Math.max(1, site.consent.split(',').filter((s) => s.trim()).length) + (site.journey ? 1 : 0);
    return this.options.settings.timeoutSeconds * 2 * captures + 180;
  }

  /** Wakes the result loop (a job just finished here). */
  poke(): void {
    this.wakers.get('results')?.();
  }

  private startWorker(): void {
    this.working = runWorker({
      queue: this.options.queue,
      concurrency: this.options.workerConcurrency,
      name: this.workerName,
      signal: this.workerStop.signal,
      held: this.held,
      abandonOnAbort: true,
      pollMs: 1000,
      ...(this.options.settings.executablePath ? { chromium: this.options.settings.executablePath } : {}),
      onOutcome: () => this.poke(),
    }).catch((error: Error) => this.options.log?.(`worker: ${error.message}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.workerStop.abort();
    // Jobs in hand go back to the queue at once (another worker, or this server restarted, takes them).
    for (const claimed of this.held) await this.options.queue.release(claimed).catch(() => undefined);
    await this.working;
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
        this.wakers.delete(name);
        void tick();
      }, delay);
      timer.unref();
      this.timers.add(timer);
      this.wakers.set(name, () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.wakers.delete(name);
        void tick();
      });
    };
    void tick();
  }

  /**
   * Takes the results workers stored (here or on other machines) into the timelines. True when some
   * were taken, so that the loop looks again at once.
   */
  private async ingestResults(): Promise<boolean> {
    const { store, queue } = this.options;
    const open = await store.openJobAudits();
    if (open.length === 0) return false;
    const keys = open.map((audit) => audit.job_key);
    // Jobs pg-boss gave up on (every worker holding them died) get their "gave up" result first.
    await queue.giveUpFailed(this.workerName, new Set(keys));
    const results = new Map((await store.jobResults(keys)).map((result) => [result.job_key, result]));
    let taken = 0;
    for (const audit of open) {
      const result = results.get(audit.job_key);
      if (!result) continue;
      const site = await store.site(audit.site_id);
      if (!site) continue;
      const report = result.report ? JSON.parse(result.report) as AuditReport : undefined;
      if (await this.record(audit, site, report, result.status === 'complete' ? null : result.failure_reason ?? 'failed', result.refused, { keepReport: false, startedAt: result.started_at, finishedAt: result.finished_at })) taken++;
    }
    return taken > 0;
  }

  /**
   * Stores the outcome in the timeline, then queues the alerts a change calls for. `keepReport`: the
   * report is kept in srv_audits (uploads); a job's report stays in the engine's result only. Returns
   * false when the audit was already finished (nothing recorded, no alert).
   */
  async record(job: { id: number; site_id: number }, site: Site, report: AuditReport | undefined, error: string | null, refused: string | null, stored: { keepReport: boolean; startedAt?: string; finishedAt?: string } = { keepReport: true }): Promise<boolean> {
    const { store } = this.options;
    const organisations = report ? [...organisationsOf(report).values()].map((o) => ({
      organisation: o.id, name: o.name, jurisdiction: o.jurisdiction, laws: lawsOf(report, o.id).join(', '),
    })) : [];
    const previous = report ? await store.previousDoneAudit(site.id, job.id) : undefined;
    const finished = await store.finishAudit(job.id, site.id, {
      status: report && !error ? 'done' : 'failed',
      verdict: report?.assessment.verdict ?? null,
      error,
      refused,
      reportJson: report && stored.keepReport ? JSON.stringify(report) : null,
      ...(stored.startedAt ? { startedAt: stored.startedAt } : {}),
      ...(stored.finishedAt ? { finishedAt: stored.finishedAt } : {}),
      organisations,
    });
    if (!finished) return false;
    if (site.schedule) await store.updateSite(site.id, { next_audit_at: nextRun(site.schedule) });
    this.options.log?.(`audit ${job.id} of site ${site.id}: ${report && !error ? report.assessment.verdict : `failed (${error})`}`);
    if (report && !error && previous?.report_json) await this.alert(job.id, site, JSON.parse(previous.report_json) as AuditReport, report, previous.finished_at);
    return true;
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
      if (!(await store.hasOpenAudit(site.id))) await this.requestAudit(site, 'schedule');
      await store.updateSite(site.id, { next_audit_at: nextRun(site.schedule) });
    }
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
