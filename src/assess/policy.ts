/**
 * Judging under a policy: whether a controlling company, a host or a category is accepted. Rules
 * import these helpers; the file format is in policy-schema.ts / policy-file.ts.
 */
import { INFRA_ROLE_CATEGORY, type Category, type Control, type InfraComponent, type LawRef, type LocalisedText } from '../types.js';
import type { Policy } from './policy-schema.js';

// ───────────────────────── what the policy accepts ─────────────────────────

/** What a decision is about, besides the controlling company. */
export interface ControlContext {
  /** Host names concerned: the host contacted, or the names of an infrastructure component. */
  hosts?: readonly string[];
  /** What the service is: the vendor's categories, or the category of an infrastructure role. */
  categories?: readonly Category[];
}

/**
 * Why a company is accepted or refused, in the order the policy decides:
 * denied host → allowed host → denied organisation → denied category (foreign only) → allowed
 * organisation → allowed category (foreign, known jurisdiction) → jurisdiction and laws.
 */
export type PolicyDecision =
  | { allowed: true; by: 'host' | 'organisation' | 'category' | 'jurisdiction'; detail?: string }
  | { allowed: false; by: 'denied-host' | 'denied-organisation' | 'denied-category' | 'jurisdiction' | 'law' | 'unknown-jurisdiction'; detail?: string }
  /** Control in flux (decision 0019): some jurisdiction candidates are allowed, others not. Judged as unknown. */
  | { allowed: false; by: 'uncertain-jurisdiction'; detail: string; words: LocalisedText };

/** The kind of finding a refusal gives: an unsettled jurisdiction is missing knowledge, not a breach. */
export function findingKind(decision: PolicyDecision): 'violation' | 'unknown' {
  return decision.by === 'uncertain-jurisdiction' ? 'unknown' : 'violation';
}

/**
 * Decides whether a controlling chain is acceptable under the policy. The base test: its ultimate
 * parent's jurisdiction is allowed AND no law with extraterritorial reach from a country outside the
 * allowed list reaches the chain (a US subsidiary of a French group is still under the CLOUD Act).
 * Exceptions and category rules then apply in the order of {@link PolicyDecision}.
 */
export function judgeControl(control: Control, policy: Policy, laws: Readonly<Record<string, LawRef>>, context: ControlContext = {}): PolicyDecision {
  const hosts = context.hosts ?? [];
  const categories = context.categories ?? [];
  const deniedHost = hosts.map((host) => matchingPattern(host, policy.deny.hosts)).find((pattern) => pattern !== undefined);
  if (deniedHost) return { allowed: false, by: 'denied-host', detail: deniedHost };
  if (hosts.length > 0 && hosts.every((host) => matchingPattern(host, policy.allow.hosts) !== undefined)) return { allowed: true, by: 'host' };
  const deniedOrganisation = policy.deny.organisations.find((id) => id === control.entity || id === control.ultimateParent);
  if (deniedOrganisation) return { allowed: false, by: 'denied-organisation', detail: deniedOrganisation };
  const base = candidatesDecision(control, policy, laws);
  // A denied category refuses foreign companies; a company that may or may not be foreign stays undecided.
  if (!base.allowed && base.by !== 'uncertain-jurisdiction') {
    const deniedCategory = categories.find((category) => policy.categories[category] === 'deny');
    if (deniedCategory) return { allowed: false, by: 'denied-category', detail: deniedCategory };
  }
  const allowedOrganisation = policy.allow.organisations.find((id) => id === control.entity || id === control.ultimateParent);
  if (allowedOrganisation) return { allowed: true, by: 'organisation', detail: allowedOrganisation };
  if (!base.allowed && control.jurisdiction !== 'unknown') {
    const allowedCategory = categories.find((category) => policy.categories[category] === 'allow');
    if (allowedCategory) return { allowed: true, by: 'category', detail: allowedCategory };
  }
  return base;
}

/**
 * With jurisdiction candidates (decision 0019): allowed only if every candidate is allowed, refused
 * if none is (the first refusal gives the reason), otherwise uncertain — with the candidates in words.
 */
function candidatesDecision(control: Control, policy: Policy, laws: Readonly<Record<string, LawRef>>): PolicyDecision {
  const candidates = control.jurisdictionCandidates;
  if (!candidates || candidates.length === 0 || control.jurisdiction === 'unknown') return jurisdictionDecision(control, policy, laws);
  const decisions = candidates.map((candidate) => jurisdictionDecision({ ...control, jurisdiction: candidate.country, laws: candidate.laws }, policy, laws));
  const refused = decisions.find((decision) => !decision.allowed);
  if (!refused) return { allowed: true, by: 'jurisdiction' };
  if (decisions.every((decision) => !decision.allowed)) return refused;
  const words = describeCandidates(control);
  return { allowed: false, by: 'uncertain-jurisdiction', detail: words.en, words };
}

/**
 * The candidates in words, the confirmed jurisdiction first: "FR, or LU (if the conversion to an SE
 * in Luxembourg is completed), or US (if …)".
 */
export function describeCandidates(control: Control): LocalisedText {
  const candidates = [...(control.jurisdictionCandidates ?? [])]
    .sort((a, b) => Number(b.country === control.jurisdiction) - Number(a.country === control.jurisdiction));
  const phrase = (lang: 'en' | 'fr') => candidates
    .map((candidate) => (candidate.country === control.jurisdiction ? candidate.country : `${candidate.country} (${candidate.note[lang]})`))
    .join(lang === 'en' ? ', or ' : ', ou ');
  return { en: phrase('en'), fr: phrase('fr') };
}

function jurisdictionDecision(control: Control, policy: Policy, laws: Readonly<Record<string, LawRef>>): PolicyDecision {
  if (control.jurisdiction === 'unknown') return { allowed: false, by: 'unknown-jurisdiction' };
  if (!policy.allowedJurisdictions.includes(control.jurisdiction)) return { allowed: false, by: 'jurisdiction', detail: control.jurisdiction };
  const foreignLaw = control.laws.find((id) => {
    const country = laws[id]?.country;
    return country === undefined || !policy.allowedJurisdictions.includes(country);
  });
  return foreignLaw ? { allowed: false, by: 'law', detail: laws[foreignLaw]?.name ?? foreignLaw } : { allowed: true, by: 'jurisdiction' };
}

/** Whether a controlling chain is acceptable ({@link judgeControl} without the reason). */
export function controlAllowed(control: Control, policy: Policy, laws: Readonly<Record<string, LawRef>>, context: ControlContext = {}): boolean {
  return judgeControl(control, policy, laws, context).allowed;
}

/**
 * Whether a host is an accepted exception of the policy ("cdn.example.fr" or "*.example.fr"); a host
 * the policy also denies is not. Rules skip accepted hosts entirely, unknowns included.
 */
export function hostAllowed(host: string, policy: Policy): boolean {
  return matchingPattern(host, policy.allow.hosts) !== undefined && !hostDenied(host, policy);
}

/** Whether the policy refuses a host whatever the company behind it. */
export function hostDenied(host: string, policy: Policy): boolean {
  return matchingPattern(host, policy.deny.hosts) !== undefined;
}

/** The first pattern that matches a host: exact, or "*.suffix" for any name under the suffix. */
function matchingPattern(host: string, patterns: readonly string[]): string | undefined {
  const name = host.toLowerCase();
  return patterns.find((pattern) => {
    const wanted = pattern.toLowerCase();
    return wanted.startsWith('*.') ? name.endsWith(wanted.slice(1)) : name === wanted;
  });
}


/** The category a policy's `categories` names an infrastructure role by. */
export function categoryOfRole(role: InfraComponent['role']): Category {
  return INFRA_ROLE_CATEGORY[role];
}

/**
 * A sentence to append to a finding's message when the policy refused the company by an explicit
 * denial (host, organisation or category); empty strings otherwise, so rules can always append it.
 */
export function decisionNote(decision: PolicyDecision): LocalisedText {
  if (decision.allowed) return { en: '', fr: '' };
  switch (decision.by) {
    case 'denied-host':
      return { en: ` The policy denies this host (${decision.detail}).`, fr: ` La politique refuse cet hôte (${decision.detail}).` };
    case 'denied-organisation':
      return { en: ` The policy denies the organisation ${decision.detail}.`, fr: ` La politique refuse l’organisation ${decision.detail}.` };
    case 'denied-category':
      return { en: ` The policy denies foreign ${decision.detail} services.`, fr: ` La politique refuse les services ${decision.detail} étrangers.` };
    case 'uncertain-jurisdiction':
      return {
        en: ` Its jurisdiction is not settled: ${decision.words.en}. The policy allows only some of these, so this cannot be judged until the change is confirmed.`,
        fr: ` Sa juridiction n’est pas établie : ${decision.words.fr}. La politique n’en autorise qu’une partie : impossible de conclure tant que le changement n’est pas confirmé.`,
      };
    default:
      return { en: '', fr: '' };
  }
}
