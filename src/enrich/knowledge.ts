/**
 * The enrich stage's offline knowledge, loaded once per process: curated entities, services, laws
 * and alternatives (data/), third-party-web as a host → vendor seed, and ip-location-db for
 * IP → ASN → organisation and IP → country. Every answer is an Attribution: known with its
 * provenance, or unknown with the sources tried.
 */
import { createHash } from 'node:crypto';
import type {
  Attribution, Category, Control, DataSourceInfo, EntityFacts, LawRef, LocalisedText, NetworkFact, Provenance, VendorFact,
} from '../types.js';
import { EntityGraph, type Revisions } from './entity-graph.js';
import { normaliseHost } from './host-names.js';
import { usableIp } from './ip-address.js';
import { loadCuratedData, SOURCE_IDS, type CuratedData, type DataFileInfo } from './sources/curated/load.js';
import { ASN_ATTRIBUTION, ASN_SOURCE_ID, COUNTRY_SOURCE_ID, IpLocationDb } from './sources/ip-location-db/index.js';
import { ThirdPartyWeb } from './sources/third-party-web/index.js';
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
  const data = await loadCuratedData(options.extraDataFiles ?? []);
  return new OfflineKnowledge(data, new ThirdPartyWeb(), new IpLocationDb());
}

export class OfflineKnowledge implements Knowledge {
  private readonly revisions: Revisions;
  private readonly graph: EntityGraph;
  private readonly vendors: VendorLookup;
  private readonly lawRefs: Record<string, LawRef>;
  private readonly europe: readonly string[];
  private readonly asnProvenance: Provenance;
  private readonly countryProvenance: Provenance;

  constructor(private readonly data: CuratedData, private readonly thirdPartyWeb: ThirdPartyWeb, private readonly ipDb: IpLocationDb) {
    this.revisions = revisionsOf(data.files);
    this.graph = new EntityGraph(data, this.revisions);
    this.vendors = new VendorLookup(data.services, thirdPartyWeb, this.graph, this.revisions);
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
    return [...this.curatedSources(), this.thirdPartyWeb.dataSource(), ...this.ipDb.dataSources()];
  }

  private lineageOf(entityId: string): string[] {
    const lineage: string[] = [];
    for (let id: string | undefined = entityId; id !== undefined && !lineage.includes(id); id = this.graph.facts(id)?.parent) lineage.push(id);
    return lineage;
  }

  private buildLawRefs(): Record<string, LawRef> {
    const refs: Record<string, LawRef> = {};
    for (const law of this.data.laws.values()) {
      const version = this.revisions[law.origin.source];
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

  private curatedSources(): DataSourceInfo[] {
    const describe = (id: string, name: string): DataSourceInfo => ({
      id,
      name,
      version: this.revisions[id] ?? 'unknown',
      ...(id === SOURCE_IDS.entities ? { builtAt: latestAsOf(this.data) } : {}),
      licence: 'CC-BY-4.0',
      attribution: 'souverain curated data (data/README.md), CC BY 4.0',
    });
    const sources = [
      describe(SOURCE_IDS.entities, 'souverain curated organisations (data/entities)'),
      describe(SOURCE_IDS.services, 'souverain curated host → service table (data/services.yaml)'),
      describe(SOURCE_IDS.laws, 'souverain curated laws with extraterritorial reach (data/laws.yaml)'),
      describe(SOURCE_IDS.alternatives, 'souverain curated sovereign alternatives (data/alternatives.yaml)'),
    ];
    const userFiles = this.data.files.filter((file) => file.kind === 'user-data');
    for (const file of userFiles) {
      sources.push({ id: `${SOURCE_IDS.user}:${file.path}`, name: `user data file ${file.path}`, version: file.sha256.slice(0, 12), licence: 'as stated by the user' });
    }
    return sources;
  }
}

/** A short content hash of the bundled files of each kind: the data revision shown in provenance. */
function revisionsOf(files: readonly DataFileInfo[]): Revisions {
  const kinds: Record<string, DataFileInfo['kind']> = {
    [SOURCE_IDS.entities]: 'entities',
    [SOURCE_IDS.services]: 'services',
    [SOURCE_IDS.laws]: 'laws',
    [SOURCE_IDS.alternatives]: 'alternatives',
  };
  const revisions: Revisions = {};
  for (const [source, kind] of Object.entries(kinds)) {
    const hash = createHash('sha256');
    for (const file of files) if (file.kind === kind) hash.update(file.sha256);
    revisions[source] = `sha256:${hash.digest('hex').slice(0, 12)}`;
  }
  return revisions;
}

function latestAsOf(data: CuratedData): string {
  let latest = '';
  for (const entity of data.entities.values()) for (const source of entity.sources) if (source.asOf > latest) latest = source.asOf;
  return latest;
}
