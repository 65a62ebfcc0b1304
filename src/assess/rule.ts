import type { Collection, Enrichment, Finding, LocalisedText } from '../types.js';
import type { Policy, RuleLevel } from './policy-schema.js';

/** What every rule sees: the saved evidence, its attribution and the policy. Rules do no I/O. */
export interface RuleInput {
  collection: Collection;
  enrichment: Enrichment;
  policy: Policy;
}

/** A finding as a rule returns it; the runner sets `blocking` from the policy's level for the rule. */
export type RuleFinding = Omit<Finding, 'blocking' | 'rule'>;

export interface RuleMeta {
  /** Equals the file name: rules/<id>.ts. Named after what it finds, in the failing state. */
  id: string;
  title: LocalisedText;
  description: LocalisedText;
  /** What to do about a finding of this rule (SARIF's help, and any format that gives advice). */
  help: LocalisedText;
  /** Level used when the policy does not name the rule. */
  defaultLevel: Exclude<RuleLevel, 'off'>;
}

export interface Rule {
  meta: RuleMeta;
  evaluate(input: RuleInput): RuleFinding[];
}
