import type { Assessment, Collection, Enrichment, Finding, RuleResult, Verdict } from '../types.js';
import { summarisePolicy, type Policy } from './policy-file.js';
import { hostOfUrl } from '../shared/url.js';
import type { Rule, RuleFinding, RuleInput } from './rule.js';
import { rules as allRules } from './rules/index.js';

/**
 * Judges saved evidence under a policy. Pure and instant: changing the policy never needs a new capture.
 *
 * @example
 * const assessment = assess(report.collection, report.enrichment, policy, 'built-in:fr');
 * assessment.verdict // 'not-sovereign'
 */
export function assess(collection: Collection, enrichment: Enrichment, policy: Policy, policySource: string, rules: readonly Rule[] = allRules): Assessment {
  const results = rules.flatMap((rule) => {
    const level = policy.rules[rule.meta.id] ?? rule.meta.defaultLevel;
    return level === 'off' ? [] : [runRule(rule, level === 'block', { collection, enrichment, policy })];
  });
  return { policy: summarisePolicy(policy, policySource), verdict: verdictOf(results), rules: results };
}

/**
 * Runs one rule in isolation. A rule that throws fails closed: its result is one blocking "unknown"
 * finding naming the rule and the error (whatever the policy's level for it), so the report is still
 * written and the verdict can be inconclusive at best — never sovereign by accident.
 */
export function runRule(rule: Rule, blocking: boolean, input: RuleInput): RuleResult {
  let raw: RuleFinding[];
  try {
    raw = rule.evaluate(input);
  } catch (error) {
    return { id: rule.meta.id, title: rule.meta.title, status: 'unknown', blocking: true, findings: [ruleFailure(rule, input, error)] };
  }
  const findings: Finding[] = raw.map((finding) => ({ rule: rule.meta.id, blocking, ...finding }));
  const status = findings.some((f) => f.kind === 'violation') ? 'fail' : findings.length > 0 ? 'unknown' : 'pass';
  return { id: rule.meta.id, title: rule.meta.title, status, blocking, findings };
}

/** The finding of a rule that could not run: about the audited site, naming the rule and its error. */
function ruleFailure(rule: Rule, input: RuleInput, error: unknown): Finding {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
  const { id } = rule.meta;
  return {
    rule: id,
    blocking: true,
    kind: 'unknown',
    subject: { type: 'host', host: hostOfUrl(input.collection.target) ?? input.collection.target, detail: `rule ${id}` },
    message: {
      en: `The rule ${id} could not run (${reason}); what it checks is unknown, so the verdict cannot be sovereign.`,
      fr: `La règle ${id} n’a pas pu s’exécuter (${reason}) ; ce qu’elle vérifie est inconnu, le verdict ne peut donc pas être souverain.`,
    },
    broughtInBy: [],
    evidence: [],
    provenance: [],
  };
}

/** Any blocking violation → not-sovereign; else any blocking unknown → inconclusive (fail closed). */
export function verdictOf(results: readonly RuleResult[]): Verdict {
  const blocking = results.filter((r) => r.blocking).flatMap((r) => r.findings);
  if (blocking.some((f) => f.kind === 'violation')) return 'not-sovereign';
  if (blocking.some((f) => f.kind === 'unknown')) return 'inconclusive';
  return 'sovereign';
}
