/**
 * Markdown: a short summary fit for a merge-request comment — the verdict, the companies that break
 * the policy with their hosts, the unknowns, the baseline check when there is one, the rules in a
 * folded table, and the data sources. Lists are capped so the comment stays short.
 *
 * Every value that comes from a page or the data (hosts, titles, messages) is escaped, so it cannot
 * inject links, images, HTML or table cells into the comment.
 */
import type { AuditReport } from '../../types.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { fill } from '../../shared/messages.js';
import { subjectName, verdictReason } from '../describe.js';
import { type Lang, colon, formatTimestamp, t, verdictLabel } from '../i18n.js';
import { groupViolations, unknownItems } from '../model.js';
import { markdownCode, markdownText } from '../../shared/sanitize.js';

const MAX_COMPANIES = 10;
const MAX_SUBJECTS = 5;
const MAX_UNKNOWNS = 5;
const MAX_BASELINE_ITEMS = 5;

const WORDS = {
  policy: { en: 'policy', fr: 'politique' },
  allowed: { en: 'allowed jurisdictions', fr: 'juridictions admises' },
  company: { en: 'Company', fr: 'Société' },
  jurisdiction: { en: 'Jurisdiction', fr: 'Juridiction' },
  laws: { en: 'Laws', fr: 'Lois' },
  subjects: { en: 'Hosts and components', fr: 'Hôtes et composants' },
  blocks: { en: 'Blocks', fr: 'Bloque' },
  yes: { en: 'yes', fr: 'oui' },
  no: { en: 'no', fr: 'non' },
  unknowns: { en: 'Unknowns', fr: 'Inconnues' },
  rules: { en: 'Rules', fr: 'Règles' },
  rule: { en: 'Rule', fr: 'Règle' },
  status: { en: 'Status', fr: 'Statut' },
  effect: { en: 'Effect', fr: 'Effet' },
  findings: { en: 'Findings', fr: 'Constats' },
  blocking: { en: 'blocking', fr: 'bloquante' },
  informative: { en: 'informative', fr: 'informative' },
  baseline: {
    en: 'Baseline {source}: {added} new blocking finding(s), {accepted} accepted, {absent} no longer seen — check {result}.',
    fr: 'Référence {source} : {added} nouveau(x) constat(s) bloquant(s), {accepted} accepté(s), {absent} plus observé(s) — vérification {result}.',
  },
  passed: { en: 'passed', fr: 'réussie' },
  failed: { en: 'failed', fr: 'échouée' },
  newFinding: { en: 'new', fr: 'nouveau' },
  goneFinding: { en: 'no longer seen', fr: 'plus observé' },
  data: { en: 'data', fr: 'données' },
  built: { en: 'built {date}', fr: 'construite le {date}' },
  more: { en: '… and {count} more', fr: '… et {count} de plus' },
  status_pass: { en: 'pass', fr: 'conforme' },
  status_fail: { en: 'fail', fr: 'échec' },
  status_unknown: { en: 'unknown', fr: 'indéterminé' },
} as const;

function word(lang: Lang, key: keyof typeof WORDS, params: Record<string, string | number> = {}): string {
  return fill(WORDS[key][lang], params);
}

export { markdownText };

/**
 * Text as a code span (nothing inside is interpreted but "|", which would still split a table
 * cell), or escaped when it holds a backtick.
 */
function code(text: string): string {
  return markdownCode(text);
}

function capped(items: string[], max: number, lang: Lang): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} ${word(lang, 'more', { count: items.length - max })}` : shown;
}

function companies(report: AuditReport, lang: Lang): string[] {
  const groups = groupViolations(report).companies;
  if (groups.length === 0) return [];
  const lines = [
    `| ${word(lang, 'company')} | ${word(lang, 'jurisdiction')} | ${word(lang, 'laws')} | ${word(lang, 'subjects')} | ${word(lang, 'blocks')} |`,
    '|---|---|---|---|---|',
  ];
  for (const group of groups.slice(0, MAX_COMPANIES)) {
    const subjects = group.items.map((item) => code(subjectName(item, lang)));
    const laws = group.laws.map((law) => markdownText(law.name)).join(', ') || '—';
    lines.push(`| ${markdownText(group.name)} | ${markdownText(group.jurisdiction)} | ${laws} | ${capped(subjects, MAX_SUBJECTS, lang)} | ${word(lang, group.blocking ? 'yes' : 'no')} |`);
  }
  if (groups.length > MAX_COMPANIES) lines.push(`| ${word(lang, 'more', { count: groups.length - MAX_COMPANIES })} | | | | |`);
  return ['', ...lines];
}

function unknowns(report: AuditReport, lang: Lang): string[] {
  const items = unknownItems(report);
  if (items.length === 0) return [];
  const listed = items.slice(0, MAX_UNKNOWNS).map((item) => `- ${markdownText(item.messages[0]?.[lang] ?? subjectName(item, lang))}`);
  if (items.length > MAX_UNKNOWNS) listed.push(`- ${word(lang, 'more', { count: items.length - MAX_UNKNOWNS })}`);
  return ['', `**${word(lang, 'unknowns')} (${items.length})**`, '', ...listed];
}

function baseline(options: RenderOptions): string[] {
  const comparison = options.baseline;
  if (!comparison) return [];
  const { lang } = options;
  const lines = ['', word(lang, 'baseline', {
    source: code(comparison.source),
    added: comparison.addedBlocking.length,
    accepted: comparison.accepted.length,
    absent: comparison.absent.length,
    result: `**${word(lang, comparison.passed ? 'passed' : 'failed')}**`,
  })];
  const added = comparison.addedBlocking.map((finding) => `- ${word(lang, 'newFinding')}${colon(lang)} ${markdownText(finding.message[lang])}`);
  const gone = comparison.absent.map((entry) => `- ${word(lang, 'goneFinding')}${colon(lang)} ${markdownText(entry.message[lang])}`);
  const items = [...added, ...gone];
  if (items.length > 0) lines.push('', ...items.slice(0, MAX_BASELINE_ITEMS));
  if (items.length > MAX_BASELINE_ITEMS) lines.push(`- ${word(lang, 'more', { count: items.length - MAX_BASELINE_ITEMS })}`);
  return lines;
}

function rules(report: AuditReport, lang: Lang): string[] {
  const results = report.assessment.rules;
  const rows = results.map((rule) => {
    const status = word(lang, `status_${rule.status}`);
    const effect = word(lang, rule.blocking ? 'blocking' : 'informative');
    return `| ${code(rule.id)} ${markdownText(rule.title[lang])} | ${status} | ${effect} | ${rule.findings.length} |`;
  });
  return [
    '',
    '<details>',
    `<summary>${word(lang, 'rules')} (${results.length})</summary>`,
    '',
    `| ${word(lang, 'rule')} | ${word(lang, 'status')} | ${word(lang, 'effect')} | ${word(lang, 'findings')} |`,
    '|---|---|---|---|',
    ...rows,
    '',
    '</details>',
  ];
}

function footer(report: AuditReport, lang: Lang): string[] {
  const sources = report.enrichment.dataSources.map((source) =>
    `${markdownText(source.name)} ${markdownText(source.version)}${source.builtAt ? ` (${word(lang, 'built', { date: source.builtAt })})` : ''}, ${markdownText(source.licence)}`);
  return [
    '',
    `<sub>souverain ${markdownText(report.tool.version)} · ${formatTimestamp(report.generatedAt)} · ${word(lang, 'data')}${colon(lang)} ${sources.join(' · ')}</sub>`,
  ];
}

function markdownSummary(report: AuditReport, options: RenderOptions): string {
  const { lang } = options;
  const { verdict, policy } = report.assessment;
  const allowed = policy.allowedJurisdictions.join(', ') || t(lang, 'verdict.allowedNone');
  const lines = [
    `### souverain: ${verdictLabel(lang, verdict)}`,
    '',
    `${code(report.target)} · ${word(lang, 'policy')} ${code(policy.id)} (${markdownText(policy.name)}) · ${word(lang, 'allowed')}${colon(lang)} ${markdownText(allowed)}`,
    '',
    markdownText(verdictReason(report, lang)),
    ...companies(report, lang),
    ...unknowns(report, lang),
    ...baseline(options),
    ...rules(report, lang),
    ...footer(report, lang),
  ];
  return `${lines.join('\n')}\n`;
}

/** Markdown format: `*.md`, a merge-request comment. */
export const markdown: Renderer = {
  id: 'markdown',
  extension: 'md',
  render: markdownSummary,
};
