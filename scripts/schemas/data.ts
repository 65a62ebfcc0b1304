/**
 * Writes the JSON Schemas of the data files (schemas/entities.schema.json, services, laws,
 * alternatives, user-data) from the zod schemas, so editors can validate YAML as it is typed.
 * Run: `node --import tsx scripts/write-schemas.ts`. A test checks that the
 * committed files equal what this generates.
 */
import { z } from 'zod';
import { DATA_FILE_SCHEMAS } from '../../src/enrich/sources/curated/schema.js';

export type DataSchemaName = keyof typeof DATA_FILE_SCHEMAS;

const TITLES: Record<DataSchemaName, string> = {
  entities: 'souverain curated organisations (data/entities/*.yaml)',
  services: 'souverain host → service table (data/services.yaml)',
  laws: 'souverain laws with extraterritorial reach (data/laws.yaml)',
  alternatives: 'souverain sovereign alternatives (data/alternatives.yaml)',
  ecosystem: 'souverain French/European ecosystem list for coverage (data/ecosystem/fr-eu.yaml)',
  'infrastructure-list': 'souverain list of the infrastructure providers most common in Europe, for coverage (data/ecosystem/infrastructure.yaml)',
  'user-data': 'souverain user data file (--data FILE): entities, services, laws, alternatives',
};

/** The JSON text of one data file's schema, as committed in schemas/. */
export function dataJsonSchema(name: DataSchemaName): string {
  const schema = {
    $id: `https://souverain.invalid/schemas/${name}.schema.json`,
    title: TITLES[name],
    ...z.toJSONSchema(DATA_FILE_SCHEMAS[name], { io: 'input' }),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Where each schema is committed. */
export function schemaFileUrl(name: DataSchemaName): URL {
  return new URL(`../../schemas/${name}.schema.json`, import.meta.url);
}
