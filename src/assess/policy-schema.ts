/**
 * The policy file format: its schema (built from the rule ids, so this file imports no rule) and the
 * types of a validated policy. Loading is in policy-file.ts, judging in policy.ts.
 */
import { z } from 'zod';
import { customMessage } from '../shared/data-file.js';
import { QUALIFICATION_SCHEMES, type Category } from '../types.js';

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

/**
 * A policy: which jurisdictions may control the companies a service relies on, which exceptions it
 * accepts or refuses, and which rules block a sovereign verdict. Built-in policies live in
 * data/policies/*.yaml; users write their own (schemas/policy.schema.json, docs/policies.md).
 */
export function buildSchema(ruleIds: string[]) {
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
      requireQualifications: z.array(z.enum(QUALIFICATION_SCHEMES)).default([])
        .describe('Qualifications the hosting operator must hold (e.g. secnumcloud, hds). A qualification covers an offer and cannot be seen from outside: the verdict is then inconclusive with a finding that says what the operator holds'),
      allow: exceptions('accepted whatever their jurisdiction').describe('Accepted exceptions'),
      deny: exceptions('refused whatever their jurisdiction').describe('Refused in every case: a deny wins over an allow, except that an allowed host is only refused by a denied host'),
    })
    .strict();
}

export type PolicySchema = ReturnType<typeof buildSchema>;
type ParsedPolicy = z.output<ReturnType<typeof buildSchema>>;
export type RuleLevel = z.infer<typeof level>;
export type CategoryRule = z.infer<typeof categoryRule>;

/** A validated policy. */
export type Policy = Omit<ParsedPolicy, 'rules' | 'categories' | '$schema'> & {
  rules: Record<string, RuleLevel>;
  categories: Partial<Record<Category, CategoryRule>>;
};

export const BUILT_IN_POLICIES = ['fr', 'eu'] as const;
