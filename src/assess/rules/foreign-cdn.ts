import { text } from '../evidence.js';
import { infrastructureFindings } from '../infrastructure-findings.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import { REPLACE_FOREIGN_SERVICE } from '../rule-help.js';

/**
 * A CDN or WAF in front of the site (recognised from the site's CNAME chain or the main document's
 * response headers) run by a company controlled from outside the allowed jurisdictions. It
 * terminates every visitor's TLS connection: it sees every request in clear.
 */
export const rule: Rule = {
  meta: {
    id: 'foreign-cdn',
    title: text('CDN/WAF in front of the site controlled from outside the allowed jurisdictions', 'CDN/WAF devant le site contrôlé depuis une juridiction non autorisée'),
    description: text(
      "The site's traffic passes through a CDN or web application firewall whose ultimate parent is under a jurisdiction the policy does not allow; it decrypts every request.",
      "Le trafic du site passe par un CDN ou un pare-feu applicatif dont la maison mère relève d'une juridiction que la politique n'autorise pas ; il déchiffre chaque requête.",
    ),
    help: REPLACE_FOREIGN_SERVICE,
    defaultLevel: 'block',
  },
  evaluate(input: RuleInput): RuleFinding[] {
    return infrastructureFindings(input, ['cdn']);
  },
};
