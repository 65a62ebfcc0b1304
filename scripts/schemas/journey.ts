import { z } from 'zod';
import { JourneySchema } from '../../src/journey/journey-file.js';

/** The published JSON Schema of journey files (schemas/journey.schema.json), generated from the zod schema. */
export function journeyJsonSchema(): string {
  const schema = { $id: 'https://souverain.invalid/schemas/journey.schema.json', title: 'souverain journey', ...z.toJSONSchema(JourneySchema, { io: 'input' }) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
