/**
 * The HTML report: one self-contained file for an auditor to hand to a DPO.
 *
 * First screen: the verdict as the page's <h1>, one quotable sentence with the numbers, two bars
 * (where the servers are / whose law reaches them), the organisations as cards, and the fix plan.
 * Then the data-flow picture, one compact row per host (evidence and requests folded), the laws
 * explained once, and the rest folded: cookies, storage, infrastructure, unknowns, rules, capture,
 * scope and limits, numbered references. In print mode (the PDF dossier) every fold is open and the
 * first screen is a cover page.
 *
 * Safe to open: a CSP meta forbids every load but inline styles and data: images, no script is
 * emitted, URLs are printed as text (never links), and every value goes through the escaping `h`
 * tag (src/report/html-kit.ts).
 */
import type {
  AuditReport, ConsentDiff, CookieRecord, DataSourceInfo, Finding, HostAttribution, InfraComponent, LawRef,
  LocalisedText, PageCapture, RequestRecord, Verdict,
} from '../../types.js';
import { subjectName, verdictReason, warningText } from '../describe.js';
import { barsFigure, toneOf } from '../html-bars.js';
import { flowFigure } from '../html-flow.js';
import { REPORT_CSS } from '../html-style.js';
import { html as h, isPngBase64, join, SafeHtml } from '../html-kit.js';
import { References } from '../html-refs.js';
import {
  type Lang, categoryLabel, colon, formatSeconds, formatTimestamp, pick, policyName, roleLabel, t, verdictLabel,
} from '../i18n.js';
import { tv } from '../i18n-visual.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import {
  attributionsForRole, captureWarnings, entityName, failedNavigation, hostAttribution, isAllowed, requestsByHost, unknownItems, unknownReasons,
} from '../model.js';
import { type OrganisationCard, type Summary, countryName as countryNameOf, hostLaw, qualificationsList, summarise } from '../summary.js';
import { shortChain, shortUrl } from '../text.js';
import { pageUrl } from '../../shared/url.js';

/** The page may load nothing: no script, font, frame or remote image; only inline styles and data: images. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const VERDICT_MARK: Record<Verdict, string> = { sovereign: '✓', 'not-sovereign': '✗', inconclusive: '?' };

/** How many organisation cards the first screen shows; the rest are in the host rows. */
const MAX_CARDS = 6;

interface Ctx {
  report: AuditReport;
  lang: Lang;
  print: boolean;
  summary: Summary;
  refs: References;
}

// ───────────────────────────── small pieces ─────────────────────────────

function countryName(lang: Lang, code: string): string {
  return countryNameOf(lang, code);
}

/** A jurisdiction badge: red when the policy does not allow it, green when it does, grey when unknown. */
function jurisdictionBadge(ctx: Ctx, code: string | undefined): SafeHtml {
  if (!code || code === 'unknown') return h`<span class="jur jur--unknown">${t(ctx.lang, 'value.unknown')}</span>`;
  const kind = isAllowed(ctx.report, code) ? 'allowed' : 'foreign';
  return h`<span class="jur jur--${kind}" title="${countryName(ctx.lang, code)}">${kind === 'foreign' ? '⚠ ' : ''}${code}</span>`;
}

function unknownValue(ctx: Ctx): SafeHtml {
  return h`<span class="unknown">${t(ctx.lang, 'value.unknown')}</span>`;
}

/** An id fit for an anchor, from a host name. */
function anchor(prefix: string, name: string): string {
  return `${prefix}-${name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').slice(0, 120)}`;
}

/** A consent state no page reached says "not tested", never an empty list that reads "nothing loaded". */
function consentState(lang: Lang, consent: ConsentDiff, mode: 'reject' | 'accept', tested: SafeHtml): SafeHtml {
  const untested = consent.notTested?.find((entry) => entry.mode === mode);
  return untested ? h`<em>${t(lang, `site.notTested.${untested.reason}`)}</em>` : tested;
}

function section(id: string, title: string, body: SafeHtml): SafeHtml {
  return h`<section id="${id}"><h2>${title}</h2>${body}</section>`;
}

/** A section folded on screen (its title stays visible), open in print. */
function foldable(ctx: Ctx, id: string, title: string, body: SafeHtml, note = ''): SafeHtml {
  return h`<details class="sec" id="${id}"${ctx.print ? new SafeHtml(' open') : ''}><summary><h2>${title}${note ? h` <small>${note}</small>` : ''}</h2></summary>${body}</details>`;
}

function openAttr(ctx: Ctx): SafeHtml {
  return ctx.print ? new SafeHtml(' open') : new SafeHtml('');
}

function empty(text: string): SafeHtml {
  return h`<p class="empty">${text}</p>`;
}

/** A table; each cell carries its column's name, so narrow screens show rows as cards (CSS). */
function table(headers: string[], rows: SafeHtml[]): SafeHtml {
  const labelled = rows.map((row) => {
    let index = 0;
    return new SafeHtml(row.value.replace(/<td(?=[\s>])/g, () => {
      const label = headers[index] ?? '';
      index += 1;
      return h`<td data-label="${label}"`.value;
    }).replace(/<\/tr>\s*<tr>/g, (match) => { index = 0; return match; }));
  });
  return h`<div class="table-wrap"><table><thead><tr>${headers.map((header) => h`<th scope="col">${header}</th>`)}</tr></thead><tbody>${labelled}</tbody></table></div>`;
}

/** The law's prose in the report's language: `text` when the data has it (k-engine), else the note. */
function lawNote(law: LawRef, lang: Lang): string {
  const text = (law as LawRef & { text?: LocalisedText }).text;
  if (text) return pick(lang, text);
  const note = law.note as unknown as string | LocalisedText;
  return typeof note === 'string' ? note : pick(lang, note);
}

/** Candidate jurisdictions of a control in flux (k-engine), e.g. "LU: if the conversion to an SE is completed". */
interface Candidate { country: string; note: LocalisedText }
function candidatesOf(control: unknown): Candidate[] {
  return ((control as { jurisdictionCandidates?: Candidate[] } | undefined)?.jurisdictionCandidates ?? []);
}

function candidatesText(lang: Lang, candidates: Candidate[]): string {
  return candidates.map((candidate) => `${candidate.country}${colon(lang)} ${pick(lang, candidate.note)}`).join(' · ');
}

// ───────────────────────────── head ─────────────────────────────

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

// ───────────────────────────── first screen ─────────────────────────────

function verdictBlock(ctx: Ctx): SafeHtml {
  const { report, lang, summary } = ctx;
  const { verdict, policy } = report.assessment;
  const navigation = failedNavigation(report);
  const allowed = policy.allowedJurisdictions.length > 0 ? policy.allowedJurisdictions.join(', ') : t(lang, 'verdict.allowedNone');
  return h`<div class="verdict__head">
<div class="verdict__mark" aria-hidden="true">${VERDICT_MARK[verdict]}</div>
<div>
<h1 class="verdict__label">${verdictLabel(lang, verdict)}</h1>
<p class="verdict__meta"><code class="verdict__target">${report.target}</code> · ${tv(lang, 'first.policy', { name: policyName(lang, policy), id: policy.id })} · ${tv(lang, 'first.allowed', { list: allowed })} · ${formatTimestamp(report.collection.startedAt)}</p>
</div>
</div>
${navigation ? h`<p class="verdict__why">${t(lang, 'verdict.failedCapture', navigation)}</p>` : ''}
<p class="lead">${pick(lang, summary.sentence)}</p>
${verdict === 'not-sovereign' ? '' : h`<p class="verdict__why muted">${verdictReason(report, lang)}</p>`}`;
}

function servicesOf(lang: Lang, card: OrganisationCard): string {
  const services = card.services.length > 0 ? card.services : card.categories.map((category) => categoryLabel(lang, category));
  return services.slice(0, 4).join(', ') + (services.length > 4 ? '…' : '');
}

function organisationCard(ctx: Ctx, card: OrganisationCard): SafeHtml {
  const { lang } = ctx;
  const servers = card.serverCountries.map((entry) => `${entry.country === 'unknown' ? '?' : entry.country} ${entry.requests}`).join(' · ');
  const infra = card.infrastructure.map((role) => roleLabel(lang, role));
  const facts = [
    card.requests > 0 ? tv(lang, 'card.requests', { count: card.requests }) : '',
    card.hosts.length > 0 ? tv(lang, 'card.hosts', { count: card.hosts.length }) : '',
    servers && card.requests > 0 ? tv(lang, 'card.servers', { list: servers }) : '',
  ].filter(Boolean).join(' · ');
  return h`<li class="card card--${card.allowed ? 'allowed' : card.jurisdiction === 'unknown' ? 'unknown' : 'foreign'}">
<div class="card__head">${jurisdictionBadge(ctx, card.jurisdiction)} <strong>${card.name}</strong>${ctx.refs.organisation(card.id)}${card.firstParty ? h` <span class="tag">${tv(lang, 'card.yourSite')}</span>` : ''}</div>
${card.jurisdictionCandidates.length > 0 ? h`<div class="card__flux">${tv(lang, 'host.candidates')}${colon(lang)} ${candidatesText(lang, card.jurisdictionCandidates)}</div>` : ''}${card.qualifications.length > 0 ? h`<div class="card__qual muted small">${tv(lang, 'card.qualifications', { list: pick(lang, qualificationsList(card)) })}</div>` : ''}
<div class="card__body">${servicesOf(lang, card) ? h`${servicesOf(lang, card)} · ` : ''}${facts}${infra.length > 0 ? h` · <strong>${tv(lang, 'card.alsoYour', { list: infra.join(', ') })}</strong>` : ''}</div>
</li>`;
}

function organisationCards(ctx: Ctx): SafeHtml {
  const { lang, summary } = ctx;
  const cards = summary.organisations;
  if (cards.length === 0) return h``;
  const shown = cards.slice(0, MAX_CARDS);
  return h`<h2 class="first__h">${tv(lang, 'cards.title')}</h2><ul class="cards">${shown.map((card) => organisationCard(ctx, card))}</ul>${cards.length > MAX_CARDS ? h`<p class="muted small">${tv(lang, 'card.more', { count: cards.length - MAX_CARDS })}</p>` : ''}`;
}

function fixPlan(ctx: Ctx): SafeHtml {
  const { lang, summary } = ctx;
  const plan = summary.fixPlan;
  if (plan.length === 0) return summary.verdict === 'sovereign' ? h`<p class="fix__none">${tv(lang, 'fix.none')}</p>` : h``;
  const { fixTotals } = summary;
  const headline = fixTotals.requests >= fixTotals.foreignRequests
    ? tv(lang, 'fix.allRemoved', { actions: fixTotals.actions, requests: fixTotals.foreignRequests })
    : tv(lang, 'fix.someRemoved', { actions: fixTotals.actions, removed: fixTotals.requests, requests: fixTotals.foreignRequests });
  const items = plan.map((action) => {
    const effect = [
      action.hosts.length > 0 ? tv(lang, 'fix.removes', { hosts: action.hosts.length, requests: action.requests }) : '',
      action.cookies > 0 ? tv(lang, 'fix.removesCookies', { count: action.cookies }) : '',
      action.components.length > 0 ? tv(lang, 'fix.removesComponents', { count: action.components.length }) : '',
    ].filter(Boolean).join(', ');
    const named = action.services.length > 0 ? action.services : action.components;
    const what = named.slice(0, 4).join(', ') + (named.length > 4 ? ` +${named.length - 4}` : '');
    const hosts = action.hosts.map((host) => h`<a href="#${anchor('host', host)}"><code>${host}</code></a> `);
    return h`<li><details class="fix__item"${openAttr(ctx)}><summary><span class="fix__what"><strong>${pick(lang, action.title)}</strong>${what ? h` <span class="muted">(${what})</span>` : ''}</span><span class="fix__effect">${effect}${action.blocking ? '' : h` <span class="tag">${tv(lang, 'fix.notBlocking')}</span>`}</span></summary>${action.alternatives.map((text) => h`<p class="fix__how">${pick(lang, text)}</p>`)}${hosts.length > 0 ? h`<p class="fix__hosts">${hosts}</p>` : ''}${action.components.length > 0 ? h`<p class="fix__hosts">${action.components.map((name) => h`<code>${name}</code> `)}</p>` : ''}</details></li>`;
  });
  return h`<h2 class="first__h">${tv(lang, 'fix.title')} — ${headline}</h2><ol class="fix">${items}</ol>`;
}

function firstScreen(ctx: Ctx): SafeHtml {
  const { report } = ctx;
  return h`<section class="first verdict verdict--${report.assessment.verdict}" aria-label="${verdictLabel(ctx.lang, report.assessment.verdict)}">
${verdictBlock(ctx)}
${barsFigure(ctx.summary, ctx.lang)}
${organisationCards(ctx)}
${fixPlan(ctx)}
</section>`;
}

function warningsBox(ctx: Ctx): SafeHtml {
  const warnings = captureWarnings(ctx.report);
  if (warnings.length === 0) return h``;
  return h`<section class="warnings" id="warnings"><h2>${t(ctx.lang, 'section.warnings')}</h2>
<ul>${warnings.map((warning) => h`<li>${warningText(warning, ctx.lang)}</li>`)}</ul></section>`;
}

function contents(ctx: Ctx, entries: { id: string; title: string }[]): SafeHtml {
  return h`<nav class="toc" aria-label="${tv(ctx.lang, 'toc.title')}"><strong>${tv(ctx.lang, 'toc.title')}</strong> ${entries.map((entry) => h`<a href="#${entry.id}">${entry.title}</a>`)}</nav>`;
}

// ───────────────────────────── hosts, one row each ─────────────────────────────

function findingsAbout(report: AuditReport, host: string): Finding[] {
  return report.assessment.rules.flatMap((rule) => rule.findings).filter((finding) => finding.subject.host === host && finding.subject.type !== 'infrastructure');
}

/** "Google → Alphabet" once when vendor and operator agree, "service: … · servers: …" when they differ. */
function chainCell(ctx: Ctx, host: HostAttribution): SafeHtml {
  const { lang, refs } = ctx;
  const vendor = host.vendorControl.status === 'known' ? host.vendorControl.value : undefined;
  const operator = host.operatorControl.status === 'known' ? host.operatorControl.value : undefined;
  const chain = (control: typeof vendor): SafeHtml => (control ? h`${control.chain.join(' → ')}${refs.organisation(control.entity, control.ultimateParent)}` : unknownValue(ctx));
  if (vendor && operator && vendor.ultimateParent === operator.ultimateParent) return chain(vendor);
  if (!vendor && host.firstParty) return h`${tv(lang, 'host.operatorChain', { chain: '' })}${chain(operator)}`;
  return h`${tv(lang, 'host.vendorChain', { chain: '' })}${chain(vendor)} · ${tv(lang, 'host.operatorChain', { chain: '' })}${chain(operator)}`;
}

function broughtInCell(ctx: Ctx, host: string, pages: Set<string>): SafeHtml {
  const request = ctx.report.collection.pages.flatMap((page) => page.requests).find((candidate) => candidate.host === host);
  const url = request?.initiator?.url;
  if (!url || pages.has(url)) return h`<span class="muted">${tv(ctx.lang, 'host.page')}</span>`;
  return h`<code title="${url}">${shortUrl(url, 40)}</code>`;
}

function requestLine(request: RequestRecord): SafeHtml {
  return h`<li><span class="muted">${request.method} ${request.resourceType} ${request.failure ?? request.status ?? '—'}</span> <code>${request.url}</code>${request.remoteIp ? h` <span class="muted">${request.remoteIp}</span>` : ''}</li>`;
}

function hostDetails(ctx: Ctx, host: HostAttribution | undefined, name: string): SafeHtml {
  const { lang, report, refs } = ctx;
  const findings = findingsAbout(report, name);
  const messages = [...new Set(findings.map((finding) => pick(lang, finding.message)))];
  const alternatives = [...new Set(findings.map((finding) => pick(lang, finding.alternative)).filter(Boolean))];
  const requests = report.collection.pages.flatMap((page) => page.requests).filter((request) => request.host === name);
  const cookies = report.collection.pages.flatMap((page) => page.cookies).filter((cookie) => cookie.setByHost === name || cookie.domain.replace(/^\./, '') === name);
  const network = host?.network.status === 'known' ? host.network.value : undefined;
  const provenance = findings.flatMap((finding) => finding.provenance);
  const chain = findings.find((finding) => finding.broughtInBy.length > 0)?.broughtInBy ?? [];
  const candidates = host ? [host.vendorControl, host.operatorControl].flatMap((attribution) => (attribution.status === 'known' ? candidatesOf(attribution.value) : [])) : [];
  return h`<div class="hrow__more">
${messages.length > 0 ? h`<ul class="plain">${messages.map((message) => h`<li>${message}</li>`)}</ul>` : ''}
<dl class="facts">
${chain.length > 0 ? h`<dt>${t(lang, 'finding.broughtInBy')}</dt><dd><ol class="chain">${shortChain(chain, 3, 80).map((url) => h`<li><code>${url}</code></li>`)}</ol></dd>` : ''}
${network ? h`<dt>${tv(lang, 'host.network')}</dt><dd>AS${network.asn} ${network.asOrganisation ?? ''} · ${network.ip}</dd>` : ''}
${host && host.cnameChain.length > 0 ? h`<dt>CNAME</dt><dd><code>${host.cnameChain.join(' → ')}</code></dd>` : ''}
${host?.cloakedBy ? h`<dt>CNAME</dt><dd>${t(lang, 'host.cloakedBy', { target: host.cloakedBy.target, entity: host.cloakedBy.entity })}</dd>` : ''}
${host?.cdn?.status === 'known' ? h`<dt>CDN</dt><dd>${t(lang, 'host.cdn', { entity: entityName(report, host.cdn.value.entity) })}</dd>` : ''}
${candidates.length > 0 ? h`<dt>${tv(lang, 'host.candidates')}</dt><dd>${candidatesText(lang, candidates)}</dd>` : ''}
${alternatives.length > 0 ? h`<dt>${t(lang, 'finding.alternative')}</dt><dd class="alt">${alternatives.join(' / ')}</dd>` : ''}
${cookies.length > 0 ? h`<dt>${tv(lang, 'host.cookies')}</dt><dd>${cookies.map((cookie) => h`<code>${cookie.name}</code> `)}</dd>` : ''}
<dt>${tv(lang, 'host.requestsList', { count: requests.length })}</dt><dd><ul class="plain reqs">${requests.slice(0, 50).map(requestLine)}</ul>${requests.length > 50 ? h`<span class="muted">+${requests.length - 50}</span>` : ''}</dd>
${provenance.length > 0 ? h`<dt>${t(lang, 'finding.sources')}</dt><dd class="small">${refs.datasets(provenance)}</dd>` : ''}
</dl></div>`;
}

function hostRow(ctx: Ctx, name: string, requests: number, pages: Set<string>): SafeHtml {
  const { lang, report } = ctx;
  const host = hostAttribution(report, name);
  const law = hostLaw(report, host);
  const vendor = host?.vendor.status === 'known' ? host.vendor.value : undefined;
  const about = [vendor?.service, ...(vendor?.categories ?? []).map((category) => categoryLabel(lang, category))].filter(Boolean).join(' · ');
  const location = host?.serverLocation.status === 'known' ? host.serverLocation.value.country : undefined;
  const tone = toneOf(ctx.summary, law.jurisdiction);
  return h`<details class="hrow hrow--${tone}" id="${anchor('host', name)}"${openAttr(ctx)}><summary>
<span class="hrow__host"><code class="host">${name}</code></span>
<span class="hrow__about">${about}</span>
<span class="hrow__chain">${host ? chainCell(ctx, host) : unknownValue(ctx)}</span>
<span class="hrow__where" title="${location ? countryName(lang, location) : ''}">${location ? tv(lang, 'host.server', { country: location }) : h`${tv(lang, 'host.server', { country: '' })}${unknownValue(ctx)}`}</span>
<span class="hrow__law">${jurisdictionBadge(ctx, law.jurisdiction)} <span class="muted small">${requests}&nbsp;req.</span></span>
<span class="hrow__by">${broughtInCell(ctx, name, pages)}</span>
</summary>${hostDetails(ctx, host, name)}</details>`;
}

function hostsSection(ctx: Ctx): SafeHtml {
  const { lang, report } = ctx;
  const byHost = requestsByHost(report);
  const pages = new Set(report.collection.pages.flatMap((page) => [page.requestedUrl, page.finalUrl]));
  const names = [...new Set([...byHost.keys(), ...report.enrichment.hosts.map((host) => host.host)])];
  if (names.length === 0) return section('hosts', tv(lang, 'hosts.title'), empty(t(lang, 'host.none')));
  const tones = new Map(names.map((name) => [name, toneOf(ctx.summary, hostLaw(report, hostAttribution(report, name)).jurisdiction)]));
  const groups = [
    { key: 'hosts.groupForeign' as const, members: names.filter((name) => ['foreign', 'other'].includes(tones.get(name) ?? '')) },
    { key: 'hosts.groupUnknown' as const, members: names.filter((name) => tones.get(name) === 'unknown') },
    { key: 'hosts.groupAllowed' as const, members: names.filter((name) => tones.get(name) === 'allowed') },
  ].filter((group) => group.members.length > 0);
  const sortKey = (name: string): string => `${hostAttribution(report, name)?.registrableDomain ?? name}\u0000${name}`;
  const body = h`${groups.map((group) => h`<h3 class="hgroup">${tv(lang, group.key)} <small>(${group.members.length})</small></h3><div class="hrows">${group.members.sort((a, b) => sortKey(a).localeCompare(sortKey(b))).map((name) => hostRow(ctx, name, byHost.get(name) ?? 0, pages))}</div>`)}`;
  return h`<section id="hosts"><h2>${tv(lang, 'hosts.title')} <small class="muted">${tv(lang, 'hosts.intro')}</small></h2>${body}</section>`;
}

// ───────────────────────────── laws, once ─────────────────────────────

function lawsSection(ctx: Ctx): SafeHtml {
  const { lang, report, refs } = ctx;
  const reaches = new Map<string, Set<string>>();
  const controls = [
    ...report.enrichment.hosts.flatMap((host) => [host.vendorControl, host.operatorControl]),
    ...(report.enrichment.infrastructure?.components ?? []).map((component) => component.control),
  ];
  for (const attribution of controls) {
    if (attribution.status !== 'known' || isAllowed(report, attribution.value.jurisdiction)) continue;
    for (const id of attribution.value.laws) reaches.set(id, (reaches.get(id) ?? new Set()).add(attribution.value.ultimateParentName));
  }
  const laws = [...reaches.keys()].map((id) => report.enrichment.laws[id] ?? { id, name: id, country: 'unknown', note: '', provenance: { source: 'unknown' } } as LawRef);
  if (laws.length === 0) return section('laws', tv(lang, 'glossary.title'), empty(tv(lang, 'glossary.none')));
  const items = laws.map((law) => h`<div class="law-entry" id="${anchor('law', law.id)}"><dt><span class="law">${law.name}</span> ${jurisdictionBadge(ctx, law.country)}${refs.law(report.enrichment.laws[law.id])}</dt><dd>${lawNote(law, lang)} <span class="muted">${tv(lang, 'glossary.reaches', { list: [...(reaches.get(law.id) ?? [])].join(', ') })}</span></dd></div>`);
  return section('laws', tv(lang, 'glossary.title'), h`<dl class="glossary">${items}</dl>`);
}

// ───────────────────────────── unknowns, rules ─────────────────────────────

function unknownsSection(ctx: Ctx): SafeHtml {
  const { lang, report } = ctx;
  const items = unknownItems(report);
  if (items.length === 0) return h``;
  const rows = items.map((item) => {
    const { reasons, tried } = unknownReasons(item.roles.flatMap((entry) => attributionsForRole(hostAttribution(report, item.subject.host), entry.role)));
    return h`<li><code>${subjectName(item, lang)}</code> — ${join(item.messages.map((message) => pick(lang, message)), ' ')}${reasons.length > 0 ? h`<span class="sub">${t(lang, 'finding.whyUnknown')}${colon(lang)} ${reasons.join(' · ')}</span>` : ''}${tried.length > 0 ? h`<span class="sub">${t(lang, 'finding.tried')}${colon(lang)} ${tried.join(', ')}</span>` : ''}</li>`;
  });
  return foldable(ctx, 'unknowns', t(lang, 'section.unknowns'), h`<ul class="unknowns">${rows}</ul>`, `(${items.length})`);
}

function rulesSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const rows = ctx.report.assessment.rules.map((rule) => h`<tr>
<td class="status-${rule.status !== 'pass' && !rule.blocking ? 'reported' : rule.status}">${rule.status !== 'pass' && !rule.blocking ? `ℹ ${t(lang, 'rule.reported')}` : t(lang, `rule.${rule.status}`)}</td>
<td><code>${rule.id}</code></td>
<td>${pick(lang, rule.title)}</td>
<td>${t(lang, rule.blocking ? 'rule.blocking' : 'rule.informative')}</td>
<td class="num">${rule.findings.length}</td></tr>`);
  const headers = (['rule.status', 'rule.id', 'rule.title', 'rule.kind', 'rule.findings'] as const).map((key) => t(lang, key));
  return foldable(ctx, 'rules', t(lang, 'section.rules'), rows.length > 0 ? table(headers, rows) : empty('—'));
}

/** The first valid screenshot as a data: image; one that is not a PNG is left out, and said so. */
function screenshotFigure(ctx: Ctx): SafeHtml | undefined {
  const page = ctx.report.collection.pages.find((candidate) => candidate.screenshot);
  if (!page?.screenshot) return undefined;
  const caption = t(ctx.lang, 'value.screenshotAlt', { url: pageUrl(page) });
  if (!isPngBase64(page.screenshot)) return h`<figure class="shot"><figcaption>${t(ctx.lang, 'value.screenshotInvalid')}</figcaption></figure>`;
  return h`<figure class="shot"><img src="data:image/png;base64,${page.screenshot}" alt="${caption}"><figcaption>${caption}</figcaption></figure>`;
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
  return foldable(ctx, 'cookies', t(lang, 'section.cookies'), body);
}

function storageSection(ctx: Ctx): SafeHtml {
  const { lang } = ctx;
  const storage = ctx.report.collection.pages.flatMap((page) => page.storage);
  const rows = storage.map((entry) => h`<tr><td><code>${entry.origin}</code></td><td>${entry.kind}</td><td>${join(entry.keys.map((key) => h`<code>${key}</code>`), ' ')}</td></tr>`);
  const body = rows.length > 0 ? table([t(lang, 'storage.origin'), t(lang, 'storage.kind'), t(lang, 'storage.keys')], rows) : empty(t(lang, 'storage.none'));
  return foldable(ctx, 'storage', t(lang, 'section.storage'), body);
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
<dt>${t(lang, 'site.afterReject')}</dt><dd>${consentState(lang, site.consent, 'reject', list(site.consent.afterReject))}</dd>
<dt>${t(lang, 'site.onlyAfterAccept')}</dt><dd>${consentState(lang, site.consent, 'accept', list(site.consent.onlyAfterAccept))}</dd></dl>`
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
  return foldable(ctx, 'infrastructure', t(lang, 'section.infrastructure'), body);
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
  return h`<details class="requests"${openAttr(ctx)}><summary>${t(lang, 'count.requests')} (${page.requests.length}) — <code>${page.requestedUrl}</code></summary>
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
${page.finalUrl && page.finalUrl !== page.requestedUrl ? h`<dt>${t(lang, 'capture.finalUrl')}</dt><dd><code>${page.finalUrl}</code></dd>` : ''}
<dt>${t(lang, 'capture.title')}</dt><dd>${page.title || '—'}</dd>
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
  return foldable(ctx, 'capture', t(lang, 'section.capture'), h`${screenshotFigure(ctx) ?? ''}${settings}${pages}`);
}

// ───────────────────────────── scope, references, footer ─────────────────────────────

/** The range of as-of dates of the organisation facts this report relies on. */
function knowledgeDates(report: AuditReport): { from?: string; to?: string } {
  const latest = (report.enrichment as { knowledgeAsOf?: string }).knowledgeAsOf;
  const dates = Object.values(report.enrichment.entities).flatMap((entity) => entity.provenance.map((source) => source.asOf)).filter((date): date is string => Boolean(date)).sort();
  return { from: dates[0], to: latest ?? dates.at(-1) };
}

function datasetVersions(report: AuditReport): string {
  return report.enrichment.dataSources.map((source: DataSourceInfo) => `${source.id} ${source.version}`).join(', ') || '—';
}

function scopeSection(ctx: Ctx): SafeHtml {
  const { lang, report } = ctx;
  const { from, to } = knowledgeDates(report);
  const datasets = datasetVersions(report);
  const asOf = from && to ? tv(lang, 'scope.asOf', { from, to, datasets }) : tv(lang, 'scope.asOfUnknown', { datasets });
  return foldable(ctx, 'scope', tv(lang, 'scope.title'), h`<div class="prose">
<p>${tv(lang, 'scope.method')}</p>
<p>${tv(lang, 'scope.sees')}</p>
<p>${tv(lang, 'scope.cannotSee')}</p>
<p><strong>${tv(lang, 'scope.location')}</strong></p>
<p>${asOf}</p>
<p>${tv(lang, 'scope.when', { date: formatTimestamp(report.collection.startedAt) })}</p>
</div>`);
}

function referencesSection(ctx: Ctx): SafeHtml {
  ctx.refs.citeAllDatasets();
  return foldable(ctx, 'references', tv(ctx.lang, 'refs.title'), h`<p class="muted small">${tv(ctx.lang, 'refs.intro')}</p>${ctx.refs.appendix()}<p class="muted small">${t(ctx.lang, 'source.urlNote')}</p>`);
}

function footer(ctx: Ctx): SafeHtml {
  const { report, lang } = ctx;
  return h`<footer>${t(lang, 'report.generatedBy', { tool: report.tool.name, version: report.tool.version, date: formatTimestamp(report.generatedAt) })} · ${t(lang, 'report.schemaVersion', { version: report.schemaVersion })} · ${t(lang, 'report.selfContained')}</footer>`;
}

/** The running footer of the PDF dossier (target, date, policy, souverain and data versions), as text. */
export function dossierFooterText(report: AuditReport, lang: Lang): string {
  return tv(lang, 'pdf.footer', {
    target: shortUrl(report.target, 70), date: formatTimestamp(report.collection.startedAt), policy: report.assessment.policy.id,
    tool: report.tool.name, version: report.tool.version, data: datasetVersions(report),
  });
}

/** Extra rendering options of the HTML format. */
export interface HtmlOptions {
  /** Print mode (the PDF dossier): every fold open, the first screen as a cover page. */
  print?: boolean;
}

/** Renders the self-contained HTML report. */
export function renderHtml(report: AuditReport, options: RenderOptions & HtmlOptions): string {
  const lang = options.lang;
  const ctx: Ctx = { report, lang, print: options.print === true, summary: summarise(report), refs: new References(report, lang) };
  const toc = [
    { id: 'flow', title: tv(lang, 'flow.title') },
    { id: 'hosts', title: tv(lang, 'hosts.title') },
    { id: 'laws', title: tv(lang, 'glossary.title') },
    ...(report.site ? [{ id: 'site', title: t(lang, 'section.site') }] : []),
    { id: 'cookies', title: t(lang, 'section.cookies') },
    ...(report.enrichment.infrastructure ? [{ id: 'infrastructure', title: t(lang, 'section.infrastructure') }] : []),
    ...(unknownItems(report).length > 0 ? [{ id: 'unknowns', title: t(lang, 'section.unknowns') }] : []),
    { id: 'rules', title: t(lang, 'section.rules') },
    { id: 'capture', title: t(lang, 'section.capture') },
    { id: 'scope', title: tv(lang, 'scope.title') },
    { id: 'references', title: tv(lang, 'refs.title') },
  ];
  // Rendered in document order: reference numbers follow first citation.
  const first = firstScreen(ctx);
  const flow = section('flow', tv(lang, 'flow.title'), flowFigure(report, ctx.summary, lang));
  const hosts = hostsSection(ctx);
  const laws = lawsSection(ctx);
  const rest = h`${siteSection(ctx)}${cookiesSection(ctx)}${storageSection(ctx)}${infrastructureSection(ctx)}${unknownsSection(ctx)}${rulesSection(ctx)}${captureSection(ctx)}${scopeSection(ctx)}`;
  const references = referencesSection(ctx);
  const document = h`<!doctype html>
<html lang="${lang}"${ctx.print ? new SafeHtml(' class="print"') : ''}>
${documentHead(ctx)}
<body>
<div class="page">
${masthead(ctx)}
<main>
${first}
${warningsBox(ctx)}
${contents(ctx, toc)}
${flow}
${hosts}
${laws}
${rest}
${references}
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
