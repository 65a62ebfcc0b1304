import type { Collection, Enrichment } from '../types.js';
import { enrichHosts } from './enrich-hosts.js';
import { attachCdn, enrichInfrastructure, infrastructureFacts, loadInfrastructurePatterns } from './infrastructure.js';
import type { Knowledge } from './knowledge.js';

/** Attribution of every host and of the site's infrastructure, from the saved collection only. */
export async function enrich(collection: Collection, knowledge: Knowledge, dataFiles: string[] = []): Promise<Enrichment> {
  const patterns = await loadInfrastructurePatterns(dataFiles);
  const attributed = enrichHosts(collection, knowledge);
  const infrastructure = collection.infrastructure ? enrichInfrastructure(collection, knowledge, patterns) : undefined;
  const infraFacts = infrastructureFacts(infrastructure, knowledge);
  return {
    hosts: attachCdn(attributed.hosts, collection, patterns),
    entities: { ...attributed.entities, ...infraFacts.entities },
    laws: { ...attributed.laws, ...infraFacts.laws },
    ...(infrastructure ? { infrastructure } : {}),
    dataSources: [...knowledge.dataSources(), patterns.dataSource()],
  };
}
