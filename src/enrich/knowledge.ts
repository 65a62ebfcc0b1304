/**
 * The enrich stage's offline knowledge, loaded once per process: curated entities, services, laws
 * and alternatives (data/), third-party-web as a host → vendor seed, and ip-location-db for
 * IP → ASN → organisation and IP → country. Every answer is an Attribution: known with its
 * provenance, or unknown with the sources tried.
 */
import type {
  Attribution, Category, Control, DataSourceInfo, EntityFacts, LawRef, LocalisedText, NetworkFact, Provenance, VendorFact,
} from '../types.js';
import { EntityGraph } from './entity-graph.js';
import { normaliseHost } from './host-names.js';
import { usableIp } from './ip-address.js';
import type { CuratedSource } from './sources/curated/index.js';
import { SOURCE_IDS, type CuratedData } from './sources/curated/load.js';
import { dataSources as registry } from './sources/index.js';
import { ASN_ATTRIBUTION, ASN_SOURCE_ID, COUNTRY_SOURCE_ID, type IpLocationDb } from './sources/ip-location-db/index.js';
import type { ThirdPartyWeb } from './sources/third-party-web/index.js';
import { VendorLookup } from './vendor-lookup.js';

/** Everything the enrich stage knows offline. All look-ups are synchronous and cheap. */
export interface Knowledge {
  /** Host name → vendor: curated services first, then third-party-web. */
  vendorForHost(host: string): Attribution<VendorFact>;
  /**
   * Walks the ownership chain to the ultimate parent; jurisdiction = the ultimate parent's country
   * (decision 0001); laws from data/laws.yaml. Unknown when any link is unknown or low-confidence.
   */
  controlOf(entityId: string): Attribution<Control>;
  entity(entityId: string): EntityFacts | undefined;
  /** The entity whose name, legal name or alias is `name`, e.g. a CA's "Let's Encrypt" → `isrg`. */
  entityForName(name: string): string | undefined;
  /**
   * The organisation the curated tables give for `host` — a service pattern or an owned domain
   * (decision 0017) — never third-party-web. Used for infrastructure names (NS, MX, SPF, DKIM,
   * CNAME targets) and the third-party-web audit.
   */
  curatedOwnerOfHost(host: string): CuratedOwner | undefined;
  /** IP → ASN + AS organisation; unknown for private, loopback, reserved or unrouted addresses. */
  networkForIp(ip: string): Attribution<NetworkFact>;
  /** ASN → operating entity, from the curated ASN lists only: an AS name alone is not an entity. */
  operatorForAsn(asn: number): Attribution<{ entity: string }>;
  /** IP → registered country (where the server probably is). */
  locationForIp(ip: string): Attribution<{ country: string }>;
  /** Reads the IPv4 look-up tables now instead of at the first address (an audit does it while Chromium starts). */
  preloadAddressTables(): void;
  /** The sovereign alternative for a service of these categories (and this vendor, when given). */
  alternativeFor(categories: Category[], entityId?: string): LocalisedText | undefined;
  laws(): Record<string, LawRef>;
  /** EU member states and the other EEA members (Iceland, Liechtenstein, Norway), ISO alpha-2. */
  euCountries(): readonly string[];
  dataSources(): DataSourceInfo[];
}

/** Which curated table recognised a host name, and how. */
export interface CuratedOwner {
  entity: string;
  /** curated-services (a host pattern) or owned-domain (an entity's `domains`). */
  table: 'curated-services' | 'owned-domain';
  pattern: string;
  /** Labels the pattern covered: a deeper match is more specific. */
  depth: number;
  service?: string;
  provenance: Provenance[];
}

export interface LoadKnowledgeOptions {
  /** User YAML files in the formats of data/ (entities, services, laws, alternatives): they extend or override. */
  extraDataFiles?: string[];
}

/**
 * Loads the curated data (validated) and prepares the look-ups. The IP tables are read on first
 * use, IPv6 only when an IPv6 address is looked up.
 *
 * @example
 * const knowledge = await loadKnowledge();
 * knowledge.vendorForHost('www.google-analytics.com'); // known: google / Google Analytics / analytics
 * knowledge.controlOf('google'); // known: Google → Alphabet, US, [us-cloud-act, us-fisa-702, us-eo-12333]
 */
export async function loadKnowledge(options: LoadKnowledgeOptions = {}): Promise<Knowledge> {
  return loadOfflineKnowledge(options);
}

/** As loadKnowledge, with the tables exposed for the data tools (`souverain data`, bench/coverage.ts). */
export async function loadOfflineKnowledge(options: LoadKnowledgeOptions = {}): Promise<OfflineKnowledge> {
  const [curated, thirdPartyWeb, ipDb] = await Promise.all([
    registry.curated.load({ extraDataFiles: options.extraDataFiles ?? [] }),
    registry['third-party-web'].load(),
    registry['ip-location-db'].load(),
  ]);
  return new OfflineKnowledge(curated, thirdPartyWeb, ipDb);
}

export class OfflineKnowledge implements Knowledge {
  private readonly data: CuratedData;
  private readonly graph: EntityGraph;
  private readonly vendors: VendorLookup;
  private readonly lawRefs: Record<string, LawRef>;
  private readonly europe: readonly string[];
  private readonly asnProvenance: Provenance;
  private readonly countryProvenance: Provenance;

  constructor(private readonly curatedSource: CuratedSource, private readonly thirdPartyWeb: ThirdPartyWeb, private readonly ipDb: IpLocationDb) {
    const data = curatedSource.data;
    this.data = data;
    this.graph = new EntityGraph(data, curatedSource.revisions);
    this.vendors = new VendorLookup(data.services, thirdPartyWeb, this.graph, curatedSource.revisions);
    this.lawRefs = this.buildLawRefs();
    this.europe = Object.freeze([...new Set([...data.countryGroups.eu, ...data.countryGroups.eea])].sort());
    const [asnSource, countrySource] = ipDb.dataSources();
    this.asnProvenance = { source: ASN_SOURCE_ID, version: ipDb.asnPackage.version, ...(asnSource?.builtAt ? { asOf: asnSource.builtAt } : {}), note: ASN_ATTRIBUTION };
    this.countryProvenance = { source: COUNTRY_SOURCE_ID, version: ipDb.countryPackage.version, ...(countrySource?.builtAt ? { asOf: countrySource.builtAt } : {}) };
  }

  vendorForHost(host: string): Attribution<VendorFact> {
    return this.vendors.vendorForHost(host);
  }

  controlOf(entityId: string): Attribution<Control> {
    return this.graph.controlOf(entityId);
  }

  entity(entityId: string): EntityFacts | undefined {
    return this.graph.facts(entityId);
  }

  curatedOwnerOfHost(host: string): CuratedOwner | undefined {
    const name = normaliseHost(host);
    const found = this.vendors.curatedMatch(name.split('.'));
    if (!found) return undefined;
    if (found.kind === 'owned-domain') {
      return { entity: found.entity, table: 'owned-domain', pattern: found.match.pattern, depth: found.depth, provenance: this.graph.domainProvenance(found.entity, found.match.pattern) };
    }
    const answer = this.vendors.vendorForHost(name);
    return {
      entity: found.entity, table: 'curated-services', pattern: found.match.pattern, depth: found.depth,
      ...(found.match.value.fact.service ? { service: found.match.value.fact.service } : {}),
      provenance: answer.status === 'known' && answer.value.entity === found.entity ? answer.provenance : [found.match.value.provenance],
    };
  }

  /** The entity graph, for data tools (audit, export, coverage). */
  get entityGraph(): EntityGraph {
    return this.graph;
  }

  get curated(): CuratedData {
    return this.data;
  }

  get seed(): ThirdPartyWeb {
    return this.thirdPartyWeb;
  }

  entityForName(name: string): string | undefined {
    return this.graph.idForName(name);
  }

  networkForIp(ip: string): Attribution<NetworkFact> {
    const tried = [ASN_SOURCE_ID];
    const address = usableIp(ip);
    if (!address) return { status: 'unknown', triedSources: [], reason: `${ip} is not a public IP address (private, loopback, reserved or invalid)` };
    const row = this.ipDb.asn(address);
    if (!row) return { status: 'unknown', triedSources: tried, reason: `${ip} is in no announced range of the ASN data` };
    return {
      status: 'known',
      value: { ip, asn: row.asn, asOrganisation: row.organisation },
      provenance: [{ ...this.asnProvenance }],
    };
  }

  preloadAddressTables(): void {
    this.ipDb.preloadIpv4();
  }

  operatorForAsn(asn: number): Attribution<{ entity: string }> {
    const entity = this.graph.idForAsn(asn);
    if (!entity) {
      return { status: 'unknown', triedSources: [SOURCE_IDS.entities], reason: `AS${asn} is not linked to a curated organisation` };
    }
    return { status: 'known', value: { entity }, provenance: this.graph.asnProvenance(entity, asn) };
  }

  locationForIp(ip: string): Attribution<{ country: string }> {
    const address = usableIp(ip);
    if (!address) return { status: 'unknown', triedSources: [], reason: `${ip} is not a public IP address (private, loopback, reserved or invalid)` };
    const country = this.ipDb.country(address);
    // "ZZ" is the registries' code for unassigned space.
    if (!country || country === 'ZZ') {
      return { status: 'unknown', triedSources: [COUNTRY_SOURCE_ID], reason: `no country is registered for ${ip}` };
    }
    return {
      status: 'known',
      value: { country },
      provenance: [{ ...this.countryProvenance }],
    };
  }

  alternativeFor(categories: Category[], entityId?: string): LocalisedText | undefined {
    const lineage = entityId ? this.lineageOf(entityId) : [];
    const matchesCategory = (listed: readonly Category[]) => categories.some((category) => listed.includes(category));
    const specific = this.data.alternatives.find((alternative) => alternative.entity !== undefined && lineage.includes(alternative.entity) && matchesCategory(alternative.categories));
    if (specific) return specific.text;
    for (const category of categories) {
      const general = this.data.alternatives.find((alternative) => alternative.entity === undefined && alternative.categories.includes(category));
      if (general) return general.text;
    }
    return undefined;
  }

  laws(): Record<string, LawRef> {
    return this.lawRefs;
  }

  euCountries(): readonly string[] {
    return this.europe;
  }

  dataSources(): DataSourceInfo[] {
    // In the registry's order: curated, third-party-web, ip-location-db.
    return [this.curatedSource, this.thirdPartyWeb, this.ipDb].flatMap((loaded) => loaded.dataSources());
  }

  private lineageOf(entityId: string): string[] {
    const lineage: string[] = [];
    for (let id: string | undefined = entityId; id !== undefined && !lineage.includes(id); id = this.graph.facts(id)?.parent) lineage.push(id);
    return lineage;
  }

  private buildLawRefs(): Record<string, LawRef> {
    const refs: Record<string, LawRef> = {};
    for (const law of this.data.laws.values()) {
      const version = this.curatedSource.revisions[law.origin.source];
      refs[law.id] = {
        id: law.id,
        name: law.name,
        country: law.country,
        note: typeof law.note === 'string' ? law.note : law.note.en,
        ...(typeof law.note === 'string' ? {} : { text: law.note }),
        provenance: {
          source: law.origin.source, ...(version ? { version } : {}), asOf: law.source.asOf, note: law.source.note,
          ...(law.source.url ? { url: law.source.url } : {}), ...(law.source.title ? { title: law.source.title } : {}),
        },
      };
    }
    return refs;
  }
}
