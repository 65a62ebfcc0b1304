/**
 * Writes every published JSON Schema in schemas/ from its source (zod schemas, src/types.ts).
 * Development tool: it lives outside src/ so nothing in dist/ imports a devDependency. Tests check
 * that the committed files equal what this produces.
 *
 * Run: node --import tsx scripts/write-schemas.ts
 */
import { writeFileSync } from 'node:fs';
import { baselineJsonSchema, configJsonSchema } from './schemas/config.js';
import { dataJsonSchema, schemaFileUrl, type DataSchemaName } from './schemas/data.js';
import { DATA_FILE_SCHEMAS } from '../src/enrich/sources/curated/schema.js';
import { journeyJsonSchema } from './schemas/journey.js';
import { policyJsonSchema } from './schemas/policy.js';
import { reportSchemaText, SCHEMA_FILE } from './schemas/report.js';

const schemas = (name: string): URL => new URL(`../schemas/${name}`, import.meta.url);

writeFileSync(SCHEMA_FILE, reportSchemaText());
writeFileSync(schemas('policy.schema.json'), policyJsonSchema());
writeFileSync(schemas('config.schema.json'), configJsonSchema());
writeFileSync(schemas('baseline.schema.json'), baselineJsonSchema());
writeFileSync(schemas('journey.schema.json'), journeyJsonSchema());
for (const name of Object.keys(DATA_FILE_SCHEMAS) as DataSchemaName[]) writeFileSync(schemaFileUrl(name), dataJsonSchema(name));
