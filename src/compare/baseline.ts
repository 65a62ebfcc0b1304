/**
 * Baselines: the findings a team has accepted, so that CI fails only on what is new.
 *
 * A baseline lists every finding of an audit by its stable identity (rule, subject, role,
 * controlling entity: src/compare/findings.ts), with its message for the reader. An audit compared
 * with it fails only when a blocking finding is not in the baseline, and says which baseline
 * entries were no longer seen. The file format is schemas/baseline.schema.json.
 */
import { notRegularReason, tryReadRegularFile } from '../shared/regular-file.js';
import { z } from 'zod';
import { LocalisedUsageError, type Lang } from '../shared/errors.js';
import { customMessage, parseDataFile, type FileKind } from '../shared/data-file.js';
import type { AuditReport, Finding } from '../types.js';
import { allFindings, findingIdentity, identityKey, type BaselineResult } from '../report/findings.js';

/** Version of the baseline file format; the major version must match to read a file. */
export const BASELINE_SCHEMA_VERSION = '1.0.0';

/** The conventional file name, used when --update-baseline is given without --baseline. */
export { DEFAULT_BASELINE_FILE } from './baseline-file.js';

const localised = z.object({ en: z.string(), fr: z.string() }).strict();

const entrySchema = z
  .object({
    key: z.string().min(1).describe('rule|subject type|host|detail|role|entity: the identity of the finding'),
    rule: z.string().min(1),
    kind: z.enum(['violation', 'unknown']),
    subject: z.object({ type: z.enum(['host', 'cookie', 'infrastructure']), host: z.string(), detail: z.string().optional() }).strict(),
    role: z.string().optional(),
    entity: z.string().optional().describe('Entity id of the controlling company the finding is about'),
    blocking: z.boolean().describe('Whether the finding was blocking when it was accepted'),
    message: localised.describe('The finding as it read when it was accepted (for people; not part of its identity)'),
  })
  .strict();

const VERSION_MESSAGE = customMessage({
  en: `a baseline schema version this souverain reads (${BASELINE_SCHEMA_VERSION.split('.')[0]}.x)`,
  fr: `une version du schéma de référence que cette version de souverain lit (${BASELINE_SCHEMA_VERSION.split('.')[0]}.x)`,
});

/** The baseline file: accepted findings and where they came from. */
export const BaselineSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.string().regex(new RegExp(`^${BASELINE_SCHEMA_VERSION.split('.')[0]}\\.`), VERSION_MESSAGE),
    tool: z.object({ name: z.literal('souverain'), version: z.string() }).strict(),
    createdAt: z.string().describe('When the audit the baseline was made from ran (ISO 8601)'),
    target: z.string().describe('The audited URL'),
    policy: z.object({ id: z.string(), source: z.string() }).strict(),
    entries: z.array(entrySchema),
  })
  .strict();

export type Baseline = z.infer<typeof BaselineSchema>;
export type BaselineEntry = z.infer<typeof entrySchema>;

const BASELINE_FILE: FileKind = {
  name: { en: 'baseline file', fr: 'fichier de référence' },
  reference: { en: 'see schemas/baseline.schema.json, or write it again with souverain baseline URL', fr: 'voir schemas/baseline.schema.json, ou réécrivez-le avec souverain baseline URL' },
};

/** Every finding of a report as a baseline entry, one per identity. */
export function createBaseline(report: AuditReport): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of allFindings(report)) {
    const identity = findingIdentity(finding);
    const key = identityKey(identity);
    const existing = entries.get(key);
    if (existing) {
      existing.blocking ||= finding.blocking;
      continue;
    }
    entries.set(key, { key, ...identity, kind: finding.kind, blocking: finding.blocking, message: finding.message });
  }
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    tool: { name: 'souverain', version: report.tool.version },
    createdAt: report.generatedAt,
    target: report.target,
    policy: { id: report.assessment.policy.id, source: report.assessment.policy.source },
    entries: [...entries.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** The baseline as the text of its file (JSON, sorted entries, final newline). */
export function serialiseBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Parses and validates baseline text; errors name the file, the line and the field. */
export function parseBaseline(text: string, origin: string): Baseline {
  const baseline = parseDataFile(text, origin, BaselineSchema, BASELINE_FILE);
  // The key is derived from the other fields: a hand-edited entry must keep them in agreement.
  const mismatch = baseline.entries.findIndex((entry) => entry.key !== identityKey(entry));
  if (mismatch >= 0) {
    const expected = identityKey(baseline.entries[mismatch]!);
    throw new LocalisedUsageError(
      {
        en: `baseline file ${origin}: entries.${mismatch}.key: does not match the entry's rule, subject, role and entity (expected "${expected}")`,
        fr: `fichier de référence ${origin} : entries.${mismatch}.key : ne correspond pas à la règle, au sujet, au rôle et à l’entité de l’entrée (attendu « ${expected} »)`,
      },
      BASELINE_FILE.reference,
    );
  }
  return baseline;
}

/** Reads a baseline file; a missing file is a usage error that says how to create one. */
export async function loadBaseline(path: string): Promise<Baseline> {
  const read = await tryReadRegularFile(path);
  if (!read.ok && read.reason === 'missing') {
    throw new LocalisedUsageError(
      { en: `baseline file ${path} does not exist`, fr: `le fichier de référence ${path} n’existe pas` },
      {
        en: `create it with "souverain baseline URL --output ${path}" or "souverain audit URL --baseline ${path} --update-baseline"`,
        fr: `créez-le avec « souverain baseline URL --output ${path} » ou « souverain audit URL --baseline ${path} --update-baseline »`,
      },
    );
  }
  if (!read.ok) {
    const why = notRegularReason(read.reason);
    const code = read.code ? ` (${read.code})` : '';
    throw new LocalisedUsageError(
      { en: `baseline file ${path} ${why.en}${code}`, fr: `le fichier de référence ${path} ${why.fr}${code}` },
      { en: 'give the path of a regular, readable baseline file', fr: 'donnez le chemin d’un fichier de référence ordinaire et lisible' },
    );
  }
  const text = read.content.toString('utf8');
  return parseBaseline(text, path);
}

/** An audit compared with a baseline. */
export interface BaselineComparison extends BaselineResult {
  baseline: Baseline;
  absent: BaselineEntry[];
}

/**
 * Compares an audit with a baseline: the gate passes when every blocking finding was accepted.
 *
 * @example
 * const comparison = compareWithBaseline(report, await loadBaseline('souverain-baseline.json'), 'souverain-baseline.json');
 * process.exitCode = comparison.passed ? 0 : 1;
 */
export function compareWithBaseline(report: AuditReport, baseline: Baseline, source: string): BaselineComparison {
  const baselineKeys = new Set(baseline.entries.map((entry) => entry.key));
  const findings = allFindings(report);
  const seenKeys = new Set<string>();
  const accepted: Finding[] = [];
  const added: Finding[] = [];
  for (const finding of findings) {
    const key = identityKey(findingIdentity(finding));
    seenKeys.add(key);
    (baselineKeys.has(key) ? accepted : added).push(finding);
  }
  const addedBlocking = added.filter((finding) => finding.blocking);
  return {
    source,
    baseline,
    accepted,
    added,
    addedBlocking,
    absent: baseline.entries.filter((entry) => !seenKeys.has(entry.key)),
    acceptedKeys: new Set([...seenKeys].filter((key) => baselineKeys.has(key))),
    passed: addedBlocking.length === 0,
  };
}

const MAX_LISTED = 10;

/**
 * The comparison in plain words, for the terminal: what is new (and blocks), what is accepted, and
 * which baseline entries were no longer seen.
 */
export function describeComparison(comparison: BaselineComparison, lang: Lang): string {
  const fr = lang === 'fr';
  const lines: string[] = [];
  const { source, accepted, added, addedBlocking, absent } = comparison;
  lines.push(fr
    ? `Référence ${source} : ${accepted.length} constat(s) accepté(s), ${added.length} nouveau(x) dont ${addedBlocking.length} bloquant(s), ${absent.length} entrée(s) plus observée(s).`
    : `Baseline ${source}: ${accepted.length} accepted finding(s), ${added.length} new of which ${addedBlocking.length} blocking, ${absent.length} entr${absent.length === 1 ? 'y' : 'ies'} no longer seen.`);
  const list = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push(title);
    for (const item of items.slice(0, MAX_LISTED)) lines.push(`  - ${item}`);
    if (items.length > MAX_LISTED) lines.push(fr ? `  … et ${items.length - MAX_LISTED} de plus` : `  … and ${items.length - MAX_LISTED} more`);
  };
  list(fr ? 'Nouveaux constats bloquants (la vérification échoue) :' : 'New blocking findings (the check fails):', addedBlocking.map((f) => `[${f.rule}] ${f.message[lang]}`));
  const addedOther = added.filter((finding) => !finding.blocking);
  list(fr ? 'Nouveaux constats non bloquants :' : 'New findings that do not block:', addedOther.map((f) => `[${f.rule}] ${f.message[lang]}`));
  list(fr ? 'Entrées de la référence qui ne sont plus observées (à retirer avec --update-baseline) :' : 'Baseline entries no longer seen (remove them with --update-baseline):', absent.map((entry) => `[${entry.rule}] ${entry.message[lang]}`));
  lines.push(comparison.passed
    ? (fr ? 'Vérification par rapport à la référence : réussie.' : 'Check against the baseline: passed.')
    : (fr ? 'Vérification par rapport à la référence : échec.' : 'Check against the baseline: failed.'));
  return `${lines.join('\n')}\n`;
}

/** A one-line warning when the baseline was made for another target or policy, or undefined. */
export function baselineMismatch(comparison: BaselineComparison, report: AuditReport, lang: Lang): string | undefined {
  const { baseline } = comparison;
  const notes: string[] = [];
  if (baseline.target !== report.target) {
    notes.push(lang === 'fr' ? `la référence a été établie pour ${baseline.target}, l’audit porte sur ${report.target}` : `the baseline was made for ${baseline.target}, this audit is of ${report.target}`);
  }
  if (baseline.policy.id !== report.assessment.policy.id) {
    notes.push(lang === 'fr' ? `la référence a été établie sous la politique « ${baseline.policy.id} », l’audit sous « ${report.assessment.policy.id} »` : `the baseline was made under policy "${baseline.policy.id}", this audit under "${report.assessment.policy.id}"`);
  }
  if (notes.length === 0) return undefined;
  return lang === 'fr' ? `Attention : ${notes.join(' ; ')}.` : `Warning: ${notes.join('; ')}.`;
}
