import type { Ranking } from '../ranking.js';

export const RANKING_SCHEMA_VERSION = '1';

/** ranking.json: the whole ranking with its aggregates, lone surrogates from pages made well-formed. */
export function rankingJson(ranking: Ranking): string {
  return `${JSON.stringify({ schemaVersion: RANKING_SCHEMA_VERSION, ...ranking }, (_key, value: unknown) => (typeof value === 'string' ? wellFormed(value) : value), 2)}\n`;
}

/** Lone UTF-16 surrogates (invalid in UTF-8 JSON) become U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
