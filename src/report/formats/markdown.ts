/**
 * Markdown: a merge-request comment (GitHub, GitLab) that reads top-down as a reviewer needs it
 * (docs/decisions/0030):
 *
 * 1. the gate result — with a baseline "no new blocking finding" / "N new blocking findings" before
 *    anything else; without one, the verdict; a page that did not load says "AUDIT FAILED — nothing
 *    was judged" and nothing more;
 * 2. the quotable sentence (src/report/summary.ts) and a link to the full report (--report-url);
 * 3. each NEW finding (without a baseline: each blocking one), one line per host or component, with
 *    who brings it in and what to do;
 * 4. the fix plan, ranked by what each action removes;
 * 5. a collapsed <details> section with the rest: accepted, informative and unknown findings, the
 *    entries no longer seen, the laws (each explained once), the rules and the data sources.
 *
 * The comment stays under 65,000 characters (GitHub refuses comments over 65,536): lists are capped
 * and the collapsed section is cut with a note when needed. Everything from a page or the data is
 * escaped with src/shared/sanitize.ts.
 */
import { findingKey } from '../findings.js';
import { countryName } from '../../shared/countries.js';
import { markdownCode, markdownText } from '../../shared/sanitize.js';
import type { AuditReport, Finding, LocalisedText } from '../../types.js';
import { shortFix } from '../fixes.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { type Lang, colon, formatTimestamp, policyName, roleLabel, t, verdictLabel } from '../i18n.js';
import { failedNavigation } from '../model.js';
import { summarise } from '../summary.js';
import { shortUrl } from '../text.js';

/** GitHub's comment limit is 65,536 characters; keep a margin for the CI wrapper's own text. */
export const MAX_MARKDOWN_CHARS = 65_000;
const MAX_LISTED = 60;
const MAX_PLAN = 10;

const WORDS = {
  gateNone: { en: 'no new blocking finding', fr: 'aucun nouveau constat bloquant' },
  gateSome: { en: '{count} new blocking finding(s)', fr: '{count} nouveau(x) constat(s) bloquant(s)' },
  verdictLine: { en: 'Verdict {verdict} under policy {policy} ({name}) · allowed jurisdictions{colon} {allowed}', fr: 'Verdict {verdict} selon la politique {policy} ({name}) · juridictions admises{colon} {allowed}' },
  baselineLine: {
    en: 'Baseline {source}{colon} {accepted} finding(s) accepted, {added} new ({blocking} blocking), {absent} no longer seen.',
    fr: 'Référence {source}{colon} {accepted} constat(s) accepté(s), {added} nouveau(x) ({blocking} bloquant(s)), {absent} plus observé(s).',
  },
  fullReport: { en: 'Full report', fr: 'Rapport complet' },
  newFindings: { en: 'New findings ({count})', fr: 'Nouveaux constats ({count})' },
  toFix: { en: 'Blocking findings ({count})', fr: 'Constats bloquants ({count})' },
  noNew: { en: 'Nothing new since the baseline.', fr: 'Rien de nouveau depuis la référence.' },
  broughtInBy: { en: 'brought in by', fr: 'introduit par' },
  thePage: { en: 'the page itself', fr: 'la page elle-même' },
  toDo: { en: 'to do', fr: 'à faire' },
  alternative: { en: 'sovereign alternative', fr: 'alternative souveraine' },
  plan: { en: 'Fix plan', fr: 'Plan de correction' },
  removes: { en: 'removes {hosts} host(s), {requests} request(s)', fr: 'retire {hosts} hôte(s), {requests} requête(s)' },
  rest: { en: 'Everything else ({count})', fr: 'Tout le reste ({count})' },
  accepted: { en: 'Accepted by the baseline', fr: 'Acceptés par la référence' },
  informative: { en: 'Informative (not blocking under this policy)', fr: 'Informatifs (non bloquants selon cette politique)' },
  unknowns: { en: 'Unknowns', fr: 'Inconnues' },
  gone: { en: 'No longer seen (baseline entries to remove)', fr: 'Plus observés (entrées de la référence à retirer)' },
  laws: { en: 'Laws that reach these companies', fr: 'Lois qui atteignent ces sociétés' },
  rules: { en: 'Rules', fr: 'Règles' },
  data: { en: 'data', fr: 'données' },
  more: { en: '… and {count} more (see the full report)', fr: '… et {count} de plus (voir le rapport complet)' },
  truncated: { en: '… cut here to stay under {max} characters; the full report has everything.', fr: '… coupé ici pour rester sous {max} caractères ; le rapport complet contient tout.' },
  failedFix: { en: 'What to do', fr: 'Que faire' },
  officialText: { en: 'official text', fr: 'texte officiel' },
} satisfies Record<string, LocalisedText>;

type Word = keyof typeof WORDS;

function word(lang: Lang, key: Word, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name === 'colon' ? colon(lang) : name in params ? String(params[name]) : whole));
}

/** ✗ blocks the verdict, ? blocking unknown, ℹ informative (reported only): never the same mark. */
function mark(finding: Finding): string {
  if (!finding.blocking) return 'ℹ️';
  return finding.kind === 'violation' ? '❌' : '❔';
}

/** Findings about one subject (a host's vendor and operator findings read as one line). */
interface SubjectFindings {
  subject: Finding['subject'];
  findings: Finding[];
}

function bySubject(findings: readonly Finding[]): SubjectFindings[] {
  const groups = new Map<string, SubjectFindings>();
  for (const finding of findings) {
    const { type, host, detail } = finding.subject;
    const key = type === 'host' ? `host|${host}` : `${type}|${host}|${detail ?? ''}|${finding.role ?? ''}`;
    const group = groups.get(key) ?? { subject: finding.subject, findings: [] };
    group.findings.push(finding);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function subjectLabel(group: SubjectFindings, lang: Lang): string {
  const { type, host, detail } = group.subject;
  if (type === 'cookie') return `${markdownText(t(lang, 'finding.cookie', { name: detail ?? '' }))} @ ${markdownCode(host)}`;
  if (type === 'infrastructure') {
    const role = group.findings[0]?.role;
    return `${role ? `${markdownText(roleLabel(lang, role))}${colon(lang)} ` : ''}${markdownCode(detail ?? host)}`;
  }
  return markdownCode(host);
}

/** "Google → Alphabet (United States)", once per distinct chain of the group. */
function whoRunsIt(group: SubjectFindings, lang: Lang): string {
  const chains = new Set<string>();
  for (const finding of group.findings) {
    if (finding.control) chains.add(`${finding.control.chain.join(' → ')} (${countryName(lang, finding.control.jurisdiction)})`);
  }
  return [...chains].map(markdownText).join(' · ');
}

function broughtIn(group: SubjectFindings, lang: Lang): string {
  if (group.subject.type === 'infrastructure') return '';
  const chain = group.findings.find((finding) => finding.broughtInBy.length > 0)?.broughtInBy;
  const by = chain && chain.length > 0 ? markdownCode(shortUrl(chain[chain.length - 1]!, 70)) : markdownText(word(lang, 'thePage'));
  return `${word(lang, 'broughtInBy')} ${by}`;
}

function fixOf(group: SubjectFindings, lang: Lang): string {
  const alternative = group.findings.find((finding) => finding.alternative)?.alternative;
  if (alternative) return `**${word(lang, 'alternative')}${colon(lang)}** ${markdownText(alternative[lang])}`;
  return `**${word(lang, 'toDo')}${colon(lang)}** ${markdownText(shortFix(group.findings[0]!.rule)[lang])}`;
}

/** One line per subject: mark, subject, service, who runs it, who brings it in, what to do. */
function findingLine(group: SubjectFindings, lang: Lang, withFix: boolean, acceptedMark?: string): string {
  const service = group.subject.type === 'host' ? group.findings.map((finding) => finding.subject.detail).find((detail) => detail && !/^\d|AS\d/.test(detail)) : undefined;
  const strongest = group.findings.find((finding) => finding.blocking && finding.kind === 'violation') ?? group.findings.find((finding) => finding.blocking) ?? group.findings[0]!;
  const who = whoRunsIt(group, lang);
  const unknownText = !who && strongest.kind === 'unknown' ? markdownText(strongest.message[lang]) : '';
  const parts = [
    `${acceptedMark ?? mark(strongest)} ${subjectLabel(group, lang)}${service ? ` (${markdownText(service)})` : ''}`,
    who || unknownText,
    broughtIn(group, lang),
    withFix ? fixOf(group, lang) : '',
  ].filter(Boolean);
  return `- ${parts.join(' — ')}`;
}

function listed(groups: SubjectFindings[], lang: Lang, withFix: boolean, acceptedMark?: string, max = MAX_LISTED): string[] {
  const lines = groups.slice(0, max).map((group) => findingLine(group, lang, withFix, acceptedMark));
  if (groups.length > max) lines.push(`- ${word(lang, 'more', { count: groups.length - max })}`);
  return lines;
}

function failedComment(report: AuditReport, options: RenderOptions, failure: { code: string; message: string }): string[] {
  const { lang } = options;
  return [
    `### ⚠️ souverain: ${markdownText(t(lang, 'failed.title'))}`,
    '',
    `${markdownCode(report.target)} — ${markdownText(t(lang, 'verdict.failedCapture', failure))}`,
    '',
    markdownText(t(lang, 'failed.explain')),
    ...reportLink(options),
  ];
}

function reportLink(options: RenderOptions): string[] {
  // The URL was checked to be http(s) by the CLI; the angle-bracket form keeps it one token.
  return options.reportUrl ? ['', `[${word(options.lang, 'fullReport')}](<${options.reportUrl.replace(/[<>\s]/g, encodeURIComponent)}>)`] : [];
}

function heading(report: AuditReport, options: RenderOptions): string[] {
  const { lang, baseline } = options;
  const { verdict, policy } = report.assessment;
  const verdictText = `**${verdictLabel(lang, verdict)}**`;
  const policyLine = word(lang, 'verdictLine', {
    verdict: verdictText, policy: markdownCode(policy.id), name: markdownText(policyName(lang, policy)),
    allowed: markdownText(policy.allowedJurisdictions.map((code) => countryName(lang, code)).join(', ') || t(lang, 'verdict.allowedNone')),
  });
  if (baseline) {
    const count = bySubject(baseline.addedBlocking).length;
    const title = count === 0 ? `✅ souverain: ${word(lang, 'gateNone')}` : `❌ souverain: ${word(lang, 'gateSome', { count })}`;
    return [
      `### ${title}`, '',
      `${markdownCode(report.target)} · ${policyLine}`, '',
      word(lang, 'baselineLine', {
        source: markdownCode(baseline.source), accepted: baseline.accepted.length, added: baseline.added.length,
        blocking: baseline.addedBlocking.length, absent: baseline.absent.length,
      }),
    ];
  }
  const icon = verdict === 'sovereign' ? '✅' : verdict === 'not-sovereign' ? '❌' : '❔';
  return [`### ${icon} souverain: ${verdictLabel(lang, verdict)}`, '', `${markdownCode(report.target)} · ${policyLine}`];
}

function newFindings(report: AuditReport, options: RenderOptions): { lines: string[]; shown: Set<Finding> } {
  const { lang, baseline } = options;
  const all = report.assessment.rules.flatMap((rule) => rule.findings);
  const fresh = baseline
    ? [...baseline.added].sort((a, b) => Number(b.blocking) - Number(a.blocking))
    : all.filter((finding) => finding.blocking);
  const groups = bySubject(fresh);
  if (groups.length === 0) return { lines: baseline ? ['', word(lang, 'noNew')] : [], shown: new Set() };
  const title = baseline ? word(lang, 'newFindings', { count: groups.length }) : word(lang, 'toFix', { count: groups.length });
  return { lines: ['', `#### ${title}`, '', ...listed(groups, lang, true)], shown: new Set(fresh) };
}

function fixPlan(report: AuditReport, lang: Lang): string[] {
  const plan = summarise(report).fixPlan.filter((action) => action.blocking);
  if (plan.length === 0) return [];
  const lines = plan.slice(0, MAX_PLAN).map((action, index) => {
    const services = action.services.length > 0 ? ` — ${markdownText(action.services.join(', '))}` : '';
    const removes = word(lang, 'removes', { hosts: action.hosts.length + action.components.length, requests: action.requests });
    const alternatives = action.alternatives.length > 0 ? ` (${markdownText(action.alternatives.map((text) => text[lang]).join(' / '))})` : '';
    return `${index + 1}. ${markdownText(action.title[lang])}${services} → ${removes}${alternatives}`;
  });
  if (plan.length > MAX_PLAN) lines.push(`${MAX_PLAN + 1}. ${word(lang, 'more', { count: plan.length - MAX_PLAN })}`);
  return ['', `#### ${word(lang, 'plan')}`, '', ...lines];
}

/** Each law once: its name, whose law it is, its explanation and the official reference. */
function lawGlossary(report: AuditReport, lang: Lang): string[] {
  const ids = new Set(report.assessment.rules.flatMap((rule) => rule.findings).flatMap((finding) => finding.control?.laws ?? []));
  const lines: string[] = [];
  for (const id of ids) {
    const law = report.enrichment.laws[id];
    if (!law) continue;
    const prose = (law as { text?: LocalisedText }).text?.[lang] ?? (lang === 'en' ? law.note : '');
    const reference = law.provenance.note ? ` — ${word(lang, 'officialText')}${colon(lang)} ${markdownText(law.provenance.note)}` : '';
    lines.push(`- **${markdownText(law.name)}** (${markdownText(countryName(lang, law.country))})${prose ? `${colon(lang)} ${markdownText(prose)}` : ''}${reference}`);
  }
  return lines.length > 0 ? ['', `**${word(lang, 'laws')}**`, '', ...lines] : [];
}

function rulesTable(report: AuditReport, lang: Lang): string[] {
  const rows = report.assessment.rules.map((rule) => {
    const status = rule.status === 'pass' ? `✅ ${t(lang, 'rule.pass')}` : !rule.blocking ? `ℹ️ ${t(lang, 'rule.reported')}` : rule.status === 'fail' ? `❌ ${t(lang, 'rule.fail')}` : `❔ ${t(lang, 'rule.unknown')}`;
    return `| ${markdownCode(rule.id)} ${markdownText(rule.title[lang])} | ${status} | ${t(lang, rule.blocking ? 'rule.blocking' : 'rule.informative')} | ${rule.findings.length} |`;
  });
  return [
    '', `**${word(lang, 'rules')}**`, '',
    `| ${t(lang, 'rule.id')} | ${t(lang, 'rule.status')} | ${t(lang, 'rule.kind')} | ${t(lang, 'rule.findings')} |`,
    '|---|---|---|---|',
    ...rows,
  ];
}

function section(title: string, groups: SubjectFindings[], lang: Lang, acceptedMark?: string): string[] {
  return groups.length > 0 ? ['', `**${title} (${groups.length})**`, '', ...listed(groups, lang, false, acceptedMark)] : [];
}

/** The collapsed part: everything the reviewer does not have to act on now. */
function restLines(report: AuditReport, options: RenderOptions, shown: Set<Finding>): { lines: string[]; count: number } {
  const { lang, baseline } = options;
  const others = report.assessment.rules.flatMap((rule) => rule.findings).filter((finding) => !shown.has(finding));
  const accepted = baseline ? others.filter((finding) => baseline.acceptedKeys.has(findingKey(finding))) : [];
  const remaining = others.filter((finding) => !accepted.includes(finding));
  const informative = bySubject(remaining.filter((finding) => !finding.blocking && finding.kind === 'violation'));
  const unknowns = bySubject(remaining.filter((finding) => finding.kind === 'unknown'));
  const acceptedGroups = bySubject(accepted);
  const gone = (baseline?.absent ?? []).map((entry) => `- ${markdownCode(entry.subject.host)} — ${markdownText(entry.message[lang])}`);
  const lines = [
    // Accepted by the baseline: they no longer fail the gate, so they do not wear its ❌.
    ...section(word(lang, 'accepted'), acceptedGroups, lang, '☑️'),
    ...section(word(lang, 'informative'), informative, lang),
    ...section(word(lang, 'unknowns'), unknowns, lang),
    ...(gone.length > 0 ? ['', `**${word(lang, 'gone')} (${gone.length})**`, '', ...gone.slice(0, MAX_LISTED)] : []),
    ...lawGlossary(report, lang),
    ...rulesTable(report, lang),
  ];
  return { lines, count: acceptedGroups.length + informative.length + unknowns.length + gone.length };
}

function footer(report: AuditReport, lang: Lang): string[] {
  const sources = report.enrichment.dataSources.map((source) =>
    `${markdownText(source.name)} ${markdownText(source.version)}${source.builtAt ? ` (${markdownText(t(lang, 'source.builtAt', { date: source.builtAt }))})` : ''}, ${markdownText(source.licence)}`);
  return ['', `<sub>souverain ${markdownText(report.tool.version)} · ${markdownText(formatTimestamp(report.generatedAt))} · ${word(lang, 'data')}${colon(lang)} ${sources.join(' · ')}</sub>`];
}

/** Joins the parts, cutting the collapsed section (never the gate or the new findings' heading) to fit. */
function assemble(head: string[], rest: string[], restTitle: string, tail: string[], lang: Lang): string {
  const open = ['', '<details>', `<summary>${restTitle}</summary>`];
  const close = ['', '</details>'];
  const fixed = [...head, ...open, ...close, ...tail].join('\n').length + 1;
  const budget = MAX_MARKDOWN_CHARS - fixed;
  const note = word(lang, 'truncated', { max: MAX_MARKDOWN_CHARS.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US') });
  let kept = rest;
  if (rest.join('\n').length > budget) {
    kept = [];
    let size = note.length + 2;
    for (const line of rest) {
      if (size + line.length + 1 > budget) break;
      kept.push(line);
      size += line.length + 1;
    }
    kept.push('', note);
  }
  let text = [...head, ...(kept.length > 0 ? [...open, ...kept, ...close] : []), ...tail].join('\n');
  // The head alone (capped lists) stays far below the limit; this guards against pathological inputs.
  if (text.length > MAX_MARKDOWN_CHARS) text = `${text.slice(0, MAX_MARKDOWN_CHARS - note.length - 2)}\n\n${note}`;
  return `${text}\n`;
}

function markdownComment(report: AuditReport, options: RenderOptions): string {
  const { lang } = options;
  const failure = failedNavigation(report);
  if (failure) return assemble(failedComment(report, options, failure), [], '', footer(report, lang), lang);
  const fresh = newFindings(report, options);
  const head = [
    ...heading(report, options),
    '',
    markdownText(summarise(report).sentence[lang]),
    ...reportLink(options),
    ...fresh.lines,
    ...fixPlan(report, lang),
  ];
  const rest = restLines(report, options, fresh.shown);
  return assemble(head, rest.lines, word(lang, 'rest', { count: rest.count }), footer(report, lang), lang);
}

/** Markdown format: `*.md`, a merge-request comment. */
export const markdown: Renderer = {
  id: 'markdown',
  extension: 'md',
  render: markdownComment,
};

export { markdownText };
