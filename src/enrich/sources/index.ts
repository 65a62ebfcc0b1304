/**
 * The data-source registry: one line per folder of src/enrich/sources/ (contract.ts), in the
 * order the report lists them (curated-infrastructure last: `enrich()` appends it after the knowledge's). test/enrich/sources/registry.test.ts checks the list against the
 * folders, each source's licence, version, README and test.
 */
import { source as curated } from './curated/index.js';
import { source as curatedInfrastructure } from './curated-infrastructure/index.js';
import { source as ipLocationDb } from './ip-location-db/index.js';
import { source as thirdPartyWeb } from './third-party-web/index.js';

export const dataSources = {
  curated,
  'third-party-web': thirdPartyWeb,
  'ip-location-db': ipLocationDb,
  'curated-infrastructure': curatedInfrastructure,
} as const;

export type DataSourceId = keyof typeof dataSources;
