/**
 * The HTML report: one self-contained file for an auditor to hand to a DPO. Verdict banner first,
 * findings grouped by controlling company with chain and law, then every host, cookie, storage key,
 * infrastructure component, the capture itself and the data sources with their licences.
 *
 * Safe to open: a CSP meta forbids every load but inline styles and data: images, no script is
 * emitted, URLs are printed as text (never links), and every value goes through the escaping `h`
 * tag (src/report/html-kit.ts).
 */
import type {
  Attribution, AuditReport, Control, CookieRecord, DataSourceInfo, HostAttribution, InfraComponent, PageCapture,
  Provenance, RequestRecord, Verdict,
} from '../../types.js';
import { alternativesText, groupSize, subjectAbout, subjectName, verdictReason, warningText } from '../describe.js';
import { REPORT_CSS } from '../html-style.js';
import { html as h, isPngBase64, join, SafeHtml } from '../html-kit.js';
import {
  type Lang, categoryLabel, formatSeconds, formatTimestamp, pick, roleLabel, t, verdictLabel,
} from '../i18n.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import {
  type CompanyGroup, type FindingItem, allHosts, attributionsForRole, captureWarnings, counts, entityName,
  failedNavigation, groupViolations, hostAttribution, isAllowed, requestsByHost, sortedHosts, unknownItems, unknownReasons,
} from '../model.js';
import { shortChain } from '../text.js';
import { pageUrl } from '../../shared/url.js';

/** The page may load nothing: no script, font, frame or remote image; only inline styles and data: images. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const VERDICT_MARK: Record<Verdict, string> = { sovereign: '✓', 'not-sovereign': '✗', inconclusive: '?' };

interface Ctx {
  report: AuditReport;
  lang: Lang;
}

// ───────────────────────────── small pieces ─────────────────────────────

function countryName(lang: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A jurisdiction badge: red when the policy does not allow it, green when it does, grey when unknown. */
function jurisdictionBadge(ctx: Ctx, code: string | undefined): SafeHtml {
  if (!code || code === 'unknown') return h`<span class="jur jur--unknown">${t(ctx.lang, 'value.unknown')}</span>`;
  const kind = isAllowed(ctx.report, code) ? 'allowed' : 'foreign';
  return h`<span class="jur jur--${kind}" title="${countryName(ctx.lang, code)}">${code}</span>`;
}

function unknownValue(ctx: Ctx): SafeHtml {
  return h`<span class="unknown">${t(ctx.lang, 'value.unknown')}</span>`;
}

function provenanceText(source: Provenance): string {
  const asOf = source.asOf && source.asOf !== source.version ? `(${source.asOf})` : '';
  return [source.source, source.version, asOf].filter(Boolean).join(' ');
}

/** A host name that may break after its dots, and only there, in narrow table cells. */
function hostName(host: string): SafeHtml {
  return join(host.split('.').map((label, index, labels) => (index < labels.length - 1 ? h`${label}.<wbr>` : h`${label}`)), '');
}

function section(id: string, title: string, body: SafeHtml): SafeHtml {
  return h`<section id="${id}"><h2>${title}</h2>${body}</section>`;
}

function empty(text: string): SafeHtml {
  return h`<p class="empty">${text}</p>`;
}

function table(headers: string[], rows: SafeHtml[]): SafeHtml {
  return h`<div class="table-wrap"><table><thead><tr>${headers.map((header) => h`<th scope="col">${header}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

// ───────────────────────────── head, verdict, overview ─────────────────────────────

function documentHead(ctx: Ctx): SafeHtml {
  const { report, lang } = ctx;
  const title = `${t(lang, 'report.title')} — ${verdictLabel(lang, report.assessment.verdict)} — ${report.target}`;
  return h`<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${report.tool.name} ${report.tool.version}">
<title>${title}</title>
<style>${new SafeHtml(REPORT_CSS)}</style>
</head>`;
}

function masthead(ctx: Ctx): SafeHtml {
  const { report, lang } = ctx;
  return h`<header class="masthead">
<div class="brand">${report.tool.name}<span>${t(lang, 'report.title')}</span></div>
<div class="meta">${t(lang, 'report.generatedBy', { tool: report.tool.name, version: report.tool.version, date: formatTimestamp(report.generatedAt) })}</div>
</header>`;
}

function verdictBanner(ctx: Ctx): SafeHtml {
  const { report, lang } = ctx;
  const { verdict, policy } = report.assessment;
  const allowed = policy.allowedJurisdictions;
  const navigation = failedNavigation(report);
  return h`<section class="verdict verdict--${verdict}" aria-label="${verdictLabel(lang, verdict)}">
<div class="verdict__mark" aria-hidden="true">${VERDICT_MARK[verdict]}</div>
<div>
<p class="verdict__label">${verdictLabel(lang, verdict)}</p>
<p class="verdict__policy">${t(lang, 'verdict.underPolicy', { id: policy.id, name: policy.name })}</p>
<p class="verdict__target">${t(lang, 'report.target')} <code>${report.target}</code></p>
${navigation ? h`<p class="verdict__why">${t(lang, 'verdict.failedCapture', navigation)}</p>` : ''}
<p class="verdict__why">${verdictReason(report, lang)}</p>
<p class="muted small">${t(lang, 'verdict.allowed', { list: allowed.length > 0 ? allowed.join(', ') : t(lang, 'verdict.allowedNone') })}</p>
</div>
</section>`;
}

function warningsBox(ctx: Ctx): SafeHtml {
  const warnings = captureWarnings(ctx.report);
  if (warnings.length === 0) return h``;
  return h`<section class="warnings" id="warnings"><h2>${t(ctx.lang, 'section.warnings')}</h2>
<ul>${warnings.map((warning) => h`<li>${warningText(warning, ctx.lang)}</li>`)}</ul></section>`;
}

function stat(label: string, value: number, note = '', alert = false): SafeHtml {
  return h`<div class="stat${alert ? ' stat--alert' : ''}"><dt>${label}</dt><dd>${value}${note ? h`<small>${note}</small>` : ''}</dd></div>`;
}

function overview(ctx: Ctx): SafeHtml {
  const { report, lang } = ctx;
  const n = counts(report);
  const foreign = groupViolations(report).companies.filter((group) => group.blocking).length;
  const shot = screenshotFigure(ctx);
  return h`<section class="overview${shot ? '' : ' overview--noshot'}" aria-label="${t(lang, 'section.summary')}">
<div>
<dl class="stats">
${stat(t(lang, 'count.hosts'), n.hosts)}
${stat(t(lang, 'count.thirdPartyHosts'), n.thirdPartyHosts)}
${stat(t(lang, 'count.requests'), n.requests)}
${stat(t(lang, 'count.cookies'), n.cookiesStored + n.cookiesAttempted, t(lang, 'count.cookiesDetail', { stored: n.cookiesStored, attempted: n.cookiesAttempted }))}
${stat(t(lang, 'count.thirdParties'), n.thirdPartyCompanies)}
${stat(t(lang, 'count.foreignCompanies'), foreign, '', foreign > 0)}
</dl>
${pageFacts(ctx)}
</div>
${shot ?? ''}
</section>`;
}

function pageFacts(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  return h`${ctx.report.collection.pages.map((page) => h`<div class="facts-card"><dl class="kv">
<dt>${t(lang, 'capture.page')}</dt><dd><code>${page.requestedUrl}</code></dd>
${page.finalUrl && page.finalUrl !== page.requestedUrl ? h`<dt>${t(lang, 'capture.finalUrl')}</dt><dd><code>${page.finalUrl}</code></dd>` : ''}
<dt>${t(lang, 'capture.title')}</dt><dd>${page.title || '—'}</dd>
<dt>${t(lang, 'capture.startedAt')}</dt><dd>${formatTimestamp(page.startedAt)} · ${formatSeconds(lang, page.durationMs)}${page.partial ? h` <span class="tag tag--warn">${t(lang, 'capture.partial')}</span>` : ''}</dd>
</dl></div>`)}`;
}

/** The first valid screenshot as a data: image; one that is not a PNG is left out, and said so. */
function screenshotFigure(ctx: Ctx): SafeHtml | undefined {
  const page = ctx.report.collection.pages.find((candidate) => candidate.screenshot);
  if (!page?.screenshot) return undefined;
  const caption = t(ctx.lang, 'value.screenshotAlt', { url: pageUrl(page) });
  if (!isPngBase64(page.screenshot)) return h`<figure class="shot"><figcaption>${t(ctx.lang, 'value.screenshotInvalid')}</figcaption></figure>`;
  return h`<figure class="shot"><img src="data:image/png;base64,${page.screenshot}" alt="${caption}"><figcaption>${caption}</figcaption></figure>`;
}

// ───────────────────────────── findings ─────────────────────────────

function urlChain(urls: readonly string[]): SafeHtml {
  return h`<ol class="chain">${urls.map((url) => h`<li><code title="${url}">${shortChain([url], 0, 90)[0] ?? url}</code></li>`)}</ol>`;
}

/** Evidence inline when short, folded (without script: <details>) when long. */
function evidenceList(ctx: Ctx, evidence: readonly string[]): SafeHtml {
  if (evidence.length === 0) return h``;
  const items = evidence.map((entry) => h`<li><code>${entry}</code></li>`);
  const body = evidence.length <= 2
    ? h`<ul class="plain">${items}</ul>`
    : h`<details class="more"><summary>${t(ctx.lang, 'finding.evidenceCount', { count: evidence.length })}</summary><ul class="plain">${items}</ul></details>`;
  return h`<dt>${t(ctx.lang, 'finding.evidence')}</dt><dd>${body}</dd>`;
}

/** Role, company chain (one per role when they differ) and server location rows. */
function roleFacts(ctx: Ctx, item: FindingItem): SafeHtml {
  const { lang } = ctx;
  const roles = item.roles.filter((entry) => entry.role !== '');
  const chains = item.roles.filter((entry) => entry.chain.length > 0);
  const sameChain = new Set(chains.map((entry) => entry.chain.join('\u0000'))).size <= 1;
  const chainRows = sameChain
    ? chains.slice(0, 1).map((entry) => h`<dt>${t(lang, 'finding.chain')}</dt><dd>${chainMarkup(entry.chain)}</dd>`)
    : chains.map((entry) => h`<dt>${t(lang, 'finding.chain')} (${roleLabel(lang, entry.role)})</dt><dd>${chainMarkup(entry.chain)}</dd>`);
  const server = item.subject.type === 'host' && item.serverCountry
    ? h`<dt>${t(lang, 'finding.location')}</dt><dd>${item.serverCountry} <span class="muted">${countryName(lang, item.serverCountry)}</span></dd>`
    : '';
  return h`${roles.length > 0 ? h`<dt>${t(lang, 'finding.role')}</dt><dd>${roles.map((entry) => h`<span class="role">${roleLabel(lang, entry.role)}</span>`)}</dd>` : ''}${chainRows}${server}`;
}

function chainMarkup(chain: readonly string[]): SafeHtml {
  return h`<ol class="chain">${chain.map((name, index) => h`<li${index === chain.length - 1 ? h` class="chain__top"` : ''}>${name}</li>`)}</ol>`;
}

function itemFacts(ctx: Ctx, item: FindingItem, unknownNotes: SafeHtml = h``): SafeHtml {
  const { lang } = ctx;
  const sources = item.provenance.map(provenanceText).join(' · ');
  return h`<dl class="facts">
${roleFacts(ctx, item)}
${item.broughtInBy.length > 0 ? h`<dt>${t(lang, 'finding.broughtInBy')}</dt><dd>${urlChain(item.broughtInBy)}</dd>` : ''}
${item.alternatives.length > 0 ? h`<dt>${t(lang, 'finding.alternative')}</dt><dd class="${item.alternativesAsFor ? 'muted' : 'alt'}">${alternativesText(item, lang)}</dd>` : ''}
${unknownNotes}
${evidenceList(ctx, item.evidence)}
${sources ? h`<dt>${t(lang, 'finding.sources')}</dt><dd class="muted small">${sources}</dd>` : ''}
</dl>`;
}

function itemBlock(ctx: Ctx, item: FindingItem, unknownNotes?: SafeHtml): SafeHtml {
  const { lang } = ctx;
  const about = subjectAbout(item, lang);
  return h`<li class="item">
<div class="item__head"><code class="item__subject">${item.subject.type === 'host' ? hostName(item.subject.host) : subjectName(item, lang)}</code>${about ? h`<span class="item__about">${about}</span>` : ''}${item.blocking ? '' : h`<span class="tag">${t(lang, 'finding.notBlocking')}</span>`}</div>
${item.messages.length > 0 ? h`<p class="item__message">${join(item.messages.map((message) => pick(lang, message)), ' ')}</p>` : ''}
${itemFacts(ctx, item, unknownNotes)}
</li>`;
}

function companyCard(ctx: Ctx, group: CompanyGroup): SafeHtml {
  const { lang } = ctx;
  const country = group.jurisdiction === 'unknown' ? t(lang, 'value.unknown') : countryName(lang, group.jurisdiction);
  const laws = group.laws.map((law) => h`<li><span class="law">${law.name}</span>${law.note ? h`<span class="muted">${law.note}</span>` : ''}</li>`);
  return h`<article class="company${group.blocking ? ' company--blocking' : ''}">
<header class="company__head">
<div class="company__title"><h3>${group.name}</h3> ${jurisdictionBadge(ctx, group.jurisdiction)} <span class="muted">${country}</span><span class="company__count">${groupSize(group, lang)}</span></div>
${laws.length > 0 ? h`<ul class="laws" aria-label="${t(lang, 'finding.law')}">${laws}</ul>` : ''}
</header>
<ul class="items">${group.items.map((item) => itemBlock(ctx, item))}</ul>
</article>`;
}

function findingsSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const { companies, other } = groupViolations(ctx.report);
  const body = companies.length === 0 && other.length === 0
    ? empty(t(lang, 'finding.noFindings'))
    : h`<p class="intro">${t(lang, 'finding.intro')}</p>${companies.map((group) => companyCard(ctx, group))}${other.length > 0
      ? h`<article class="company"><header class="company__head"><h3>${t(lang, 'section.otherFindings')}</h3></header><ul class="items">${other.map((item) => itemBlock(ctx, item))}</ul></article>`
      : ''}`;
  return section('findings', t(lang, 'section.findings'), body);
}

function unknownsSection(ctx: Ctx): SafeHtml {
  const { lang, report } = ctx;
  const items = unknownItems(report);
  if (items.length === 0) return section('unknowns', t(lang, 'section.unknowns'), empty(t(lang, 'finding.noUnknowns')));
  const blocks = items.map((item) => {
    const { reasons, tried } = unknownReasons(item.roles.flatMap((entry) => attributionsForRole(hostAttribution(report, item.subject.host), entry.role)));
    const notes = h`${reasons.length > 0 ? h`<dt>${t(lang, 'finding.whyUnknown')}</dt><dd>${reasons.join(' · ')}</dd>` : ''}${tried.length > 0 ? h`<dt>${t(lang, 'finding.tried')}</dt><dd>${tried.join(', ')}</dd>` : ''}`;
    return itemBlock(ctx, item, notes);
  });
  return section('unknowns', t(lang, 'section.unknowns'), h`<article class="company"><ul class="items">${blocks}</ul></article>`);
}

function rulesSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const rows = ctx.report.assessment.rules.map((rule) => h`<tr>
<td class="status-${rule.status}">${t(lang, `rule.${rule.status}`)}</td>
<td><code>${rule.id}</code></td>
<td>${pick(lang, rule.title)}</td>
<td>${t(lang, rule.blocking ? 'rule.blocking' : 'rule.informative')}</td>
<td class="num">${rule.findings.length}</td></tr>`);
  const headers = (['rule.status', 'rule.id', 'rule.title', 'rule.kind', 'rule.findings'] as const).map((key) => t(lang, key));
  return section('rules', t(lang, 'section.rules'), rows.length > 0 ? table(headers, rows) : empty('—'));
}

// ───────────────────────────── hosts ─────────────────────────────

function vendorCell(ctx: Ctx, host: HostAttribution): SafeHtml {
  const cdn = host.cdn?.status === 'known'
    ? h`<span class="sub">${t(ctx.lang, 'host.cdn', { entity: entityName(ctx.report, host.cdn.value.entity) })}</span>`
    : '';
  if (host.vendor.status !== 'known') return h`${unknownValue(ctx)}${cdn}`;
  const { entity, service } = host.vendor.value;
  return h`${entityName(ctx.report, entity)}${service ? h`<span class="sub">${service}</span>` : ''}${cdn}`;
}

function operatorCell(ctx: Ctx, host: HostAttribution): SafeHtml {
  const network = host.network.status === 'known' ? host.network.value : undefined;
  const asn = network ? h`<span class="sub">AS${network.asn} ${network.asOrganisation}</span>` : '';
  const name = host.operator.status === 'known' ? entityName(ctx.report, host.operator.value.entity) : unknownValue(ctx);
  return h`${name}${asn}`;
}

function controls(host: HostAttribution): { role: 'vendor' | 'operator'; control?: Control }[] {
  const known = (attribution: Attribution<Control>): Control | undefined => (attribution.status === 'known' ? attribution.value : undefined);
  return [{ role: 'vendor', control: known(host.vendorControl) }, { role: 'operator', control: known(host.operatorControl) }];
}

/** Parent and jurisdiction cells: one line when vendor and operator agree, one per role otherwise. */
function parentCells(ctx: Ctx, host: HostAttribution): [SafeHtml, SafeHtml] {
  const [vendor, operator] = controls(host);
  const same = vendor?.control?.ultimateParent === operator?.control?.ultimateParent;
  const entries = same ? [vendor!] : [vendor!, operator!];
  const label = (role: string): SafeHtml => (same ? h`` : h`<span class="sub">${roleLabel(ctx.lang, role)}</span>`);
  const parents = entries.map((entry) => h`<div>${entry.control ? entry.control.ultimateParentName : unknownValue(ctx)}${label(entry.role)}</div>`);
  const jurisdictions = entries.map((entry) => h`<div>${jurisdictionBadge(ctx, entry.control?.jurisdiction)}${label(entry.role)}</div>`);
  return [h`${parents}`, h`${jurisdictions}`];
}

function hostRow(ctx: Ctx, host: HostAttribution, requests: number): SafeHtml {
  const { lang } = ctx;
  const [parents, jurisdictions] = parentCells(ctx, host);
  const location = host.serverLocation.status === 'known' ? h`<span title="${countryName(lang, host.serverLocation.value.country)}">${host.serverLocation.value.country}</span>` : unknownValue(ctx);
  const categories = host.vendor.status === 'known' ? host.vendor.value.categories.map((category) => h`<span class="tag">${categoryLabel(lang, category)}</span>`) : [];
  const cloaked = host.cloakedBy ? h`<span class="sub">${t(lang, 'host.cloakedBy', { target: host.cloakedBy.target, entity: host.cloakedBy.entity })}</span>` : '';
  const cname = host.cnameChain.length > 0 ? h`<span class="sub">CNAME ${host.cnameChain.join(' → ')}</span>` : '';
  return h`<tr>
<td><code class="host">${hostName(host.host)}</code>${cname}${cloaked}</td>
<td>${hostName(host.registrableDomain)}</td>
<td>${t(lang, host.firstParty ? 'host.firstParty' : 'host.thirdParty')}</td>
<td>${vendorCell(ctx, host)}</td>
<td>${operatorCell(ctx, host)}</td>
<td>${parents}</td>
<td>${jurisdictions}</td>
<td>${location}</td>
<td>${categories}</td>
<td class="num">${requests}</td></tr>`;
}

function hostsSection(ctx: Ctx): SafeHtml {
  const { lang, report } = ctx;
  const byHost = requestsByHost(report);
  const attributed = new Set(report.enrichment.hosts.map((host) => host.host));
  const rows = sortedHosts(report).map((host) => hostRow(ctx, host, byHost.get(host.host) ?? 0));
  // A host seen but never attributed is still listed: unknown is shown, never dropped.
  for (const host of allHosts(report).filter((name) => !attributed.has(name)).sort()) {
    rows.push(h`<tr><td><code class="host">${hostName(host)}</code></td>${Array.from({ length: 8 }, () => h`<td>${unknownValue(ctx)}</td>`)}<td class="num">${byHost.get(host) ?? 0}</td></tr>`);
  }
  const headers = ['host.host', 'host.domain', 'host.party', 'host.vendor', 'host.operator', 'host.parent', 'host.jurisdiction', 'host.location', 'host.categories', 'host.requests'] as const;
  return section('hosts', t(lang, 'section.hosts'), rows.length > 0 ? table(headers.map((key) => t(lang, key)), rows) : empty(t(lang, 'host.none')));
}

// ───────────────────────────── cookies, storage, infrastructure ─────────────────────────────

function cookieRow(ctx: Ctx, cookie: CookieRecord): SafeHtml {
  const { lang } = ctx;
  const flags = [cookie.httpOnly && 'HttpOnly', cookie.secure && 'Secure', cookie.sameSite && `SameSite=${cookie.sameSite}`].filter((flag): flag is string => Boolean(flag));
  const setBy = cookie.setBy === 'http' ? t(lang, 'cookie.setBy.http', { host: cookie.setByHost ?? '' }) : t(lang, `cookie.setBy.${cookie.setBy}`);
  return h`<tr>
<td><code>${cookie.name}</code></td>
<td><code>${cookie.domain}</code></td>
<td><code>${cookie.path}</code></td>
<td>${cookie.expires ? formatTimestamp(cookie.expires) : t(lang, 'cookie.session')}</td>
<td>${flags.map((flag) => h`<span class="tag">${flag}</span>`)}</td>
<td>${t(lang, cookie.state === 'stored' ? 'cookie.stored' : 'cookie.attempted')}</td>
<td>${setBy}</td></tr>`;
}

function cookiesSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const cookies = ctx.report.collection.pages.flatMap((page) => page.cookies);
  const headers = ['cookie.name', 'cookie.domain', 'cookie.path', 'cookie.expires', 'cookie.flags', 'cookie.state', 'cookie.setBy'] as const;
  const body = cookies.length > 0 ? table(headers.map((key) => t(lang, key)), cookies.map((cookie) => cookieRow(ctx, cookie))) : empty(t(lang, 'cookie.none'));
  return section('cookies', t(lang, 'section.cookies'), body);
}

function storageSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const storage = ctx.report.collection.pages.flatMap((page) => page.storage);
  const rows = storage.map((entry) => h`<tr><td><code>${entry.origin}</code></td><td>${entry.kind}</td><td>${join(entry.keys.map((key) => h`<code>${key}</code>`), ' ')}</td></tr>`);
  const body = rows.length > 0 ? table([t(lang, 'storage.origin'), t(lang, 'storage.kind'), t(lang, 'storage.keys')], rows) : empty(t(lang, 'storage.none'));
  return section('storage', t(lang, 'section.storage'), body);
}

function componentRow(ctx: Ctx, component: InfraComponent): SafeHtml {
  const { lang } = ctx;
  const control = component.control.status === 'known' ? component.control.value : undefined;
  const operator = component.operator.status === 'known' ? entityName(ctx.report, component.operator.value.entity) : unknownValue(ctx);
  const location = component.serverLocation?.status === 'known' ? component.serverLocation.value.country : '—';
  return h`<tr>
<td>${roleLabel(lang, component.role)}</td>
<td><code>${component.subject}</code></td>
<td>${component.evidence}</td>
<td>${operator}</td>
<td>${control ? control.ultimateParentName : unknownValue(ctx)}${control ? h`<span class="sub">${control.chain.join(' → ')}</span>` : ''}</td>
<td>${jurisdictionBadge(ctx, control?.jurisdiction)}</td>
<td>${location}</td></tr>`;
}

/** Site audits: which pages bring in each third party, what consent changes, where forms send data. */
function siteSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const site = ctx.report.site;
  if (!site) return h``;
  const pagesCell = (pages: string[]) => h`${pages.slice(0, 10).map((url) => h`<code class="sub">${url}</code>`)}${pages.length > 10 ? h`<span class="sub">+${pages.length - 10}</span>` : ''}`;
  const parties = site.thirdParties.map((party) => h`<tr><td><code>${party.host}</code>${party.entity ? h`<span class="sub">${entityName(ctx.report, party.entity)}</span>` : ''}</td><td>${pagesCell(party.pages)}</td></tr>`);
  const list = (hosts: string[]) => (hosts.length > 0 ? h`${hosts.map((host) => h`<code>${host}</code> `)}` : h`—`);
  const consent = site.consent
    ? h`<h3>${t(lang, 'site.consent')}</h3><dl class="facts">
<dt>${t(lang, 'site.beforeConsent')}</dt><dd>${list(site.consent.beforeConsent)}</dd>
<dt>${t(lang, 'site.afterReject')}</dt><dd>${list(site.consent.afterReject)}</dd>
<dt>${t(lang, 'site.onlyAfterAccept')}</dt><dd>${list(site.consent.onlyAfterAccept)}</dd></dl>`
    : h``;
  const journeys = (site.journeys ?? []).map((journey) => h`<h3>${t(lang, 'site.journey', { name: journey.name })}</h3><ul>${journey.submissions.map((s) => h`<li>${t(lang, 'site.submission', { step: String(s.step ?? '?'), method: s.method, url: s.url, fields: (s.fields ?? []).join(', ') || '—' })}${s.otherOrganisation ? h` <strong>${t(lang, 'site.otherOrganisation')}</strong>` : ''}</li>`)}</ul>`);
  const body = h`<p>${t(lang, 'site.counts', { audited: String(site.audited), failed: String(site.failed), skipped: String(site.skipped) })}</p>
${table([t(lang, 'site.thirdParty'), t(lang, 'site.pages')], parties)}${consent}${journeys}`;
  return section('site', t(lang, 'section.site'), body);
}

function infrastructureSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const infrastructure = ctx.report.enrichment.infrastructure;
  if (!infrastructure) return h``;
  const headers = [t(lang, 'infra.role'), t(lang, 'infra.subject'), t(lang, 'infra.evidence'), t(lang, 'host.operator'), t(lang, 'host.parent'), t(lang, 'host.jurisdiction'), t(lang, 'host.location')];
  const body = h`<p class="muted"><code>${infrastructure.host}</code> · ${infrastructure.registrableDomain}</p>${table(headers, infrastructure.components.map((component) => componentRow(ctx, component)))}`;
  return section('infrastructure', t(lang, 'section.infrastructure'), body);
}

// ───────────────────────────── capture, sources, footer ─────────────────────────────

function requestRow(request: RequestRecord, index: number): SafeHtml {
  const headers = Object.entries(request.responseHeaders ?? {}).map(([name, value]) => `${name}: ${value}`);
  const initiator = request.initiator?.url ? shortChain([request.initiator.url], 0, 70)[0] : request.initiator?.type;
  return h`<tr>
<td class="num">${index + 1}</td>
<td>${request.resourceType}</td>
<td>${request.method}</td>
<td>${request.failure ?? request.status ?? '—'}</td>
<td><code>${request.url}</code>${headers.map((header) => h`<span class="sub mono">${header}</span>`)}</td>
<td>${request.remoteIp ?? '—'}</td>
<td>${initiator ? h`<code>${initiator}</code>` : '—'}</td></tr>`;
}

function requestLog(ctx: Ctx, page: PageCapture): SafeHtml {
  const { lang } = ctx;
  const headers = ['#', ...(['request.type', 'request.method', 'capture.status', 'request.url', 'request.ip', 'request.initiator'] as const).map((key) => t(lang, key))];
  return h`<details class="requests"><summary>${t(lang, 'count.requests')} (${page.requests.length}) — <code>${page.requestedUrl}</code></summary>
${table(headers, page.requests.map(requestRow))}</details>`;
}

function captureSection(ctx: Ctx): SafeHtml {
  const { lang, report } = ctx;
  const { options, browser } = report.collection;
  const pages = report.collection.pages.map((page) => {
    const { timeoutMs, minDwellMs, quietWindowMs } = page.wait;
    const wait = t(lang, 'capture.wait', { dwell: formatSeconds(lang, minDwellMs), quiet: formatSeconds(lang, quietWindowMs), timeout: formatSeconds(lang, timeoutMs) });
    return h`<div class="facts-card"><dl class="kv">
<dt>${t(lang, 'capture.page')}</dt><dd><code>${page.requestedUrl}</code></dd>
<dt>${t(lang, 'capture.status')}</dt><dd>${page.status ?? '—'}${page.contentType ? h` · ${page.contentType}` : ''}</dd>
<dt>${t(lang, 'capture.duration')}</dt><dd>${formatSeconds(lang, page.durationMs)} — ${wait}</dd>
</dl>${requestLog(ctx, page)}</div>`;
  });
  const settings = h`<div class="facts-card"><dl class="kv">
${browser ? h`<dt>${t(lang, 'capture.browser')}</dt><dd>${browser.version} <span class="muted">(${browser.executablePath})</span></dd>` : ''}
<dt>${t(lang, 'capture.startedAt')}</dt><dd>${formatTimestamp(report.collection.startedAt)} → ${formatTimestamp(report.collection.finishedAt)}</dd>
${options.dnsServer ? h`<dt>${t(lang, 'capture.dnsServer')}</dt><dd><code>${options.dnsServer}</code></dd>` : ''}
${options.connectTo ? h`<dt>${t(lang, 'capture.connectTo')}</dt><dd><code>${options.connectTo}</code></dd>` : ''}
<dt>--insecure</dt><dd>${t(lang, options.insecure ? 'value.yes' : 'value.no')}</dd>
</dl></div>`;
  return section('capture', t(lang, 'section.capture'), h`${settings}${pages}`);
}

function sourceRows(ctx: Ctx, source: DataSourceInfo): SafeHtml {
  const { lang } = ctx;
  const attribution = source.attribution
    ? h`<tr><td colspan="4" class="attribution"><strong>${t(lang, 'source.attribution')}</strong> — ${source.attribution}</td></tr>`
    : '';
  return h`<tr>
<td>${source.name}<span class="sub mono">${source.id}</span></td>
<td>${source.version}${source.builtAt ? h`<span class="sub">${t(lang, 'source.builtAt', { date: source.builtAt })}</span>` : ''}</td>
<td>${source.licence}</td>
<td>${source.url ? h`<span class="mono">${source.url}</span>` : '—'}</td></tr>${attribution}`;
}

function sourcesSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const sources = ctx.report.enrichment.dataSources;
  if (sources.length === 0) return section('sources', t(lang, 'section.dataSources'), empty(t(lang, 'source.none')));
  const headers = (['source.name', 'source.version', 'source.licence', 'source.url'] as const).map((key) => t(lang, key));
  return section('sources', t(lang, 'section.dataSources'), h`${table(headers, sources.map((source) => sourceRows(ctx, source)))}<p class="muted small">${t(lang, 'source.urlNote')}</p>`);
}

function footer(ctx: Ctx): SafeHtml {
  const { report, lang } = ctx;
  return h`<footer>${t(lang, 'report.generatedBy', { tool: report.tool.name, version: report.tool.version, date: formatTimestamp(report.generatedAt) })} · ${t(lang, 'report.schemaVersion', { version: report.schemaVersion })} · ${t(lang, 'report.selfContained')}</footer>`;
}

/** Renders the self-contained HTML report. */
export function renderHtml(report: AuditReport, options: RenderOptions): string {
  const ctx: Ctx = { report, lang: options.lang };
  const document = h`<!doctype html>
<html lang="${options.lang}">
${documentHead(ctx)}
<body>
<div class="page">
${masthead(ctx)}
<main>
${verdictBanner(ctx)}
${warningsBox(ctx)}
${overview(ctx)}
${findingsSection(ctx)}${siteSection(ctx)}
${unknownsSection(ctx)}
${rulesSection(ctx)}
${hostsSection(ctx)}
${cookiesSection(ctx)}
${storageSection(ctx)}
${infrastructureSection(ctx)}
${captureSection(ctx)}
${sourcesSection(ctx)}
</main>
${footer(ctx)}
</div>
</body>
</html>
`;
  return document.value;
}

/** HTML format: one self-contained file that loads nothing when opened. */
export const html: Renderer = { id: 'html', extension: 'html', render: renderHtml };
