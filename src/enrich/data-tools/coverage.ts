/**
 * Coverage of the knowledge tables, shared by `souverain data stats` and bench/coverage.ts:
 * (a) the most prevalent third-party-web entities, (b) the French/European ecosystem list,
 * (c) networks, (d) infrastructure providers, (e) the largest EU/EEA networks and the global clouds and
 * CDNs linked to organisations (network-ranking.ts), (f) the infrastructure providers most common in
 * Europe (infrastructure-list-coverage.ts). "Known" always means: a curated host pattern or owned
 * domain reaches a curated organisation whose ultimate parent and jurisdiction are known with
 * medium or high confidence — never third-party-web's company name (decision 0018).
 */
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dataFileKind } from '../../shared/data-file.js';
import type { OfflineKnowledge } from '../knowledge.js';
import { DATA_DIRECTORY } from '../sources/curated/load.js';
import { ecosystemFileSchema, type EcosystemFile } from '../sources/curated/schema.js';
import { networkRanking, type NetworkRankingCoverage } from './network-ranking.js';
import type { InfrastructurePatternIndex } from '../infrastructure.js';
import { infrastructureListCoverage, readInfrastructureList, type InfrastructureListCoverage } from './infrastructure-list-coverage.js';
import { readOptionalListFile } from './list-file.js';
import { auditThirdPartyWeb, type Disagreement } from './third-party-web-audit.js';

export interface ThirdPartyWebCoverage {
  /** How many entities were measured (the N most prevalent). */
  entities: number;
  /** Entities whose every domain is known. */
  known: number;
  /** Share of entities known, 0–100. */
  entityPercent: number;
  /** Share of the entities' total occurrences (HTTP Archive pages) that is known, 0–100. */
  prevalencePercent: number;
  /** The same two shares when an entity counts as known with most (more than half) of its domains known. */
  mostDomains: { known: number; entityPercent: number; prevalencePercent: number };
  /** The most prevalent unknown entities, for the maintainers' to-do list. */
  missing: { name: string; company: string; occurrences: number; reason: string }[];
  /**
   * Domains third-party-web files under an entity that the curated tables give to another
   * organisation, with the override recorded and sourced (decision 0045). They are judged on their
   * own here, not as part of the entity (decision 0049), and listed so the figure hides nothing.
   */
  misFiled: { domain: string; entity: string; owner: string; known: boolean; reason?: string }[];
}

export interface EcosystemCoverage {
  file: string;
  services: number;
  known: number;
  percent: number;
  /** Services known but to another organisation than the list expects. */
  mismatches: { name: string; expected: string; found: string }[];
  missing: { name: string; reason: string }[];
}

export interface NetworkCoverage {
  /** AS numbers linked to a curated organisation. */
  asns: number;
  /** Organisations with at least one AS number. */
  organisationsWithAsns: number;
  organisations: number;
}

export interface InfrastructureCoverage {
  /** Patterns per role in data/infrastructure.yaml (and user files). */
  patterns: Record<string, number>;
  /** Organisations named by at least one infrastructure pattern. */
  providers: number;
  /** Registrable domains listed as owned by an organisation. */
  ownedDomains: number;
  organisationsWithDomains: number;
}

export interface Coverage {
  thirdPartyWeb: ThirdPartyWebCoverage;
  ecosystem?: EcosystemCoverage;
  networks: NetworkCoverage;
  infrastructure: InfrastructureCoverage;
  /** (e) The largest EU/EEA networks by announced IPv4 space and the global clouds and CDNs. */
  networkRanking: NetworkRankingCoverage;
  /** (f) The infrastructure providers most common in Europe (data/ecosystem/infrastructure.yaml). */
  infrastructureList?: InfrastructureListCoverage;
}

/**
 * Whether a host is known through a curated table; the reason when it is not. A bare IP address is
 * judged as an audit judges it: by its AS number and the curated organisation that AS is linked to.
 */
export function hostKnown(knowledge: OfflineKnowledge, host: string): { known: true; entity: string } | { known: false; reason: string } {
  const owner = isIP(host) ? ownerOfAddress(knowledge, host) : knowledge.curatedOwnerOfHost(host);
  if (!owner) return { known: false, reason: `${host}: no curated host pattern, owned domain or linked AS number` };
  const control = knowledge.controlOf(owner.entity);
  if (control.status !== 'known') return { known: false, reason: `${host} → ${owner.entity}: ${control.reason ?? 'control unknown'}` };
  return { known: true, entity: owner.entity };
}

function ownerOfAddress(knowledge: OfflineKnowledge, ip: string): { entity: string } | undefined {
  const network = knowledge.networkForIp(ip);
  if (network.status !== 'known') return undefined;
  const operator = knowledge.operatorForAsn(network.value.asn);
  return operator.status === 'known' ? operator.value : undefined;
}

/** (a) The `top` most prevalent third-party-web entities (by totalOccurrences). */
export function thirdPartyWebCoverage(knowledge: OfflineKnowledge, top = 500): ThirdPartyWebCoverage {
  const ranked = [...knowledge.seed.entities()].sort((a, b) => (b.totalOccurrences ?? 0) - (a.totalOccurrences ?? 0)).slice(0, top);
  const misFiledDomains = recordedMisFilings(knowledge);
  let known = 0;
  let knownWeight = 0;
  let totalWeight = 0;
  let most = 0;
  let mostWeight = 0;
  const missing: ThirdPartyWebCoverage['missing'] = [];
  const misFiled: ThirdPartyWebCoverage['misFiled'] = [];
  for (const entity of ranked) {
    const weight = entity.totalOccurrences ?? 0;
    totalWeight += weight;
    const own: string[] = [];
    for (const domain of entity.domains) {
      const host = domain.replace(/^\*\./, '').toLowerCase();
      const disagreement = misFiledDomains.get(`${entity.name}\u0000${domain}`);
      if (disagreement === undefined || !entityHasOwnDomains(knowledge, entity.domains, disagreement.thirdPartyWebSays)) {
        own.push(host);
        continue;
      }
      const answer = hostKnown(knowledge, host);
      misFiled.push({ domain, entity: entity.name, owner: disagreement.curatedSays, known: answer.known, ...(answer.known ? {} : { reason: answer.reason }) });
    }
    const answers = own.map((host) => hostKnown(knowledge, host));
    if (answers.filter((answer) => answer.known).length * 2 > answers.length) {
      most++;
      mostWeight += weight;
    }
    const failure = answers.find((answer) => !answer.known);
    if (!failure) {
      known++;
      knownWeight += weight;
    } else if (!failure.known) {
      missing.push({ name: entity.name, company: entity.company ?? entity.name, occurrences: weight, reason: failure.reason });
    }
  }
  return {
    entities: ranked.length,
    known,
    entityPercent: percent(known, ranked.length),
    prevalencePercent: percent(knownWeight, totalWeight),
    mostDomains: { known: most, entityPercent: percent(most, ranked.length), prevalencePercent: percent(mostWeight, totalWeight) },
    missing,
    misFiled,
  };
}

/**
 * Recorded disagreements (an organisation records the override with its source), per third-party-web
 * entity name + NUL + domain. An unrecorded disagreement stays part of the entity, so it can only
 * lower the figure.
 */
function recordedMisFilings(knowledge: OfflineKnowledge): Map<string, Disagreement> {
  const recorded = new Map<string, Disagreement>();
  for (const disagreement of auditThirdPartyWeb(knowledge).disagreements) {
    if (disagreement.recorded) recorded.set(`${disagreement.thirdPartyWebEntity}\u0000${disagreement.domain}`, disagreement);
  }
  return recorded;
}

/**
 * Whether another of the entity's domains reaches the group third-party-web names: then a domain the
 * curated tables give elsewhere was filed under the wrong product (01net.com under Smart AdServer).
 * When none does (Smartlook, filed under Smartsupp), the company name was wrong, not the domain, and
 * the entity is judged on it.
 */
function entityHasOwnDomains(knowledge: OfflineKnowledge, domains: readonly string[], thirdPartyWebSays: string): boolean {
  const group = knowledge.entityGraph.lineage(thirdPartyWebSays).at(-1);
  return domains.some((domain) => {
    const owner = knowledge.curatedOwnerOfHost(domain.replace(/^\*\./, '').toLowerCase());
    return owner !== undefined && knowledge.entityGraph.lineage(owner.entity).at(-1) === group;
  });
}

/** The ecosystem list (data/ecosystem/fr-eu.yaml), or undefined when the file does not exist. */
export async function readEcosystem(file = fileURLToPath(new URL('ecosystem/fr-eu.yaml', DATA_DIRECTORY))): Promise<EcosystemFile | undefined> {
  return readOptionalListFile(file, ecosystemFileSchema, dataFileKind('ecosystem'));
}

/** (b) Services of the ecosystem list whose every host is known. */
export function ecosystemCoverage(knowledge: OfflineKnowledge, list: EcosystemFile, file: string): EcosystemCoverage {
  let known = 0;
  const mismatches: EcosystemCoverage['mismatches'] = [];
  const missing: EcosystemCoverage['missing'] = [];
  for (const service of list.services) {
    const answers = service.hosts.map((host) => hostKnown(knowledge, host.replace(/^\*\./, '').toLowerCase()));
    const failure = answers.find((answer) => !answer.known);
    if (failure && !failure.known) {
      missing.push({ name: service.name, reason: failure.reason });
      continue;
    }
    known++;
    for (const answer of answers) {
      if (!answer.known) continue;
      const group = knowledge.entityGraph.lineage(answer.entity);
      const expected = knowledge.entityGraph.lineage(service.entity);
      if (group.at(-1) !== expected.at(-1)) mismatches.push({ name: service.name, expected: service.entity, found: answer.entity });
    }
  }
  return { file, services: list.services.length, known, percent: percent(known, list.services.length), mismatches, missing };
}

/** (c) Networks linked to organisations. */
export function networkCoverage(knowledge: OfflineKnowledge): NetworkCoverage {
  const entities = [...knowledge.curated.entities.values()];
  const asns = new Set(entities.flatMap((entity) => entity.asns ?? []));
  return { asns: asns.size, organisationsWithAsns: entities.filter((entity) => (entity.asns ?? []).length > 0).length, organisations: entities.length };
}

/** (d) Infrastructure providers: patterns per role, providers named, owned domains. */
export function infrastructureCoverage(knowledge: OfflineKnowledge, patterns: Record<string, { entity: string }[]>): InfrastructureCoverage {
  const counts: Record<string, number> = {};
  const providers = new Set<string>();
  for (const [role, list] of Object.entries(patterns)) {
    counts[role] = list.length;
    for (const pattern of list) providers.add(pattern.entity);
  }
  const entities = [...knowledge.curated.entities.values()];
  return {
    patterns: counts,
    providers: providers.size,
    ownedDomains: entities.reduce((sum, entity) => sum + (entity.domains?.length ?? 0), 0),
    organisationsWithDomains: entities.filter((entity) => (entity.domains ?? []).length > 0).length,
  };
}

/** Every figure, as `data stats` and bench/coverage.ts print them. */
export async function coverage(knowledge: OfflineKnowledge, infrastructurePatterns: Record<string, { entity: string }[]>, top = 500, patternIndex?: InfrastructurePatternIndex): Promise<Coverage> {
  const file = fileURLToPath(new URL('ecosystem/fr-eu.yaml', DATA_DIRECTORY));
  const list = await readEcosystem(file);
  const providers = patternIndex ? await readInfrastructureList() : undefined;
  return {
    thirdPartyWeb: thirdPartyWebCoverage(knowledge, top),
    ...(list ? { ecosystem: ecosystemCoverage(knowledge, list, file) } : {}),
    networks: networkCoverage(knowledge),
    infrastructure: infrastructureCoverage(knowledge, infrastructurePatterns),
    networkRanking: await networkRanking(knowledge),
    ...(providers && patternIndex ? { infrastructureList: infrastructureListCoverage(knowledge, patternIndex, providers) } : {}),
  };
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}
