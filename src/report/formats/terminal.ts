/**
 * The terminal summary: verdict on the first line, then findings grouped by the company that
 * controls them, unknowns, rules, counts, capture warnings and data sources.
 *
 * Lines never exceed 100 columns. Every line is passed through terminalSafe before colour is added,
 * so text from the page (titles, URLs) cannot carry escape sequences to the user's terminal.
 */
import pc from 'picocolors';
import type { AuditReport, Verdict } from '../../types.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { alternativesText, companyTitle, groupSize, roleDescription, serverDescription, sourceLine, subjectAbout, subjectName, verdictReason, warningText } from '../describe.js';
import { type Lang, colon, formatSeconds, formatTimestamp, pick, policyName, roleLabel, t, verdictLabel } from '../i18n.js';
import {
  type FindingItem, attributionsForRole, captureWarnings, counts, entityName, failedNavigation, groupViolations,
  hostAttribution, unknownItems, unknownReasons,
} from '../model.js';
import { shortChain, terminalSafe, wrap } from '../text.js';
import { tv } from '../i18n-visual.js';
import { type Bar, type Summary, qualificationsList, summarise } from '../summary.js';

/** Lines never exceed 100 columns; the first screen's bars and cards fit in 80. */
const WIDTH = 100;

type Colors = ReturnType<typeof pc.createColors>;
type Style = (text: string) => string;

/** Collects output lines; all text goes through terminalSafe and wrap before any colour. */
class Writer {
  readonly lines: string[] = [];
  /** Columns of the current part: 80 for the first screen, {@link WIDTH} for the details. */
  width = WIDTH;
  constructor(readonly c: Colors, readonly lang: Lang) {}

  /** A wrapped paragraph, the whole of it in one style. */
  text(text: string, indent = '', nextIndent = indent, style: Style = (s) => s): void {
    for (const line of wrap(terminalSafe(text), this.width, indent, nextIndent)) this.lines.push(style(line));
  }

  /** "label: value", the label dimmed, wrapped under the value. */
  field(label: string, value: string, indent: string, nextIndent = `${indent}  `): void {
    const prefix = `${terminalSafe(label)}${colon(this.lang)}`;
    const [first = '', ...rest] = wrap(`${prefix} ${terminalSafe(value)}`, this.width, indent, nextIndent);
    this.lines.push(indent + this.c.dim(prefix) + first.slice(indent.length + prefix.length), ...rest);
  }

  heading(text: string): void {
    this.blank();
    this.lines.push(this.c.bold(terminalSafe(text)));
    this.lines.push(this.c.dim('─'.repeat(Math.min(this.width, [...text].length))));
  }

  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }
}

const VERDICT_MARK: Record<Verdict, string> = { sovereign: '✓', 'not-sovereign': '✗', inconclusive: '?' };

function verdictStyle(c: Colors, verdict: Verdict): Style {
  const colour = verdict === 'sovereign' ? c.green : verdict === 'not-sovereign' ? c.red : c.yellow;
  return (text) => c.bold(colour(text));
}

/** Line one: the verdict and the policy it was reached under; then the target and why. */
function writeVerdict(out: Writer, report: AuditReport): void {
  const { lang } = out;
  const { verdict, policy } = report.assessment;
  const head = `${VERDICT_MARK[verdict]} ${verdictLabel(lang, verdict)} — ${t(lang, 'verdict.underPolicy', { id: policy.id, name: policyName(lang, policy) })}`;
  out.text(head, '', '  ', verdictStyle(out.c, verdict));
  out.field(t(lang, 'report.target'), report.target, '  ', '    ');
  const navigation = failedNavigation(report);
  if (navigation) out.text(t(lang, 'verdict.failedCapture', navigation), '  ', '  ');
  out.text(verdictReason(report, lang), '  ', '  ');
  const allowed = report.assessment.policy.allowedJurisdictions;
  out.text(t(lang, 'verdict.allowed', { list: allowed.length > 0 ? allowed.join(', ') : t(lang, 'verdict.allowedNone') }), '  ', '  ', out.c.dim);
}

function writeItem(out: Writer, item: FindingItem, showMessage: boolean): void {
  const { lang, c } = out;
  const about = subjectAbout(item, lang);
  const notBlocking = item.blocking ? '' : ` (${t(lang, 'finding.notBlocking')})`;
  const title = `${subjectName(item, lang)}${about ? ` — ${about}` : ''}${notBlocking}`;
  const [first = '', ...rest] = wrap(terminalSafe(title), WIDTH, '  ', '      ');
  const hostEnd = 2 + terminalSafe(item.subject.host).length;
  out.lines.push(item.subject.type === 'host' ? c.bold(first.slice(0, hostEnd)) + first.slice(hostEnd) : first, ...rest);
  if (showMessage) for (const message of item.messages) out.text(pick(lang, message), '    ', '      ');
  const roles = roleDescription(item, lang);
  const server = serverDescription(item, lang);
  if (roles) out.field(t(lang, 'finding.role'), [roles, server].filter(Boolean).join(' · '), '    ', '      ');
  else if (server) out.text(server, '    ', '      ');
  if (item.broughtInBy.length > 0) out.field(t(lang, 'finding.broughtInBy'), shortChain(item.broughtInBy).join(' → '), '    ', '      ');
  if (item.alternatives.length > 0) {
    out.field(t(lang, 'finding.alternative'), alternativesText(item, lang), '    ', '      ');
  }
}

function writeFindings(out: Writer, report: AuditReport): void {
  const { lang, c } = out;
  const { companies, other } = groupViolations(report);
  out.heading(t(lang, 'section.findings'));
  if (companies.length === 0 && other.length === 0) out.text(t(lang, 'finding.noFindings'), '  ');
  for (const group of companies) {
    out.blank();
    const laws = group.laws.map((law) => law.name).join(', ');
    const title = `${companyTitle(group)}${laws ? ` — ${laws}` : ''} — ${groupSize(group, lang)}`;
    out.text(title, '', '  ', group.blocking ? (s) => c.bold(c.red(s)) : c.bold);
    for (const item of group.items) writeItem(out, item, false);
  }
  if (other.length > 0) {
    out.heading(t(lang, 'section.otherFindings'));
    for (const item of other) writeItem(out, item, true);
  }
}

function writeUnknowns(out: Writer, report: AuditReport): void {
  const { lang } = out;
  const items = unknownItems(report);
  out.heading(t(lang, 'section.unknowns'));
  if (items.length === 0) out.text(t(lang, 'finding.noUnknowns'), '  ');
  for (const item of items) {
    writeItem(out, item, true);
    const host = hostAttribution(report, item.subject.host);
    // The assessment's message already says what is missing; the enrichment's reasons are in the HTML report.
    const { tried } = unknownReasons(item.roles.flatMap((entry) => attributionsForRole(host, entry.role)));
    if (tried.length > 0) out.field(t(lang, 'finding.tried'), tried.join(', '), '    ', '      ');
  }
}

function writeRules(out: Writer, report: AuditReport): void {
  const { lang, c } = out;
  out.heading(t(lang, 'section.rules'));
  for (const rule of report.assessment.rules) {
    // An informative rule that found something reports it: it has its own mark, never the blocking ✗.
    const reported = rule.status !== 'pass' && !rule.blocking;
    const mark = rule.status === 'pass' ? c.green('✓') : reported ? c.cyan('ℹ') : rule.status === 'fail' ? c.red('✗') : c.yellow('?');
    const kind = t(lang, rule.blocking ? 'rule.blocking' : 'rule.informative');
    const found = rule.findings.length > 0 ? `, ${t(lang, 'rule.findingsCount', { count: rule.findings.length })}` : '';
    const status = reported ? t(lang, 'rule.reported') : t(lang, `rule.${rule.status}`);
    const text = `${status}${colon(lang)} ${rule.id} — ${pick(lang, rule.title)} (${kind}${found})`;
    const [first = '', ...rest] = wrap(terminalSafe(text), WIDTH, '  ✓ ', '      ');
    out.lines.push(`  ${mark} ${first.slice(4)}`, ...rest);
  }
}

/**
 * The site's own infrastructure: one line per component (hosting, CDN, DNS, mail, mail sender, CA)
 * with the company that runs it and whose law reaches it, then where the server is, as a separate fact.
 */
function writeInfrastructure(out: Writer, report: AuditReport): void {
  const { lang, c } = out;
  const infrastructure = report.enrichment.infrastructure;
  if (!infrastructure) return;
  out.heading(`${t(lang, 'section.infrastructure')} — ${infrastructure.host}`);
  const unknown = t(lang, 'value.unknown');
  for (const component of infrastructure.components) {
    const control = component.control.status === 'known' ? component.control.value : undefined;
    const operator = component.operator.status === 'known' ? entityName(report, component.operator.value.entity) : unknown;
    const law = control ? `${control.chain.join(' → ')} (${control.jurisdiction})` : unknown;
    const location = component.serverLocation?.status === 'known' ? ` · ${t(lang, 'host.location')}${colon(lang)} ${component.serverLocation.value.country}` : '';
    out.text(`${roleLabel(lang, component.role)}${colon(lang)} ${component.subject}`, '  ', '    ');
    out.text(`${operator} · ${law}${location} · ${component.evidence}`, '    ', '      ', control ? (s) => s : c.yellow);
  }
  if (infrastructure.components.length === 0) out.text(t(lang, 'value.unknown'), '  ');
}

function writeSummary(out: Writer, report: AuditReport): void {
  const { lang } = out;
  const n = counts(report);
  out.heading(t(lang, 'section.summary'));
  const cookies = `${n.cookiesStored + n.cookiesAttempted} (${t(lang, 'count.cookiesDetail', { stored: n.cookiesStored, attempted: n.cookiesAttempted })})`;
  const parts = [
    `${t(lang, 'count.pages')}${colon(lang)} ${n.pages}`,
    `${t(lang, 'count.hosts')}${colon(lang)} ${n.hosts}`,
    `${t(lang, 'count.thirdPartyHosts')}${colon(lang)} ${n.thirdPartyHosts}`,
    `${t(lang, 'count.requests')}${colon(lang)} ${n.requests}`,
    `${t(lang, 'count.cookies')}${colon(lang)} ${cookies}`,
    `${t(lang, 'count.thirdParties')}${colon(lang)} ${n.thirdPartyCompanies}`,
  ];
  out.text(parts.join(' · '), '  ', '  ');
}

function writeCapture(out: Writer, report: AuditReport): void {
  const { lang, c } = out;
  out.heading(t(lang, 'section.capture'));
  for (const page of report.collection.pages) {
    out.field(t(lang, 'capture.page'), page.requestedUrl, '  ', '    ');
    if (page.finalUrl && page.finalUrl !== page.requestedUrl) out.field(t(lang, 'capture.finalUrl'), page.finalUrl, '    ', '      ');
    if (page.title) out.field(t(lang, 'capture.title'), `“${page.title}”`, '    ', '      ');
    const facts = [
      page.status !== undefined ? `${t(lang, 'capture.status')}${colon(lang)} ${page.status}` : '',
      `${t(lang, 'capture.duration')}${colon(lang)} ${formatSeconds(lang, page.durationMs)}`,
      `${t(lang, 'capture.startedAt')}${colon(lang)} ${formatTimestamp(page.startedAt)}`,
    ].filter(Boolean);
    out.text(facts.join(' · '), '    ', '      ');
    const { timeoutMs, minDwellMs, quietWindowMs } = page.wait;
    out.text(t(lang, 'capture.wait', {
      dwell: formatSeconds(lang, minDwellMs), quiet: formatSeconds(lang, quietWindowMs), timeout: formatSeconds(lang, timeoutMs),
    }), '    ', '      ', c.dim);
  }
  const browser = report.collection.browser;
  if (browser) out.field(t(lang, 'capture.browser'), `${browser.version} (${browser.executablePath})`, '  ', '    ');
}

function writeWarnings(out: Writer, report: AuditReport): void {
  const { lang, c } = out;
  const warnings = captureWarnings(report);
  if (warnings.length === 0) return;
  out.heading(t(lang, 'section.warnings'));
  for (const warning of warnings) out.text(`! ${warningText(warning, lang)}`, '  ', '    ', c.yellow);
}

function writeSources(out: Writer, report: AuditReport): void {
  const { lang } = out;
  out.heading(t(lang, 'section.dataSources'));
  const sources = report.enrichment.dataSources;
  if (sources.length === 0) out.text(t(lang, 'source.none'), '  ');
  for (const source of sources) {
    out.text(sourceLine(source, lang), '  ', '    ');
    if (source.attribution) out.field(t(lang, 'source.attribution'), source.attribution, '    ', '      ');
  }
}

function writeFooter(out: Writer, report: AuditReport): void {
  const { lang, c } = out;
  out.blank();
  const made = t(lang, 'report.generatedBy', { tool: report.tool.name, version: report.tool.version, date: formatTimestamp(report.generatedAt) });
  out.text(`${made} · ${t(lang, 'report.schemaVersion', { version: report.schemaVersion })}`, '', '', c.dim);
}


const BAR_WIDTH = 32;
/** The first screen reads in a default 80-column terminal. */
const FIRST_SCREEN_WIDTH = 80;

/** A text bar: one block character per slice kind (█ allowed, ▓ foreign, ▒ other, ░ unknown), proportional. */
function textBar(summary: Summary, bar: Bar): string {
  let used = 0;
  return bar.slices.map((slice, index) => {
    const last = index === bar.slices.length - 1;
    const cells = last ? BAR_WIDTH - used : Math.max(1, Math.round((slice.count / Math.max(1, bar.total)) * BAR_WIDTH));
    used += cells;
    const allowed = summary.policy.allowed.includes(slice.country);
    const foreign = summary.distributions.law.requests.slices.some((entry) => entry.country === slice.country && !entry.allowed && entry.country !== 'unknown');
    const char = slice.country === 'unknown' ? '░' : allowed ? '█' : foreign ? '▓' : '▒';
    return char.repeat(Math.max(0, cells));
  }).join('');
}

function sliceText(out: Writer, bar: Bar): string {
  return bar.slices.map((slice) => `${slice.country === 'unknown' ? tv(out.lang, 'bar.unknown') : slice.country} ${slice.count}`).join(' · ');
}

/** The first screen: the sentence, two bars, the organisations, the fix plan. */
function writeFirstScreen(out: Writer, report: AuditReport): void {
  const { lang, c } = out;
  const summary = summarise(report);
  out.width = FIRST_SCREEN_WIDTH;
  out.blank();
  out.text(pick(lang, summary.sentence), '  ', '  ', c.bold);
  if (summary.totals.requests > 0) {
    out.blank();
    for (const kind of ['location', 'law'] as const) {
      out.text(tv(lang, kind === 'law' ? 'bar.law' : 'bar.location'), '  ', '  ', c.bold);
      const { requests, hosts } = summary.distributions[kind];
      out.lines.push(`    ${textBar(summary, requests)} ${terminalSafe(`${tv(lang, 'bar.requests')}${colon(lang)} ${sliceText(out, requests)}`)}`);
      out.lines.push(`    ${textBar(summary, hosts)} ${terminalSafe(`${tv(lang, 'bar.hosts')}${colon(lang)} ${sliceText(out, hosts)}`)}`);
    }
    out.text(`█ ${tv(lang, 'bar.legendAllowed')}  ▓ ${tv(lang, 'bar.legendForeign')}  ▒ ${tv(lang, 'bar.legendOther')}  ░ ${tv(lang, 'bar.legendUnknown')}`, '    ', '    ', c.dim);
  }
  if (summary.organisations.length > 0) {
    out.heading(tv(lang, 'cards.title'));
    for (const card of summary.organisations) {
      const mark = card.allowed ? '✓' : '!';
      const facts = [
        card.services.slice(0, 4).join(', '),
        card.requests > 0 ? tv(lang, 'card.requests', { count: card.requests }) : '',
        card.requests > 0 ? tv(lang, 'card.servers', { list: card.serverCountries.map((entry) => `${entry.country} ${entry.requests}`).join(' · ') }) : '',
        card.infrastructure.length > 0 ? tv(lang, 'card.alsoYour', { list: card.infrastructure.map((role) => roleLabel(lang, role)).join(', ') }) : '',
        card.qualifications.length > 0 ? tv(lang, 'card.qualifications', { list: qualificationsList(card)[lang] }) : '',
      ].filter(Boolean).join(' · ');
      out.text(`${mark} [${card.jurisdiction}] ${card.name} — ${facts}`, '  ', '      ', card.allowed ? (text) => text : c.red);
    }
  }
  if (summary.fixPlan.length > 0) {
    const { fixTotals } = summary;
    const headline = fixTotals.requests >= fixTotals.foreignRequests
      ? tv(lang, 'fix.allRemoved', { actions: fixTotals.actions, requests: fixTotals.foreignRequests })
      : tv(lang, 'fix.someRemoved', { actions: fixTotals.actions, removed: fixTotals.requests, requests: fixTotals.foreignRequests });
    out.heading(`${tv(lang, 'fix.title')} — ${headline}`);
    summary.fixPlan.forEach((action, index) => {
      const named = [...action.services, ...action.components];
      const what = named.slice(0, 4).join(', ') + (named.length > 4 ? ` +${named.length - 4}` : '');
      const effect = [
        action.hosts.length > 0 ? tv(lang, 'fix.removes', { hosts: action.hosts.length, requests: action.requests }) : '',
        action.cookies > 0 ? tv(lang, 'fix.removesCookies', { count: action.cookies }) : '',
        action.components.length > 0 ? tv(lang, 'fix.removesComponents', { count: action.components.length }) : '',
      ].filter(Boolean).join(', ');
      out.text(`${index + 1}. ${pick(lang, action.title)}${what ? ` (${what})` : ''} → ${effect}`, '  ', '     ');
    });
  }
  out.blank();
  out.text(tv(lang, 'section.details'), '', '', c.dim);
  out.width = WIDTH;
}

/** Renders the terminal summary. */
export function renderTerminal(report: AuditReport, options: RenderOptions): string {
  const out = new Writer(pc.createColors(options.color), options.lang);
  out.width = FIRST_SCREEN_WIDTH;
  writeVerdict(out, report);
  writeFirstScreen(out, report);
  writeWarnings(out, report);
  writeFindings(out, report);
  writeUnknowns(out, report);
  writeInfrastructure(out, report);
  writeRules(out, report);
  writeSummary(out, report);
  writeCapture(out, report);
  writeSources(out, report);
  writeFooter(out, report);
  return `${out.lines.join('\n')}\n`;
}

/** Terminal format: a readable summary, verdict first, at most 100 columns. */
export const terminal: Renderer = { id: 'terminal', extension: 'txt', render: renderTerminal };
