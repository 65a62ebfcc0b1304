import { LocalisedUsageError } from '../shared/errors.js';
import { withoutCredentials } from '../shared/sanitize.js';

const GIVE_A_FULL_ADDRESS = { en: 'give a full address such as https://www.example.fr/', fr: 'donnez une adresse complète, par exemple https://www.example.fr/' };

/** User name and password given in the target URL (used for HTTP authentication, never recorded). */
export interface TargetCredentials {
  username: string;
  password: string;
  /** The origin they are sent to, and only to it. */
  origin: string;
}

/**
 * Validates the URL to audit: http(s) only, with a host. Returns the normalised URL without any
 * user name or password (see {@link parseTargetWithCredentials}).
 */
export function parseTarget(input: string): URL {
  return parseTargetWithCredentials(input).url;
}

/**
 * Validates the URL to audit and takes the credentials out of it: the URL that travels through the
 * audit (terminal, reports, evidence) never holds a password; the report records only that
 * credentials were given. docs/decisions/0014-hostile-input.md.
 *
 * @example parseTargetWithCredentials('https://me:secret@intranet.example/').url.href // "https://intranet.example/"
 */
export function parseTargetWithCredentials(input: string): { url: URL; credentials?: TargetCredentials } {
  const shown = withoutCredentials(input);
  // "localhost:3000" parses as scheme "localhost:": a host and port with no scheme gets a clear hint.
  if (/^[a-z0-9.-]+:\d{1,5}(?:[/?#]|$)/i.test(input)) {
    throw new LocalisedUsageError(
      { en: `"${shown}" has no scheme`, fr: `« ${shown} » n’a pas de schéma` },
      { en: `give http://${shown} or https://${shown}`, fr: `donnez http://${shown} ou https://${shown}` },
    );
  }
  let url: URL;
  try {
    url = new URL(input.includes('://') || /^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `https://${input}`);
  } catch {
    throw new LocalisedUsageError({ en: `"${shown}" is not a valid URL`, fr: `« ${shown} » n’est pas une URL valide` }, GIVE_A_FULL_ADDRESS);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LocalisedUsageError(
      { en: `unsupported scheme "${url.protocol}" in "${shown}"`, fr: `schéma « ${url.protocol} » non pris en charge dans « ${shown} »` },
      { en: 'souverain audits web services: give an http:// or https:// URL', fr: 'souverain audite des services web : donnez une URL http:// ou https://' },
    );
  }
  if (!url.hostname) throw new LocalisedUsageError({ en: `"${shown}" has no host name`, fr: `« ${shown} » n’a pas de nom d’hôte` }, GIVE_A_FULL_ADDRESS);
  if (url.username === '' && url.password === '') return { url };
  const credentials = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password), origin: url.origin };
  url.username = '';
  url.password = '';
  return { url, credentials };
}
