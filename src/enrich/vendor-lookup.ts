/**
 * Host name → vendor (the organisation providing the service behind a name), from three tables:
 *
 * 1. curated services (data/services.yaml): a host pattern names the organisation and the product;
 * 2. owned domains (entities' `domains`, decision 0017): any name under a registrable domain an
 *    organisation owns is that organisation, unless a service pattern at least as deep says otherwise;
 * 3. third-party-web, a seed only (decision 0018): it can name a vendor the curated tables do not
 *    know, never who controls it. Its company becomes a name-only organisation (`tpw:…`) whose
 *    control stays unknown, even when a curated organisation has the same name.
 *
 * A third-party-web match is shown instead of a curated one only when it is more specific and names
 * another vendor: `d36mpcpuzc4ztk.cloudfront.net` is Freshdesk's, served by CloudFront (the
 * operator, AWS, comes from the IP address, a separate fact).
 */
import { isIP } from 'node:net';
import type { Attribution, Category, Provenance, VendorFact } from '../types.js';
import type { EntityGraph, Revisions } from './entity-graph.js';
import { HostCache } from './host-cache.js';
import { HostPatternMap, type PatternMatch } from './host-pattern-map.js';
import { normaliseHost } from './host-names.js';
import { SOURCE_IDS, type Sourced } from './sources/curated/load.js';
import type { ServiceRecord } from './sources/curated/schema.js';
import { THIRD_PARTY_WEB_SOURCE_ID, type ThirdPartyWeb, type ThirdPartyWebEntry } from './sources/third-party-web/index.js';

export interface ServiceHit {
  fact: VendorFact;
  /** Provenance without the matched pattern, which is added per look-up. */
  provenance: Provenance;
  /** The answer for each pattern of the service, built once. */
  answers: Map<string, Attribution<VendorFact>>;
}

/** The curated table that recognised a host: a service pattern or an owned domain. */
export type CuratedMatch =
  | { kind: 'service'; match: PatternMatch<ServiceHit>; entity: string; depth: number }
  | { kind: 'owned-domain'; match: PatternMatch<string>; entity: string; depth: number };


export class VendorLookup {
  private readonly services = new HostPatternMap<ServiceHit>();
  private readonly cache = new HostCache<Attribution<VendorFact>>();
  /** Answers of an owned domain refined by a seed, built once per pair of patterns. */
  private readonly ownedAnswers = new Map<string, Attribution<VendorFact>>();

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
      this.cache.set(name, answer);
    }
    return answer;
  }

  private lookUp(name: string): Attribution<VendorFact> {
    if (looksLikeIp(name) && isIP(name) !== 0) return { status: 'unknown', triedSources: [], reason: 'an IP address names no vendor' };
    const labels = name.split('.');
    // Inline of curatedMatch (this path runs per distinct name: no allocation but the split).
    const service = this.services.matchLabels(labels);
    const owned = this.entities.ownerOfLabels(labels);
    const useOwned = owned !== undefined && (service === undefined || owned.depth > service.depth);
    const seed = this.thirdPartyWeb.matchLabels(labels);
    if (useOwned || service) {
      const entity = useOwned ? owned.value : (service as PatternMatch<ServiceHit>).value.fact.entity;
      const depth = useOwned ? owned.depth : (service as PatternMatch<ServiceHit>).depth;
      if (!(seed && this.seedIsMoreSpecific(seed, entity, depth))) {
        return useOwned ? this.ownedAnswer(owned, seed) : ((service as PatternMatch<ServiceHit>).memo ??= answerFor(service!.value, service!.pattern)) as Attribution<VendorFact>;
      }
    }
    if (seed) return this.seedAnswer(seed);
    return { status: 'unknown', triedSources: [SOURCE_IDS.services, SOURCE_IDS.entities, THIRD_PARTY_WEB_SOURCE_ID], reason: 'no curated host pattern, owned domain or third-party-web entry covers this host name' };
  }

  /** The curated answer: a service pattern, or an owned domain deeper than every service pattern. */
  curatedMatch(labels: readonly string[]): CuratedMatch | undefined {
    const service = this.services.matchLabels(labels);
    const owned = this.entities.ownerOfLabels(labels);
    if (owned && (!service || owned.depth > service.depth)) return { kind: 'owned-domain', match: owned, entity: owned.value, depth: owned.depth };
    return service && { kind: 'service', match: service, entity: service.value.fact.entity, depth: service.depth };
  }

  private seedIsMoreSpecific(seed: PatternMatch<ThirdPartyWebEntry>, entity: string, depth: number): boolean {
    if (seed.depth <= depth) return false;
    const named = this.entities.idForName(seed.value.company);
    return named === undefined || !this.entities.lineage(entity).includes(named);
  }

  private ownedAnswer(match: PatternMatch<string>, seed: PatternMatch<ThirdPartyWebEntry> | undefined): Attribution<VendorFact> {
    if (!seed) return (match.memo ??= this.fromOwnedDomain(match, undefined)) as Attribution<VendorFact>;
    const key = `${match.pattern}|${seed.pattern}`;
    let answer = this.ownedAnswers.get(key);
    if (!answer) this.ownedAnswers.set(key, (answer = this.fromOwnedDomain(match, seed)));
    return answer;
  }

  /** One answer per third-party-web pattern, kept on the pattern's trie node. */
  private seedAnswer(seed: PatternMatch<ThirdPartyWebEntry>): Attribution<VendorFact> {
    return (seed.memo ??= this.fromSeed(seed)) as Attribution<VendorFact>;
  }

  /**
   * A name under an owned domain: the organisation is curated; product and category come from the
   * third-party-web seed when it names a product of the same organisation (a label, not a judge).
   */
  private fromOwnedDomain(match: PatternMatch<string>, seed: PatternMatch<ThirdPartyWebEntry> | undefined): Attribution<VendorFact> {
    const entity = match.value;
    const named = seed ? this.entities.idForName(seed.value.company) : undefined;
    const sameVendor = seed !== undefined && named !== undefined && this.entities.lineage(entity).includes(named);
    const value: VendorFact = sameVendor && seed
      ? { entity, service: seed.value.name, categories: [seed.value.category] }
      : { entity, categories: ['other'] };
    const provenance = this.entities.domainProvenance(entity, match.pattern, 'owned domain: ');
    return { status: 'known', value, provenance };
  }

  /**
   * Third-party-web alone: the vendor is named, its control stays unknown (decision 0018) — even
   * when a curated organisation bears the same name, since the name is the only link.
   */
  private fromSeed(seed: PatternMatch<ThirdPartyWebEntry>): Attribution<VendorFact> {
    const entry = seed.value;
    const provenance: Provenance = {
      source: THIRD_PARTY_WEB_SOURCE_ID,
      version: this.thirdPartyWeb.version,
      note: `${entry.name} (company "${entry.company}") matches ${seed.pattern}; no curated host pattern or owned domain confirms who runs it`,
    };
    const entity = this.entities.registerUncurated(entry.company, provenance);
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
