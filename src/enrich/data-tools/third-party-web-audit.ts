/**
 * Audits the whole third-party-web mapping against the curated tables (decision 0018): for every
 * domain of every third-party-web entity, the organisation its company name points to (through the
 * entities' names, aliases and `thirdPartyWeb.company`) is compared with the organisation a curated
 * host pattern or owned domain gives. Where both exist and belong to different groups, the curated
 * answer wins (third-party-web never decides control) and the disagreement is listed, with the
 * curated source and whether an entity records the override (`thirdPartyWeb: { company, override, note }`).
 */
import type { Provenance } from '../../types.js';
import type { OfflineKnowledge } from '../knowledge.js';

export interface Disagreement {
  /** The domain as third-party-web lists it, e.g. "*.smartlook.com". */
  domain: string;
  /** third-party-web entity (product) and company names. */
  thirdPartyWebEntity: string;
  company: string;
  /** The curated organisation the company name maps to. */
  thirdPartyWebSays: string;
  /** The curated organisation a host pattern or owned domain gives: the answer souverain uses. */
  curatedSays: string;
  table: 'curated-services' | 'owned-domain';
  pattern: string;
  sources: Provenance[];
  /** An entity records this override with its source (`thirdPartyWeb.company` equal to the company). */
  recorded?: { entity: string; note: string };
}

export interface ThirdPartyWebAudit {
  entities: number;
  domains: number;
  /** Domains a curated pattern or owned domain covers. */
  curatedDomains: number;
  /** Domains whose company name alone names a curated organisation, with no curated pattern: a seed to curate. */
  nameOnlyDomains: number;
  /** Companies no curated organisation is named after. */
  unmappedCompanies: number;
  disagreements: Disagreement[];
}

/** The audit of every third-party-web entity and domain; pure and offline. */
export function auditThirdPartyWeb(knowledge: OfflineKnowledge): ThirdPartyWebAudit {
  const graph = knowledge.entityGraph;
  const declared = declaredCompanies(knowledge);
  const audit: ThirdPartyWebAudit = { entities: 0, domains: 0, curatedDomains: 0, nameOnlyDomains: 0, unmappedCompanies: 0, disagreements: [] };
  const unmapped = new Set<string>();
  for (const entity of knowledge.seed.entities()) {
    audit.entities++;
    const company = entity.company ?? entity.name;
    const declaration = declared.get(company.toLowerCase());
    // What third-party-web's name says: the organisation of that name, or the one that records the company as its own.
    const named = graph.idForName(company) ?? (declaration && declaration.override === undefined ? declaration.recordedOn : undefined);
    if (named === undefined) unmapped.add(company);
    for (const domain of entity.domains) {
      audit.domains++;
      const host = domain.replace(/^\*\./, '').toLowerCase();
      const curated = knowledge.curatedOwnerOfHost(host);
      if (!curated) {
        if (named !== undefined) audit.nameOnlyDomains++;
        continue;
      }
      audit.curatedDomains++;
      // A broader curated pattern (cloudfront.net) is the platform, not the vendor: the more specific
      // third-party-web name (d5phz18u4wuww.cloudfront.net → VWO) names the vendor there, as in vendor look-ups.
      if (curated.depth < host.split('.').length) continue;
      if (named === undefined || sameGroup(graph.lineage(named), graph.lineage(curated.entity))) continue;
      audit.disagreements.push({
        domain,
        thirdPartyWebEntity: entity.name,
        company,
        thirdPartyWebSays: named,
        curatedSays: curated.entity,
        table: curated.table,
        pattern: curated.pattern,
        sources: curated.provenance,
        ...(declaration ? { recorded: { entity: declaration.recordedOn, note: declaration.note } } : {}),
      });
    }
  }
  audit.unmappedCompanies = unmapped.size;
  return audit;
}

/** Two organisations of the same group (same ultimate parent) do not disagree: Google vs YouTube. */
function sameGroup(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && b.length > 0 && a.at(-1) === b.at(-1);
}

/**
 * Companies named in entities' `thirdPartyWeb` audit trail: the entity that records it, the
 * override it declares (the organisation that really runs the hosts, or "none") and the note.
 */
function declaredCompanies(knowledge: OfflineKnowledge): Map<string, { override?: string; recordedOn: string; note: string }> {
  const declared = new Map<string, { override?: string; recordedOn: string; note: string }>();
  for (const entity of knowledge.curated.entities.values()) {
    const link = entity.thirdPartyWeb;
    if (!link) continue;
    declared.set(link.company.toLowerCase(), { ...(link.override ? { override: link.override } : {}), recordedOn: entity.id, note: link.note });
  }
  return declared;
}
