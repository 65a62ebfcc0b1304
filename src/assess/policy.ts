import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LocalisedUsageError } from '../config/localised-error.js';
import { customMessage, parseDataFile, type FileKind } from '../config/validate.js';
import { INFRA_ROLE_CATEGORY, type Category, type Control, type InfraComponent, type LawRef, type LocalisedText, type PolicySummary } from '../types.js';
import { rules as registeredRules } from './rules/index.js';

const level = z.enum(['block', 'warn', 'off']);
const categoryRule = z.enum(['allow', 'deny']);

/** Every category a vendor or an infrastructure role can have; the type check keeps it complete. */
export const CATEGORIES = [
  'analytics', 'advertising', 'captcha', 'cdn', 'fonts', 'tag-manager', 'video', 'social', 'hosting', 'object-storage',
  'consent', 'payment', 'support', 'library-cdn', 'maps', 'marketing', 'monitoring', 'ab-testing', 'search', 'dns',
  'mail', 'certificate-authority', 'other',
] as const satisfies readonly Category[];
type MissingCategory = Exclude<Category, (typeof CATEGORIES)[number]>;
const categoriesComplete: [MissingCategory] extends [never] ? true : never = true;
void categoriesComplete;

const COUNTRY_MESSAGE = customMessage({
  en: 'an ISO 3166-1 alpha-2 code in capitals, e.g. "FR"',
  fr: 'un code ISO 3166-1 alpha-2 en capitales, par exemple "FR"',
});
const country = z.string().regex(/^[A-Z]{2}$/, COUNTRY_MESSAGE);

const exceptions = (what: string) => z
  .object({
    organisations: z.array(z.string().min(1)).default([]).describe(`Entity ids (data/entities/*.yaml) ${what}: the company itself or its ultimate parent`),
    hosts: z.array(z.string().min(1)).default([]).describe(`Host names ${what}: exact ("cdn.example.fr") or a suffix ("*.example.fr")`),
  })
  .strict()
  .default({ organisations: [], hosts: [] });

let schema: ReturnType<typeof buildSchema> | undefined;

/**
 * A policy: which jurisdictions may control the companies a service relies on, which exceptions it
 * accepts or refuses, and which rules block a sovereign verdict. Built-in policies live in
 * data/policies/*.yaml; users write their own (schemas/policy.schema.json, docs/policies.md).
 *
 * Built on first use: rule ids come from the rule registry, whose rules import this module.
 */
export function policySchema(): ReturnType<typeof buildSchema> {
  schema ??= buildSchema(registeredRules.map((rule) => rule.meta.id));
  return schema;
}

function buildSchema(ruleIds: string[]) {
  return z
    .object({
      $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors'),
      id: z.string().min(1).describe('Short identifier, e.g. "fr" or "my-agency"'),
      name: z.string().min(1),
      nameFr: z.string().min(1).optional().describe('The name in French, shown instead of name to French readers (reports and souverain policy explain --lang fr)'),
      description: z.string().default(''),
      descriptionFr: z.string().optional().describe('The description in French, shown instead of description to French readers'),
      allowedJurisdictions: z.array(country).min(1).describe('Countries whose law may reach the companies involved'),
      rules: z
        .partialRecord(z.enum(ruleIds as [string, ...string[]]), level)
        .default({})
        .describe('Level (severity) of each rule: block (decides the verdict), warn (reported only), off (not run)'),
      categories: z
        .partialRecord(z.enum(CATEGORIES), categoryRule)
        .default({})
        .describe('Per category of service: allow (a foreign company is accepted, e.g. certificate-authority) or deny (a foreign company is refused even when allow.organisations lists it, e.g. analytics)'),
      allow: exceptions('accepted whatever their jurisdiction').describe('Accepted exceptions'),
      deny: exceptions('refused whatever their jurisdiction').describe('Refused in every case: a deny wins over an allow, except that an allowed host is only refused by a denied host'),
    })
    .strict();
}

type ParsedPolicy = z.output<ReturnType<typeof buildSchema>>;
export type RuleLevel = z.infer<typeof level>;
export type CategoryRule = z.infer<typeof categoryRule>;

/** A validated policy. */
export type Policy = Omit<ParsedPolicy, 'rules' | 'categories' | '$schema'> & {
  rules: Record<string, RuleLevel>;
  categories: Partial<Record<Category, CategoryRule>>;
};

export const BUILT_IN_POLICIES = ['fr', 'eu'] as const;

const POLICY_FILE: FileKind = {
  name: { en: 'policy file', fr: 'fichier de politique' },
  reference: { en: 'see schemas/policy.schema.json for the expected fields', fr: 'les champs attendus sont décrits dans schemas/policy.schema.json' },
};

/** Loads a built-in policy by id (`fr`, `eu`) or a user YAML/JSON file by path. */
export async function loadPolicy(idOrPath: string): Promise<{ policy: Policy; source: string }> {
  if ((BUILT_IN_POLICIES as readonly string[]).includes(idOrPath)) {
    const url = new URL(`../../data/policies/${idOrPath}.yaml`, import.meta.url);
    return { policy: parsePolicy(await readFile(url, 'utf8'), `built-in policy ${idOrPath}`), source: `built-in:${idOrPath}` };
  }
  let text: string;
  try {
    text = await readFile(idOrPath, 'utf8');
  } catch {
    throw new LocalisedUsageError(
      { en: `policy "${idOrPath}" is neither a built-in policy nor a readable file`, fr: `la politique « ${idOrPath} » n’est ni une politique intégrée ni un fichier lisible` },
      { en: 'use --policy fr, --policy eu or the path of a policy file (see docs/policies.md)', fr: 'utilisez --policy fr, --policy eu ou le chemin d’un fichier de politique (voir docs/policies.md)' },
    );
  }
  return { policy: parsePolicy(text, idOrPath), source: idOrPath };
}

/**
 * Parses and validates policy text (YAML or JSON). Errors name the file, and the line and field of
 * every problem, e.g. `policy file p.yaml: allowedJurisdictions.0: an ISO 3166-1 alpha-2 code… (line 3)`.
 */
export function parsePolicy(text: string, origin: string): Policy {
  const { $schema: _ignored, ...policy } = parseDataFile(text, origin, policySchema(), POLICY_FILE);
  return policy as Policy;
}

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
  | { allowed: false; by: 'denied-host' | 'denied-organisation' | 'denied-category' | 'jurisdiction' | 'law' | 'unknown-jurisdiction'; detail?: string };

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
  const base = jurisdictionDecision(control, policy, laws);
  if (!base.allowed) {
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
    default:
      return { en: '', fr: '' };
  }
}

export function summarisePolicy(policy: Policy, source: string): PolicySummary {
  return {
    id: policy.id,
    name: policy.name,
    ...(policy.nameFr ? { nameFr: policy.nameFr } : {}),
    description: policy.description,
    ...(policy.descriptionFr ? { descriptionFr: policy.descriptionFr } : {}),
    allowedJurisdictions: policy.allowedJurisdictions,
    source,
  };
}
