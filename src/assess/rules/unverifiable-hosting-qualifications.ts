import { text } from '../evidence.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import type { Enrichment, EntityFacts, Qualification } from '../../types.js';
import { qualificationsHeld, SCHEME_NAMES } from '../qualifications.js';

/** The hosting operators of the site: the web-hosting components, else the first-party hosts' operators. */
function hostingOperators(enrichment: Enrichment): { subject: string; entity?: string }[] {
  const components = (enrichment.infrastructure?.components ?? []).filter((component) => component.role === 'web-hosting');
  if (components.length > 0) {
    return components.map((component) => ({
      subject: component.subject,
      ...(component.operator.status === 'known' ? { entity: component.operator.value.entity } : {}),
    }));
  }
  return enrichment.hosts.filter((host) => host.firstParty).map((host) => ({
    subject: host.host,
    ...(host.operator.status === 'known' ? { entity: host.operator.value.entity } : {}),
  }));
}

/** Qualifications of `scheme` held by the entity or an organisation above it, valid on `date`. */
function held(entities: Enrichment['entities'], entityId: string, scheme: string, date: string): { holder: EntityFacts; qualification: Qualification }[] {
  return qualificationsHeld(entities, entityId, date).filter(({ qualification }) => qualification.scheme === scheme);
}

/**
 * A policy may require qualifications of the hosting operator (`requireQualifications`). A
 * qualification covers an offer, not a company, and which offer serves a site cannot be seen from
 * outside: the finding says what the operator holds and stays unknown (inconclusive), never a guess.
 */
export const rule: Rule = {
  meta: {
    id: 'unverifiable-hosting-qualifications',
    title: text('Required qualifications of the hosting operator that cannot be verified from outside', 'Qualifications exigées de l’hébergeur, invérifiables depuis l’extérieur'),
    description: text(
      'The policy requires the hosting operator to hold qualifications (SecNumCloud, HDS…). They cover offers, and which offer serves the site cannot be seen from outside: ask the operator for its attestation.',
      'La politique exige que l’hébergeur détienne des qualifications (SecNumCloud, HDS…). Elles portent sur des offres, et l’offre qui sert le site ne se voit pas de l’extérieur : demandez l’attestation à l’hébergeur.',
    ),
    help: text(
      'Ask the hosting operator for its qualification certificate naming the offer that serves this site, keep it with the audit, then accept the finding in a baseline; or remove the requirement from the policy.',
      'Demandez à l’hébergeur l’attestation de qualification qui nomme l’offre servant ce site, conservez-la avec l’audit, puis acceptez le constat dans une référence ; ou retirez l’exigence de la politique.',
    ),
    defaultLevel: 'block',
  },
  evaluate({ collection, enrichment, policy }: RuleInput): RuleFinding[] {
    const required = policy.requireQualifications ?? [];
    if (required.length === 0) return [];
    const date = collection.startedAt.slice(0, 10);
    return hostingOperators(enrichment).flatMap(({ subject, entity }) => required.map((scheme): RuleFinding => {
      const schemeName = SCHEME_NAMES[scheme] ?? scheme;
      const base = { kind: 'unknown' as const, subject: { type: 'infrastructure' as const, host: subject, detail: schemeName }, role: 'web-hosting' as const, broughtInBy: [], evidence: [subject] };
      if (!entity) {
        return { ...base, provenance: [], message: text(
          `The policy requires ${schemeName} of the hosting operator of ${subject}, whose operator is unknown.`,
          `La politique exige ${schemeName} de l’hébergeur de ${subject}, dont l’opérateur est inconnu.`,
        ) };
      }
      const name = enrichment.entities[entity]?.name ?? entity;
      const holdings = held(enrichment.entities, entity, scheme, date);
      if (holdings.length === 0) {
        return { ...base, provenance: enrichment.entities[entity]?.provenance ?? [], message: text(
          `The policy requires ${schemeName} of the hosting operator: souverain records no current ${schemeName} qualification of ${name} (${subject}); this cannot be verified from outside — ask the operator for its attestation.`,
          `La politique exige ${schemeName} de l’hébergeur : souverain ne connaît aucune qualification ${schemeName} en cours de ${name} (${subject}) ; invérifiable depuis l’extérieur — demandez l’attestation à l’hébergeur.`,
        ) };
      }
      const offers = holdings.map(({ qualification }) => `${qualification.offer}${qualification.since ? ` (${qualification.since})` : ''}`).join('; ');
      return { ...base, provenance: holdings.flatMap(({ qualification }) => qualification.provenance), message: text(
        `The policy requires ${schemeName} of the hosting operator: ${name} holds ${schemeName} for ${offers}; whether ${subject} runs on one of these offers cannot be seen from outside.`,
        `La politique exige ${schemeName} de l’hébergeur : ${name} détient ${schemeName} pour ${offers} ; rien ne permet de voir de l’extérieur si ${subject} est servi par l’une de ces offres.`,
      ) };
    }));
  },
};
