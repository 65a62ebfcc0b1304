/**
 * The web app: dashboard (server-rendered HTML, forms without JavaScript) and JSON API, on Hono.
 * Security layers, outermost first: body size limit, security headers with a strict CSP, language,
 * authentication (session cookie for pages, bearer token for the API; none in public mode, which
 * serves GET pages only), then for forms Hono's Origin check plus a per-session synchronizer token.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AuditReport } from '../types.js';
import { API_TOKEN_PREFIX, newApiToken, newSecret, sameSecret, tokenHash, verifyPassword } from './auth.js';
import { summariseChanges } from './changes.js';
import { pickLang, t, type Lang } from './i18n.js';
import { openApiDocument } from './openapi.js';
import { RateLimiter } from './rate-limit.js';
import { checkSchedule, nextRun, type Runner } from './runner.js';
import { clampLimit, type AuditSummary, type ServerStore, type SiteFilter } from './store.js';
import { loginPage, messagePage, overviewPage, organisationsPage, sitePage, STYLESHEET, tokensPage, webhooksPage, type Chrome, type TimelineEntry } from './views.js';
import type { Scope } from './schema.js';

export interface AppOptions {
  store: ServerStore;
  runner: Runner;
  publicMode: boolean;
  /** Session lifetime. Default 12 h. */
  sessionHours?: number;
}

type Env = { Variables: { lang: Lang; user?: { id: number; name: string; csrf: string; tokenHash: string }; apiScope?: Scope } };

const SESSION_COOKIE = 'souverain_session';
const LANG_COOKIE = 'souverain_lang';
/** The dashboard: no script, styles from the app only, images inline (SVG) or from the app. */
export const APP_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** The audit report (its own inline styles, data: images), sandboxed: no script can run even if one slipped in. */
export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
const FORM_LIMIT = 64 * 1024;
const UPLOAD_LIMIT = 50 * 1024 * 1024;
const VERDICTS = new Set(['sovereign', 'not-sovereign', 'inconclusive']);
/** Never served in public mode: webhook addresses (often secret) and tokens. */
const ADMIN_PAGES = /^\/(webhooks|tokens)(\/|$)/;
const ADMIN_API = /^\/api\/(webhooks|deliveries)(\/|$)/;
/** A policy is a built-in id or a policy file; a journey a journey file (read on the server). */
const POLICY_VALUE = /^(fr|eu|[^\0]+\.(ya?ml|json))$/i;
const JOURNEY_VALUE = /^[^\0]+\.(ya?ml|json)$/i;

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

function clientKey(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

function intParam(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,12}$/.test(value)) return undefined;
  return Number(value);
}

function str(value: unknown, max: number): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** A target the server may audit: http(s), no credentials, a host. */
export function normaliseTarget(input: string): string {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http and https addresses can be audited');
  if (url.username || url.password) throw new Error('addresses with a user name or password are not accepted');
  if (!url.hostname) throw new Error('the address has no host');
  url.hash = '';
  return url.toString();
}

function normaliseTags(input: string): string {
  return [...new Set(input.split(/[,\s]+/).map((tag) => tag.trim().toLowerCase()).filter(Boolean))].slice(0, 20).join(',');
}

interface SiteInput { url?: string; name: string; group_name: string; tags: string; policy: string; consent: string; journey: string; schedule: string }

/** Checks site settings from a form or the API; throws a message for the user. */
function siteInput(body: Record<string, unknown>, withUrl: boolean): SiteInput {
  const input: SiteInput = {
    name: str(body.name, 200),
    group_name: str(body.group ?? body.group_name, 200),
    tags: normaliseTags(str(body.tags, 500)),
    policy: str(body.policy, 500) || 'fr',
    consent: str(body.consent, 100).toLowerCase(),
    journey: str(body.journey, 1000),
    schedule: str(body.schedule, 200),
  };
  if (withUrl) input.url = normaliseTarget(str(body.url, 2000));
  if (!POLICY_VALUE.test(input.policy)) throw new Error('policy: fr, eu or a policy file (.yaml, .yml, .json)');
  if (input.journey && !JOURNEY_VALUE.test(input.journey)) throw new Error('journey: a journey file (.yaml, .yml, .json)');
  if (!input.consent.split(',').filter(Boolean).every((mode) => ['none', 'reject', 'accept'].includes(mode.trim()))) throw new Error('consent states: none, reject, accept');
  checkSchedule(input.schedule);
  if (!input.name && input.url) input.name = new URL(input.url).hostname;
  return input;
}

export function createApp(options: AppOptions): Hono<Env> {
  const { store, runner, publicMode } = options;
  const sessionMs = (options.sessionHours ?? 12) * 3600_000;
  const loginLimiter = new RateLimiter(10, 60_000);
  const auditLimiter = new RateLimiter(20, 60_000);
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    const limit = c.req.path === '/api/reports' ? UPLOAD_LIMIT : FORM_LIMIT;
    return bodyLimit({ maxSize: limit, onError: (cc) => cc.text('request body too large', 413) })(c, next);
  });
  app.use('*', secureHeaders({
    contentSecurityPolicy: undefined,
    crossOriginResourcePolicy: 'same-origin',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  }));
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', APP_CSP);
  });
  app.use('*', async (c, next) => {
    const query = c.req.query('lang');
    if (query === 'fr' || query === 'en') setCookie(c, LANG_COOKIE, query, { path: '/', sameSite: 'Strict', httpOnly: true, maxAge: 365 * 86400 });
    c.set('lang', pickLang(query, getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
    await next();
  });

  const chrome = (c: Context<Env>, notice?: string): Chrome => {
    const user = c.get('user');
    const url = new URL(c.req.url);
    return { lang: c.get('lang'), publicMode, health: runner.health, path: url.pathname + url.search, ...(user ? { user: user.name, csrf: user.csrf } : {}), ...(notice ? { notice } : {}) };
  };

  // ── session lookup (pages) ──
  app.use('*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token && !publicMode) {
      const hash = tokenHash(token);
      const session = await store.sessionByHash(hash);
      if (session && session.expires_at > new Date().toISOString()) c.set('user', { id: session.user_id, name: session.name, csrf: session.csrf_token, tokenHash: hash });
    }
    await next();
  });

  app.get('/static/app.css', (c) => c.body(STYLESHEET, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }));
  app.get('/healthz', (c) => c.json({ database: runner.health.database }, runner.health.database === 'ok' ? 200 : 503));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(publicMode)));

  // ── API: bearer tokens, scoped ──
  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/openapi.json') return next();
    const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (publicMode) {
      if (ADMIN_API.test(c.req.path)) return c.json({ error: 'not found' }, 404);
      return write ? c.json({ error: 'read-only public server' }, 403) : next();
    }
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const found = token?.startsWith(API_TOKEN_PREFIX) ? await store.tokenByHash(tokenHash(token)) : undefined;
    if (!found) return c.json({ error: 'authentication required: Authorization: Bearer <token> (souverain serve token create)' }, 401, { 'www-authenticate': 'Bearer' });
    if (write && found.scope !== 'write') return c.json({ error: 'this token is read-only' }, 403);
    // "Last used" to the minute: not a database write on every API request.
    if (!found.last_used_at || Date.now() - Date.parse(found.last_used_at) > 60_000) await store.touchToken(found.id);
    c.set('apiScope', found.scope);
    return next();
  });

  // ── pages: login required unless public; forms need Origin + synchronizer token ──
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/login' || c.req.path.startsWith('/static/') || c.req.path === '/healthz') return next();
    if (publicMode) {
      if (ADMIN_PAGES.test(c.req.path)) return c.html(messagePage(chrome(c), t(c.get('lang'), 'notFound'), t(c.get('lang'), 'notFound')), 404);
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.html(messagePage(chrome(c), t(c.get('lang'), 'forbidden'), t(c.get('lang'), 'forbidden')), 403);
      return next();
    }
    if (!c.get('user')) {
      if (c.req.method === 'GET') return c.redirect(`/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
      return c.text('authentication required', 401);
    }
    return next();
  });
  app.use('*', csrf());
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST' || c.req.path.startsWith('/api/') || c.req.path === '/login') return next();
    const body = await c.req.parseBody();
    const sent = typeof body._csrf === 'string' ? body._csrf : '';
    const user = c.get('user');
    if (!user || !sameSecret(sent, user.csrf)) return c.html(messagePage(chrome(c), t(c.get('lang'), 'forbidden'), t(c.get('lang'), 'csrf')), 403);
    return next();
  });

  // ── login / logout ──
  app.get('/login', (c) => (publicMode ? c.redirect('/', 303) : c.html(loginPage(chrome(c)))));
  app.post('/login', async (c) => {
    if (publicMode) return c.redirect('/', 303);
    const lang = c.get('lang');
    if (!loginLimiter.allow(clientKey(c))) return c.html(loginPage(chrome(c), t(lang, 'tooMany')), 429);
    const body = await c.req.parseBody();
    const user = await store.userByName(str(body.name, 200));
    const ok = user ? await verifyPassword(typeof body.password === 'string' ? body.password.slice(0, 1000) : '', user.password_hash) : false;
    if (!user || !ok) return c.html(loginPage(chrome(c), t(lang, 'badLogin')), 401);
    const token = newSecret();
    await store.createSession(tokenHash(token), user.id, newSecret(), new Date(Date.now() + sessionMs).toISOString());
    setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c), maxAge: Math.floor(sessionMs / 1000) });
    const next = c.req.query('next');
    return c.redirect(next && /^\/(?![/\\])/.test(next) ? next : '/', 303);
  });
  app.post('/logout', async (c) => {
    const user = c.get('user');
    if (user) await store.deleteSession(user.tokenHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  // ── overview ──
  const filterOf = (c: Context): SiteFilter => {
    const filter: SiteFilter = {};
    for (const key of ['q', 'verdict', 'group', 'tag'] as const) {
      const value = c.req.query(key)?.trim().slice(0, 200);
      if (value) filter[key] = value;
    }
    return filter;
  };
  app.get('/', async (c) => {
    const filter = filterOf(c);
    const offset = intParam(c.req.query('offset')) ?? 0;
    const sites = await store.listSites(filter, offset, 50);
    const [trends, counts, groups] = await Promise.all([store.recentVerdicts(sites.items.map((s) => s.id), 12), store.verdictCounts(), store.groups()]);
    return c.html(overviewPage(chrome(c, c.req.query('notice') ? t(c.get('lang'), 'auditQueued') : undefined), { sites, trends, counts, groups, filter }));
  });

  // ── sites ──
  app.post('/sites', async (c) => {
    const lang = c.get('lang');
    let input: SiteInput;
    try {
      input = siteInput(await c.req.parseBody(), true);
    } catch (error) {
      return c.html(messagePage(chrome(c), t(lang, 'badInput'), `${t(lang, 'badInput')}: ${(error as Error).message}`), 400);
    }
    const id = await store.createSite({ ...input, url: input.url!, next_audit_at: nextRun(input.schedule) });
    return c.redirect(`/sites/${id}`, 303);
  });

  const timeline = async (siteId: number, offset: number, lang: Lang) => {
    const page = await store.listAudits(siteId, offset, 20);
    const items: TimelineEntry[] = await Promise.all(page.items.map(async (audit) => ({ audit, refused: refusedOf(audit), ...(await changesFor(audit, lang)) })));
    return { ...page, items };
  };
  const changesFor = async (audit: AuditSummary, lang: Lang): Promise<{ changes?: TimelineEntry['changes'] }> => {
    if (audit.status !== 'done') return {};
    const previous = await store.previousDoneAudit(audit.site_id, audit.id);
    const current = await store.auditReport(audit.id);
    if (!previous?.report_json || !current?.report_json) return {};
    const { sentences } = summariseChanges(JSON.parse(previous.report_json) as AuditReport, JSON.parse(current.report_json) as AuditReport, lang);
    return { changes: { since: previous.finished_at, sentences } };
  };

  app.get('/sites/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const site = id === undefined ? undefined : await store.site(id);
    if (!site) return c.html(messagePage(chrome(c), t(c.get('lang'), 'notFound'), t(c.get('lang'), 'notFound')), 404);
    const offset = intParam(c.req.query('offset')) ?? 0;
    const notice = c.req.query('queued') ? t(c.get('lang'), 'auditQueued') : c.req.query('busy') ? t(c.get('lang'), 'alreadyQueued') : undefined;
    return c.html(sitePage(chrome(c, notice), site, await timeline(site.id, offset, c.get('lang'))));
  });
  app.post('/sites/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const site = id === undefined ? undefined : await store.site(id);
    if (!site) return c.text('not found', 404);
    try {
      const input = siteInput(await c.req.parseBody(), false);
      await store.updateSite(site.id, { ...input, name: input.name || site.name, next_audit_at: nextRun(input.schedule) });
    } catch (error) {
      return c.html(messagePage(chrome(c), t(c.get('lang'), 'badInput'), `${t(c.get('lang'), 'badInput')}: ${(error as Error).message}`), 400);
    }
    return c.redirect(`/sites/${site.id}`, 303);
  });
  app.post('/sites/:id/delete', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id !== undefined) await store.deleteSite(id);
    return c.redirect('/', 303);
  });
  app.post('/sites/:id/audit', async (c) => {
    const id = intParam(c.req.param('id'));
    const site = id === undefined ? undefined : await store.site(id);
    if (!site) return c.text('not found', 404);
    if (!auditLimiter.allow(`user:${c.get('user')?.id}`)) return c.html(messagePage(chrome(c), t(c.get('lang'), 'slowDown'), t(c.get('lang'), 'slowDown')), 429);
    if (await store.hasOpenAudit(site.id)) return c.redirect(`/sites/${site.id}?busy=1`, 303);
    await runner.requestAudit(site, 'server');
    return c.redirect(`/sites/${site.id}?queued=1`, 303);
  });

  // ── reports ──
  const reportOf = async (c: Context<Env>): Promise<string | undefined> => {
    const id = intParam(c.req.param('id'));
    return id === undefined ? undefined : (await store.auditReport(id))?.report_json ?? undefined;
  };
  app.get('/audits/:id/report', async (c) => {
    const json = await reportOf(c);
    if (!json) return c.text('not found', 404);
    const { renderHtml } = await import('../report/formats/html.js');
    const page = renderHtml(JSON.parse(json) as AuditReport, { lang: c.get('lang'), color: false });
    return c.body(page, 200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': REPORT_CSP });
  });
  app.get('/audits/:id/report.json', async (c) => {
    const json = await reportOf(c);
    if (!json) return c.text('not found', 404);
    return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="souverain-audit-${c.req.param('id')}.json"` });
  });

  // ── organisations ──
  app.get('/organisations', async (c) => {
    const [rows, counts] = await Promise.all([store.organisationReach(), store.verdictCounts()]);
    const audited = Object.entries(counts).filter(([verdict]) => verdict !== 'none').reduce((sum, [, n]) => sum + n, 0);
    return c.html(organisationsPage(chrome(c), rows, audited));
  });

  // ── webhooks and tokens (admin) ──
  app.get('/webhooks', async (c) => c.html(webhooksPage(chrome(c), await store.listWebhooks(), await store.listDeliveries(0, 100))));
  app.post('/webhooks', async (c) => {
    const url = str((await c.req.parseBody()).url, 2000);
    if (!/^https?:\/\//i.test(url)) return c.html(messagePage(chrome(c), t(c.get('lang'), 'badInput'), t(c.get('lang'), 'badInput')), 400);
    await store.createWebhook(url);
    return c.redirect('/webhooks', 303);
  });
  app.post('/webhooks/:id/delete', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id !== undefined) await store.deleteWebhook(id);
    return c.redirect('/webhooks', 303);
  });
  app.get('/tokens', async (c) => c.html(tokensPage(chrome(c), await store.listTokens())));
  app.post('/tokens', async (c) => {
    const body = await c.req.parseBody();
    const scope: Scope = body.scope === 'write' ? 'write' : 'read';
    const token = newApiToken();
    await store.createToken(str(body.name, 100) || 'token', tokenHash(token), scope);
    return c.html(tokensPage(chrome(c), await store.listTokens(), token));
  });
  app.post('/tokens/:id/delete', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id !== undefined) await store.deleteToken(id);
    return c.redirect('/tokens', 303);
  });

  mountApi(app, options);
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'not found' }, 404) : c.html(messagePage(chrome(c), t(c.get('lang'), 'notFound'), t(c.get('lang'), 'notFound')), 404)));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const lang = c.get('lang') ?? 'en';
      const message = error.status === 403 ? t(lang, 'csrf') : error.message;
      return c.req.path.startsWith('/api/') ? c.json({ error: message }, error.status) : c.html(messagePage(chrome(c), t(lang, 'forbidden'), message), error.status);
    }
    // The background loops notice a database outage within seconds; until it is back, say so (503).
    const down = runner.health.database === 'down';
    const lang = c.get('lang') ?? 'en';
    if (c.req.path.startsWith('/api/')) return c.json({ error: down ? 'database unavailable' : 'internal error' }, down ? 503 : 500);
    return c.html(messagePage(chrome(c), 'souverain', down ? t(lang, 'databaseDown') : 'internal error'), down ? 503 : 500);
  });
  return app;
}

function refusedOf(audit: AuditSummary): { url: string; reason: string }[] {
  try {
    return audit.refused ? (JSON.parse(audit.refused) as { url: string; reason: string }[]) : [];
  } catch {
    return [];
  }
}

/** The JSON API: the same store calls as the pages (openapi.ts describes it). */
function mountApi(app: Hono<Env>, { store, runner }: AppOptions): void {
  const page = (c: Context) => ({ offset: intParam(c.req.query('offset')) ?? 0, limit: clampLimit(intParam(c.req.query('limit'))) });
  const siteJson = (site: Awaited<ReturnType<ServerStore['site']>> & object) => ({
    id: site.id, url: site.url, name: site.name, group: site.group_name, tags: site.tags.split(',').filter(Boolean), policy: site.policy,
    consent: site.consent.split(',').filter(Boolean), journey: site.journey || null, schedule: site.schedule || null,
    nextAuditAt: site.next_audit_at, lastAuditId: site.last_audit_id, lastAuditAt: site.last_audit_at, verdict: site.last_verdict,
  });
  const auditJson = (audit: AuditSummary) => ({
    id: audit.id, siteId: audit.site_id, status: audit.status, origin: audit.origin, verdict: audit.verdict, error: audit.error,
    refused: refusedOf(audit), createdAt: audit.created_at, startedAt: audit.started_at, finishedAt: audit.finished_at,
  });
  const bad = (c: Context, message: string) => c.json({ error: message }, 400);
  const readJson = async (c: Context): Promise<Record<string, unknown> | undefined> => {
    try {
      const body: unknown = await c.req.json();
      return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };

  app.get('/api/sites', async (c) => {
    const { offset, limit } = page(c);
    const filter: SiteFilter = {};
    for (const key of ['q', 'verdict', 'group', 'tag'] as const) {
      const value = c.req.query(key)?.slice(0, 200);
      if (value) filter[key] = value;
    }
    const result = await store.listSites(filter, offset, limit);
    return c.json({ items: result.items.map(siteJson), total: result.total, offset, limit });
  });
  app.post('/api/sites', async (c) => {
    const body = await readJson(c);
    if (!body) return bad(c, 'expected a JSON object');
    try {
      const input = siteInput({ ...body, tags: Array.isArray(body.tags) ? body.tags.join(',') : body.tags, consent: Array.isArray(body.consent) ? body.consent.join(',') : body.consent }, true);
      const id = await store.createSite({ ...input, url: input.url!, next_audit_at: nextRun(input.schedule) });
      return c.json(siteJson((await store.site(id))!), 201);
    } catch (error) {
      return bad(c, (error as Error).message);
    }
  });
  app.get('/api/sites/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const site = id === undefined ? undefined : await store.site(id);
    return site ? c.json(siteJson(site)) : c.json({ error: 'not found' }, 404);
  });
  app.delete('/api/sites/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id !== undefined) await store.deleteSite(id);
    return c.body(null, 204);
  });
  app.post('/api/sites/:id/audits', async (c) => {
    const id = intParam(c.req.param('id'));
    const site = id === undefined ? undefined : await store.site(id);
    if (!site) return c.json({ error: 'not found' }, 404);
    if (await store.hasOpenAudit(site.id)) return c.json({ error: 'an audit of this site is already queued or running' }, 409);
    const auditId = await runner.requestAudit(site, 'server');
    return c.json(auditJson((await store.auditSummary(auditId))!), 202);
  });
  app.get('/api/sites/:id/audits', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === undefined) return c.json({ error: 'not found' }, 404);
    const { offset, limit } = page(c);
    const result = await store.listAudits(id, offset, limit);
    return c.json({ items: result.items.map(auditJson), total: result.total, offset, limit });
  });
  app.get('/api/audits/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const audit = id === undefined ? undefined : await store.auditSummary(id);
    return audit ? c.json(auditJson(audit)) : c.json({ error: 'not found' }, 404);
  });
  app.get('/api/audits/:id/report', async (c) => {
    const id = intParam(c.req.param('id'));
    const json = id === undefined ? undefined : (await store.auditReport(id))?.report_json;
    return json ? c.body(json, 200, { 'content-type': 'application/json; charset=utf-8' }) : c.json({ error: 'not found' }, 404);
  });
  app.get('/api/audits/:id/changes', async (c) => {
    const id = intParam(c.req.param('id'));
    const audit = id === undefined ? undefined : await store.auditSummary(id);
    if (!audit) return c.json({ error: 'not found' }, 404);
    const previous = await store.previousDoneAudit(audit.site_id, audit.id);
    const current = await store.auditReport(audit.id);
    if (!previous?.report_json || !current?.report_json) return c.json({ previousAuditId: null, changes: [], diff: null });
    const lang = c.get('lang');
    const { diff, sentences } = summariseChanges(JSON.parse(previous.report_json) as AuditReport, JSON.parse(current.report_json) as AuditReport, lang);
    return c.json({ previousAuditId: previous.id, since: previous.finished_at, changes: sentences, diff });
  });
  app.get('/api/organisations', async (c) => c.json({ items: (await store.organisationReach(clampLimit(intParam(c.req.query('limit')), 200))) }));
  app.get('/api/webhooks', async (c) => c.json({ items: await store.listWebhooks() }));
  app.post('/api/webhooks', async (c) => {
    const body = await readJson(c);
    const url = str(body?.url, 2000);
    if (!/^https?:\/\//i.test(url)) return bad(c, 'url: an http(s) address');
    const id = await store.createWebhook(url);
    return c.json({ id, url }, 201);
  });
  app.delete('/api/webhooks/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id !== undefined) await store.deleteWebhook(id);
    return c.body(null, 204);
  });
  app.get('/api/deliveries', async (c) => {
    const { offset, limit } = page(c);
    return c.json({ items: await store.listDeliveries(offset, limit), offset, limit });
  });
  /** `souverain audit … --upload URL --token T`: a report made elsewhere joins its site's timeline. */
  app.post('/api/reports', async (c) => {
    const body = await readJson(c);
    const report = body as unknown as AuditReport | undefined;
    if (!report || typeof report.target !== 'string' || !VERDICTS.has(String(report.assessment?.verdict)) || !Array.isArray(report.collection?.pages) || !Array.isArray(report.enrichment?.hosts)) {
      return bad(c, 'expected a souverain JSON report (souverain audit --format json)');
    }
    let url: string;
    try {
      url = normaliseTarget(report.target);
    } catch (error) {
      return bad(c, (error as Error).message);
    }
    const site = (await store.siteByUrl(url)) ?? (await store.site(await store.createSite({ url, name: new URL(url).hostname, group_name: '', tags: '', policy: report.assessment.policy?.id ?? 'fr', consent: '', journey: '', schedule: '', next_audit_at: null })));
    const auditId = await store.createAudit(site!.id, 'upload', 'running');
    await runner.record({ id: auditId, site_id: site!.id }, site!, report, null, null);
    return c.json(auditJson((await store.auditSummary(auditId))!), 201);
  });
}
