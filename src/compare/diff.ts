/**
 * `souverain diff old.json new.json`: what changed between two audits — organisations, hosts,
 * jurisdictions and findings added and removed, rule statuses and the verdict. Pure: the diff is
 * computed from the two reports, and rendered as text (terminal) or JSON.
 */
import pc from 'picocolors';
import type { Lang } from '../shared/errors.js';
import { formatTimestamp, roleLabel, verdictLabel } from '../report/i18n.js';
import { terminalSafe } from '../report/text.js';
import type { AuditReport, Finding, LocalisedText, RuleResult, Verdict } from '../types.js';
import { allFindings, findingIdentity, hostsSeen, identityKey, organisationsOf, type FindingIdentity, type OrganisationSeen } from '../report/findings.js';

/** Version of the JSON diff format (docs/ci.md). */
export const DIFF_FORMAT_VERSION = '1.0.0';

/** One side of the comparison. */
export interface AuditSide {
  file?: string;
  target: string;
  generatedAt: string;
  verdict: Verdict;
  policy: { id: string; name: string; source: string };
  schemaVersion: string;
  toolVersion: string;
}

/** A finding that appeared or disappeared, by its stable identity. */
export interface FindingChange extends FindingIdentity {
  key: string;
  kind: Finding['kind'];
  blocking: boolean;
  message: LocalisedText;
  jurisdiction?: string;
}

/** A rule whose status differs (absent when the rule did not run on that side). */
export interface RuleChange {
  id: string;
  title: LocalisedText;
  old?: RuleResult['status'];
  new?: RuleResult['status'];
}

export interface ReportDiff {
  kind: 'souverain-diff';
  formatVersion: string;
  old: AuditSide;
  new: AuditSide;
  verdict: { old: Verdict; new: Verdict; changed: boolean };
  organisations: { added: OrganisationSeen[]; removed: OrganisationSeen[] };
  hosts: { added: string[]; removed: string[] };
  jurisdictions: { added: string[]; removed: string[] };
  findings: { added: FindingChange[]; removed: FindingChange[] };
  rules: RuleChange[];
  /** Why the two audits may not be comparable finding for finding (another policy, another target). */
  notes: LocalisedText[];
  /** A blocking violation appeared: `souverain diff` then exits 1. */
  nonSovereignAdded: boolean;
}

function side(report: AuditReport, file?: string): AuditSide {
  const { policy, verdict } = report.assessment;
  return {
    ...(file ? { file } : {}),
    target: report.target,
    generatedAt: report.generatedAt,
    verdict,
    policy: { id: policy.id, name: policy.name, source: policy.source },
    schemaVersion: report.schemaVersion,
    toolVersion: report.tool.version,
  };
}

function changesOf(report: AuditReport): Map<string, FindingChange> {
  const changes = new Map<string, FindingChange>();
  for (const finding of allFindings(report)) {
    const identity = findingIdentity(finding);
    const key = identityKey(identity);
    const existing = changes.get(key);
    if (existing) {
      existing.blocking ||= finding.blocking;
      continue;
    }
    changes.set(key, {
      key, ...identity, kind: finding.kind, blocking: finding.blocking, message: finding.message,
      ...(finding.control ? { jurisdiction: finding.control.jurisdiction } : {}),
    });
  }
  return changes;
}

function difference<T>(from: Map<string, T>, without: Map<string, T>): T[] {
  return [...from.entries()].filter(([key]) => !without.has(key)).map(([, value]) => value);
}

function setDifference(from: readonly string[], without: readonly string[]): string[] {
  const excluded = new Set(without);
  return [...new Set(from)].filter((value) => !excluded.has(value)).sort();
}

function jurisdictionsOf(organisations: Map<string, OrganisationSeen>): string[] {
  return [...new Set([...organisations.values()].map((organisation) => organisation.jurisdiction).filter((code) => code !== 'unknown'))];
}

function ruleChanges(oldReport: AuditReport, newReport: AuditReport): RuleChange[] {
  const before = new Map(oldReport.assessment.rules.map((rule) => [rule.id, rule]));
  const after = new Map(newReport.assessment.rules.map((rule) => [rule.id, rule]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  return ids.flatMap((id): RuleChange[] => {
    const was = before.get(id);
    const is = after.get(id);
    if (was?.status === is?.status) return [];
    const title = (is ?? was)!.title;
    return [{ id, title, ...(was ? { old: was.status } : {}), ...(is ? { new: is.status } : {}) }];
  });
}

/**
 * Compares two audits.
 *
 * @example
 * const diff = diffReports(await readReportFile('old.json'), await readReportFile('new.json'));
 * if (diff.nonSovereignAdded) process.exitCode = 1;
 */
export function diffReports(oldReport: AuditReport, newReport: AuditReport, files: { old?: string; new?: string } = {}): ReportDiff {
  const oldOrganisations = organisationsOf(oldReport);
  const newOrganisations = organisationsOf(newReport);
  const oldFindings = changesOf(oldReport);
  const newFindings = changesOf(newReport);
  const addedFindings = difference(newFindings, oldFindings);
  const notes: LocalisedText[] = [];
  if (oldReport.assessment.policy.id !== newReport.assessment.policy.id) {
    notes.push({
      en: `The audits were judged under different policies ("${oldReport.assessment.policy.id}" and "${newReport.assessment.policy.id}"): findings may differ for that reason alone; run souverain assess on both with the same --policy.`,
      fr: `Les audits ont été jugés selon des politiques différentes (« ${oldReport.assessment.policy.id} » et « ${newReport.assessment.policy.id} ») : les constats peuvent différer pour cette seule raison ; passez les deux à souverain assess avec la même --policy.`,
    });
  }
  if (oldReport.target !== newReport.target) {
    notes.push({ en: `The audits are of different targets (${oldReport.target} and ${newReport.target}).`, fr: `Les audits portent sur des cibles différentes (${oldReport.target} et ${newReport.target}).` });
  }
  return {
    kind: 'souverain-diff',
    formatVersion: DIFF_FORMAT_VERSION,
    old: side(oldReport, files.old),
    new: side(newReport, files.new),
    verdict: { old: oldReport.assessment.verdict, new: newReport.assessment.verdict, changed: oldReport.assessment.verdict !== newReport.assessment.verdict },
    organisations: { added: difference(newOrganisations, oldOrganisations), removed: difference(oldOrganisations, newOrganisations) },
    hosts: { added: setDifference(hostsSeen(newReport), hostsSeen(oldReport)), removed: setDifference(hostsSeen(oldReport), hostsSeen(newReport)) },
    jurisdictions: {
      added: setDifference(jurisdictionsOf(newOrganisations), jurisdictionsOf(oldOrganisations)),
      removed: setDifference(jurisdictionsOf(oldOrganisations), jurisdictionsOf(newOrganisations)),
    },
    findings: { added: addedFindings, removed: difference(oldFindings, newFindings) },
    rules: ruleChanges(oldReport, newReport),
    notes,
    nonSovereignAdded: addedFindings.some((finding) => finding.kind === 'violation' && finding.blocking),
  };
}

// ───────────────────────────── rendering ─────────────────────────────

export const TEXT = {
  title: { en: 'souverain diff', fr: 'souverain diff' },
  target: { en: 'Target', fr: 'Cible' },
  verdict: { en: 'Verdict', fr: 'Verdict' },
  unchanged: { en: 'unchanged', fr: 'inchangé' },
  organisations: { en: 'Organisations', fr: 'Organisations' },
  jurisdictions: { en: 'Jurisdictions', fr: 'Juridictions' },
  hosts: { en: 'Hosts', fr: 'Hôtes' },
  findings: { en: 'Findings', fr: 'Constats' },
  rules: { en: 'Rules whose status changed', fr: 'Règles dont le statut a changé' },
  added: { en: 'added', fr: 'ajout(s)' },
  removed: { en: 'removed', fr: 'retrait(s)' },
  none: { en: 'no change', fr: 'aucun changement' },
  blocking: { en: 'blocking', fr: 'bloquant' },
  notBlocking: { en: 'not blocking', fr: 'non bloquant' },
  unknownKind: { en: 'unknown', fr: 'inconnu' },
  notRun: { en: 'not run', fr: 'non exécutée' },
  nonSovereign: { en: 'Something non-sovereign was added (exit code 1).', fr: 'Un élément non souverain a été ajouté (code de sortie 1).' },
  nothing: { en: 'Nothing non-sovereign was added.', fr: 'Aucun élément non souverain n’a été ajouté.' },
  status: { pass: { en: 'pass', fr: 'conforme' }, fail: { en: 'fail', fr: 'échec' }, unknown: { en: 'unknown', fr: 'indéterminé' } },
} as const;

const MAX_ITEMS = 25;

/**
 * The diff as text (terminal, colour optional) or JSON (the {@link ReportDiff} object).
 *
 * @example renderDiff(diff, 'terminal', { lang: 'fr', color: false })
 */
export function renderDiff(diff: ReportDiff, format: 'terminal' | 'json', options: { lang: Lang; color: boolean }): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  const { lang } = options;
  const paint = pc.createColors(options.color);
  const safe = terminalSafe;
  const colon = lang === 'fr' ? ' :' : ':';
  const lines: string[] = [];
  const sideName = (s: AuditSide): string => `${safe(s.file ?? s.target)} (${formatTimestamp(s.generatedAt)})`;
  lines.push(paint.bold(`${TEXT.title[lang]} — ${sideName(diff.old)} → ${sideName(diff.new)}`));
  lines.push(`${TEXT.target[lang]}${colon} ${safe(diff.new.target)}`);
  const verdicts = diff.verdict.changed
    ? `${verdictLabel(lang, diff.verdict.old)} → ${paint.bold(verdictLabel(lang, diff.verdict.new))}`
    : `${verdictLabel(lang, diff.verdict.new)} (${TEXT.unchanged[lang]})`;
  lines.push(`${TEXT.verdict[lang]}${colon} ${verdicts}`);
  for (const note of diff.notes) lines.push(paint.yellow(safe(note[lang])));
  lines.push('');

  const section = (title: LocalisedText, added: string[], removed: string[]): void => {
    if (added.length === 0 && removed.length === 0) {
      lines.push(`${title[lang]}${colon} ${TEXT.none[lang]}`);
      return;
    }
    lines.push(`${title[lang]}${colon} ${added.length} ${TEXT.added[lang]}, ${removed.length} ${TEXT.removed[lang]}`);
    for (const item of added.slice(0, MAX_ITEMS)) lines.push(paint.red(`  + ${safe(item)}`));
    if (added.length > MAX_ITEMS) lines.push(`  + … (${added.length - MAX_ITEMS})`);
    for (const item of removed.slice(0, MAX_ITEMS)) lines.push(paint.green(`  - ${safe(item)}`));
    if (removed.length > MAX_ITEMS) lines.push(`  - … (${removed.length - MAX_ITEMS})`);
  };
  const organisation = (o: OrganisationSeen): string => `${o.name} (${o.jurisdiction}) — ${o.roles.map((role) => roleLabel(lang, role)).join(', ')}${colon} ${o.subjects.slice(0, 3).join(', ')}${o.subjects.length > 3 ? ', …' : ''}`;
  const finding = (f: FindingChange): string => {
    const effect = f.kind === 'unknown' ? TEXT.unknownKind[lang] : f.blocking ? TEXT.blocking[lang] : TEXT.notBlocking[lang];
    return `[${f.rule}] ${effect} — ${f.message[lang]}`;
  };
  section(TEXT.organisations, diff.organisations.added.map(organisation), diff.organisations.removed.map(organisation));
  section(TEXT.jurisdictions, diff.jurisdictions.added, diff.jurisdictions.removed);
  section(TEXT.hosts, diff.hosts.added, diff.hosts.removed);
  section(TEXT.findings, diff.findings.added.map(finding), diff.findings.removed.map(finding));
  if (diff.rules.length > 0) {
    lines.push(`${TEXT.rules[lang]}${colon}`);
    const status = (value: RuleResult['status'] | undefined): string => (value ? TEXT.status[value][lang] : TEXT.notRun[lang]);
    for (const rule of diff.rules) lines.push(`  ${rule.id}${colon} ${status(rule.old)} → ${status(rule.new)}`);
  }
  lines.push('');
  lines.push(diff.nonSovereignAdded ? paint.red(paint.bold(TEXT.nonSovereign[lang])) : paint.green(TEXT.nothing[lang]));
  return `${lines.join('\n')}\n`;
}
