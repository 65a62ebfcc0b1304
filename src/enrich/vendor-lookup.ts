/**
 * Host name → vendor (the organisation providing the service behind a name): curated services
 * first, then third-party-web. A third-party-web match wins only when it is more specific than the
 * curated one and names another vendor: `d36mpcpuzc4ztk.cloudfront.net` is Freshdesk's, served by
 * CloudFront (the operator, AWS, comes from the IP address, a separate fact).
 */
import { isIP } from 'node:net';
import type { Attribution, Category, Provenance, VendorFact } from '../types.js';
import type { EntityGraph, Revisions } from './entity-graph.js';
import { HostPatternMap, type PatternMatch } from './host-pattern-map.js';
import { normaliseHost } from './host-names.js';
import { SOURCE_IDS, type Sourced } from './sources/curated/load.js';
import type { ServiceRecord } from './sources/curated/schema.js';
import { THIRD_PARTY_WEB_SOURCE_ID, type ThirdPartyWeb, type ThirdPartyWebEntry } from './sources/third-party-web/index.js';

interface ServiceHit {
  fact: VendorFact;
  /** Provenance without the matched pattern, which is added per look-up. */
  provenance: Provenance;
  /** The answer for each pattern of the service, built once. */
  answers: Map<string, Attribution<VendorFact>>;
}

/** Bounded memo: real audits repeat a few hundred names; a flood of random names must not grow memory. */
const CACHE_LIMIT = 50_000;

export class VendorLookup {
  private readonly services = new HostPatternMap<ServiceHit>();
  private readonly cache = new Map<string, Attribution<VendorFact>>();

  constructor(
    services: readonly Sourced<ServiceRecord>[],
    private readonly thirdPartyWeb: ThirdPartyWeb,
    private readonly entities: EntityGraph,
    private readonly revisions: Revisions,
  ) {
    for (const service of services) {
      const hit = this.serviceHit(service);
      for (const pattern of service.hosts) this.services.add(pattern, hit);
    }
  }

  /** The vendor behind `host`; unknown when no source knows the name. */
  vendorForHost(host: string): Attribution<VendorFact> {
    const name = normaliseHost(host);
    let answer = this.cache.get(name);
    if (!answer) {
      answer = this.lookUp(name);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(name, answer);
    }
    return answer;
  }

  private lookUp(name: string): Attribution<VendorFact> {
    if (looksLikeIp(name) && isIP(name) !== 0) return { status: 'unknown', triedSources: [], reason: 'an IP address names no vendor' };
    const labels = name.split('.');
    const curated = this.services.matchLabels(labels);
    const seed = this.thirdPartyWeb.matchLabels(labels);
    if (curated && !(seed && this.seedIsMoreSpecific(seed, curated))) {
      return answerFor(curated.value, curated.pattern);
    }
    if (seed) return this.fromSeed(seed);
    return { status: 'unknown', triedSources: [SOURCE_IDS.services, THIRD_PARTY_WEB_SOURCE_ID], reason: 'no data source knows this host name' };
  }

  private seedIsMoreSpecific(seed: PatternMatch<ThirdPartyWebEntry>, curated: PatternMatch<ServiceHit>): boolean {
    if (seed.depth <= curated.depth) return false;
    return this.entities.idForName(seed.value.company) !== curated.value.fact.entity;
  }

  private fromSeed(seed: PatternMatch<ThirdPartyWebEntry>): Attribution<VendorFact> {
    const entry = seed.value;
    const provenance: Provenance = {
      source: THIRD_PARTY_WEB_SOURCE_ID,
      version: this.thirdPartyWeb.version,
      note: `${entry.name} (company "${entry.company}") matches ${seed.pattern}`,
    };
    const entity = this.entities.idForName(entry.company) ?? this.entities.registerUncurated(entry.company, provenance);
    const categories: Category[] = [entry.category];
    return { status: 'known', value: { entity, service: entry.name, categories }, provenance: [provenance] };
  }

  private serviceHit(service: Sourced<ServiceRecord>): ServiceHit {
    const version = this.revisions[service.origin.source];
    const fromUser = service.origin.source === SOURCE_IDS.user;
    const note = [service.note, fromUser ? service.origin.file : undefined].filter(Boolean).join('; ');
    return {
      fact: { entity: service.entity, service: service.service, categories: [...service.categories] },
      provenance: { source: service.origin.source, ...(version ? { version } : {}), ...(note ? { note } : {}) },
      answers: new Map(),
    };
  }
}

/** Cheap pre-check before node:net's isIP (a large regular expression): IPv6 has ":", IPv4 ends with a digit. */
function looksLikeIp(name: string): boolean {
  const last = name.charCodeAt(name.length - 1);
  return name.includes(':') || (last >= 48 && last <= 57);
}

function answerFor(hit: ServiceHit, pattern: string): Attribution<VendorFact> {
  let answer = hit.answers.get(pattern);
  if (!answer) {
    const note = `${hit.fact.service} matches ${pattern}${hit.provenance.note ? `; ${hit.provenance.note}` : ''}`;
    answer = { status: 'known', value: hit.fact, provenance: [{ ...hit.provenance, note }] };
    hit.answers.set(pattern, answer);
  }
  return answer;
}
