import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { policySchema } from './policy-file.js';

/** The published JSON Schema of policy files (schemas/policy.schema.json), generated from the zod schema. */
export function policyJsonSchema(): string {
  const schema = { $id: 'https://souverain.invalid/schemas/policy.schema.json', title: 'souverain policy', ...z.toJSONSchema(policySchema(), { io: 'input' }) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(new URL('../../schemas/policy.schema.json', import.meta.url), policyJsonSchema());
}
