import { text } from '../evidence.js';
import { infrastructureFindings } from '../infrastructure-findings.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import { REPLACE_FOREIGN_SERVICE } from '../rule-help.js';

/**
 * The site's DNS zone (NS) served by a company controlled from outside the allowed jurisdictions:
 * it can redirect the site's names, and sees who looks them up. A warning by default; a policy
 * makes it blocking with `rules: { foreign-dns-operator: block }`.
 */
export const rule: Rule = {
  meta: {
    id: 'foreign-dns-operator',
    title: text('DNS zone served from outside the allowed jurisdictions', 'Zone DNS servie depuis une juridiction non autorisée'),
    description: text(
      "The name servers of the site's DNS zone are run by a company whose ultimate parent is under a jurisdiction the policy does not allow; it controls where the site's names point.",
      "Les serveurs de noms de la zone DNS du site sont opérés par une société dont la maison mère relève d'une juridiction que la politique n'autorise pas ; elle contrôle où pointent les noms du site.",
    ),
    help: REPLACE_FOREIGN_SERVICE,
    defaultLevel: 'warn',
  },
  evaluate(input: RuleInput): RuleFinding[] {
    return infrastructureFindings(input, ['dns']);
  },
};
