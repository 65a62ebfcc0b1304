import robotsParserModule from 'robots-parser';
import type { CrawlSummary } from '../types.js';

interface ParsedRobots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getSitemaps(): string[];
}

// robots-parser is CommonJS (module.exports = function): under NodeNext its default import is that function.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => ParsedRobots;

/** The user-agent token souverain's crawl answers to in robots.txt (groups for `*` apply too). */
export const ROBOTS_AGENT = 'souverain';

export interface RobotsRules {
  /** Whether robots.txt lets souverain load this URL (true when there is no robots.txt). */
  allows(url: string): boolean;
  /** Sitemap: lines. */
  sitemaps: string[];
  record: NonNullable<CrawlSummary['robots']>;
}

export type RobotsFetch = (url: string) => Promise<{ ok: true; body: string } | { ok: false; problem: string; httpStatus?: number }>;

/**
 * robots.txt of one origin (RFC 9309). A missing file (4xx) allows everything; a file that cannot be
 * fetched (5xx, network) is reported and, like a missing one, allows everything — the audit is made
 * for the site's own users, who load those pages anyway, but the report says robots.txt was not read.
 *
 * @example const robots = await loadRobots('https://www.site.fr', fetchBody); robots.allows('https://www.site.fr/prive/') // false
 */
export async function loadRobots(origin: string, fetch: RobotsFetch): Promise<RobotsRules> {
  const url = new URL('/robots.txt', origin).href;
  const answer = await fetch(url);
  if (!answer.ok) {
    const missing = answer.httpStatus !== undefined && answer.httpStatus >= 400 && answer.httpStatus < 500;
    return { allows: () => true, sitemaps: [], record: { url, status: missing ? 'missing' : 'error', ...(missing ? {} : { problem: answer.problem }) } };
  }
  const parsed = robotsParser(url, answer.body);
  return {
    allows: (target) => parsed.isAllowed(target, ROBOTS_AGENT) !== false,
    sitemaps: parsed.getSitemaps(),
    record: { url, status: 'ok' },
  };
}

/** Rules that allow everything, when the user chose --ignore-robots. */
export function ignoredRobots(origin: string): RobotsRules {
  return { allows: () => true, sitemaps: [], record: { url: new URL('/robots.txt', origin).href, status: 'ignored' } };
}
