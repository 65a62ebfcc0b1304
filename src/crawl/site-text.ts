import { forTerminal } from '../shared/sanitize.js';
import type { AuditReport, SiteSummary } from '../types.js';

import type { Lang } from '../shared/errors.js';

const WORDS = {
  en: {
    title: 'Site audit',
    counts: (a: number, f: number, s: number) => `${a} pages audited, ${f} failed, ${s} skipped`,
    byThirdParty: 'Third parties, and the pages that bring them in',
    pagesMore: (n: number) => `… and ${n} more pages`,
    none: 'none',
    consent: 'Consent',
    before: 'Loaded before any consent',
    afterReject: 'Still loaded after "reject all"',
    onlyAccept: 'Loaded only after "accept all"',
    banner: (url: string, mode: string, outcome: string, cmp?: string, detail?: string) => `${url} [${mode}]: ${outcome}${cmp ? ` (${cmp})` : ''}${detail ? ` — ${detail}` : ''}`,
    journey: (name: string) => `Journey "${name}"`,
    noBanner: (n: number) => `${n} page captures showed no banner`,
    step: 'step',
    sends: (fields: string, url: string, other: boolean) => `sends ${fields || 'data'} to ${url}${other ? ' — ANOTHER ORGANISATION' : ''}`,
    failedStep: 'failed',
    notTested: (reason: string) => `not tested — ${reason === 'failed' ? 'the banner could not be answered' : 'no consent banner was found'}`,
  },
  fr: {
    title: 'Audit du site',
    counts: (a: number, f: number, s: number) => `${a} pages auditées, ${f} en échec, ${s} écartées`,
    byThirdParty: 'Tiers, et les pages qui les font venir',
    pagesMore: (n: number) => `… et ${n} autres pages`,
    none: 'aucun',
    consent: 'Consentement',
    before: 'Chargés avant tout consentement',
    afterReject: 'Encore chargés après « tout refuser »',
    onlyAccept: 'Chargés seulement après « tout accepter »',
    banner: (url: string, mode: string, outcome: string, cmp?: string, detail?: string) => `${url} [${mode}] : ${outcome}${cmp ? ` (${cmp})` : ''}${detail ? ` — ${detail}` : ''}`,
    journey: (name: string) => `Parcours « ${name} »`,
    noBanner: (n: number) => `${n} captures de page sans bannière`,
    step: 'étape',
    sends: (fields: string, url: string, other: boolean) => `envoie ${fields || 'des données'} à ${url}${other ? ' — UNE AUTRE ORGANISATION' : ''}`,
    failedStep: 'échec',
    notTested: (reason: string) => `non testé — ${reason === 'failed' ? 'la bannière n’a pas pu être traitée' : 'aucune bannière de consentement trouvée'}`,
  },
};

const PAGES_SHOWN = 5;

/**
 * The site section printed after the terminal report of a site audit: counts, third parties with
 * their pages, the consent differences, the journeys. Plain text (no colour), pure.
 *
 * @example process.stdout.write(siteText(report, 'en'));
 */
export function siteText(report: AuditReport, lang: Lang = 'en'): string {
  const site = report.site;
  if (!site) return '';
  const w = WORDS[lang];
  const lines = [``, `${w.title}: ${w.counts(site.audited, site.failed, site.skipped)}`, ``, `${w.byThirdParty}:`];
  if (site.thirdParties.length === 0) lines.push(`  ${w.none}`);
  for (const party of site.thirdParties) {
    lines.push(`  ${party.host}${party.entity ? ` (${party.entity})` : ''} — ${party.pages.length}`);
    for (const url of party.pages.slice(0, PAGES_SHOWN)) lines.push(`      ${url}`);
    if (party.pages.length > PAGES_SHOWN) lines.push(`      ${w.pagesMore(party.pages.length - PAGES_SHOWN)}`);
  }
  lines.push(...consentLines(site, lang), ...journeyLines(site, lang), '');
  // Hosts, URLs, form-field names and journey names come from pages and files: one value per line,
  // so each line is made terminal-safe on its own (a newline inside a value is shown, not obeyed).
  return `${lines.map((line) => forTerminal(line)).join('\n')}\n`;
}

function consentLines(site: SiteSummary, lang: Lang): string[] {
  const consent = site.consent;
  if (!consent) return [];
  const w = WORDS[lang];
  const noBanner = consent.banners.filter((b) => b.outcome === 'no-banner').length;
  const list = (hosts: string[]) => (hosts.length > 0 ? hosts.join(', ') : w.none);
  // A state no page reached was not tested: an empty list would read as "nothing loaded".
  const state = (mode: 'reject' | 'accept', hosts: string[]) => {
    const untested = consent.notTested?.find((entry) => entry.mode === mode);
    return untested ? w.notTested(untested.reason) : list(hosts);
  };
  const colon = lang === 'fr' ? ' :' : ':';
  return [
    '',
    `${w.consent}${colon}`,
    `  ${w.before}${colon} ${list(consent.beforeConsent)}`,
    `  ${w.afterReject}${colon} ${state('reject', consent.afterReject)}`,
    `  ${w.onlyAccept}${colon} ${state('accept', consent.onlyAfterAccept)}`,
    ...consent.banners.filter((b) => b.outcome !== 'no-banner').map((b) => `  ${w.banner(b.url, b.mode, b.outcome, b.cmp, b.detail)}`),
    ...(noBanner > 0 ? [`  ${w.noBanner(noBanner)}`] : []),
  ];
}

function journeyLines(site: SiteSummary, lang: Lang): string[] {
  const w = WORDS[lang];
  return (site.journeys ?? []).flatMap((journey) => [
    '',
    `${w.journey(journey.name)} [${journey.consent}]:`,
    ...journey.steps.map((step) => `  ${w.step} ${step.index} ${step.action} ${step.target}: ${step.status === 'failed' ? w.failedStep : step.status}${step.thirdParties.length ? ` → ${step.thirdParties.join(', ')}` : ''}`),
    ...journey.submissions.map((s) => `  ${w.step} ${s.step ?? '?'} ${s.via} ${s.method}: ${w.sends((s.fields ?? []).join(', '), s.url, s.otherOrganisation)}`),
    ...(journey.error ? [`  ! ${journey.error.message}`] : []),
  ]);
}
