import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import type { Control, LawRef, PolicySummary } from '../types.js';

const country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, e.g. "FR"');
const level = z.enum(['block', 'warn', 'off']);

/**
 * A policy: which jurisdictions may control the companies a service relies on, and which rules
 * block a sovereign verdict. Built-in policies live in data/policies/*.yaml; users write their own.
 */
export const PolicySchema = z
  .object({
    id: z.string().min(1).describe('Short identifier, e.g. "fr" or "my-agency"'),
    name: z.string().min(1),
    description: z.string().default(''),
    allowedJurisdictions: z.array(country).min(1).describe('Countries whose law may reach the companies involved'),
    rules: z.record(z.string(), level).default({}).describe('Level of each rule id: block (decides the verdict), warn (reported), off'),
    allow: z
      .object({ organisations: z.array(z.string()).default([]), hosts: z.array(z.string()).default([]) })
      .strict()
      .default({ organisations: [], hosts: [] })
      .describe('Accepted exceptions: entity ids (any level of the ownership chain) and host names (exact or "*.suffix")'),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;
export type RuleLevel = z.infer<typeof level>;

export const BUILT_IN_POLICIES = ['fr', 'eu'] as const;

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
    throw new UsageError(`policy "${idOrPath}" is neither a built-in policy nor a readable file`, `use --policy fr, --policy eu or the path of a policy file (see docs/policies.md)`);
  }
  return { policy: parsePolicy(text, idOrPath), source: idOrPath };
}

/** Parses and validates policy text; errors name the file, the line when known, and the field. */
export function parsePolicy(text: string, origin: string): Policy {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}` : '';
    throw new UsageError(`policy file ${origin}${where} does not parse (${firstLine((error as Error).message)})`, 'fix the YAML/JSON syntax');
  }
  const result = PolicySchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.join('.') || '(top level)';
    throw new UsageError(`policy file ${origin}: ${path}: ${issue.message}`, 'see schemas/policy.schema.json for the expected fields');
  }
  return result.data;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/**
 * Whether a controlling chain is acceptable: its ultimate parent's jurisdiction is allowed AND no law
 * with extraterritorial reach from a country outside the allowed list reaches any link of the chain
 * (a US subsidiary of a French group is still under the CLOUD Act) — or it is explicitly allowed.
 */
export function controlAllowed(control: Control, policy: Policy, laws: Readonly<Record<string, LawRef>>): boolean {
  if (policy.allow.organisations.some((id) => id === control.entity || id === control.ultimateParent)) return true;
  if (control.jurisdiction === 'unknown' || !policy.allowedJurisdictions.includes(control.jurisdiction)) return false;
  return control.laws.every((id) => {
    const country = laws[id]?.country;
    return country !== undefined && policy.allowedJurisdictions.includes(country);
  });
}

/** Whether a host is an accepted exception of the policy ("cdn.example.fr" or "*.example.fr"). */
export function hostAllowed(host: string, policy: Policy): boolean {
  return policy.allow.hosts.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern,
  );
}

export function summarisePolicy(policy: Policy, source: string): PolicySummary {
  return {
    id: policy.id,
    name: policy.name,
    description: policy.description,
    allowedJurisdictions: policy.allowedJurisdictions,
    source,
  };
}
