/**
 * Writes the published JSON Schemas of the files the CI features read: schemas/config.schema.json
 * (souverain.config.json, .souverainrc) and schemas/baseline.schema.json. Generated from the zod
 * schemas; a test checks the files are up to date.
 *
 * Run: node --import tsx scripts/write-schemas.ts
 */
import { z } from 'zod';
import { BaselineSchema } from '../../src/compare/baseline.js';
import { ConfigSchema } from '../../src/config/config.js';

function schemaText(id: string, title: string, schema: z.ZodType): string {
  return `${JSON.stringify({ $id: `https://souverain.invalid/schemas/${id}`, title, ...z.toJSONSchema(schema, { io: 'input' }) }, null, 2)}\n`;
}

/** The JSON Schema of configuration files. */
export function configJsonSchema(): string {
  return schemaText('config.schema.json', 'souverain configuration (souverain.config.json, .souverainrc)', ConfigSchema);
}

/** The JSON Schema of baseline files. */
export function baselineJsonSchema(): string {
  return schemaText('baseline.schema.json', 'souverain baseline (accepted findings)', BaselineSchema);
}
