import { broughtInBy, evidenceUrls, hostProvenance, text } from '../evidence.js';
import { hostAllowed } from '../policy.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import type { Attribution, HostAttribution } from '../../types.js';

function missing(host: HostAttribution): string[] {
  const gaps: string[] = [];
  if (!host.firstParty && host.vendorControl.status === 'unknown') gaps.push(`vendor (${reason(host.vendorControl)})`);
  if (host.operatorControl.status === 'unknown') gaps.push(`operator (${reason(host.operatorControl)})`);
  return gaps;
}

function reason(attribution: Attribution<unknown>): string {
  if (attribution.status === 'known') return '';
  return attribution.reason ?? `tried ${attribution.triedSources.join(', ') || 'nothing'}`;
}

/**
 * Hosts whose controlling company could not be established. Unknown is a value and it never passes:
 * with this rule blocking (the default), an unknown makes the verdict inconclusive, never sovereign.
 */
export const rule: Rule = {
  meta: {
    id: 'unattributed-hosts',
    title: text('Hosts whose controlling company is unknown', 'Hôtes dont la société qui les contrôle est inconnue'),
    description: text(
      'souverain could not establish who ultimately controls the vendor or the server operator of these hosts; they cannot be called sovereign.',
      "souverain n'a pas pu établir qui contrôle in fine le fournisseur ou l'opérateur du serveur de ces hôtes ; ils ne peuvent pas être dits souverains.",
    ),
    help: {
      en: 'souverain could not establish who controls these hosts; unknown never counts as sovereign. Add the missing facts with --data FILE (entities, services), or accept the host in the policy (allow.hosts) if you know who runs it.',
      fr: 'souverain n’a pas pu établir qui contrôle ces hôtes ; l’inconnu ne vaut jamais souveraineté. Ajoutez les faits manquants avec --data FICHIER (entités, services), ou acceptez l’hôte dans la politique (allow.hosts) si vous savez qui l’exploite.',
    },
    defaultLevel: 'block',
  },
  evaluate({ collection, enrichment, policy }: RuleInput): RuleFinding[] {
    return enrichment.hosts.flatMap((host): RuleFinding[] => {
      const gaps = missing(host);
      if (gaps.length === 0 || hostAllowed(host.host, policy)) return [];
      return [{
        kind: 'unknown',
        subject: { type: 'host', host: host.host },
        message: text(`${host.host}: unknown ${gaps.join('; ')}.`, `${host.host} : inconnu — ${gaps.join(' ; ')}.`),
        broughtInBy: broughtInBy(collection, host.host),
        evidence: evidenceUrls(collection, host.host),
        provenance: hostProvenance(host),
      }];
    });
  },
};
