import { z } from 'zod';
import { policySchema } from '../../src/assess/policy-file.js';

/** The published JSON Schema of policy files (schemas/policy.schema.json), generated from the zod schema. */
export function policyJsonSchema(): string {
  const schema = { $id: 'https://souverain.invalid/schemas/policy.schema.json', title: 'souverain policy', ...z.toJSONSchema(policySchema(), { io: 'input' }) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
