import { text } from '../evidence.js';
import { infrastructureFindings } from '../infrastructure-findings.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import { REPLACE_FOREIGN_SERVICE } from '../rule-help.js';

/**
 * The domain's mail received (MX), sent (SPF senders, DKIM signers) or reported on (DMARC report
 * receivers) by a company controlled from outside the allowed jurisdictions: the messages, what
 * visitors write to the service, or the reports about who sends as the domain pass through it.
 */
export const rule: Rule = {
  meta: {
    id: 'foreign-mail-operator',
    title: text('Mail handled from outside the allowed jurisdictions', 'Courrier traité depuis une juridiction non autorisée'),
    description: text(
      "The domain's mail servers (MX), authorised senders (SPF), DKIM signers or DMARC report receivers are run by a company whose ultimate parent is under a jurisdiction the policy does not allow.",
      "Les serveurs de courrier du domaine (MX), ses expéditeurs autorisés (SPF), ses signataires DKIM ou les destinataires de ses rapports DMARC sont opérés par une société dont la maison mère relève d'une juridiction que la politique n'autorise pas.",
    ),
    help: REPLACE_FOREIGN_SERVICE,
    defaultLevel: 'block',
  },
  evaluate(input: RuleInput): RuleFinding[] {
    return infrastructureFindings(input, ['mail', 'mail-sender', 'mail-reports']);
  },
};
