/**
 * Every query the server makes, in one place: the web layer and the runner never write SQL.
 * Lists are paginated (keyset-free LIMIT/OFFSET over indexed columns, pages of at most 200 rows).
 */
import { sql, type Kysely } from 'kysely';
import type { AuditRow, AuditStatus, DeliveryRow, Scope, ServerTables, SiteRow, TokenRow, UserRow, WebhookRow } from './schema.js';

export type Db = Kysely<ServerTables>;
export type Site = Omit<SiteRow, 'id'> & { id: number };
export type Audit = Omit<AuditRow, 'id'> & { id: number };
export type AuditSummary = Omit<Audit, 'report_json' | 'job_key'>;
export type Webhook = Omit<WebhookRow, 'id'> & { id: number };
export type Delivery = Omit<DeliveryRow, 'id'> & { id: number };
export type User = Omit<UserRow, 'id'> & { id: number };
export type ApiToken = Omit<TokenRow, 'id'> & { id: number };

export const MAX_PAGE_SIZE = 200;
export const now = (): string => new Date().toISOString();

export interface SiteFilter {
  q?: string;
  verdict?: string;
  group?: string;
  tag?: string;
}

export interface Page<T> { items: T[]; total: number; offset: number; limit: number }

export function clampLimit(limit: number | undefined, fallback = 50): number {
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Number.isFinite(limit) && limit ? Math.floor(limit) : fallback));
}

/** LIKE pattern with the user's text taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** How long site-wide aggregates (verdict counts, groups, organisations) are reused, unless a write here invalidates them. */
const AGGREGATE_TTL_MS = 30_000;

export class ServerStore {
  private readonly aggregates = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(readonly db: Db) {}

  /**
   * Site-wide aggregates scan every site: they are computed once and reused until this process
   * writes a site or an audit, or for 30 s (other processes writing the same PostgreSQL database).
   */
  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.aggregates.get(key);
    if (hit && Date.now() - hit.at < AGGREGATE_TTL_MS) return hit.value as Promise<T>;
    const value = compute();
    this.aggregates.set(key, { at: Date.now(), value });
    value.catch(() => this.aggregates.delete(key));
    return value;
  }

  private invalidate(): void {
    this.aggregates.clear();
  }

  // ── users, sessions, tokens ──
  async userCount(): Promise<number> {
    const row = await this.db.selectFrom('srv_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async createUser(name: string, passwordHash: string): Promise<number> {
    const row = await this.db.insertInto('srv_users').values({ name, password_hash: passwordHash, created_at: now() }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
  async setPassword(name: string, passwordHash: string): Promise<boolean> {
    const result = await this.db.updateTable('srv_users').set({ password_hash: passwordHash }).where('name', '=', name).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
  userByName(name: string): Promise<User | undefined> {
    return this.db.selectFrom('srv_users').selectAll().where('name', '=', name).executeTakeFirst();
  }
  async createSession(tokenHash: string, userId: number, csrf: string, expiresAt: string): Promise<void> {
    await this.db.insertInto('srv_sessions').values({ token_hash: tokenHash, user_id: userId, csrf_token: csrf, created_at: now(), expires_at: expiresAt }).execute();
  }
  sessionByHash(tokenHash: string): Promise<{ user_id: number; csrf_token: string; expires_at: string; name: string } | undefined> {
    return this.db.selectFrom('srv_sessions').innerJoin('srv_users', 'srv_users.id', 'srv_sessions.user_id')
      .select(['srv_sessions.user_id', 'srv_sessions.csrf_token', 'srv_sessions.expires_at', 'srv_users.name'])
      .where('srv_sessions.token_hash', '=', tokenHash).executeTakeFirst();
  }
  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('srv_sessions').where('token_hash', '=', tokenHash).execute();
  }
  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom('srv_sessions').where('expires_at', '<', now()).execute();
  }
  async createToken(name: string, tokenHash: string, scope: Scope): Promise<number> {
    const row = await this.db.insertInto('srv_tokens').values({ name, token_hash: tokenHash, scope, created_at: now(), last_used_at: null }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
  tokenByHash(tokenHash: string): Promise<ApiToken | undefined> {
    return this.db.selectFrom('srv_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }
  async touchToken(id: number): Promise<void> {
    await this.db.updateTable('srv_tokens').set({ last_used_at: now() }).where('id', '=', id).execute();
  }
  listTokens(): Promise<Omit<ApiToken, 'token_hash'>[]> {
    return this.db.selectFrom('srv_tokens').select(['id', 'name', 'scope', 'created_at', 'last_used_at']).orderBy('id').execute();
  }
  async deleteToken(id: number): Promise<void> {
    await this.db.deleteFrom('srv_tokens').where('id', '=', id).execute();
  }

  // ── sites ──
  async createSite(site: Pick<SiteRow, 'url' | 'name' | 'group_name' | 'tags' | 'policy' | 'consent' | 'journey' | 'schedule' | 'next_audit_at'>): Promise<number> {
    const row = await this.db.insertInto('srv_sites').values({ ...site, last_audit_id: null, last_audit_at: null, last_verdict: null, created_at: now() }).returning('id').executeTakeFirstOrThrow();
    this.invalidate();
    return row.id;
  }
  async updateSite(id: number, changes: Partial<Pick<SiteRow, 'name' | 'group_name' | 'tags' | 'policy' | 'consent' | 'journey' | 'schedule' | 'next_audit_at'>>): Promise<void> {
    await this.db.updateTable('srv_sites').set(changes).where('id', '=', id).execute();
    this.invalidate();
  }
  async deleteSite(id: number): Promise<void> {
    await this.db.deleteFrom('srv_sites').where('id', '=', id).execute();
    this.invalidate();
  }
  site(id: number): Promise<Site | undefined> {
    return this.db.selectFrom('srv_sites').selectAll().where('id', '=', id).executeTakeFirst();
  }
  siteByUrl(url: string): Promise<Site | undefined> {
    return this.db.selectFrom('srv_sites').selectAll().where('url', '=', url).executeTakeFirst();
  }

  private filtered(filter: SiteFilter) {
    let query = this.db.selectFrom('srv_sites');
    if (filter.q) query = query.where((eb) => eb.or([eb('name', 'like', likePattern(filter.q!)), eb('url', 'like', likePattern(filter.q!))]));
    if (filter.verdict === 'none') query = query.where('last_verdict', 'is', null);
    else if (filter.verdict) query = query.where('last_verdict', '=', filter.verdict);
    if (filter.group) query = query.where('group_name', '=', filter.group);
    if (filter.tag) query = query.where(sql<string>`',' || tags || ','`, 'like', `%,${filter.tag.toLowerCase().replace(/[\\%_,]/g, '')},%`);
    return query;
  }

  async listSites(filter: SiteFilter, offset: number, limit: number): Promise<Page<Site>> {
    const base = this.filtered(filter);
    const count = async (): Promise<number> => Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const unfiltered = !filter.q && !filter.verdict && !filter.group && !filter.tag;
    const [items, total] = await Promise.all([
      base.selectAll().orderBy('name').orderBy('id').limit(limit).offset(offset).execute(),
      // The total of every site is a site-wide aggregate: cached like the others.
      unfiltered ? this.cached('site-count', count) : count(),
    ]);
    return { items, total, offset, limit };
  }

  /** Sites per latest verdict (for the overview's counters). */
  verdictCounts(): Promise<Record<string, number>> {
    return this.cached('verdicts', async () => {
    const rows = await this.db.selectFrom('srv_sites').select(['last_verdict', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('last_verdict').execute();
    return Object.fromEntries(rows.map((row) => [row.last_verdict ?? 'none', Number(row.n)]));
    });
  }
  groups(): Promise<string[]> {
    return this.cached('groups', async () => {
    const rows = await this.db.selectFrom('srv_sites').select('group_name').distinct().where('group_name', '!=', '').orderBy('group_name').limit(500).execute();
    return rows.map((row) => row.group_name);
    });
  }
  dueSites(at: string, limit = 20): Promise<Site[]> {
    return this.db.selectFrom('srv_sites').selectAll().where('next_audit_at', 'is not', null).where('next_audit_at', '<=', at).orderBy('next_audit_at').limit(limit).execute();
  }

  // ── audits ──
  async createAudit(siteId: number, origin: string, status: AuditStatus = 'queued', jobKey: string | null = null): Promise<number> {
    const row = await this.db.insertInto('srv_audits').values({ site_id: siteId, status, origin, verdict: null, error: null, refused: null, report_json: null, job_key: jobKey, created_at: now(), started_at: null, finished_at: null }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
  async hasOpenAudit(siteId: number): Promise<boolean> {
    const row = await this.db.selectFrom('srv_audits').select('id').where('site_id', '=', siteId).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    return row !== undefined;
  }
  /** Audits waiting for their job's result (the oldest first). */
  openJobAudits(limit = 200): Promise<{ id: number; site_id: number; job_key: string; created_at: string }[]> {
    return this.db.selectFrom('srv_audits').select(['id', 'site_id', 'job_key', 'created_at']).where('status', 'in', ['queued', 'running']).where('job_key', 'is not', null)
      .orderBy('id').limit(limit).execute() as Promise<{ id: number; site_id: number; job_key: string; created_at: string }[]>;
  }
  /**
   * Open audits without a job: queued by a server from before the shared queue (decision 0047), or an
   * upload cut short. Each becomes a job (queued, running) or fails (upload) — none stays open forever.
   */
  async adoptJoblessAudits(keyOf: (audit: { id: number; site_id: number }) => string): Promise<{ id: number; site_id: number; job_key: string }[]> {
    const rows = await this.db.selectFrom('srv_audits').select(['id', 'site_id', 'origin']).where('status', 'in', ['queued', 'running']).where('job_key', 'is', null).execute();
    const adopted: { id: number; site_id: number; job_key: string }[] = [];
    for (const row of rows) {
      if (row.origin === 'upload') {
        await this.db.updateTable('srv_audits').set({ status: 'failed', error: 'the upload was interrupted', finished_at: now() }).where('id', '=', row.id).execute();
        continue;
      }
      const key = keyOf(row);
      await this.db.updateTable('srv_audits').set({ status: 'queued', job_key: key }).where('id', '=', row.id).where('job_key', 'is', null).execute();
      adopted.push({ id: row.id, site_id: row.site_id, job_key: key });
    }
    return adopted;
  }
  /** The engine's stored results for these job keys (at most one each: the key is unique). */
  jobResults(keys: string[]): Promise<{ job_key: string; status: string; verdict: string | null; failure_reason: string | null; refused: string | null; report: string | null; started_at: string; finished_at: string }[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('audits').select(['job_key', 'status', 'verdict', 'failure_reason', 'refused', 'report', 'started_at', 'finished_at']).where('job_key', 'in', keys).execute();
  }
  /**
   * Stores a finished audit, its organisations and the site's latest state in one transaction — once:
   * an audit already finished is left alone and false is returned (two servers ingesting the same
   * result, or a restart, never record it twice nor alert twice).
   */
  async finishAudit(id: number, siteId: number, outcome: { status: 'done' | 'failed'; verdict: string | null; error: string | null; refused: string | null; reportJson: string | null; startedAt?: string; finishedAt?: string; organisations: { organisation: string; name: string; jurisdiction: string; laws: string }[] }): Promise<boolean> {
    const finished = await this.db.transaction().execute(async (trx) => {
      const finishedAt = outcome.finishedAt ?? now();
      const result = await trx.updateTable('srv_audits')
        .set({ status: outcome.status, verdict: outcome.verdict, error: outcome.error, refused: outcome.refused, report_json: outcome.reportJson, finished_at: finishedAt, ...(outcome.startedAt ? { started_at: outcome.startedAt } : {}) })
        .where('id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (outcome.organisations.length > 0) await trx.insertInto('srv_audit_orgs').values(outcome.organisations.map((o) => ({ ...o, audit_id: id, site_id: siteId }))).execute();
      if (outcome.status === 'done') await trx.updateTable('srv_sites').set({ last_audit_id: id, last_audit_at: finishedAt, last_verdict: outcome.verdict }).where('id', '=', siteId).execute();
      return true;
    });
    this.invalidate();
    return finished;
  }
  auditSummary(id: number): Promise<AuditSummary | undefined> {
    return this.db.selectFrom('srv_audits').select(['id', 'site_id', 'status', 'origin', 'verdict', 'error', 'refused', 'created_at', 'started_at', 'finished_at']).where('id', '=', id).executeTakeFirst();
  }
  /** An audit's report: uploaded (srv_audits) or stored once by the worker that ran its job (audits). */
  async auditReport(id: number): Promise<{ site_id: number; report_json: string | null } | undefined> {
    return this.db.selectFrom('srv_audits').leftJoin('audits', 'audits.job_key', 'srv_audits.job_key')
      .select(['srv_audits.site_id', (eb) => eb.fn.coalesce('srv_audits.report_json', 'audits.report').as('report_json')])
      .where('srv_audits.id', '=', id).executeTakeFirst();
  }
  async listAudits(siteId: number, offset: number, limit: number): Promise<Page<AuditSummary>> {
    const [items, count] = await Promise.all([
      this.db.selectFrom('srv_audits').select(['id', 'site_id', 'status', 'origin', 'verdict', 'error', 'refused', 'created_at', 'started_at', 'finished_at'])
        .where('site_id', '=', siteId).orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      this.db.selectFrom('srv_audits').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), offset, limit };
  }
  /** The verdicts of each site's last `count` finished audits, oldest first (sparklines). */
  async recentVerdicts(siteIds: number[], count: number): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>(siteIds.map((id) => [id, []]));
    if (siteIds.length === 0) return result;
    // One query for the whole page of sites: the newest `count` per site (window function, SQLite ≥ 3.25 and PostgreSQL).
    const ranked = this.db.selectFrom('srv_audits').select(['site_id', 'verdict', 'id', sql<number>`row_number() over (partition by site_id order by id desc)`.as('rank')])
      .where('site_id', 'in', siteIds).where('status', '=', 'done');
    const rows = await this.db.selectFrom(ranked.as('ranked')).select(['site_id', 'verdict']).where('rank', '<=', count).orderBy('site_id').orderBy('id').execute();
    for (const row of rows) result.get(row.site_id)?.push(row.verdict ?? 'inconclusive');
    return result;
  }
  /** The finished audit before this one, for "what changed". */
  previousDoneAudit(siteId: number, beforeId: number): Promise<{ id: number; report_json: string | null; finished_at: string | null } | undefined> {
    return this.db.selectFrom('srv_audits').leftJoin('audits', 'audits.job_key', 'srv_audits.job_key')
      .select(['srv_audits.id', (eb) => eb.fn.coalesce('srv_audits.report_json', 'audits.report').as('report_json'), 'srv_audits.finished_at'])
      .where('srv_audits.site_id', '=', siteId).where('srv_audits.status', '=', 'done').where('srv_audits.id', '<', beforeId)
      .orderBy('srv_audits.id', 'desc').limit(1).executeTakeFirst();
  }

  /** Organisations behind the latest audit of each site, with how many sites they reach. */
  organisationReach(limit = 200): Promise<{ organisation: string; name: string; jurisdiction: string; laws: string; sites: number }[]> {
    return this.cached(`organisations:${limit}`, async () => {
    const rows = await this.db.selectFrom('srv_audit_orgs').innerJoin('srv_sites', 'srv_sites.last_audit_id', 'srv_audit_orgs.audit_id')
      .select(['srv_audit_orgs.organisation', 'srv_audit_orgs.name', 'srv_audit_orgs.jurisdiction', 'srv_audit_orgs.laws', (eb) => eb.fn.count<number>('srv_sites.id').distinct().as('sites')])
      .groupBy(['srv_audit_orgs.organisation', 'srv_audit_orgs.name', 'srv_audit_orgs.jurisdiction', 'srv_audit_orgs.laws'])
      .orderBy('sites', 'desc').orderBy('srv_audit_orgs.name').limit(limit).execute();
    return rows.map((row) => ({ ...row, sites: Number(row.sites) }));
    });
  }

  // ── webhooks and deliveries ──
  async createWebhook(url: string): Promise<number> {
    const row = await this.db.insertInto('srv_webhooks').values({ url, created_at: now() }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
  listWebhooks(): Promise<Webhook[]> {
    return this.db.selectFrom('srv_webhooks').selectAll().orderBy('id').execute();
  }
  async deleteWebhook(id: number): Promise<void> {
    await this.db.deleteFrom('srv_webhooks').where('id', '=', id).execute();
  }
  async queueDelivery(webhookId: number, auditId: number, event: string, payload: string): Promise<void> {
    const at = now();
    await this.db.insertInto('srv_deliveries').values({ webhook_id: webhookId, audit_id: auditId, event, payload, status: 'pending', attempts: 0, last_error: null, next_attempt_at: at, created_at: at, delivered_at: null }).execute();
  }
  dueDeliveries(at: string, limit = 20): Promise<(Delivery & { url: string })[]> {
    return this.db.selectFrom('srv_deliveries').innerJoin('srv_webhooks', 'srv_webhooks.id', 'srv_deliveries.webhook_id')
      .selectAll('srv_deliveries').select('srv_webhooks.url').where('srv_deliveries.status', '=', 'pending').where('srv_deliveries.next_attempt_at', '<=', at)
      .orderBy('srv_deliveries.id').limit(limit).execute();
  }
  async recordAttempt(id: number, changes: Pick<DeliveryRow, 'status' | 'attempts' | 'last_error' | 'next_attempt_at' | 'delivered_at'>): Promise<void> {
    await this.db.updateTable('srv_deliveries').set(changes).where('id', '=', id).execute();
  }
  listDeliveries(offset: number, limit: number): Promise<Delivery[]> {
    return this.db.selectFrom('srv_deliveries').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }
}
