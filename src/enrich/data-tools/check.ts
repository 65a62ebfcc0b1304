/**
 * `souverain data check`: everything that makes the knowledge tables wrong (errors) or worth a look
 * (warnings). Schema errors, unknown ids in services, alternatives and parents, ownership cycles and
 * duplicate service patterns already stop the load (load.ts); this adds what the load tolerates:
 * unknown ids in infrastructure patterns, history, `thirdPartyWeb` and the ecosystem list, domains
 * owned twice, overlapping patterns, facts older than 12 months, third-party-web disagreements.
 */
import type { InfrastructureList } from './infrastructure-list-coverage.js';
import type { OfflineKnowledge } from '../knowledge.js';
import { SOURCE_IDS } from '../sources/curated/load.js';
import type { EcosystemFile, SourceRecord } from '../sources/curated/schema.js';
import type { InfrastructureRow } from './tables.js';
import { auditThirdPartyWeb, type Disagreement } from './third-party-web-audit.js';

export interface CheckReport {
  errors: string[];
  warnings: string[];
  /** Facts whose as-of date is more than 12 months before `today`. */
  stale: { entity: string; asOf: string }[];
  disagreements: Disagreement[];
}

const STALE_AFTER_DAYS = 365;

export function checkData(knowledge: OfflineKnowledge, infrastructure: readonly InfrastructureRow[], ecosystem: EcosystemFile | undefined, today: string, providers?: InfrastructureList): CheckReport {
  const entities = knowledge.curated.entities;
  const errors: string[] = [];
  const warnings: string[] = [];
  const known = (id: string) => entities.has(id);

  for (const row of infrastructure) if (!known(row.entity)) errors.push(`infrastructure ${row.role} pattern ${row.pattern} names unknown entity "${row.entity}"`);
  for (const entity of entities.values()) {
    for (const event of entity.history ?? []) if (event.by && !known(event.by)) errors.push(`entity "${entity.id}": history ${event.date} names unknown entity "${event.by}"`);
    const override = entity.thirdPartyWeb?.override;
    if (override && override !== 'none' && !known(override)) errors.push(`entity "${entity.id}": thirdPartyWeb.override names unknown entity "${override}"`);
    for (const q of entity.qualifications ?? []) if (q.since && q.until && q.until < q.since) errors.push(`entity "${entity.id}": qualification ${q.scheme} "${q.offer}" ends before it starts`);
  }
  for (const service of ecosystem?.services ?? []) if (!known(service.entity)) errors.push(`ecosystem service "${service.name}" names unknown entity "${service.entity}"`);
  for (const provider of providers?.providers ?? []) if (!known(provider.entity)) errors.push(`infrastructure provider list: "${provider.name}" names unknown entity "${provider.entity}"`);

  errors.push(...domainsOwnedTwice(knowledge));
  warnings.push(...overlappingPatterns(knowledge));
  warnings.push(...duplicateInfrastructurePatterns(infrastructure));

  const stale = staleFacts(knowledge, today);
  const audit = auditThirdPartyWeb(knowledge);
  for (const d of audit.disagreements) {
    warnings.push(`third-party-web files ${d.domain} (${d.thirdPartyWebEntity}) under "${d.company}" → ${d.thirdPartyWebSays}; curated ${d.table} ${d.pattern} says ${d.curatedSays} (curated wins)${d.recorded ? `; recorded on ${d.recorded.entity}: ${d.recorded.note}` : '; not recorded: add thirdPartyWeb { company, override, note } to the entity'}`);
  }
  return { errors, warnings, stale, disagreements: audit.disagreements };
}

/** A registrable domain may belong to one organisation only (user files may re-assign it). */
function domainsOwnedTwice(knowledge: OfflineKnowledge): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const entity of knowledge.curated.entities.values()) {
    if (entity.origin.source === SOURCE_IDS.user) continue;
    for (const domain of entity.domains ?? []) {
      const other = owner.get(domain);
      if (other !== undefined && other !== entity.id) problems.push(`domain ${domain} is owned by both "${other}" and "${entity.id}"`);
      owner.set(domain, entity.id);
    }
  }
  return problems;
}

/**
 * A service pattern under another group's owned domain, or under another group's broader service
 * pattern: allowed (the more specific pattern wins) but worth a second look.
 */
function overlappingPatterns(knowledge: OfflineKnowledge): string[] {
  const graph = knowledge.entityGraph;
  const group = (id: string) => graph.lineage(id).at(-1) ?? id;
  const warnings: string[] = [];
  const services = knowledge.curated.services;
  const byPattern = new Map<string, string>();
  for (const service of services) for (const pattern of service.hosts) byPattern.set(pattern, service.entity);
  for (const service of services) {
    for (const pattern of service.hosts) {
      const labels = pattern.split('.');
      for (let i = 1; i < labels.length - 1; i++) {
        const parent = labels.slice(i).join('.');
        const broader = byPattern.get(parent);
        if (broader !== undefined && group(broader) !== group(service.entity)) {
          warnings.push(`host pattern ${pattern} (${service.entity}) overlaps ${parent} (${broader}); the more specific one wins`);
          break;
        }
      }
      const owner = pattern.includes('*') ? undefined : graph.ownerOfLabels(labels);
      if (owner && group(owner.value) !== group(service.entity)) warnings.push(`host pattern ${pattern} (${service.entity}) is under ${owner.pattern}, a domain of "${owner.value}"; the pattern wins`);
    }
  }
  return warnings;
}

function duplicateInfrastructurePatterns(rows: readonly InfrastructureRow[]): string[] {
  const seen = new Map<string, string>();
  const warnings: string[] = [];
  for (const row of rows) {
    const key = `${row.role}|${row.pattern}`;
    const other = seen.get(key);
    if (other !== undefined && other !== row.entity) warnings.push(`infrastructure ${row.role} pattern ${row.pattern} is listed for both "${other}" and "${row.entity}"`);
    seen.set(key, row.entity);
  }
  return warnings;
}

/** Entities whose most recent source is older than 12 months: the fact needs checking again. */
function staleFacts(knowledge: OfflineKnowledge, today: string): { entity: string; asOf: string }[] {
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) - STALE_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
  const stale: { entity: string; asOf: string }[] = [];
  for (const entity of knowledge.curated.entities.values()) {
    const latest = latestAsOf(entity.sources);
    if (latest < limit) stale.push({ entity: entity.id, asOf: latest });
  }
  return stale;
}

function latestAsOf(sources: readonly SourceRecord[]): string {
  return sources.reduce((latest, source) => (source.asOf > latest ? source.asOf : latest), '');
}
