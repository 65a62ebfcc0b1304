/**
 * Organisations and who controls them: entity facts, the ownership chain up to the ultimate
 * parent, its jurisdiction and the laws with extraterritorial reach (decisions 0001 and 0002).
 */
import type { Attribution, Control, EntityFacts, JurisdictionCandidate, Provenance } from '../types.js';
import { HostPatternMap, type PatternMatch } from './host-pattern-map.js';
import { SOURCE_IDS, type CuratedData, type Sourced } from './sources/curated/load.js';
import type { EntityRecord, SourceRecord } from './sources/curated/schema.js';

/** Prefix of the ids of organisations known only by name from third-party-web. */
export const UNCURATED_PREFIX = 'tpw:';

/** A curated-data revision per source id, for provenance (`version`). */
export type Revisions = Record<string, string>;

export class EntityGraph {
  private readonly entities: ReadonlyMap<string, Sourced<EntityRecord>>;
  private readonly lawsByCountry = new Map<string, string[]>();
  private readonly byName = new Map<string, string>();
  private readonly byAsn = new Map<number, string>();
  private readonly uncurated = new Map<string, EntityFacts>();
  private readonly controls = new Map<string, Attribution<Control>>();
  /** Citations of each entity's own sources, built once: every answer about it shares them (never mutated). */
  private readonly citations = new Map<string, Provenance[]>();
  /** Third-party-web company name → its `tpw:` id (the slug is computed once per company). */
  private readonly uncuratedIds = new Map<string, string>();
  /** Owned registrable domains → entity id (decision 0017). */
  private readonly owned = new HostPatternMap<string>();

  constructor(data: CuratedData, private readonly revisions: Revisions) {
    this.entities = data.entities;
    for (const law of data.laws.values()) {
      const ids = this.lawsByCountry.get(law.country) ?? [];
      ids.push(law.id);
      this.lawsByCountry.set(law.country, ids);
    }
    for (const entity of data.entities.values()) this.index(entity);
    // User entities come after the bundled ones in the map: a user file re-assigns a domain.
    for (const entity of data.entities.values()) for (const domain of entity.domains ?? []) this.owned.add(domain, entity.id);
    // A user file's entity re-assigns the ASNs it lists, whatever the bundled data said.
    for (const entity of data.entities.values()) {
      if (entity.origin.source === SOURCE_IDS.user) for (const asn of entity.asns ?? []) this.byAsn.set(asn, entity.id);
    }
  }

  has(id: string): boolean {
    return this.entities.has(id) || this.uncurated.has(id);
  }

  /** Curated facts of an organisation, or the name-only facts of a third-party-web company. */
  facts(id: string): EntityFacts | undefined {
    const entity = this.entities.get(id);
    if (!entity) return this.uncurated.get(id);
    const cite = (sources: readonly SourceRecord[]) => this.cite(entity, sources);
    return {
      id: entity.id,
      name: entity.name,
      ...(entity.legalName ? { legalName: entity.legalName } : {}),
      country: entity.country,
      ...(entity.parent ? { parent: entity.parent } : {}),
      ultimateParent: this.ultimateParentOf(entity.id),
      confidence: entity.confidence,
      provenance: [...this.provenanceOf(entity)],
      ...(entity.domains?.length ? { domains: [...entity.domains] } : {}),
      ...(entity.jurisdictionCandidates ? { jurisdictionCandidates: this.candidatesOf(entity, [entity]) } : {}),
      ...(entity.qualifications?.length ? {
        qualifications: entity.qualifications.map((q) => ({
          scheme: q.scheme, ...(q.name ? { name: q.name } : {}), offer: q.offer,
          ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}), provenance: cite(q.sources),
        })),
      } : {}),
      ...(entity.history?.length ? {
        history: [...entity.history].sort((a, b) => a.date.localeCompare(b.date)).map((event) => ({
          date: event.date, event: event.event, ...(event.by ? { by: event.by } : {}), ...(event.from ? { from: event.from } : {}),
          ...(event.to ? { to: event.to } : {}), ...(event.note ? { note: event.note } : {}), provenance: cite(event.sources),
        })),
      } : {}),
    };
  }

  /**
   * The jurisdiction candidates of the top of `chain` (decision 0019), each with the laws that
   * would reach the chain if that country were the jurisdiction: the candidate's own laws plus
   * those of the links below the top (a subsidiary's own country still applies).
   */
  private candidatesOf(top: Sourced<EntityRecord>, chain: readonly Sourced<EntityRecord>[]): JurisdictionCandidate[] {
    const below = chain.filter((entity) => entity !== top);
    const listed = top.jurisdictionCandidates ?? [];
    // The last confirmed country is always a candidate, even if the data forgot to list it.
    const confirmed = top.country !== 'unknown' && !listed.some((candidate) => candidate.country === top.country)
      ? [{ country: top.country, note: { en: 'the last confirmed jurisdiction', fr: 'la dernière juridiction confirmée' }, sources: top.sources }]
      : [];
    return [...confirmed, ...listed].map((candidate) => ({
      country: candidate.country,
      note: { ...candidate.note },
      laws: this.lawsReaching([...below, { country: candidate.country, headquarters: candidate.country === top.country ? top.headquarters : undefined }]),
      provenance: this.cite(top, candidate.sources),
    }));
  }

  /** The entity id whose name, legal name or alias is `name` (case-insensitive). */
  idForName(name: string): string | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /** The entity that lists `asn` among its autonomous systems. */
  idForAsn(asn: number): string | undefined {
    return this.byAsn.get(asn);
  }

  /**
   * The organisation that owns the registrable domain `labels` (a host split into labels) falls
   * under, with the depth of the match so callers can let a more specific pattern win.
   */
  ownerOfLabels(labels: readonly string[]): PatternMatch<string> | undefined {
    return this.owned.matchLabels(labels);
  }

  /** Number of owned domains indexed. */
  get ownedDomainCount(): number {
    return this.owned.size;
  }

  /** Provenance of the fact "`domain` is owned by `id`": the entity's own sources (notes after `prefix`). */
  domainProvenance(id: string, domain: string, prefix = ''): Provenance[] {
    const entity = this.entities.get(id);
    if (!entity) return [];
    return this.provenanceOf(entity).map((provenance) => ({ ...provenance, note: `${prefix}${domain} is a domain of ${entity.name}; ${provenance.note ?? ''}`.trim() }));
  }

  /** The ids from `id` up to its ultimate parent. */
  lineage(id: string): string[] {
    return (this.chainOf(id) ?? []).map((entity) => entity.id);
  }

  /** Provenance of the fact "AS`asn` is operated by `id`": the entity's own sources. */
  asnProvenance(id: string, asn: number): Provenance[] {
    const entity = this.entities.get(id);
    if (!entity) return [];
    return this.provenanceOf(entity).map((provenance) => ({ ...provenance, note: `AS${asn} listed for ${entity.name}; ${provenance.note ?? ''}`.trim() }));
  }

  /**
   * Registers a company known only to third-party-web, without country or parent: its vendor
   * facts can be shown, its control stays unknown. Returns its id (`tpw:<slug>`).
   */
  registerUncurated(company: string, provenance: Provenance): string {
    let id = this.uncuratedIds.get(company);
    if (id === undefined) this.uncuratedIds.set(company, (id = `${UNCURATED_PREFIX}${slug(company)}`));
    if (!this.uncurated.has(id)) {
      this.uncurated.set(id, { id, name: company, country: 'unknown', ultimateParent: id, confidence: 'low', provenance: [provenance] });
    }
    return id;
  }

  /**
   * Who controls `id`: the chain to the ultimate parent, the parent's country as jurisdiction, and
   * every law that reaches a link of the chain (its country of incorporation or head office).
   * Unknown when the entity is not curated, when a link's country is unknown, or when a link has
   * low confidence (decision 0002).
   */
  controlOf(id: string): Attribution<Control> {
    let control = this.controls.get(id);
    if (!control) {
      control = this.computeControl(id);
      this.controls.set(id, control);
    }
    return control;
  }

  private computeControl(id: string): Attribution<Control> {
    const tried = [SOURCE_IDS.entities];
    const chain = this.chainOf(id);
    if (!chain) {
      const reason = id.startsWith(UNCURATED_PREFIX)
        ? `${this.uncurated.get(id)?.name ?? id} is known only by name (third-party-web): its ownership is not curated`
        : `no curated facts about organisation "${id}"`;
      return { status: 'unknown', triedSources: tried, reason };
    }
    const doubtful = chain.find((entity) => entity.confidence === 'low');
    if (doubtful) {
      return { status: 'unknown', triedSources: tried, reason: `the country or ownership of ${doubtful.name} is not verified (low confidence)` };
    }
    const stateless = chain.find((entity) => entity.country === 'unknown');
    if (stateless) return { status: 'unknown', triedSources: tried, reason: `the country of ${stateless.name} is unknown` };
    const top = chain[chain.length - 1] as Sourced<EntityRecord>;
    const candidates = top.jurisdictionCandidates ? this.candidatesOf(top, chain) : undefined;
    return {
      status: 'known',
      value: {
        entity: id,
        entityName: chain[0]?.name ?? id,
        ultimateParent: top.id,
        ultimateParentName: top.name,
        chain: chain.map((entity) => entity.name),
        jurisdiction: top.country,
        laws: this.lawsReaching(chain),
        ...(candidates ? { jurisdictionCandidates: candidates } : {}),
      },
      provenance: chain.flatMap((entity) => this.provenanceOf(entity)),
    };
  }

  private chainOf(id: string): Sourced<EntityRecord>[] | undefined {
    const chain: Sourced<EntityRecord>[] = [];
    for (let entity = this.entities.get(id); entity; entity = entity.parent ? this.entities.get(entity.parent) : undefined) {
      chain.push(entity);
    }
    return chain.length > 0 ? chain : undefined;
  }

  private ultimateParentOf(id: string): string {
    return this.chainOf(id)?.at(-1)?.id ?? id;
  }

  private lawsReaching(chain: readonly Pick<EntityRecord, 'country' | 'headquarters'>[]): string[] {
    const countries = new Set<string>();
    for (const entity of chain) {
      countries.add(entity.country);
      if (entity.headquarters) countries.add(entity.headquarters);
    }
    const laws = new Set<string>();
    for (const country of countries) for (const law of this.lawsByCountry.get(country) ?? []) laws.add(law);
    return [...laws];
  }

  private provenanceOf(entity: Sourced<EntityRecord>): Provenance[] {
    let cited = this.citations.get(entity.id);
    if (!cited) this.citations.set(entity.id, (cited = this.cite(entity, entity.sources)));
    return cited;
  }

  /** Citations of some of an entity's facts, with the data revision, URL and title. */
  private cite(entity: Sourced<EntityRecord>, sources: readonly SourceRecord[]): Provenance[] {
    const version = this.revisions[entity.origin.source];
    const fromUser = entity.origin.source === SOURCE_IDS.user;
    return sources.map((source) => ({
      source: entity.origin.source,
      ...(version ? { version } : {}),
      asOf: source.asOf,
      note: fromUser ? `${source.note} (${entity.origin.file})` : source.note,
      ...(source.url ? { url: source.url } : {}),
      ...(source.title ? { title: source.title } : {}),
    }));
  }

  private index(entity: EntityRecord): void {
    for (const name of [entity.name, entity.legalName, ...(entity.aliases ?? [])]) {
      if (name !== undefined) this.byName.set(name.trim().toLowerCase(), entity.id);
    }
    for (const asn of entity.asns ?? []) if (!this.byAsn.has(asn)) this.byAsn.set(asn, entity.id);
  }
}

function slug(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unnamed';
}
