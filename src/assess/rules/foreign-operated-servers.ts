import { inCountry } from '../../shared/countries.js';
import { broughtInBy, describeControl, evidenceUrls, hostProvenance, text } from '../evidence.js';
import { decisionNote, findingKind, hostAllowed, judgeControl } from '../policy.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import { REPLACE_FOREIGN_SERVICE } from '../rule-help.js';

/**
 * Servers — the site's own or a third party's — operated by a company ultimately controlled outside the
 * allowed jurisdictions. A French vendor's script served from CloudFront is caught here even when its
 * vendor passes: the operator of the machine can be compelled by its own law.
 */
export const rule: Rule = {
  meta: {
    id: 'foreign-operated-servers',
    title: text('Servers operated from outside the allowed jurisdictions', 'Serveurs exploités depuis une juridiction non autorisée'),
    description: text(
      'A server the page contacts (IP → network → operator) belongs to a company whose ultimate parent is under a jurisdiction the policy does not allow.',
      "Un serveur contacté par la page (IP → réseau → opérateur) appartient à une société dont la maison mère relève d'une juridiction que la politique n'autorise pas.",
    ),
    help: REPLACE_FOREIGN_SERVICE,
    defaultLevel: 'block',
  },
  evaluate({ collection, enrichment, policy }: RuleInput): RuleFinding[] {
    const lawName = (id: string) => enrichment.laws[id]?.name ?? id;
    return enrichment.hosts.flatMap((host): RuleFinding[] => {
      if (host.operatorControl.status !== 'known' || hostAllowed(host.host, policy)) return [];
      const control = host.operatorControl.value;
      // The operator runs the servers of what the host provides: a category the policy accepts from
      // abroad (fonts, cdn…) covers its servers too; "hosting" covers every foreign operator.
      const vendorCategories = host.vendor.status === 'known' ? host.vendor.value.categories : [];
      const categories = [...vendorCategories, 'hosting' as const, ...(host.cdn?.status === 'known' ? ['cdn' as const] : [])];
      const decision = judgeControl(control, policy, enrichment.laws, { hosts: [host.host], categories });
      if (decision.allowed) return [];
      const note = decisionNote(decision);
      const network = host.network.status === 'known' ? `${host.network.value.ip}, AS${host.network.value.asn}` : '';
      const where = host.serverLocation.status === 'known' ? host.serverLocation.value.country : 'unknown';
      const chain = describeControl(control, lawName);
      return [{
        kind: findingKind(decision),
        subject: { type: 'host', host: host.host, detail: network },
        role: 'operator',
        message: text(
          `${host.host} is served by ${chain.en} [${network}; server located ${inCountry('en', where)}].${note.en}`,
          `${host.host} est servi par ${chain.fr} [${network} ; serveur situé ${inCountry('fr', where)}].${note.fr}`,
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
