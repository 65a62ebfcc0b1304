import type { Collection, Enrichment, EntityFacts, LawRef } from '../types.js';
import { enrichHosts } from './enrich-hosts.js';
import { attachCdn, enrichInfrastructure, infrastructureFacts, loadInfrastructurePatterns, type InfrastructurePatternIndex } from './infrastructure.js';
import type { Knowledge } from './knowledge.js';

/**
 * Attribution of every host and of the site's infrastructure, from the saved collection only.
 * `patterns`: the infrastructure patterns of `dataFiles` when the caller loaded them already (the audit
 * loads them while the browser starts).
 */
export async function enrich(collection: Collection, knowledge: Knowledge, dataFiles: string[] = [], patternsLoaded?: Promise<InfrastructurePatternIndex>): Promise<Enrichment> {
  const patterns = await (patternsLoaded ?? loadInfrastructurePatterns(dataFiles));
  const attributed = enrichHosts(collection, knowledge);
  const infrastructure = collection.infrastructure ? enrichInfrastructure(collection, knowledge, patterns) : undefined;
  const infraFacts = infrastructureFacts(infrastructure, knowledge);
  const entities = { ...attributed.entities, ...infraFacts.entities };
  const laws = { ...attributed.laws, ...infraFacts.laws };
  const asOf = knowledgeAsOf(entities, laws);
  return {
    hosts: attachCdn(attributed.hosts, collection, patterns),
    entities,
    laws,
    ...(infrastructure ? { infrastructure } : {}),
    dataSources: [...knowledge.dataSources(), patterns.dataSource()],
    ...(asOf ? { knowledgeAsOf: asOf } : {}),
  };
}

/** The most recent as-of date among the facts of the organisations and laws a report relies on ("knowledge as of"). */
export function knowledgeAsOf(entities: Readonly<Record<string, EntityFacts>>, laws: Readonly<Record<string, LawRef>>): string | undefined {
  let latest = '';
  for (const facts of Object.values(entities)) for (const p of facts.provenance) if (p.asOf && p.asOf > latest) latest = p.asOf;
  for (const law of Object.values(laws)) if (law.provenance.asOf && law.provenance.asOf > latest) latest = law.provenance.asOf;
  return latest || undefined;
}
