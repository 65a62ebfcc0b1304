/**
 * Response headers kept as evidence: the ones that name a server, a CDN or a cloud (they help
 * attribute an operator when the IP alone is ambiguous) and the content type. Everything else is
 * dropped to keep reports small and free of session tokens.
 */
const KEPT_HEADERS = new Set([
  'server', 'via', 'x-cache', 'x-cache-hits', 'x-served-by', 'x-powered-by', 'content-type', 'age',
  'cf-ray', 'cf-cache-status', 'x-fastly-request-id', 'x-timer', 'x-iinfo', 'x-cdn', 'x-cdn-pop',
  'x-edge-location', 'x-sucuri-id', 'x-hw', 'x-vercel-id', 'x-vercel-cache', 'x-nf-request-id',
  'fly-request-id', 'x-github-request-id', 'x-guploader-uploadid', 'eagleid', 'x-swift-cachetime',
  'x-nws-log-uuid', 'x-bdcdn-cache-status', 'x-ovh-request-id', 'x-iplb-instance', 'x-iplb-request-id',
  'x-request-id', 'x-served-from', 'x-proxy-cache', 'x-varnish', 'referrer-policy',
]);

/** Prefixes of vendor header families (x-amz-cf-id, x-goog-generation, x-azure-ref, cdn-cache …). */
const KEPT_PREFIXES = ['x-amz-', 'x-goog-', 'x-azure-', 'x-ms-', 'x-msedge-', 'x-akamai-', 'akamai-', 'x-fastly-', 'cf-', 'cdn-', 'x-cdn-', 'x-bunny-', 'x-scw-', 'x-ovh-'];

const MAX_VALUE_LENGTH = 256;

/** Whether a (lower-case) header name is worth keeping as evidence. */
export function isKeptHeader(name: string): boolean {
  return KEPT_HEADERS.has(name) || KEPT_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * The kept subset of response headers, names lower-cased, long values cut.
 *
 * @example keptHeaders({ Server: 'nginx', 'Set-Cookie': 'a=1', 'X-Amz-Cf-Pop': 'CDG50-C1' })
 * // { server: 'nginx', 'x-amz-cf-pop': 'CDG50-C1' }
 */
export function keptHeaders(headers: Record<string, string>): Record<string, string> | undefined {
  const kept: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (isKeptHeader(name)) kept[name] = value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** A header value looked up case-insensitively (HTTP/1.1 keeps the server's spelling). */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}
