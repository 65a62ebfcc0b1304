/**
 * The bundled data files, parsed and validated at build time (`npm run build` writes
 * dist/curated-data-cache.json): parsing ~900 organisations of YAML took most of a second, JSON
 * takes milliseconds. An entry is used only when the file's SHA-256 equals the one it was built
 * from, so an edited data file is always parsed and validated again (with file:line:field errors).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** dist/ at the repository root, from src/enrich/sources/curated or dist/enrich/sources/curated. */
export const CACHE_FILE = fileURLToPath(new URL('../../../../dist/curated-data-cache.json', import.meta.url));

type CacheEntries = Record<string, { sha256: string; data: unknown }>;

let entries: CacheEntries | undefined;

/** The validated content of a bundled data file, if the cache holds this exact version of it. */
export function cachedData(key: string, sha256: string): unknown {
  entries ??= readCache();
  const entry = entries[key];
  return entry && entry.sha256 === sha256 ? entry.data : undefined;
}

function readCache(): CacheEntries {
  try {
    return JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as CacheEntries;
  } catch {
    return {};
  }
}
