/**
 * Server-rendered pages. Every interpolation goes through hono/html's `html` tag, which escapes it
 * for HTML text and attribute values; `raw` is used only for markup built here from escaped parts.
 * No script anywhere, no external asset: one stylesheet served by the app, charts as inline SVG.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatDate, shortDate, t, verdictText, type Lang } from './i18n.js';
import type { Health } from './runner.js';
import type { AuditSummary, Delivery, Page, Site, SiteFilter, Webhook } from './store.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Chrome {
  lang: Lang;
  /** Logged-in user name; undefined in public mode or on the login page. */
  user?: string;
  csrf?: string;
  publicMode: boolean;
  health: Health;
  /** The current path and query, for the language switch. */
  path: string;
  notice?: string;
}

export const STYLESHEET = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#000091;color:#fff;padding:.6em 1.2em;display:flex;gap:1.2em;align-items:center;flex-wrap:wrap}
header a{color:#fff}header strong{margin-right:auto}
main{padding:1em 1.2em;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.35em .5em;border-bottom:1px solid #ddd;vertical-align:top}
.v-sovereign{color:#18753c;font-weight:600}.v-not-sovereign{color:#ce0500;font-weight:600}.v-inconclusive{color:#b34000;font-weight:600}.v-none{color:#666}
.notice{background:#e8edff;padding:.5em 1em;border-left:4px solid #000091}.alert{background:#ffe9e6;padding:.5em 1em;border-left:4px solid #ce0500}
form.inline{display:inline}fieldset{border:1px solid #ccc;margin:1em 0;background:#fff}label{display:block;margin:.3em 0}
input[type=text],input[type=url],input[type=password]{width:min(40em,100%)}
.filters label{display:inline-block;margin-right:1em}.muted{color:#666}code{word-break:break-all}
nav.pages{margin:1em 0}nav.pages a{margin-right:1em}ul.changes li{margin:.2em 0}
`;

const VERDICT_COLOUR: Record<string, string> = { sovereign: '#18753c', 'not-sovereign': '#ce0500', inconclusive: '#b34000' };
const VERDICT_LEVEL: Record<string, number> = { sovereign: 2, inconclusive: 1, 'not-sovereign': 0 };

/** Last verdicts as a small step chart: up = sovereign, middle = inconclusive, down = not sovereign. */
export function sparkline(verdicts: string[], label: string): Html {
  if (verdicts.length === 0) return html`<span class="muted">—</span>`;
  const step = 10;
  const width = Math.max(step * verdicts.length, step);
  const y = (verdict: string) => 16 - 6 * (VERDICT_LEVEL[verdict] ?? 1) - 2;
  const points = verdicts.map((verdict, i) => `${i * step + 5},${y(verdict)}`).join(' ');
  const dots = verdicts.map((verdict, i) => `<circle cx="${i * step + 5}" cy="${y(verdict)}" r="2.5" fill="${VERDICT_COLOUR[verdict] ?? '#666'}"/>`).join('');
  return html`<svg role="img" aria-label="${label}" width="${width}" height="18" viewBox="0 0 ${width} 18"><polyline points="${points}" fill="none" stroke="#999" stroke-width="1"/>${raw(dots)}</svg>`;
}

export function verdictBadge(lang: Lang, verdict: string | null): Html {
  return html`<span class="v-${verdict ?? 'none'}">${verdictText(lang, verdict)}</span>`;
}

function otherLang(lang: Lang): Lang {
  return lang === 'fr' ? 'en' : 'fr';
}

function withQuery(path: string, key: string, value: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set(key, value);
  return url.pathname + url.search;
}

export function layout(chrome: Chrome, title: string, body: Html): Html {
  const { lang } = chrome;
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} — souverain</title><link rel="stylesheet" href="/static/app.css"></head>
<body><header><strong>${t(lang, 'appName')}</strong>
<a href="/">${chrome.publicMode ? t(lang, 'ranking') : t(lang, 'overview')}</a>
<a href="/organisations">${t(lang, 'organisations')}</a>
${chrome.user ? html`<a href="/webhooks">${t(lang, 'webhooks')}</a><a href="/tokens">${t(lang, 'tokens')}</a>` : ''}
<a href="${withQuery(chrome.path, 'lang', otherLang(lang))}" hreflang="${otherLang(lang)}">${t(lang, 'language')}</a>
${chrome.user ? html`<form class="inline" method="post" action="/logout"><input type="hidden" name="_csrf" value="${chrome.csrf ?? ''}"><button>${t(lang, 'logout')} (${chrome.user})</button></form>` : ''}
</header><main>
${chrome.health.database === 'down' ? html`<p class="alert" role="alert">${t(lang, 'databaseDown')}</p>` : ''}
${chrome.publicMode ? html`<p class="muted">${t(lang, 'publicNote')}</p>` : ''}
${chrome.notice ? html`<p class="notice" role="status">${chrome.notice}</p>` : ''}
<h1>${title}</h1>
${body}
</main></body></html>`;
}

export function csrfField(chrome: Chrome): Html {
  return html`<input type="hidden" name="_csrf" value="${chrome.csrf ?? ''}">`;
}

export function loginPage(chrome: Chrome, error?: string): Html {
  const { lang } = chrome;
  return layout(chrome, t(lang, 'login'), html`
${error ? html`<p class="alert" role="alert">${error}</p>` : ''}
<form method="post" action="/login">
<label>${t(lang, 'user')} <input type="text" name="name" autocomplete="username" required maxlength="200"></label>
<label>${t(lang, 'password')} <input type="password" name="password" autocomplete="current-password" required maxlength="1000"></label>
<button>${t(lang, 'login')}</button></form>`);
}

function pager(chrome: Chrome, page: Page<unknown>): Html {
  const { lang } = chrome;
  const last = Math.min(page.offset + page.items.length, page.total);
  const prev = page.offset > 0 ? withQuery(chrome.path, 'offset', String(Math.max(0, page.offset - page.limit))) : undefined;
  const next = last < page.total ? withQuery(chrome.path, 'offset', String(page.offset + page.limit)) : undefined;
  return html`<nav class="pages">${page.total === 0 ? '' : `${page.offset + 1}–${last}`} ${t(lang, 'of')} ${page.total}
${prev ? html`<a href="${prev}" rel="prev">${t(lang, 'previous')}</a>` : ''}${next ? html`<a href="${next}" rel="next">${t(lang, 'next')}</a>` : ''}</nav>`;
}

export function overviewPage(chrome: Chrome, data: { sites: Page<Site>; trends: Map<number, string[]>; counts: Record<string, number>; groups: string[]; filter: SiteFilter }): Html {
  const { lang } = chrome;
  const { filter } = data;
  const verdicts = ['sovereign', 'not-sovereign', 'inconclusive', 'none'];
  const rows = data.sites.items.map((site) => html`<tr>
<td><a href="/sites/${site.id}">${site.name}</a><br><code class="muted">${site.url}</code></td>
<td>${verdictBadge(lang, site.last_verdict)}</td>
<td>${sparkline(data.trends.get(site.id) ?? [], t(lang, 'trend'))}</td>
<td>${site.last_audit_at ? formatDate(lang, site.last_audit_at) : t(lang, 'noAudit')}</td>
<td>${site.schedule ? formatDate(lang, site.next_audit_at) : t(lang, 'manual')}</td>
<td>${site.group_name}</td><td>${site.tags.split(',').filter(Boolean).map((tag) => html`<a href="/?tag=${encodeURIComponent(tag)}">${tag}</a> `)}</td></tr>`);
  return layout(chrome, chrome.publicMode ? t(lang, 'ranking') : t(lang, 'overview'), html`
<p>${verdicts.map((v) => html`<a href="/?verdict=${v}">${verdictBadge(lang, v === 'none' ? null : v)}</a>: ${data.counts[v] ?? 0} &nbsp; `)}</p>
<form class="filters" method="get" action="/">
<label>${t(lang, 'search')} <input type="text" name="q" value="${filter.q ?? ''}" maxlength="200"></label>
<label>${t(lang, 'verdict')} <select name="verdict"><option value="">${t(lang, 'any')}</option>${verdicts.map((v) => html`<option value="${v}"${filter.verdict === v ? raw(' selected') : ''}>${verdictText(lang, v === 'none' ? null : v)}</option>`)}</select></label>
<label>${t(lang, 'group')} <select name="group"><option value="">${t(lang, 'any')}</option>${data.groups.map((g) => html`<option${filter.group === g ? raw(' selected') : ''}>${g}</option>`)}</select></label>
<label>${t(lang, 'tags')} <input type="text" name="tag" value="${filter.tag ?? ''}" maxlength="100" size="10"></label>
<button>${t(lang, 'filter')}</button></form>
<table><thead><tr><th>${t(lang, 'site')}</th><th>${t(lang, 'verdict')}</th><th>${t(lang, 'trend')}</th><th>${t(lang, 'lastAudit')}</th><th>${t(lang, 'nextAudit')}</th><th>${t(lang, 'group')}</th><th>${t(lang, 'tags')}</th></tr></thead>
<tbody>${rows}</tbody></table>
${pager(chrome, data.sites)}
${chrome.user ? siteForm(chrome, undefined) : ''}`);
}

export function siteForm(chrome: Chrome, site: Site | undefined): Html {
  const { lang } = chrome;
  return html`<fieldset><legend>${site ? t(lang, 'settings') : t(lang, 'addSite')}</legend>
<form method="post" action="${site ? `/sites/${site.id}` : '/sites'}">${csrfField(chrome)}
${site ? '' : html`<label>${t(lang, 'url')} <input type="url" name="url" required maxlength="2000"></label>`}
<label>${t(lang, 'name')} <input type="text" name="name" value="${site?.name ?? ''}" maxlength="200"></label>
<label>${t(lang, 'group')} <input type="text" name="group" value="${site?.group_name ?? ''}" maxlength="200"></label>
<label>${t(lang, 'tags')} <input type="text" name="tags" value="${site?.tags ?? ''}" maxlength="500"></label>
<label>${t(lang, 'policy')} <input type="text" name="policy" value="${site?.policy ?? 'fr'}" maxlength="500"></label>
<label>${t(lang, 'consent')} <input type="text" name="consent" value="${site?.consent ?? ''}" maxlength="100"></label>
<label>${t(lang, 'journey')} <input type="text" name="journey" value="${site?.journey ?? ''}" maxlength="1000"></label>
<label>${t(lang, 'schedule')} <input type="text" name="schedule" value="${site?.schedule ?? ''}" maxlength="200"></label>
<button>${site ? t(lang, 'save') : t(lang, 'add')}</button></form></fieldset>`;
}

export interface TimelineEntry {
  audit: AuditSummary;
  changes?: { since: string | null; sentences: string[] };
  refused: { url: string; reason: string }[];
}

export function sitePage(chrome: Chrome, site: Site, timeline: Page<TimelineEntry>): Html {
  const { lang } = chrome;
  const items = timeline.items.map(({ audit, changes, refused }) => html`<li id="audit-${audit.id}">
<strong>${formatDate(lang, audit.finished_at ?? audit.created_at)}</strong> — ${audit.status === 'done' ? verdictBadge(lang, audit.verdict) : t(lang, audit.status)}
${audit.status === 'done' || audit.verdict ? html` — <a href="/audits/${audit.id}/report">${t(lang, 'report')}</a> · <a href="/audits/${audit.id}/report.json">${t(lang, 'json')}</a>` : ''}
${audit.error ? html`<br><span class="alert">${t(lang, 'error')}: ${audit.error}</span>` : ''}
${refused.length ? html`<br>${t(lang, 'refused')}: <ul>${refused.slice(0, 10).map((r) => html`<li><code>${r.url}</code> — ${r.reason}</li>`)}</ul>` : ''}
${changes ? html`<br>${t(lang, 'changes')} ${changes.since ? html`(${t(lang, 'since')} ${shortDate(lang, changes.since)})` : ''}: <ul class="changes">${changes.sentences.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
</li>`);
  return layout(chrome, site.name, html`
<p><code>${site.url}</code> — ${verdictBadge(lang, site.last_verdict)} — ${t(lang, 'nextAudit')}: ${site.schedule ? formatDate(lang, site.next_audit_at) : t(lang, 'manual')}</p>
${chrome.user ? html`<form method="post" action="/sites/${site.id}/audit">${csrfField(chrome)}<button>${t(lang, 'auditNow')}</button></form>` : ''}
<h2>${t(lang, 'timeline')}</h2><ol>${items}</ol>${pager(chrome, timeline)}
${chrome.user ? html`${siteForm(chrome, site)}<form method="post" action="/sites/${site.id}/delete">${csrfField(chrome)}<button>${t(lang, 'delete')}</button></form>` : ''}`);
}

export function organisationsPage(chrome: Chrome, rows: { name: string; jurisdiction: string; laws: string; sites: number }[], totalSites: number): Html {
  const { lang } = chrome;
  const max = Math.max(1, ...rows.map((row) => row.sites));
  return layout(chrome, t(lang, 'organisations'), html`<table><thead><tr><th>${t(lang, 'organisation')}</th><th>${t(lang, 'jurisdiction')}</th><th>${t(lang, 'laws')}</th><th>${t(lang, 'reach')}</th></tr></thead><tbody>
${rows.map((row) => html`<tr><td>${row.name}</td><td>${row.jurisdiction}</td><td>${row.laws}</td><td><svg width="120" height="10" role="img" aria-label="${row.sites}"><rect width="${Math.round((120 * row.sites) / max)}" height="10" fill="#000091"/></svg> ${row.sites} / ${totalSites}</td></tr>`)}
</tbody></table>`);
}

export function webhooksPage(chrome: Chrome, hooks: Webhook[], deliveries: Delivery[]): Html {
  const { lang } = chrome;
  return layout(chrome, t(lang, 'webhooks'), html`<ul>${hooks.map((hook) => html`<li><code>${hook.url}</code>
<form class="inline" method="post" action="/webhooks/${hook.id}/delete">${csrfField(chrome)}<button>${t(lang, 'delete')}</button></form></li>`)}</ul>
<form method="post" action="/webhooks">${csrfField(chrome)}<label>${t(lang, 'webhookUrl')} <input type="url" name="url" required maxlength="2000"></label><button>${t(lang, 'add')}</button></form>
<h2>${t(lang, 'deliveries')}</h2><table><thead><tr><th>#</th><th>${t(lang, 'event')}</th><th>${t(lang, 'status')}</th><th>${t(lang, 'attempts')}</th><th>${t(lang, 'error')}</th></tr></thead><tbody>
${deliveries.map((d) => html`<tr><td>${d.id}</td><td>${d.event}</td><td>${d.status}</td><td>${d.attempts}</td><td>${d.last_error ?? ''}</td></tr>`)}</tbody></table>`);
}

export function tokensPage(chrome: Chrome, tokens: { id: number; name: string; scope: string; created_at: string; last_used_at: string | null }[], created?: string): Html {
  const { lang } = chrome;
  return layout(chrome, t(lang, 'tokens'), html`${created ? html`<p class="notice">${t(lang, 'newToken')} <code id="new-token">${created}</code></p>` : ''}
<table><thead><tr><th>${t(lang, 'name')}</th><th>${t(lang, 'scope')}</th><th>${t(lang, 'lastAudit')}</th><th></th></tr></thead><tbody>
${tokens.map((token) => html`<tr><td>${token.name}</td><td>${token.scope}</td><td>${formatDate(lang, token.last_used_at)}</td><td><form class="inline" method="post" action="/tokens/${token.id}/delete">${csrfField(chrome)}<button>${t(lang, 'delete')}</button></form></td></tr>`)}</tbody></table>
<form method="post" action="/tokens">${csrfField(chrome)}<label>${t(lang, 'name')} <input type="text" name="name" required maxlength="100"></label>
<label>${t(lang, 'scope')} <select name="scope"><option>read</option><option>write</option></select></label><button>${t(lang, 'create')}</button></form>`);
}

export function messagePage(chrome: Chrome, title: string, message: string): Html {
  return layout(chrome, title, html`<p>${message}</p>`);
}
