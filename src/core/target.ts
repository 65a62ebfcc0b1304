import { UsageError } from '../errors.js';

/** Validates the URL to audit: http(s) only, with a host. Returns the normalised URL. */
export function parseTarget(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.includes('://') || /^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `https://${input}`);
  } catch {
    throw new UsageError(`"${input}" is not a valid URL`, 'give a full address such as https://www.example.fr/');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`unsupported scheme "${url.protocol}" in "${input}"`, 'souverain audits web services: give an http:// or https:// URL');
  }
  if (!url.hostname) throw new UsageError(`"${input}" has no host name`, 'give a full address such as https://www.example.fr/');
  return url;
}
