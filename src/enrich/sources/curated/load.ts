/**
 * Reads the curated data files (data/entities/*.yaml, data/services.yaml, data/laws.yaml,
 * data/alternatives.yaml) and the user's extra data files, validates them against the schemas,
 * merges them (user entries override bundled ones by id) and checks that they hold together:
 * every parent and service entity exists, no ownership cycle, one ASN per organisation.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { dataFileKind, lineLocator, parseDataFile, readDataText } from '../../../shared/data-file.js';
import { UsageError } from '../../../shared/errors.js';
import {
  alternativesFileSchema, entitiesFileSchema, lawsFileSchema, servicesFileSchema, userDataFileSchema,
  type AlternativeRecord, type CountryGroups, type EntityRecord, type LawRecord, type ServiceRecord,
} from './schema.js';

/** The data folder at the repository root (src/enrich/sources/curated → ../../../../data). */
export const DATA_DIRECTORY = new URL('../../../../data/', import.meta.url);

/** Source ids used in provenance. User files are `user-data`, with the file in the note. */
export const SOURCE_IDS = {
  entities: 'curated-entities',
  services: 'curated-services',
  laws: 'curated-laws',
  alternatives: 'curated-alternatives',
  user: 'user-data',
} as const;

/** Where a record came from: the source id and, for user files, the file path. */
export interface Origin {
  source: string;
  file: string;
}

export type Sourced<T> = T & { origin: Origin };

/** One data file read, with a short content hash (the data revision printed in reports). */
export interface DataFileInfo {
  path: string;
  kind: 'entities' | 'services' | 'laws' | 'alternatives' | 'user-data';
  sha256: string;
}

/** All curated knowledge, merged and checked. */
export interface CuratedData {
  entities: Map<string, Sourced<EntityRecord>>;
  /** Bundled first, user files after: a later entry for the same host pattern wins. */
  services: Sourced<ServiceRecord>[];
  laws: Map<string, Sourced<LawRecord>>;
  countryGroups: CountryGroups;
  /** User files first: the first matching alternative wins. */
  alternatives: Sourced<AlternativeRecord>[];
  files: DataFileInfo[];
}

/** Loads bundled data then `extraFiles` in order; throws a UsageError naming the file and field on bad data. */
export async function loadCuratedData(extraFiles: readonly string[] = []): Promise<CuratedData> {
  const data = await loadBundledData();
  const userFiles: { file: string; parsed: z.infer<typeof userDataFileSchema>; locate: Locate }[] = [];
  for (const file of extraFiles) {
    const locate: Locate[] = [];
    const parsed = await readDataFile(file, userDataFileSchema, 'user-data', data.files, locate);
    mergeUserFile(data, file, parsed);
    userFiles.push({ file, parsed, locate: locate[0] ?? (() => undefined) });
  }
  // A user file's reference to an unknown organisation is named with its file, line and field.
  for (const user of userFiles) checkUserReferences(data, user.file, user.parsed, user.locate);
  const problems = checkConsistency(data);
  if (problems.length > 0) {
    throw new UsageError(`curated data does not hold together: ${problems.join('; ')}`, 'fix the data file named in the message');
  }
  return data;
}

async function loadBundledData(): Promise<CuratedData> {
  const files: DataFileInfo[] = [];
  const entityFiles = await listYaml(new URL('entities/', DATA_DIRECTORY));
  const entities = new Map<string, Sourced<EntityRecord>>();
  for (const file of entityFiles) {
    const parsed = await readDataFile(file, entitiesFileSchema, 'entities', files);
    for (const entity of parsed.entities) {
      if (entities.has(entity.id)) throw new UsageError(`entity "${entity.id}" is defined twice (${file})`, 'keep one definition per id in data/entities/');
      entities.set(entity.id, { ...entity, origin: { source: SOURCE_IDS.entities, file } });
    }
  }
  const services = await readDataFile(dataPath('services.yaml'), servicesFileSchema, 'services', files);
  const laws = await readDataFile(dataPath('laws.yaml'), lawsFileSchema, 'laws', files);
  const alternatives = await readDataFile(dataPath('alternatives.yaml'), alternativesFileSchema, 'alternatives', files);
  if (!laws.countryGroups) throw new UsageError('data/laws.yaml has no countryGroups', 'list the EU and EEA member states there');
  return {
    entities,
    services: services.services.map((service) => ({ ...service, origin: { source: SOURCE_IDS.services, file: dataPath('services.yaml') } })),
    laws: new Map(laws.laws.map((law) => [law.id, { ...law, origin: { source: SOURCE_IDS.laws, file: dataPath('laws.yaml') } }])),
    countryGroups: laws.countryGroups,
    alternatives: alternatives.alternatives.map((alternative) => ({ ...alternative, origin: { source: SOURCE_IDS.alternatives, file: dataPath('alternatives.yaml') } })),
    files,
  };
}

function mergeUserFile(data: CuratedData, file: string, parsed: z.infer<typeof userDataFileSchema>): void {
  const origin = { source: SOURCE_IDS.user, file };
  for (const entity of parsed.entities ?? []) data.entities.set(entity.id, { ...entity, origin });
  for (const law of parsed.laws ?? []) data.laws.set(law.id, { ...law, origin });
  data.services.push(...(parsed.services ?? []).map((service) => ({ ...service, origin })));
  data.alternatives.unshift(...(parsed.alternatives ?? []).map((alternative) => ({ ...alternative, origin })));
}

function dataPath(name: string): string {
  return fileURLToPath(new URL(name, DATA_DIRECTORY));
}

async function listYaml(directory: URL): Promise<string[]> {
  const names = (await readdir(directory)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return names.map((name) => fileURLToPath(new URL(name, directory)));
}

/** The line of the value at a path of a parsed file (or of its closest ancestor), 1-based. */
type Locate = (path: readonly PropertyKey[]) => number | undefined;

/**
 * Reads, parses and validates one file (the shared data-file reader: file:line:field, both
 * languages); records it in `files`; `locateOut` receives a line locator for later reference checks.
 */
async function readDataFile<S extends z.ZodType>(file: string, schema: S, kind: DataFileInfo['kind'], files: DataFileInfo[], locateOut: Locate[] = []): Promise<z.output<S>> {
  const what = dataFileKind(kind);
  const text = await readDataText(file, what);
  files.push({ path: file, kind, sha256: createHash('sha256').update(text).digest('hex') });
  const data = parseDataFile(text, basename(file), schema, what);
  locateOut.push(lineLocator(text));
  return data;
}

/** Every organisation a user file refers to must exist once all files are merged. */
function checkUserReferences(data: CuratedData, file: string, parsed: z.infer<typeof userDataFileSchema>, locate: Locate): void {
  const references: { path: (string | number)[]; id: string | undefined }[] = [
    ...(parsed.entities ?? []).flatMap((entity, i) => [
      { path: ['entities', i, 'parent'], id: entity.parent },
      ...(entity.history ?? []).map((event, j) => ({ path: ['entities', i, 'history', j, 'by'], id: event.by })),
      { path: ['entities', i, 'thirdPartyWeb', 'override'], id: entity.thirdPartyWeb?.override === 'none' ? undefined : entity.thirdPartyWeb?.override },
    ]),
    ...(parsed.services ?? []).map((service, i) => ({ path: ['services', i, 'entity'], id: service.entity })),
    ...(parsed.alternatives ?? []).map((alternative, i) => ({ path: ['alternatives', i, 'entity'], id: alternative.entity })),
  ];
  for (const { path, id } of references) {
    if (id === undefined || data.entities.has(id)) continue;
    const line = locate(path);
    throw new UsageError(`data file ${file}${line ? `:${line}` : ''}: ${path.join('.')}: unknown entity "${id}"`, 'use the id of an organisation in data/entities/ or in a --data file');
  }
}

/**
 * Problems that make the data unusable, as sentences: unknown parent or service entity, ownership
 * cycles, an ASN claimed by two organisations, an alternative for an unknown entity.
 */
export function checkConsistency(data: Pick<CuratedData, 'entities' | 'services' | 'alternatives'>): string[] {
  const problems: string[] = [];
  const asnOwner = new Map<number, string>();
  for (const entity of data.entities.values()) {
    if (entity.parent !== undefined && !data.entities.has(entity.parent)) problems.push(`entity "${entity.id}" has unknown parent "${entity.parent}"`);
    // A user file may re-assign an ASN: only bundled data must be unambiguous.
    if (entity.origin.source === SOURCE_IDS.user) continue;
    for (const asn of entity.asns ?? []) {
      const owner = asnOwner.get(asn);
      if (owner !== undefined && owner !== entity.id) problems.push(`AS${asn} is listed for both "${owner}" and "${entity.id}"`);
      asnOwner.set(asn, entity.id);
    }
  }
  problems.push(...ownershipCycles(data.entities));
  const patternOwner = new Map<string, string>();
  for (const service of data.services) {
    if (!data.entities.has(service.entity)) problems.push(`service "${service.service}" names unknown entity "${service.entity}"`);
    // A user file may override a pattern: only bundled data must be unambiguous.
    if (service.origin.source === SOURCE_IDS.user) continue;
    for (const pattern of service.hosts) {
      const owner = patternOwner.get(pattern);
      if (owner !== undefined) problems.push(`host pattern ${pattern} is listed for both "${owner}" and "${service.service}"`);
      patternOwner.set(pattern, service.service);
    }
  }
  problems.push(...aliasCollisions(data.entities));
  for (const alternative of data.alternatives) {
    if (alternative.entity !== undefined && !data.entities.has(alternative.entity)) problems.push(`an alternative names unknown entity "${alternative.entity}"`);
  }
  return problems;
}

function ownershipCycles(entities: ReadonlyMap<string, EntityRecord>): string[] {
  const problems: string[] = [];
  for (const start of entities.keys()) {
    const seen = new Set<string>();
    let current: string | undefined = start;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      current = entities.get(current)?.parent;
    }
    if (current === start) problems.push(`ownership cycle through "${start}"`);
  }
  return problems;
}

/** An alias must name one organisation: "Amazon" cannot mean both Amazon.com and AWS. */
function aliasCollisions(entities: ReadonlyMap<string, EntityRecord>): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const entity of entities.values()) {
    for (const name of new Set([entity.name, ...(entity.aliases ?? [])].map((n) => n.trim().toLowerCase()))) {
      const other = owner.get(name);
      if (other !== undefined && other !== entity.id) problems.push(`name or alias "${name}" is used by both "${other}" and "${entity.id}"`);
      owner.set(name, entity.id);
    }
  }
  return problems;
}
