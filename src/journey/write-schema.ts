/** Writes schemas/journey.schema.json from the zod schema: node --import tsx src/journey/write-schema.ts */
import { writeFileSync } from 'node:fs';
import { journeyJsonSchema } from './journey-file.js';

writeFileSync(new URL('../../schemas/journey.schema.json', import.meta.url), journeyJsonSchema());
