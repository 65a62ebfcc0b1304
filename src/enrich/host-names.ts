/**
 * Host name helpers shared by the enrich stage: one normal form, and the registrable domain used
 * for first-party detection.
 */
import { getDomain } from 'tldts';

/** Lower case, no trailing dot, no IPv6 brackets: the form every look-up uses. */
export function normaliseHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  while (name.endsWith('.')) name = name.slice(0, -1);
  return name;
}

/**
 * The registrable domain ("eTLD+1") of a host, with the Public Suffix List's private section on:
 * `bucket.s3.amazonaws.com`, `user.github.io` and `app.herokuapp.com` are registrable domains of
 * their own, so one customer of a shared platform is not first party to another. A host that has
 * none (an IP address, `localhost`, a public suffix such as `s3.amazonaws.com`) is its own.
 *
 * @example registrableDomain('www.google.co.uk') // 'google.co.uk'
 */
export function registrableDomain(host: string): string {
  const name = normaliseHost(host);
  return getDomain(name, { allowPrivateDomains: true }) ?? name;
}

/** The normalised host of a URL, or undefined for URLs without one (data:, blob:, about:). */
export function hostOfUrl(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return host === '' ? undefined : normaliseHost(host);
  } catch {
    return undefined;
  }
}
