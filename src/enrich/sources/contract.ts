/**
 * The contract every data source of the enrich stage implements: one folder
 * `src/enrich/sources/<id>/` whose `index.ts` exports `source: DataSource<…>`, a README.md (licence,
 * version, refresh procedure), one line in `sources/index.ts` and a test
 * `test/enrich/sources/<id>.test.ts` (test/enrich/sources/registry.test.ts checks all four).
 *
 * `load()` reads the tables and returns an object whose look-ups are synchronous and cheap (the
 * enrich stage calls them per host); it is async so that a caller can start it while Chromium
 * starts. What to look up is the source's own business (host → vendor, IP → ASN, …): each loaded
 * object has its typed look-up methods, and every one describes itself for the report.
 */
import type { DataSourceInfo } from '../../types.js';

export interface DataSource<Loaded extends LoadedDataSource, Options = Record<string, never>> {
  /** The folder name. Provenance source ids of the bundled data start with it (`ip-location-db/asn`). */
  readonly id: string;
  /** SPDX licence expression of the bundled data, as its README states (`MIT`, `CC-BY-4.0 AND CC0-1.0`). */
  readonly licence: string;
  /** The bundled data's version without loading the tables: a package version or a content hash. */
  version(): string;
  /** Reads (and checks) the tables; throws a UsageError naming the file and field on bad data. */
  load(options?: Options): Promise<Loaded>;
}

/** What every loaded source answers besides its own look-ups. */
export interface LoadedDataSource {
  /** The entries the report lists under "Data sources and licences" (one per table set). */
  dataSources(): DataSourceInfo[];
}
