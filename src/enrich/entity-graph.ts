/**
 * Organisations and who controls them: entity facts, the ownership chain up to the ultimate
 * parent, its jurisdiction and the laws with extraterritorial reach (decisions 0001 and 0002).
 */
import type { Attribution, Control, EntityFacts, Provenance } from '../types.js';
import { SOURCE_IDS, type CuratedData, type Sourced } from './sources/curated/load.js';
import type { EntityRecord } from './sources/curated/schema.js';

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

  constructor(data: CuratedData, private readonly revisions: Revisions) {
    this.entities = data.entities;
    for (const law of data.laws.values()) {
      const ids = this.lawsByCountry.get(law.country) ?? [];
      ids.push(law.id);
      this.lawsByCountry.set(law.country, ids);
    }
    for (const entity of data.entities.values()) this.index(entity);
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
    return {
      id: entity.id,
      name: entity.name,
      ...(entity.legalName ? { legalName: entity.legalName } : {}),
      country: entity.country,
      ...(entity.parent ? { parent: entity.parent } : {}),
      ultimateParent: this.ultimateParentOf(entity.id),
      confidence: entity.confidence,
      provenance: this.provenanceOf(entity),
    };
  }

  /** The entity id whose name, legal name or alias is `name` (case-insensitive). */
  idForName(name: string): string | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /** The entity that lists `asn` among its autonomous systems. */
  idForAsn(asn: number): string | undefined {
    return this.byAsn.get(asn);
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
    const id = `${UNCURATED_PREFIX}${slug(company)}`;
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

  private lawsReaching(chain: readonly EntityRecord[]): string[] {
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
    const version = this.revisions[entity.origin.source];
    const fromUser = entity.origin.source === SOURCE_IDS.user;
    return entity.sources.map((source) => ({
      source: entity.origin.source,
      ...(version ? { version } : {}),
      asOf: source.asOf,
      note: fromUser ? `${source.note} (${entity.origin.file})` : source.note,
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
