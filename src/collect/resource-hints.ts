import type { ResourceHint } from '../types.js';
import { normaliseHost } from '../shared/url.js';

/** Resource hints that reveal a host, even when the browser never sends it a request. */
export const HINT_RELS = ['preconnect', 'dns-prefetch', 'preload', 'modulepreload', 'prefetch'] as const;

/**
 * A hint from a rel value and an href, resolved against the document URL; undefined when the
 * rel is not a hint or the href does not name an http(s) host.
 *
 * @example toHint('dns-prefetch', '//cdn.example.net', 'https://site.test/') // { rel: 'dns-prefetch', href: 'https://cdn.example.net/', host: 'cdn.example.net' }
 */
export function toHint(rel: string, href: string, baseUrl: string): ResourceHint | undefined {
  const name = rel.toLowerCase();
  if (!(HINT_RELS as readonly string[]).includes(name)) return undefined;
  try {
    const url = new URL(href, baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return { rel: name, href: url.href, host: normaliseHost(url.hostname) };
  } catch {
    return undefined;
  }
}

/**
 * Hints from an HTTP `Link` header (RFC 8288), e.g. `<https://cdn.test>; rel=preconnect`.
 * A rel value may list several relations separated by spaces.
 */
export function hintsFromLinkHeader(value: string | undefined, baseUrl: string): ResourceHint[] {
  if (!value) return [];
  const hints: ResourceHint[] = [];
  for (const match of value.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rels = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '')?.[1] ?? '';
    for (const rel of rels.trim().split(/\s+/)) {
      const hint = toHint(rel, match[1] ?? '', baseUrl);
      if (hint) hints.push(hint);
    }
  }
  return hints;
}

/** Hints without repeats (same rel and href), first seen first. */
export function uniqueHints(hints: readonly ResourceHint[]): ResourceHint[] {
  const seen = new Set<string>();
  return hints.filter((hint) => {
    const key = `${hint.rel} ${hint.href}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
