/**
 * The first screen of every human-readable format, computed once from the AuditReport: the verdict,
 * one quotable sentence with the numbers, two distributions by country — where the servers are (IP
 * location) and whose law reaches them (jurisdiction of the ultimate parent) — per request and per
 * host, the organisations as compact cards, and the fix plan: findings grouped into actions ranked
 * by how much foreign exposure each removes.
 *
 * Pure: no clock, disk or network. Sentences come in both languages (LocalisedText), so a format
 * picks its language and escapes for its medium.
 */
import type {
  AuditReport, Category, Control, CountryCode, Finding, HostAttribution, LocalisedText, Verdict,
} from '../types.js';
import { qualificationsHeld, SCHEME_NAMES } from '../assess/qualifications.js';
import { isAllowed, requestsByHost } from './model.js';

/** A country code, or "unknown" when the fact could not be established. */
export type CountryOrUnknown = CountryCode | 'unknown';

/** One segment of a bar: a country and how many requests or hosts fall in it. */
export interface Slice {
  country: CountryOrUnknown;
  /** Whether the policy allows this jurisdiction (for the law bar) or country (for the location bar). */
  allowed: boolean;
  count: number;
  /** For the law bar: the organisations (ultimate parents) in this slice, most requests/hosts first. */
  organisations: { name: string; count: number }[];
}

/** One bar: slices ordered allowed first, then foreign by size, then unknown. */
export interface Bar {
  total: number;
  slices: Slice[];
}

/** The two distributions, each counted per request and per host. */
export interface Distributions {
  /** Where the servers are: IP location of each host. */
  location: { requests: Bar; hosts: Bar };
  /** Whose law reaches them: jurisdiction of the ultimate parent controlling each host. */
  law: { requests: Bar; hosts: Bar };
}

/** An organisation (ultimate parent) as a compact card. */
export interface OrganisationCard {
  id: string;
  name: string;
  jurisdiction: CountryOrUnknown;
  allowed: boolean;
  /** Law ids (keys of report.enrichment.laws) that reach it. */
  laws: string[];
  /** Whether any of its hosts is first party (the site's own host). */
  firstParty: boolean;
  hosts: string[];
  requests: number;
  /** Services and categories it provides here, e.g. ["reCAPTCHA", "Google Analytics"]. */
  services: string[];
  categories: Category[];
  /** Server countries of its hosts, with request counts. */
  serverCountries: { country: CountryOrUnknown; requests: number }[];
  /** Roles it plays for the site's own infrastructure (dns, mail…), from the infrastructure look-up. */
  infrastructure: string[];
  /** When control is in flux: the jurisdictions it may come under, with the condition (k-engine data). */
  jurisdictionCandidates: { country: string; note: LocalisedText }[];
  /**
   * Qualifications (SecNumCloud, HDS…) the organisation or one above it holds for some offers, valid on
   * the audit date, one entry per scheme with its number of offers (decision 0020: information only —
   * which offer serves the site cannot be seen from outside).
   */
  qualifications: { scheme: string; offers: number }[];
}

/** The kinds of fix the plan proposes; each has a title in both languages ({@link ACTION_TITLES}). */
export type FixKind =
  | 'self-host-assets' | 'replace-analytics' | 'remove-advertising' | 'replace-captcha' | 'move-storage'
  | 'replace-video' | 'replace-maps' | 'replace-social' | 'replace-consent' | 'replace-payment' | 'replace-support'
  | 'replace-search' | 'replace-monitoring' | 'move-hosting' | 'move-dns' | 'move-mail' | 'change-ca' | 'replace-other';

/** One action of the fix plan. */
export interface FixAction {
  kind: FixKind;
  title: LocalisedText;
  /** Foreign (or unknown) hosts this action removes, and the requests they received. */
  hosts: string[];
  requests: number;
  cookies: number;
  /** Infrastructure components (DNS, mail…) it moves. */
  components: string[];
  organisations: string[];
  /** Services concerned, e.g. ["Google Fonts", "cdnjs"]. */
  services: string[];
  /** The sovereign alternatives the data suggests (data/alternatives.yaml), de-duplicated. */
  alternatives: LocalisedText[];
  /** True when at least one finding it resolves is blocking. */
  blocking: boolean;
}

/** Everything the first screen shows. */
export interface Summary {
  verdict: Verdict;
  target: string;
  policy: { id: string; name: string; allowed: string[] };
  /** The quotable sentence with the numbers. */
  sentence: LocalisedText;
  totals: { requests: number; hosts: number; foreignRequests: number; foreignHosts: number; unknownRequests: number; unknownHosts: number };
  distributions: Distributions;
  organisations: OrganisationCard[];
  fixPlan: FixAction[];
  /** What the whole plan removes, to say "these N changes remove all X foreign requests". */
  fixTotals: { actions: number; hosts: number; requests: number; foreignRequests: number };
}

// ───────────────────────────── per-host facts ─────────────────────────────

/** The law that reaches one host: the controlling company the bars and cards count it under. */
interface HostLaw {
  jurisdiction: CountryOrUnknown;
  control?: Control;
}

function known<T>(attribution: { status: string; value?: T } | undefined): T | undefined {
  return attribution?.status === 'known' ? attribution.value : undefined;
}

/**
 * Whose law reaches a host. Vendor and server operator can differ; the host is exposed to a foreign
 * law when either is foreign, so a foreign control wins (vendor first), then an unknown one (unknown
 * never counts as allowed), then the vendor's allowed control.
 */
export function hostLaw(report: AuditReport, host: HostAttribution | undefined): HostLaw {
  if (!host) return { jurisdiction: 'unknown' };
  // The site's own host names have no vendor but the site itself: the company running their servers decides,
  // as the assessment judges them.
  const ownHost = host.firstParty && host.vendorControl.status !== 'known';
  const controls = ownHost ? [host.operatorControl] : [host.vendorControl, host.operatorControl];
  for (const attribution of controls) {
    const control = known(attribution);
    if (control && !isAllowed(report, control.jurisdiction)) return { jurisdiction: control.jurisdiction, control };
  }
  if (controls.some((attribution) => attribution.status !== 'known')) {
    return { jurisdiction: 'unknown', control: known(host.vendorControl) ?? known(host.operatorControl) };
  }
  const control = (known(host.vendorControl) ?? known(host.operatorControl)) as Control;
  return { jurisdiction: control.jurisdiction, control };
}

function hostLocation(host: HostAttribution | undefined): CountryOrUnknown {
  return known(host?.serverLocation)?.country ?? 'unknown';
}

interface HostFacts {
  host: string;
  attribution?: HostAttribution;
  requests: number;
  law: HostLaw;
  location: CountryOrUnknown;
}

function hostFacts(report: AuditReport): HostFacts[] {
  const counted = requestsByHost(report);
  const names = new Set<string>([...counted.keys(), ...report.enrichment.hosts.map((host) => host.host)]);
  return [...names].map((name) => {
    const attribution = report.enrichment.hosts.find((host) => host.host === name);
    return { host: name, attribution, requests: counted.get(name) ?? 0, law: hostLaw(report, attribution), location: hostLocation(attribution) };
  });
}

// ───────────────────────────── bars ─────────────────────────────

function isCountryAllowed(report: AuditReport, country: CountryOrUnknown): boolean {
  return country !== 'unknown' && isAllowed(report, country);
}

function bar(report: AuditReport, facts: HostFacts[], countryOf: (fact: HostFacts) => CountryOrUnknown, weight: (fact: HostFacts) => number, withOrganisations: boolean): Bar {
  const slices = new Map<CountryOrUnknown, Slice>();
  for (const fact of facts) {
    const count = weight(fact);
    if (count === 0) continue;
    const country = countryOf(fact);
    const slice = slices.get(country) ?? { country, allowed: isCountryAllowed(report, country), count: 0, organisations: [] };
    slice.count += count;
    const name = fact.law.control?.ultimateParentName;
    if (withOrganisations && name && fact.law.jurisdiction !== 'unknown') {
      const entry = slice.organisations.find((organisation) => organisation.name === name);
      if (entry) entry.count += count;
      else slice.organisations.push({ name, count });
    }
    slices.set(country, slice);
  }
  const ordered = [...slices.values()];
  for (const slice of ordered) slice.organisations.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const rank = (slice: Slice): number => (slice.country === 'unknown' ? 2 : slice.allowed ? 0 : 1);
  ordered.sort((a, b) => rank(a) - rank(b) || b.count - a.count || a.country.localeCompare(b.country));
  return { total: ordered.reduce((sum, slice) => sum + slice.count, 0), slices: ordered };
}

function distributions(report: AuditReport, facts: HostFacts[]): Distributions {
  const byRequest = (fact: HostFacts): number => fact.requests;
  // A host counts when the page contacted it; an attributed host without a request (e.g. only a hint) does not.
  const byHost = (fact: HostFacts): number => (fact.requests > 0 ? 1 : 0);
  const location = (fact: HostFacts): CountryOrUnknown => fact.location;
  const law = (fact: HostFacts): CountryOrUnknown => fact.law.jurisdiction;
  return {
    location: { requests: bar(report, facts, location, byRequest, false), hosts: bar(report, facts, location, byHost, false) },
    law: { requests: bar(report, facts, law, byRequest, true), hosts: bar(report, facts, law, byHost, true) },
  };
}

// ───────────────────────────── organisations ─────────────────────────────

function addUnique<T>(list: T[], value: T | undefined): void {
  if (value !== undefined && !list.includes(value)) list.push(value);
}

function withCandidates(card: OrganisationCard, control: Control): OrganisationCard {
  const candidates = (control as Control & { jurisdictionCandidates?: { country: string; note: LocalisedText }[] }).jurisdictionCandidates ?? [];
  for (const candidate of candidates) {
    if (!card.jurisdictionCandidates.some((entry) => entry.country === candidate.country)) card.jurisdictionCandidates.push({ country: candidate.country, note: candidate.note });
  }
  return card;
}

/** Adds the qualifications held, on `date`, by the control's entity and the organisations above it (each offer once). */
function withQualifications(card: OrganisationCard, control: Control, entities: AuditReport['enrichment']['entities'], date: string, counted: Set<string>): OrganisationCard {
  for (const { holder, qualification } of qualificationsHeld(entities, control.entity, date)) {
    const key = `${card.id}\u0000${holder.id}\u0000${qualification.scheme}\u0000${qualification.offer}`;
    if (counted.has(key)) continue;
    counted.add(key);
    const entry = card.qualifications.find((held) => held.scheme === qualification.scheme);
    if (entry) entry.offers += 1;
    else card.qualifications.push({ scheme: qualification.scheme, offers: 1 });
  }
  return card;
}

/** "SecNumCloud (2 offers), HDS (1 offer)": the schemes a card's organisation holds, in both languages. */
export function qualificationsList(card: OrganisationCard): LocalisedText {
  const list = (one: string, many: string): string => card.qualifications
    .map(({ scheme, offers }) => `${SCHEME_NAMES[scheme] ?? scheme} (${offers} ${offers > 1 ? many : one})`).join(', ');
  return { en: list('offer', 'offers'), fr: list('offre', 'offres') };
}

function organisationCards(report: AuditReport, facts: HostFacts[]): OrganisationCard[] {
  const cards = new Map<string, OrganisationCard>();
  const date = report.collection.startedAt.slice(0, 10);
  const counted = new Set<string>();
  const cardFor = (control: Control): OrganisationCard => {
    const existing = cards.get(control.ultimateParent);
    if (existing) return withQualifications(withCandidates(existing, control), control, report.enrichment.entities, date, counted);
    const card: OrganisationCard = {
      id: control.ultimateParent, name: control.ultimateParentName, jurisdiction: control.jurisdiction,
      allowed: isAllowed(report, control.jurisdiction), laws: [], firstParty: false, hosts: [], requests: 0,
      services: [], categories: [], serverCountries: [], infrastructure: [], jurisdictionCandidates: [], qualifications: [],
    };
    cards.set(control.ultimateParent, card);
    return withQualifications(withCandidates(card, control), control, report.enrichment.entities, date, counted);
  };
  for (const fact of facts) {
    const host = fact.attribution;
    if (!host || fact.requests === 0) continue;
    const vendor = known(host.vendor);
    // A company that is both vendor and operator of a host counts the host once.
    const controls = [known(host.vendorControl), known(host.operatorControl)].filter((c): c is Control => c !== undefined);
    const seen = new Set<string>();
    for (const control of controls) {
      if (seen.has(control.ultimateParent)) continue;
      seen.add(control.ultimateParent);
      const card = cardFor(control);
      for (const law of control.laws) addUnique(card.laws, law);
      card.firstParty ||= host.firstParty;
      addUnique(card.hosts, host.host);
      card.requests += fact.requests;
      if (vendor && known(host.vendorControl)?.ultimateParent === control.ultimateParent) {
        addUnique(card.services, vendor.service);
        for (const category of vendor.categories) addUnique(card.categories, category);
      }
      const place = card.serverCountries.find((entry) => entry.country === fact.location);
      if (place) place.requests += fact.requests;
      else card.serverCountries.push({ country: fact.location, requests: fact.requests });
    }
  }
  for (const component of report.enrichment.infrastructure?.components ?? []) {
    const control = known(component.control);
    if (control) addUnique(cardFor(control).infrastructure, component.role);
  }
  const ordered = [...cards.values()];
  for (const card of ordered) card.serverCountries.sort((a, b) => b.requests - a.requests);
  ordered.sort((a, b) => Number(a.allowed) - Number(b.allowed) || b.requests - a.requests || a.name.localeCompare(b.name));
  return ordered;
}

// ───────────────────────────── fix plan ─────────────────────────────

/** Which action removes a service of a category; the first matching category of a host decides. */
const CATEGORY_ACTION: Partial<Record<Category, FixKind>> = {
  fonts: 'self-host-assets', 'library-cdn': 'self-host-assets', cdn: 'self-host-assets',
  analytics: 'replace-analytics', 'tag-manager': 'replace-analytics', 'ab-testing': 'replace-analytics',
  advertising: 'remove-advertising', marketing: 'remove-advertising',
  captcha: 'replace-captcha', 'object-storage': 'move-storage', hosting: 'move-hosting',
  video: 'replace-video', maps: 'replace-maps', social: 'replace-social', consent: 'replace-consent',
  payment: 'replace-payment', support: 'replace-support', search: 'replace-search', monitoring: 'replace-monitoring',
  dns: 'move-dns', mail: 'move-mail', 'certificate-authority': 'change-ca',
};

/** Action titles; the "what" (services) is listed apart, so a title reads the same for every site. */
export const ACTION_TITLES: Record<FixKind, LocalisedText> = {
  'self-host-assets': { en: 'Self-host the fonts and libraries', fr: 'Auto-héberger les polices et bibliothèques' },
  'replace-analytics': { en: 'Replace the audience measurement with a self-hosted tool', fr: 'Remplacer la mesure d’audience par un outil auto-hébergé' },
  'remove-advertising': { en: 'Remove the advertising and marketing tags, or use a European ad network', fr: 'Retirer les balises publicitaires et marketing, ou passer par une régie européenne' },
  'replace-captcha': { en: 'Replace the captcha with a self-hosted or European one', fr: 'Remplacer le captcha par un captcha auto-hébergé ou européen' },
  'move-storage': { en: 'Move the stored files to a European object storage', fr: 'Déplacer les fichiers vers un stockage objet européen' },
  'replace-video': { en: 'Host the videos yourself or with a European platform', fr: 'Héberger les vidéos vous-même ou chez une plateforme européenne' },
  'replace-maps': { en: 'Use maps from a European tile provider', fr: 'Utiliser des cartes d’un fournisseur de tuiles européen' },
  'replace-social': { en: 'Replace the social widgets with plain links', fr: 'Remplacer les widgets sociaux par de simples liens' },
  'replace-consent': { en: 'Use a consent tool under an allowed law', fr: 'Utiliser un outil de consentement sous un droit admis' },
  'replace-payment': { en: 'Use a payment provider under an allowed law', fr: 'Utiliser un prestataire de paiement sous un droit admis' },
  'replace-support': { en: 'Use a support or chat tool under an allowed law', fr: 'Utiliser un outil de support ou de chat sous un droit admis' },
  'replace-search': { en: 'Use a search service under an allowed law', fr: 'Utiliser un service de recherche sous un droit admis' },
  'replace-monitoring': { en: 'Self-host the monitoring', fr: 'Auto-héberger la supervision' },
  'move-hosting': { en: 'Move the hosting or CDN to a provider under an allowed law', fr: 'Déplacer l’hébergement ou le CDN chez un prestataire sous un droit admis' },
  'move-dns': { en: 'Move the DNS to a provider under an allowed law', fr: 'Déplacer le DNS chez un prestataire sous un droit admis' },
  'move-mail': { en: 'Move the e-mail to a provider under an allowed law', fr: 'Déplacer la messagerie chez un prestataire sous un droit admis' },
  'change-ca': { en: 'Use a certificate authority under an allowed law', fr: 'Utiliser une autorité de certification sous un droit admis' },
  'replace-other': { en: 'Replace the remaining services', fr: 'Remplacer les autres services' },
};

const INFRA_ACTION: Record<string, FixKind> = {
  'web-hosting': 'move-hosting', cdn: 'move-hosting', dns: 'move-dns', mail: 'move-mail', 'mail-sender': 'move-mail', 'mail-reports': 'move-mail', 'certificate-authority': 'change-ca',
};

/**
 * The action that removes a finding's subject. A host judged only as operator (its vendor is fine,
 * its servers are not) is a hosting move whatever it serves; otherwise its vendor's category decides.
 */
function actionKind(report: AuditReport, finding: Finding, vendorViolation: boolean): FixKind {
  if (finding.subject.type === 'infrastructure') return INFRA_ACTION[finding.role ?? ''] ?? 'replace-other';
  if (finding.subject.type === 'host' && finding.role === 'operator' && !vendorViolation) return 'move-hosting';
  const vendor = known(report.enrichment.hosts.find((host) => host.host === finding.subject.host)?.vendor);
  for (const category of vendor?.categories ?? []) {
    const kind = CATEGORY_ACTION[category];
    if (kind) return kind;
  }
  return 'replace-other';
}

function sameText(a: LocalisedText, b: LocalisedText): boolean {
  return a.en === b.en && a.fr === b.fr;
}

function fixPlan(report: AuditReport, facts: HostFacts[]): FixAction[] {
  const findings = report.assessment.rules.flatMap((rule) => rule.findings).filter((finding) => finding.kind === 'violation');
  const vendorViolations = new Set(findings.filter((f) => f.subject.type === 'host' && f.role === 'vendor').map((f) => f.subject.host));
  // A host goes to one action only: the one its first finding chose (cookies follow their host).
  const hostAction = new Map<string, FixKind>();
  for (const finding of findings) {
    if (finding.subject.type !== 'host' || hostAction.has(finding.subject.host)) continue;
    hostAction.set(finding.subject.host, actionKind(report, finding, vendorViolations.has(finding.subject.host)));
  }
  const actions = new Map<FixKind, FixAction>();
  const actionFor = (kind: FixKind): FixAction => {
    const action = actions.get(kind) ?? {
      kind, title: ACTION_TITLES[kind], hosts: [], requests: 0, cookies: 0, components: [], organisations: [], services: [], alternatives: [], blocking: false,
    };
    actions.set(kind, action);
    return action;
  };
  for (const finding of findings) {
    const { subject } = finding;
    const kind = subject.type === 'infrastructure' ? actionKind(report, finding, false) : (hostAction.get(subject.host) ?? actionKind(report, finding, vendorViolations.has(subject.host)));
    const action = actionFor(kind);
    action.blocking ||= finding.blocking;
    addUnique(action.organisations, finding.control?.ultimateParentName);
    if (finding.alternative && !action.alternatives.some((text) => sameText(text, finding.alternative as LocalisedText))) action.alternatives.push(finding.alternative);
    if (subject.type === 'infrastructure') { addUnique(action.components, subject.detail ?? subject.host); continue; }
    if (subject.type === 'cookie') { action.cookies += 1; continue; }
    if (action.hosts.includes(subject.host)) continue;
    action.hosts.push(subject.host);
    const fact = facts.find((candidate) => candidate.host === subject.host);
    action.requests += fact?.requests ?? 0;
    addUnique(action.services, known(fact?.attribution?.vendor)?.service ?? subject.host);
  }
  // Cookies are counted once per cookie finding; two rules about the same cookie count it twice otherwise.
  for (const action of actions.values()) action.cookies = Math.min(action.cookies, countCookieSubjects(findings, action, hostAction));
  return [...actions.values()].sort((a, b) =>
    Number(b.blocking) - Number(a.blocking) || b.requests - a.requests || b.hosts.length - a.hosts.length ||
    b.components.length - a.components.length || a.kind.localeCompare(b.kind));
}

function countCookieSubjects(findings: Finding[], action: FixAction, hostAction: Map<string, FixKind>): number {
  const cookies = new Set<string>();
  for (const finding of findings) {
    if (finding.subject.type !== 'cookie') continue;
    if ((hostAction.get(finding.subject.host) ?? action.kind) !== action.kind) continue;
    cookies.add(`${finding.subject.host}\u0000${finding.subject.detail ?? ''}`);
  }
  return cookies.size;
}

// ───────────────────────────── the sentence ─────────────────────────────

/** "US law" / "droit américain" for the jurisdictions people meet most; others by name. */
const LAW_ADJECTIVE: Record<string, LocalisedText> = {
  US: { en: 'US law', fr: 'droit américain' },
  CN: { en: 'Chinese law', fr: 'droit chinois' },
  GB: { en: 'UK law', fr: 'droit britannique' },
  RU: { en: 'Russian law', fr: 'droit russe' },
  IN: { en: 'Indian law', fr: 'droit indien' },
  JP: { en: 'Japanese law', fr: 'droit japonais' },
  CA: { en: 'Canadian law', fr: 'droit canadien' },
  IL: { en: 'Israeli law', fr: 'droit israélien' },
  CH: { en: 'Swiss law', fr: 'droit suisse' },
  AU: { en: 'Australian law', fr: 'droit australien' },
  SG: { en: 'Singapore law', fr: 'droit singapourien' },
  KR: { en: 'South Korean law', fr: 'droit sud-coréen' },
  FR: { en: 'French law', fr: 'droit français' },
  DE: { en: 'German law', fr: 'droit allemand' },
};

/** A country's name in a language, from the runtime's CLDR data; the code itself as a fallback. */
export function countryName(lang: 'en' | 'fr', code: string): string {
  if (code === 'unknown') return lang === 'fr' ? 'inconnu' : 'unknown';
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function lawPhrase(lang: 'en' | 'fr', codes: string[]): string {
  const phrases = codes.map((code) => LAW_ADJECTIVE[code]?.[lang] ?? (lang === 'fr' ? `droit du pays ${countryName(lang, code)} (${code})` : `the law of ${countryName(lang, code)} (${code})`));
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(phrases);
}

function percent(lang: 'en' | 'fr', part: number, whole: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(whole === 0 ? 0 : part / whole);
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

interface SentenceFacts {
  total: number;
  foreign: number;
  unknown: number;
  foreignCompanies: number;
  foreignLaws: string[];
  /** Requests under a foreign law whose servers stand elsewhere, by server country, largest first. */
  elsewhere: { country: CountryOrUnknown; count: number }[];
  allowedLaws: string[];
}

/** Every foreign ultimate parent behind these hosts, as vendor or as server operator. */
function foreignParents(report: AuditReport, facts: HostFacts[]): Set<string> {
  const parents = new Set<string>();
  for (const fact of facts) {
    for (const attribution of [fact.attribution?.vendorControl, fact.attribution?.operatorControl]) {
      const control = known(attribution);
      if (control && !isAllowed(report, control.jurisdiction)) parents.add(control.ultimateParent);
    }
  }
  return parents;
}

function sentenceFacts(report: AuditReport, facts: HostFacts[], cards: OrganisationCard[]): SentenceFacts {
  const contacted = facts.filter((fact) => fact.requests > 0);
  const foreign = contacted.filter((fact) => fact.law.jurisdiction !== 'unknown' && !isAllowed(report, fact.law.jurisdiction));
  const unknown = contacted.filter((fact) => fact.law.jurisdiction === 'unknown');
  const elsewhere = new Map<CountryOrUnknown, number>();
  for (const fact of foreign) {
    if (fact.location === 'unknown' || fact.location === fact.law.jurisdiction) continue;
    elsewhere.set(fact.location, (elsewhere.get(fact.location) ?? 0) + fact.requests);
  }
  const sum = (list: HostFacts[]): number => list.reduce((total, fact) => total + fact.requests, 0);
  const foreignLaws: string[] = [];
  for (const fact of foreign) addUnique(foreignLaws, fact.law.jurisdiction);
  const allowedLaws: string[] = [];
  for (const fact of contacted) if (fact.law.jurisdiction !== 'unknown' && isAllowed(report, fact.law.jurisdiction)) addUnique(allowedLaws, fact.law.jurisdiction);
  return {
    total: sum(contacted), foreign: sum(foreign), unknown: sum(unknown),
    foreignCompanies: foreignParents(report, foreign).size,
    foreignLaws, elsewhere: [...elsewhere.entries()].map(([country, count]) => ({ country, count })).sort((a, b) => b.count - a.count),
    allowedLaws: allowedLaws.length > 0 ? allowedLaws : cards.filter((card) => card.allowed).map((card) => card.jurisdiction),
  };
}

function foreignClause(lang: 'en' | 'fr', f: SentenceFacts): string {
  const laws = lawPhrase(lang, f.foreignLaws);
  const share = percent(lang, f.foreign, f.total);
  if (lang === 'fr') {
    return `${f.foreign} ${plural(f.foreign, 'requête', 'requêtes')} sur ${f.total} (${share}) ${plural(f.foreign, 'est allée', 'sont allées')} à ${f.foreignCompanies} ${plural(f.foreignCompanies, 'société soumise', 'sociétés soumises')} au ${laws}`;
  }
  return `${f.foreign} of ${f.total} ${plural(f.total, 'request', 'requests')} (${share}) went to ${f.foreignCompanies} ${plural(f.foreignCompanies, 'company', 'companies')} under ${laws}`;
}

function elsewhereClause(lang: 'en' | 'fr', f: SentenceFacts): string {
  const top = f.elsewhere.slice(0, 2);
  if (top.length === 0) return '';
  const still = f.foreignLaws.length === 1 ? lawPhrase(lang, f.foreignLaws) : (lang === 'fr' ? 'droit étranger' : 'foreign law');
  if (lang === 'fr') {
    const parts = top.map((entry, index) => `${entry.count}${index === 0 ? ` ${plural(entry.count, 'a atteint un serveur', 'ont atteint des serveurs')}` : ''} ${frenchIn(entry.country)}`);
    return `\u00a0; ${new Intl.ListFormat('fr', { type: 'conjunction' }).format(parts)} — toujours sous ${still}`;
  }
  const parts = top.map((entry, index) => `${entry.count}${index === 0 ? ` reached ${plural(entry.count, 'a server', 'servers')}` : ''} in ${countryName('en', entry.country)}`);
  return `; ${new Intl.ListFormat('en', { type: 'conjunction' }).format(parts)} — still ${still}`;
}

/** "en France", "au Japon", "aux États-Unis", "en Irlande": French needs the preposition of each country. */
const FRENCH_IN: Record<string, string> = {
  US: 'aux États-Unis', NL: 'aux Pays-Bas', JP: 'au Japon', CA: 'au Canada', GB: 'au Royaume-Uni', LU: 'au Luxembourg',
  PT: 'au Portugal', DK: 'au Danemark', BR: 'au Brésil', IL: 'en Israël', SG: 'à Singapour', MC: 'à Monaco',
};

function frenchIn(country: CountryOrUnknown): string {
  return FRENCH_IN[country] ?? `en ${countryName('fr', country)}`;
}

function unknownClause(lang: 'en' | 'fr', f: SentenceFacts, ofTotal: boolean): string {
  if (f.unknown === 0) return '';
  const share = percent(lang, f.unknown, f.total);
  if (lang === 'fr') {
    const count = ofTotal ? `${f.unknown} ${plural(f.unknown, 'requête', 'requêtes')} sur ${f.total} (${share})` : `${f.unknown} ${plural(f.unknown, 'requête', 'requêtes')}`;
    return `${count} ${plural(f.unknown, 'est allée', 'sont allées')} à des hôtes dont la société n’a pu être établie — l’inconnu ne vaut jamais souveraineté`;
  }
  const count = ofTotal ? `${f.unknown} of ${f.total} ${plural(f.total, 'request', 'requests')} (${share})` : `${f.unknown} ${plural(f.unknown, 'request', 'requests')}`;
  return `${count} went to hosts whose company could not be established — unknown never counts as sovereign`;
}

function sentenceIn(lang: 'en' | 'fr', report: AuditReport, f: SentenceFacts): string {
  const failed = report.collection.pages.length > 0 && report.collection.pages.every((page) => page.navigationError);
  if (f.total === 0 || failed) {
    return lang === 'fr' ? 'Aucune requête n’a été capturée : rien n’a pu être jugé.' : 'No request was captured: nothing could be judged.';
  }
  const clauses: string[] = [];
  if (f.foreign > 0) {
    clauses.push(foreignClause(lang, f) + elsewhereClause(lang, f));
    if (f.unknown > 0) clauses.push(unknownClause(lang, f, false));
  } else if (f.unknown > 0) {
    clauses.push(lang === 'fr'
      ? `Aucune requête n’est allée à une société sous un droit étranger, mais ${unknownClause(lang, f, true)}`
      : `No request went to a company under a foreign law, but ${unknownClause(lang, f, true)}`);
  } else {
    const laws = lawPhrase(lang, f.allowedLaws);
    clauses.push(lang === 'fr'
      ? `${f.total === 1 ? 'La seule requête est allée' : `Les ${f.total} requêtes sont toutes allées`} à des sociétés soumises au ${laws}, que la politique admet`
      : `${f.total === 1 ? 'The only request' : `All ${f.total} requests`} went to companies under ${laws}, which the policy allows`);
  }
  const text = clauses.join('. ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

// ───────────────────────────── the whole ─────────────────────────────

/**
 * The first-screen model of a report.
 *
 * @example summarise(report).sentence.en
 * // "23 of 25 requests (92%) went to 5 companies under US law; 3 reached servers in Ireland — still US law."
 */
export function summarise(report: AuditReport): Summary {
  const facts = hostFacts(report);
  const organisations = organisationCards(report, facts);
  const plan = fixPlan(report, facts);
  const f = sentenceFacts(report, facts, organisations);
  const contacted = facts.filter((fact) => fact.requests > 0);
  const foreignHosts = contacted.filter((fact) => fact.law.jurisdiction !== 'unknown' && !isAllowed(report, fact.law.jurisdiction));
  const { policy } = report.assessment;
  return {
    verdict: report.assessment.verdict,
    target: report.target,
    policy: { id: policy.id, name: policy.name, allowed: [...policy.allowedJurisdictions] },
    sentence: { en: sentenceIn('en', report, f), fr: sentenceIn('fr', report, f) },
    totals: {
      requests: f.total, hosts: contacted.length, foreignRequests: f.foreign, foreignHosts: foreignHosts.length,
      unknownRequests: f.unknown, unknownHosts: contacted.filter((fact) => fact.law.jurisdiction === 'unknown').length,
    },
    distributions: distributions(report, facts),
    organisations,
    fixPlan: plan,
    fixTotals: {
      actions: plan.length,
      hosts: plan.reduce((sum, action) => sum + action.hosts.length, 0),
      requests: plan.reduce((sum, action) => sum + action.requests, 0),
      foreignRequests: f.foreign,
    },
  };
}
