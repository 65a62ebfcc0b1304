/**
 * Loading and validating policy files (built-in or the user's). The schema's rule ids come from the
 * rule registry; rules import only the judging helpers (policy.ts), so there is no cycle.
 */
import { readFile } from 'node:fs/promises';
import { notRegularReason, tryReadRegularFile } from '../shared/regular-file.js';
import { LocalisedUsageError } from '../shared/errors.js';
import { parseDataFile, type FileKind } from '../shared/data-file.js';
import type { PolicySummary } from '../types.js';
import { BUILT_IN_POLICIES, buildSchema, type Policy, type PolicySchema } from './policy-schema.js';
import { rules as registeredRules } from './rules/index.js';

export { BUILT_IN_POLICIES, CATEGORIES, type CategoryRule, type Policy, type RuleLevel } from './policy-schema.js';

let schema: PolicySchema | undefined;

/** The policy schema with the registered rule ids, built on first use. */
export function policySchema(): PolicySchema {
  schema ??= buildSchema(registeredRules.map((rule) => rule.meta.id));
  return schema;
}

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
  const read = await tryReadRegularFile(idOrPath);
  if (!read.ok && read.reason !== 'missing') {
    const why = notRegularReason(read.reason);
    throw new LocalisedUsageError(
      { en: `policy file ${idOrPath} ${why.en}`, fr: `le fichier de politique ${idOrPath} ${why.fr}` },
      { en: 'give --policy fr, --policy eu or the path of a regular policy file (see docs/policies.md)', fr: 'donnez --policy fr, --policy eu ou le chemin d’un fichier de politique ordinaire (voir docs/policies.md)' },
    );
  }
  if (!read.ok) {
    throw new LocalisedUsageError(
      { en: `policy "${idOrPath}" is neither a built-in policy nor a readable file`, fr: `la politique « ${idOrPath} » n’est ni une politique intégrée ni un fichier lisible` },
      { en: 'use --policy fr, --policy eu or the path of a policy file (see docs/policies.md)', fr: 'utilisez --policy fr, --policy eu ou le chemin d’un fichier de politique (voir docs/policies.md)' },
    );
  }
  return { policy: parsePolicy(read.content.toString('utf8'), idOrPath), source: idOrPath };
}

/**
 * Parses and validates policy text (YAML or JSON). Errors name the file, and the line and field of
 * every problem, e.g. `policy file p.yaml: allowedJurisdictions.0: an ISO 3166-1 alpha-2 code… (line 3)`.
 */
export function parsePolicy(text: string, origin: string): Policy {
  const { $schema: _ignored, ...policy } = parseDataFile(text, origin, policySchema(), POLICY_FILE);
  return policy as Policy;
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
