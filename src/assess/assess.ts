import type { Assessment, Collection, Enrichment, Finding, RuleResult, Verdict } from '../types.js';
import { summarisePolicy, type Policy } from './policy-file.js';
import type { Rule } from './rule.js';
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

function runRule(rule: Rule, blocking: boolean, input: Parameters<Rule['evaluate']>[0]): RuleResult {
  const findings: Finding[] = rule.evaluate(input).map((finding) => ({ rule: rule.meta.id, blocking, ...finding }));
  const status = findings.some((f) => f.kind === 'violation') ? 'fail' : findings.length > 0 ? 'unknown' : 'pass';
  return { id: rule.meta.id, title: rule.meta.title, status, blocking, findings };
}

/** Any blocking violation → not-sovereign; else any blocking unknown → inconclusive (fail closed). */
export function verdictOf(results: readonly RuleResult[]): Verdict {
  const blocking = results.filter((r) => r.blocking).flatMap((r) => r.findings);
  if (blocking.some((f) => f.kind === 'violation')) return 'not-sovereign';
  if (blocking.some((f) => f.kind === 'unknown')) return 'inconclusive';
  return 'sovereign';
}
