import { LocalisedUsageError } from '../shared/errors.js';

const GIVE_A_FULL_ADDRESS = { en: 'give a full address such as https://www.example.fr/', fr: 'donnez une adresse complète, par exemple https://www.example.fr/' };

/** Validates the URL to audit: http(s) only, with a host. Returns the normalised URL. */
export function parseTarget(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.includes('://') || /^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `https://${input}`);
  } catch {
    throw new LocalisedUsageError({ en: `"${input}" is not a valid URL`, fr: `« ${input} » n’est pas une URL valide` }, GIVE_A_FULL_ADDRESS);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LocalisedUsageError(
      { en: `unsupported scheme "${url.protocol}" in "${input}"`, fr: `schéma « ${url.protocol} » non pris en charge dans « ${input} »` },
      { en: 'souverain audits web services: give an http:// or https:// URL', fr: 'souverain audite des services web : donnez une URL http:// ou https://' },
    );
  }
  if (!url.hostname) throw new LocalisedUsageError({ en: `"${input}" has no host name`, fr: `« ${input} » n’a pas de nom d’hôte` }, GIVE_A_FULL_ADDRESS);
  return url;
}
