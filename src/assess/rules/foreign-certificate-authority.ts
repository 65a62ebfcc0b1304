import { text } from '../evidence.js';
import { infrastructureFindings } from '../infrastructure-findings.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import { REPLACE_FOREIGN_SERVICE } from '../rule-help.js';

/**
 * The site's TLS certificate issued by a certificate authority controlled from outside the allowed
 * jurisdictions. The CA holds no traffic, but can revoke the certificate or be compelled to issue
 * another for the same name. A warning by default; a policy can make it blocking.
 */
export const rule: Rule = {
  meta: {
    id: 'foreign-certificate-authority',
    title: text('Certificate issued from outside the allowed jurisdictions', 'Certificat émis depuis une juridiction non autorisée'),
    description: text(
      "The certificate authority that issued the site's TLS certificate belongs to a company whose ultimate parent is under a jurisdiction the policy does not allow.",
      "L'autorité de certification qui a émis le certificat TLS du site appartient à une société dont la maison mère relève d'une juridiction que la politique n'autorise pas.",
    ),
    help: REPLACE_FOREIGN_SERVICE,
    defaultLevel: 'warn',
  },
  evaluate(input: RuleInput): RuleFinding[] {
    return infrastructureFindings(input, ['certificate-authority']);
  },
};
