/**
 * Writes dist/curated-data-cache.json (see compiled-cache.ts): run by `npm run build` after tsc,
 * as `node dist/enrich/sources/curated/write-cache.js`. Loading the bundled data validates it; the
 * cache then records each file's validated content under its data-relative path and SHA-256.
 */
import { writeFileSync } from 'node:fs';
import { CACHE_FILE } from './compiled-cache.js';
import { collectValidated } from './load.js';

const entries = await collectValidated();
writeFileSync(CACHE_FILE, JSON.stringify(entries));
