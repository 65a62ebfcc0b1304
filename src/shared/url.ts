/**
 * The one URL / host / site helper. "First party" means the same site everywhere: the registrable
 * domain (eTLD+1) under the Public Suffix List WITH its private section, of a normalised host
 * (lower case, no trailing dot, no IPv6 brackets). `bucket.s3.amazonaws.com`, `user.github.io` are
 * sites of their own, so one customer of a shared platform is not first party to another.
 */
import { createRequire } from 'node:module';

type GetDomain = typeof import('tldts').getDomain;
let tldtsGetDomain: GetDomain | undefined;

/**
 * tldts (the Public Suffix List, ~70 ms to load) is required on the first site computation, not at
 * import: `policy explain` and other commands that import the rules never compute a site.
 */
function getDomain(...args: Parameters<GetDomain>): ReturnType<GetDomain> {
  tldtsGetDomain ??= (createRequire(import.meta.url)('tldts') as typeof import('tldts')).getDomain;
  return tldtsGetDomain(...args);
}

/** Lower case, no surrounding spaces, no trailing dot, no IPv6 brackets: the form every look-up uses. */
export function normaliseHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  while (name.endsWith('.')) name = name.slice(0, -1);
  return name;
}

/**
 * The site of a host: its registrable domain, private suffixes included; a host that has none (an IP
 * address, `localhost`, a public suffix such as `s3.amazonaws.com`) is its own site.
 *
 * @example siteOf('WWW.Google.co.uk.') // 'google.co.uk'
 */
export function siteOf(host: string): string {
  const name = normaliseHost(host);
  return getDomain(name, { allowPrivateDomains: true }) ?? name;
}

/**
 * The apex of the DNS zone a host is most likely delegated under (ICANN suffixes only): where name
 * servers are looked up. Not a "site": `app.herokuapp.com`'s zone is herokuapp.com's.
 */
export function dnsZoneApexOf(host: string): string {
  const name = normaliseHost(host);
  return getDomain(name, { allowPrivateDomains: false }) ?? name;
}

/** The normalised host of a URL, or undefined for URLs without one (data:, blob:, about:) or unparsable text. */
export function hostOfUrl(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return host === '' ? undefined : normaliseHost(host);
  } catch {
    return undefined;
  }
}

/** Whether a URL is on the given site. */
export function isOnSite(url: string, site: string): boolean {
  const host = hostOfUrl(url);
  return host !== undefined && siteOf(host) === site;
}

/** Whether two hosts belong to the same site (first party to each other). */
export function sameSite(a: string, b: string): boolean {
  return siteOf(a) === siteOf(b);
}

/**
 * The URL a captured page is shown and referred to by, everywhere: where the browser ended (after
 * redirects), or the requested one when the page never loaded.
 */
export function pageUrl(page: { requestedUrl: string; finalUrl?: string | undefined }): string {
  return page.finalUrl || page.requestedUrl;
}
