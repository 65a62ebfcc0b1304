/**
 * souverain's curated infrastructure patterns (data/infrastructure.yaml, plus the `infrastructure:`
 * section of `--data` files) as a data source (../contract.ts): CNAME targets, response headers, name
 * servers, mail exchangers, SPF includes and certificate issuers → the organisation running them.
 * The index and its loader live in `enrich/infrastructure-patterns.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INFRASTRUCTURE_SOURCE_ID, loadInfrastructurePatterns, type InfrastructurePatternIndex } from '../../infrastructure-patterns.js';
import type { DataSource } from '../contract.js';

const BUNDLED_FILE = fileURLToPath(new URL('../../../../data/infrastructure.yaml', import.meta.url));

export const source: DataSource<InfrastructurePatternIndex, { extraDataFiles?: readonly string[] }> = {
  id: INFRASTRUCTURE_SOURCE_ID,
  licence: 'CC-BY-4.0',
  // The same `sha256:<12 hex>` the loaded index reports for the bundled file alone.
  version: () => `sha256:${createHash('sha256').update(createHash('sha256').update(readFileSync(BUNDLED_FILE)).digest('hex')).digest('hex').slice(0, 12)}`,
  load: async (options = {}) => loadInfrastructurePatterns(options.extraDataFiles ?? []),
};
