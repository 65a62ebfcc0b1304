/**
 * The curated data as a data source (contract.ts): souverain's own organisations, host → service
 * patterns, laws and sovereign alternatives (data/), plus the user's `--data` files. `load()`
 * validates and merges them (load.ts); the version of each kind of file is a hash of its content.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataSourceInfo } from '../../../types.js';
import type { DataSource, LoadedDataSource } from '../contract.js';
import { DATA_DIRECTORY, loadCuratedData, SOURCE_IDS, type CuratedData, type DataFileInfo } from './load.js';

export interface CuratedSource extends LoadedDataSource {
  readonly data: CuratedData;
  /** `sha256:<12 hex>` per source id (curated-entities, curated-services, …): the version in provenance. */
  readonly revisions: Readonly<Record<string, string>>;
}

const LICENCE = 'CC-BY-4.0';

export const source: DataSource<CuratedSource, { extraDataFiles?: readonly string[] }> = {
  id: 'curated',
  licence: LICENCE,
  version: bundledRevision,
  load: async (options = {}) => curatedSource(await loadCuratedData(options.extraDataFiles ?? [])),
};

/** Wraps loaded data: revisions and the report's data-source entries. */
export function curatedSource(data: CuratedData): CuratedSource {
  const revisions = revisionsOf(data.files);
  return { data, revisions, dataSources: () => describe(data, revisions) };
}

/** One hash over every bundled file (entities, services, laws, alternatives), without parsing them. */
function bundledRevision(): string {
  const hash = createHash('sha256');
  const entities = new URL('entities/', DATA_DIRECTORY);
  const names = readdirSync(entities).filter((name) => /\.ya?ml$/.test(name)).sort();
  for (const url of [...names.map((name) => new URL(name, entities)), ...['services.yaml', 'laws.yaml', 'alternatives.yaml'].map((name) => new URL(name, DATA_DIRECTORY))]) {
    hash.update(readFileSync(fileURLToPath(url)));
  }
  return `sha256:${hash.digest('hex').slice(0, 12)}`;
}

/** A short content hash of the bundled files of each kind: the data revision shown in provenance. */
function revisionsOf(files: readonly DataFileInfo[]): Record<string, string> {
  const kinds: Record<string, DataFileInfo['kind']> = {
    [SOURCE_IDS.entities]: 'entities',
    [SOURCE_IDS.services]: 'services',
    [SOURCE_IDS.laws]: 'laws',
    [SOURCE_IDS.alternatives]: 'alternatives',
  };
  const revisions: Record<string, string> = {};
  for (const [id, kind] of Object.entries(kinds)) {
    const hash = createHash('sha256');
    for (const file of files) if (file.kind === kind) hash.update(file.sha256);
    revisions[id] = `sha256:${hash.digest('hex').slice(0, 12)}`;
  }
  return revisions;
}

function describe(data: CuratedData, revisions: Readonly<Record<string, string>>): DataSourceInfo[] {
  const entry = (id: string, name: string): DataSourceInfo => ({
    id,
    name,
    version: revisions[id] ?? 'unknown',
    ...(id === SOURCE_IDS.entities ? { builtAt: latestAsOf(data) } : {}),
    licence: LICENCE,
    attribution: 'souverain curated data (data/README.md), CC BY 4.0',
  });
  const sources = [
    entry(SOURCE_IDS.entities, 'souverain curated organisations (data/entities)'),
    entry(SOURCE_IDS.services, 'souverain curated host → service table (data/services.yaml)'),
    entry(SOURCE_IDS.laws, 'souverain curated laws with extraterritorial reach (data/laws.yaml)'),
    entry(SOURCE_IDS.alternatives, 'souverain curated sovereign alternatives (data/alternatives.yaml)'),
  ];
  for (const file of data.files.filter((candidate) => candidate.kind === 'user-data')) {
    sources.push({ id: `${SOURCE_IDS.user}:${file.path}`, name: `user data file ${file.path}`, version: file.sha256.slice(0, 12), licence: 'as stated by the user' });
  }
  return sources;
}

function latestAsOf(data: CuratedData): string {
  let latest = '';
  for (const entity of data.entities.values()) for (const record of entity.sources) if (record.asOf > latest) latest = record.asOf;
  return latest;
}
