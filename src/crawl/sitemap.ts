import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CrawlSummary } from '../types.js';

/**
 * Sitemaps (https://www.sitemaps.org/protocol.html): `<urlset>` lists pages, `<sitemapindex>` lists
 * other sitemaps. Read defensively: a malformed file is reported and skipped, an index that names
 * itself (or a sitemap already read) is not read twice, nesting and counts are bounded, and a huge
 * file is cut by the fetcher before it is parsed.
 */

export interface ParsedSitemap {
  kind: 'urlset' | 'index';
  /** Page URLs (urlset) or sitemap URLs (index), trimmed, in document order. */
  locations: string[];
}

export type SitemapParse = { ok: true; sitemap: ParsedSitemap } | { ok: false; problem: string };

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: true,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

/**
 * Parses one sitemap document.
 *
 * @example parseSitemap('<urlset><url><loc>https://s.fr/a</loc></url></urlset>') // { ok: true, sitemap: { kind: 'urlset', locations: ['https://s.fr/a'] } }
 */
export function parseSitemap(xml: string): SitemapParse {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, problem: `malformed XML (line ${valid.err.line}: ${valid.err.msg})` };
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, problem: `malformed XML (${(error as Error).message})` };
  }
  const urlset = document.urlset as { url?: { loc?: unknown }[] } | undefined;
  const index = document.sitemapindex as { sitemap?: { loc?: unknown }[] } | undefined;
  if (urlset !== undefined) return { ok: true, sitemap: { kind: 'urlset', locations: locationsOf(urlset?.url) } };
  if (index !== undefined) return { ok: true, sitemap: { kind: 'index', locations: locationsOf(index?.sitemap) } };
  return { ok: false, problem: 'neither <urlset> nor <sitemapindex>' };
}

function locationsOf(entries: { loc?: unknown }[] | undefined): string[] {
  return (entries ?? []).map((entry) => (typeof entry?.loc === 'string' ? entry.loc.trim() : '')).filter((loc) => loc !== '');
}

export interface SitemapLimits {
  /** Sitemap files read at most (index files included). */
  maxFiles: number;
  /** Nesting of indexes followed at most. */
  maxDepth: number;
  /** Page URLs kept at most, all files together. */
  maxUrls: number;
}

export const DEFAULT_SITEMAP_LIMITS: SitemapLimits = { maxFiles: 50, maxDepth: 3, maxUrls: 50_000 };

export type SitemapFetch = (url: string) => Promise<{ ok: true; body: string } | { ok: false; problem: string }>;

/**
 * Reads the given sitemaps and the indexes they lead to, breadth first; returns the page URLs and
 * one record per sitemap file (read, or why not).
 *
 * @example const { urls, files } = await readSitemaps(['https://s.fr/sitemap.xml'], fetchBody);
 */
export async function readSitemaps(starts: string[], fetch: SitemapFetch, limits: SitemapLimits = DEFAULT_SITEMAP_LIMITS): Promise<{ urls: string[]; files: CrawlSummary['sitemaps'] }> {
  const seen = new Set<string>();
  const urls: string[] = [];
  const files: CrawlSummary['sitemaps'] = [];
  let level = [...new Set(starts)];
  for (let depth = 0; depth <= limits.maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const url of level) {
      if (seen.has(url)) {
        files.push({ url, status: 'error', urls: 0, problem: 'already read (a sitemap index loop)' });
        continue;
      }
      if (seen.size >= limits.maxFiles) {
        files.push({ url, status: 'error', urls: 0, problem: `not read: more than ${limits.maxFiles} sitemap files` });
        continue;
      }
      seen.add(url);
      const record = await readOne(url, fetch, urls, next, limits);
      files.push(record);
    }
    level = next;
  }
  for (const url of level) files.push({ url, status: 'error', urls: 0, problem: `not read: sitemap indexes nested deeper than ${limits.maxDepth}` });
  return { urls, files };
}

async function readOne(url: string, fetch: SitemapFetch, urls: string[], next: string[], limits: SitemapLimits): Promise<CrawlSummary['sitemaps'][number]> {
  const body = await fetch(url);
  if (!body.ok) return { url, status: 'error', urls: 0, problem: body.problem };
  const parsed = parseSitemap(body.body);
  if (!parsed.ok) return { url, status: 'error', urls: 0, problem: parsed.problem };
  if (parsed.sitemap.kind === 'index') {
    next.push(...parsed.sitemap.locations);
    return { url, status: 'ok', urls: 0 };
  }
  const room = Math.max(0, limits.maxUrls - urls.length);
  const kept = parsed.sitemap.locations.slice(0, room);
  urls.push(...kept);
  const cut = parsed.sitemap.locations.length - kept.length;
  return { url, status: 'ok', urls: kept.length, ...(cut > 0 ? { problem: `${cut} URLs beyond the ${limits.maxUrls}-URL bound were ignored` } : {}) };
}
