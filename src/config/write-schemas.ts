/**
 * Writes the published JSON Schemas of the files the CI features read: schemas/config.schema.json
 * (souverain.config.json, .souverainrc) and schemas/baseline.schema.json. Generated from the zod
 * schemas; a test checks the files are up to date.
 *
 * Run: node --import tsx src/config/write-schemas.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BaselineSchema } from '../compare/baseline.js';
import { ConfigSchema } from './config.js';

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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(new URL('../../schemas/config.schema.json', import.meta.url), configJsonSchema());
  writeFileSync(new URL('../../schemas/baseline.schema.json', import.meta.url), baselineJsonSchema());
}
