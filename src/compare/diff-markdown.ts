/**
 * `souverain diff old.json new.json --format markdown`: what changed between two audits, as a
 * merge-request comment — the gate first (something non-sovereign added, or not), then what was
 * added (organisations, jurisdictions, hosts, findings), then what went away in a collapsed section.
 * Capped at 65,000 characters like the audit comment; page and data text escaped.
 */
import { countryName, type CountryLang as Lang } from '../shared/countries.js';
import { markdownCode, markdownText } from '../shared/sanitize.js';
import { formatTimestamp, roleLabel, verdictLabel } from '../report/i18n.js';
import type { LocalisedText } from '../types.js';
import { TEXT, type FindingChange, type ReportDiff } from './diff.js';
import type { OrganisationSeen } from '../report/findings.js';

const MAX_ITEMS = 100;
const MAX_CHARS = 65_000;

const WORDS = {
  added: { en: 'Added', fr: 'Ajouts' },
  removed: { en: 'Removed', fr: 'Retraits' },
  nothingAdded: { en: 'Nothing was added.', fr: 'Rien n’a été ajouté.' },
  more: { en: '… and {count} more', fr: '… et {count} de plus' },
  cut: { en: '… cut here to stay under 65,000 characters.', fr: '… coupé ici pour rester sous 65 000 caractères.' },
} satisfies Record<string, LocalisedText>;

function colon(lang: Lang): string {
  return lang === 'fr' ? '\u00a0:' : ':';
}

function organisationLine(organisation: OrganisationSeen, lang: Lang): string {
  const roles = organisation.roles.map((role) => roleLabel(lang, role)).join(', ');
  const subjects = organisation.subjects.slice(0, 5).map(markdownCode).join(', ') + (organisation.subjects.length > 5 ? ', …' : '');
  return `${markdownText(organisation.name)} (${markdownText(countryName(lang, organisation.jurisdiction))}) — ${markdownText(roles)}${colon(lang)} ${subjects}`;
}

function findingLine(finding: FindingChange, lang: Lang): string {
  const mark = finding.kind === 'unknown' ? '❔' : finding.blocking ? '❌' : 'ℹ️';
  const effect = finding.kind === 'unknown' ? TEXT.unknownKind[lang] : finding.blocking ? TEXT.blocking[lang] : TEXT.notBlocking[lang];
  return `${mark} ${markdownCode(finding.rule)} ${markdownText(effect)} — ${markdownText(finding.message[lang])}`;
}

function list(title: string, items: string[], lang: Lang): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, MAX_ITEMS).map((item) => `- ${item}`);
  if (items.length > MAX_ITEMS) shown.push(`- ${WORDS.more[lang].replace('{count}', String(items.length - MAX_ITEMS))}`);
  return ['', `**${title} (${items.length})**`, '', ...shown];
}

function changes(diff: ReportDiff, which: 'added' | 'removed', lang: Lang): string[] {
  return [
    ...list(TEXT.organisations[lang], diff.organisations[which].map((organisation) => organisationLine(organisation, lang)), lang),
    ...list(TEXT.jurisdictions[lang], diff.jurisdictions[which].map((code) => markdownText(countryName(lang, code))), lang),
    ...list(TEXT.hosts[lang], diff.hosts[which].map(markdownCode), lang),
    ...list(TEXT.findings[lang], diff.findings[which].map((finding) => findingLine(finding, lang)), lang),
  ];
}

/** The diff as a Markdown comment. */
export function renderDiffMarkdown(diff: ReportDiff, lang: Lang): string {
  const title = diff.nonSovereignAdded ? `❌ souverain diff: ${TEXT.nonSovereign[lang]}` : `✅ souverain diff: ${TEXT.nothing[lang]}`;
  const side = (file: string | undefined, target: string, at: string): string => `${markdownCode(file ?? target)} (${markdownText(formatTimestamp(at))})`;
  const verdict = diff.verdict.changed
    ? `${verdictLabel(lang, diff.verdict.old)} → **${verdictLabel(lang, diff.verdict.new)}**`
    : `**${verdictLabel(lang, diff.verdict.new)}** (${TEXT.unchanged[lang]})`;
  const added = changes(diff, 'added', lang);
  const removed = changes(diff, 'removed', lang);
  const rules = diff.rules.map((rule) => {
    const status = (value: 'pass' | 'fail' | 'unknown' | undefined): string => (value ? TEXT.status[value][lang] : TEXT.notRun[lang]);
    return `- ${markdownCode(rule.id)} ${markdownText(rule.title[lang])}${colon(lang)} ${status(rule.old)} → ${status(rule.new)}`;
  });
  const lines = [
    `### ${title}`,
    '',
    `${side(diff.old.file, diff.old.target, diff.old.generatedAt)} → ${side(diff.new.file, diff.new.target, diff.new.generatedAt)}`,
    '',
    `${TEXT.verdict[lang]}${colon(lang)} ${verdict}`,
    ...diff.notes.map((note) => `\n> ${markdownText(note[lang])}`),
    '',
    `#### ${WORDS.added[lang]}`,
    ...(added.length > 0 ? added : ['', WORDS.nothingAdded[lang]]),
    ...(removed.length > 0 || rules.length > 0 ? ['', '<details>', `<summary>${WORDS.removed[lang]} · ${TEXT.rules[lang]}</summary>`, ...removed, ...(rules.length > 0 ? ['', `**${TEXT.rules[lang]}**`, '', ...rules] : []), '', '</details>'] : []),
  ];
  let text = lines.join('\n');
  if (text.length > MAX_CHARS) {
    const inDetails = text.lastIndexOf('<details>') >= 0 && text.lastIndexOf('<details>') < MAX_CHARS;
    text = `${text.slice(0, text.lastIndexOf('\n', MAX_CHARS - 200))}\n\n${WORDS.cut[lang]}${inDetails ? '\n\n</details>' : ''}`;
  }
  return `${text}\n`;
}
