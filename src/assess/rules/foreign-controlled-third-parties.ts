import { broughtInBy, describeControl, evidenceUrls, hostProvenance, text } from '../evidence.js';
import { decisionNote, findingKind, hostAllowed, judgeControl } from '../policy.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import { REPLACE_FOREIGN_SERVICE } from '../rule-help.js';

/**
 * Third parties whose vendor is ultimately controlled outside the allowed jurisdictions: the company
 * that receives the visitor's data answers to foreign law, wherever its servers are.
 */
export const rule: Rule = {
  meta: {
    id: 'foreign-controlled-third-parties',
    title: text('Third parties controlled from outside the allowed jurisdictions', 'Tiers contrôlés depuis une juridiction non autorisée'),
    description: text(
      'The page sends visitors to a third-party vendor whose ultimate parent is under a jurisdiction the policy does not allow.',
      "La page envoie les visiteurs vers un fournisseur tiers dont la maison mère relève d'une juridiction que la politique n'autorise pas.",
    ),
    help: REPLACE_FOREIGN_SERVICE,
    defaultLevel: 'block',
  },
  evaluate({ collection, enrichment, policy }: RuleInput): RuleFinding[] {
    const lawName = (id: string) => enrichment.laws[id]?.name ?? id;
    return enrichment.hosts.flatMap((host): RuleFinding[] => {
      if (host.firstParty || host.vendorControl.status !== 'known' || hostAllowed(host.host, policy)) return [];
      const control = host.vendorControl.value;
      const categories = host.vendor.status === 'known' ? host.vendor.value.categories : [];
      const decision = judgeControl(control, policy, enrichment.laws, { hosts: [host.host], categories });
      if (decision.allowed) return [];
      const note = decisionNote(decision);
      const service = host.vendor.status === 'known' ? host.vendor.value.service ?? control.entityName : control.entityName;
      const chain = describeControl(control, lawName);
      return [{
        kind: findingKind(decision),
        subject: { type: 'host', host: host.host, detail: service },
        role: 'vendor',
        message: text(
          `${host.host} (${service}) is provided by ${chain.en}.${note.en}`,
          `${host.host} (${service}) est fourni par ${chain.fr}.${note.fr}`,
        ),
        broughtInBy: broughtInBy(collection, host.host),
        evidence: evidenceUrls(collection, host.host),
        control,
        provenance: hostProvenance(host),
        ...(host.alternative ? { alternative: host.alternative } : {}),
      }];
    });
  },
};
