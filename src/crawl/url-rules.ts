/**
 * What makes two URLs "the same page" and two pages "the same template", for the crawler.
 *
 * Normalisation removes what changes the address without changing the page: the fragment, default
 * ports, tracking parameters (utm_*, gclid…), session identifiers (jsessionid, PHPSESSID, sid…),
 * and parameter order. The template key (pattern) replaces what varies between pages of one template
 * (numbers, dates, identifiers, slugs) by placeholders, so a crawl can bound the pages it audits per
 * template and an infinite calendar stops after a few months.
 */
import { RE2JS } from 're2js';
import { LocalisedUsageError } from '../shared/errors.js';

/** Query parameters that track a visit or carry a session: dropped from every URL. */
const DROPPED_PARAMETERS = /^(utm_[a-z]+|gclid|dclid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|ref_src|jsessionid|phpsessid|aspsessionid\w*|sid|sessionid|session_id|sessid|cfid|cftoken|zenid|oscsid)$/i;
/** `;jsessionid=…` and friends in the path (Java servlets, old PHP). */
const PATH_SESSION = /;(jsessionid|phpsessid|sid|sessionid)=[^/?#]*/gi;
/** Links to files that are not web pages: never loaded as pages. */
const NOT_A_PAGE = /\.(pdf|zip|gz|tgz|rar|7z|docx?|xlsx?|pptx?|odt|ods|odp|csv|xml|json|rss|atom|jpe?g|png|gif|webp|svg|ico|bmp|tiff?|mp3|mp4|m4a|m4v|webm|ogg|ogv|wav|avi|mov|mkv|exe|dmg|msi|apk|iso|css|js|woff2?|ttf|eot|txt)$/i;
/** Longer URLs are traps (parameters appended at every click) or not pages. */
const MAX_URL_LENGTH = 2048;
const MAX_QUERY_PARAMETERS = 12;
/** A path that repeats a segment this many times is a relative-link loop (/a/b/a/b/a/b/…). */
const MAX_SEGMENT_REPEATS = 3;

/**
 * The canonical form of a link, or undefined when it is no http(s) page address.
 *
 * @example normaliseUrl('HTTPS://Www.Site.fr:443/a?utm_source=x&b=2&a=1#top') // 'https://www.site.fr/a?a=1&b=2'
 * @example normaliseUrl('/p;jsessionid=ABC?sid=9', 'https://site.fr/') // 'https://site.fr/p'
 */
export function normaliseUrl(href: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = base === undefined ? new URL(href) : new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.pathname = url.pathname.replace(PATH_SESSION, '');
  const kept = [...url.searchParams.entries()].filter(([name]) => !DROPPED_PARAMETERS.test(name));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = kept.length > 0 ? new URLSearchParams(kept).toString() : '';
  return url.href;
}

/** Why a normalised URL is not worth loading as a page, or undefined when it is. */
export function unworthyReason(url: string): string | undefined {
  if (url.length > MAX_URL_LENGTH) return `URL longer than ${MAX_URL_LENGTH} characters`;
  const parsed = new URL(url);
  if (NOT_A_PAGE.test(parsed.pathname)) return 'a file, not a page';
  if ([...parsed.searchParams.keys()].length > MAX_QUERY_PARAMETERS) return `more than ${MAX_QUERY_PARAMETERS} query parameters (a link trap)`;
  const segments = parsed.pathname.split('/').filter(Boolean);
  const counts = new Map<string, number>();
  for (const segment of segments) counts.set(segment, (counts.get(segment) ?? 0) + 1);
  if ([...counts.values()].some((count) => count >= MAX_SEGMENT_REPEATS)) return 'a path segment repeats (a relative-link loop)';
  return undefined;
}

/**
 * The template a page belongs to: host + path with varying segments replaced + sorted query keys.
 *
 * @example urlPattern('https://s.fr/produits/42') // 's.fr/produits/:n'
 * @example urlPattern('https://s.fr/blog/mon-premier-article') // 's.fr/blog/:slug'
 * @example urlPattern('https://s.fr/agenda?mois=2026-05') // 's.fr/agenda?mois=*'
 */
export function urlPattern(url: string): string {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/');
  const last = segments.length - 1;
  // Only a leaf below a folder can be a slug: /a-propos and /mentions-legales are distinct pages, /blog/un-article is a template.
  const path = segments.map((segment, index) => segmentPattern(segment, index >= 2 && (index === last || (index === last - 1 && segments[last] === '')))).join('/');
  const keys = [...new Set(parsed.searchParams.keys())].sort();
  return `${parsed.host}${path}${keys.length > 0 ? `?${keys.map((key) => `${key}=*`).join('&')}` : ''}`;
}

function segmentPattern(segment: string, isLeaf: boolean): string {
  if (segment === '') return segment;
  const decoded = safeDecode(segment);
  if (/^\d+$/.test(decoded)) return ':n';
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(decoded)) return ':date';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(decoded)) return ':id';
  if (/^[0-9a-f]{10,}$/i.test(decoded) && /\d/.test(decoded)) return ':id';
  if (/^[a-z]*[-_]?\d+([-_.][a-z0-9]+)*$/i.test(decoded) && /\d/.test(decoded)) return ':id';
  // A leaf made of several words is a slug: articles and products of one template.
  if (isLeaf && /^[\p{L}\p{N}]+([-_][\p{L}\p{N}]+){1,}(\.html?)?$/u.test(decoded)) return ':slug';
  return segment.toLowerCase();
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The site of a host, and whether a URL is on a site: the shared helpers (src/shared/url.ts). */
export { isOnSite as isSameSite, siteOf } from '../shared/url.js';

/**
 * A user's --include/--exclude pattern: a glob on the whole URL (`*` any run of characters) or, when
 * written /…/, a regular expression.
 *
 * @example urlMatcher('*\/blog/*')('https://s.fr/blog/a') // true
 */
export function urlMatcher(pattern: string): (url: string) => boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (regex) {
    const compiled = linearRegex(regex[1]!, regex[2]!, pattern);
    return (url) => compiled.matcher(url).find();
  }
  // Globs too: "*a*a*a*…" as a backtracking RegExp is polynomial in the URL length.
  const glob = linearRegex(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 's', pattern);
  return (url) => glob.matcher(url).find() || (!pattern.includes('://') && !pattern.startsWith('*') && url.includes(pattern));
}

/**
 * A user's pattern compiled by RE2 (re2js): matching time is linear in the URL, so a pattern such
 * as /(a+)+$/ cannot make the crawl backtrack for minutes. RE2 has no look-around nor
 * back-references; such a pattern is a usage error that says so.
 */
function linearRegex(source: string, flags: string, shown: string): RE2JS {
  const bits = (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0);
  try {
    return RE2JS.compile(source, bits);
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0] ?? '';
    throw new LocalisedUsageError(
      { en: `--include/--exclude pattern ${shown} is not a valid regular expression (${detail})`, fr: `le motif --include/--exclude ${shown} n’est pas une expression régulière valide (${detail})` },
      { en: 'use a glob such as "*/blog/*" or an RE2 regular expression such as "/\\/blog\\/\\d+/" (no look-around, no back-references)', fr: 'utilisez un motif tel que "*/blog/*" ou une expression régulière RE2 telle que "/\\/blog\\/\\d+/" (sans assertions ni références arrière)' },
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
