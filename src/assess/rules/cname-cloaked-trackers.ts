import { broughtInBy, describeControl, evidenceUrls, hostProvenance, text } from '../evidence.js';
import { decisionNote, findingKind, hostAllowed, judgeControl } from '../policy.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';

/**
 * CNAME cloaking: a name under the site's own domain that is an alias (CNAME) of a third-party
 * vendor's server. The browser treats it as first party (cookies included) while the data goes to
 * the vendor; it is judged as that vendor's data flow.
 */
export const rule: Rule = {
  meta: {
    id: 'cname-cloaked-trackers',
    title: text('Third parties hidden behind first-party names (CNAME cloaking)', 'Tiers cachés derrière des noms du site (CNAME cloaking)'),
    description: text(
      "A name under the site's own domain is a CNAME alias of a third-party vendor whose ultimate parent is under a jurisdiction the policy does not allow (or is unknown): visitors' data goes to that vendor under the site's name.",
      "Un nom du domaine du site est un alias CNAME d'un fournisseur tiers dont la maison mère relève d'une juridiction que la politique n'autorise pas (ou est inconnue) : les données des visiteurs partent chez ce fournisseur sous le nom du site.",
    ),
    help: {
      en: 'Remove the CNAME alias to the third party, or replace the vendor with one under an allowed jurisdiction; visitors’ data goes to the vendor under the site’s name.',
      fr: 'Supprimez l’alias CNAME vers le tiers, ou remplacez le fournisseur par un fournisseur relevant d’une juridiction autorisée ; les données des visiteurs partent chez lui sous le nom du site.',
    },
    defaultLevel: 'block',
  },
  evaluate({ collection, enrichment, policy }: RuleInput): RuleFinding[] {
    const lawName = (id: string) => enrichment.laws[id]?.name ?? id;
    return enrichment.hosts.flatMap((host): RuleFinding[] => {
      if (!host.cloakedBy || hostAllowed(host.host, policy)) return [];
      const { target } = host.cloakedBy;
      const service = host.vendor.status === 'known' ? host.vendor.value.service ?? host.cloakedBy.entity : host.cloakedBy.entity;
      const base = {
        subject: { type: 'host' as const, host: host.host, detail: `CNAME → ${target}` },
        role: 'vendor' as const,
        broughtInBy: broughtInBy(collection, host.host),
        evidence: [`${host.host} CNAME ${[...host.cnameChain].join(' → ')}`, ...evidenceUrls(collection, host.host)],
        provenance: hostProvenance(host),
        ...(host.alternative ? { alternative: host.alternative } : {}),
      };
      if (host.vendorControl.status !== 'known') {
        const reason = host.vendorControl.reason ?? 'controlling company unknown';
        return [{
          ...base,
          kind: 'unknown',
          message: text(
            `${host.host} is a first-party name aliased (CNAME) to ${target} (${service}); who controls it is unknown (${reason}).`,
            `${host.host} est un nom du site aliasé (CNAME) vers ${target} (${service}) ; on ne sait pas qui le contrôle (${reason}).`,
          ),
        }];
      }
      const control = host.vendorControl.value;
      const categories = host.vendor.status === 'known' ? host.vendor.value.categories : [];
      const decision = judgeControl(control, policy, enrichment.laws, { hosts: [host.host], categories });
      if (decision.allowed) return [];
      const note = decisionNote(decision);
      const chain = describeControl(control, lawName);
      return [{
        ...base,
        kind: findingKind(decision),
        control,
        message: text(
          `${host.host} looks first-party but is an alias (CNAME) of ${target}: ${service}, provided by ${chain.en}.${note.en}`,
          `${host.host} semble appartenir au site mais est un alias (CNAME) de ${target} : ${service}, fourni par ${chain.fr}.${note.fr}`,
        ),
      }];
    });
  },
};
