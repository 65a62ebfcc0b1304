/**
 * "What changed" in plain words, from `souverain diff` (src/compare/diff.ts): services added or
 * removed with the page that brought them in, organisations and jurisdictions gained, verdict moves.
 * Used by the site timeline and the webhook messages.
 */
import { diffReports, type ReportDiff } from '../compare/diff.js';
import type { AuditReport, HostAttribution } from '../types.js';
import { verdictText, type Lang } from './i18n.js';

export interface ChangeSummary {
  diff: ReportDiff;
  /** One sentence per change, in the requested language. */
  sentences: string[];
}

function serviceLabel(report: AuditReport, host: string): string {
  const attribution = report.enrichment.hosts.find((h: HostAttribution) => h.host === host);
  if (attribution?.vendor.status === 'known' && attribution.vendor.value.service) return attribution.vendor.value.service;
  if (attribution?.vendorControl.status === 'known') return `${attribution.vendorControl.value.entityName} (${host})`;
  return host;
}

/** Paths of the pages whose requests reached the host, e.g. ["/contact"]. */
function pagesBringing(report: AuditReport, host: string): string[] {
  const paths = new Set<string>();
  for (const page of report.collection.pages) {
    if (page.requests.some((request) => request.host === host)) {
      try {
        paths.add(new URL(page.finalUrl || page.requestedUrl).pathname);
      } catch {
        paths.add(page.requestedUrl);
      }
    }
  }
  return [...paths].slice(0, 3);
}

const WORDS = {
  added: { en: 'added', fr: 'ajouté' },
  removed: { en: 'removed', fr: 'retiré' },
  broughtBy: { en: 'brought in by', fr: 'apporté par' },
  verdict: { en: 'verdict', fr: 'verdict' },
  organisation: { en: 'new organisation', fr: 'nouvelle organisation' },
  jurisdiction: { en: 'new jurisdiction', fr: 'nouvelle juridiction' },
  nothing: { en: 'no change', fr: 'aucun changement' },
} as const;

export function summariseChanges(oldReport: AuditReport, newReport: AuditReport, lang: Lang): ChangeSummary {
  const diff = diffReports(oldReport, newReport);
  const sentences: string[] = [];
  const arrow = (a: string, b: string) => `${verdictText(lang, a)} → ${verdictText(lang, b)}`;
  const colon = lang === 'fr' ? ' :' : ':';
  if (diff.verdict.changed) sentences.push(`${WORDS.verdict[lang]}${colon} ${arrow(diff.verdict.old, diff.verdict.new)}`);
  const grouped = new Map<string, Set<string>>();
  for (const host of diff.hosts.added) {
    const label = serviceLabel(newReport, host);
    const pages = grouped.get(label) ?? new Set<string>();
    for (const path of pagesBringing(newReport, host)) pages.add(path);
    grouped.set(label, pages);
  }
  for (const [label, pages] of grouped) {
    sentences.push(`${label} ${WORDS.added[lang]}${pages.size ? `, ${WORDS.broughtBy[lang]} ${[...pages].join(', ')}` : ''}`);
  }
  const removed = new Set(diff.hosts.removed.map((host) => serviceLabel(oldReport, host)));
  for (const label of removed) sentences.push(`${label} ${WORDS.removed[lang]}`);
  for (const organisation of diff.organisations.added) sentences.push(`${WORDS.organisation[lang]}${colon} ${organisation.name} (${organisation.jurisdiction})`);
  for (const code of diff.jurisdictions.added) sentences.push(`${WORDS.jurisdiction[lang]}${colon} ${code}`);
  if (sentences.length === 0) sentences.push(WORDS.nothing[lang]);
  return { diff, sentences };
}
