/**
 * Country names in the reader's language, from the runtime's CLDR data (Intl.DisplayNames, shipped
 * with Node's full ICU): "US" → "United States" / "États-Unis". Reports must never print a bare
 * ISO code inside a sentence ("serveur situé en US"); tables may keep the code next to the name.
 */
export type CountryLang = 'en' | 'fr';

const displayNames = new Map<CountryLang, Intl.DisplayNames>();

/** "États-Unis" for ("fr", "US"); "unknown"/"inconnu" for "unknown" or "?"; the code itself when CLDR has no name. */
export function countryName(lang: CountryLang, code: string): string {
  if (code === 'unknown' || code === '?' || code === '') return lang === 'fr' ? 'inconnu' : 'unknown';
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' });
    displayNames.set(lang, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** French countries named with "aux" (plural) or "au" (masculine before a consonant); the rest take "en", cities/islands "à". */
const FR_AUX = new Set(['US', 'NL', 'AE', 'PH', 'MV', 'SC', 'KM', 'BS', 'FM', 'MH', 'SB']);
const FR_AU = new Set(['CA', 'JP', 'BR', 'PT', 'LU', 'DK', 'GB', 'MX', 'MA', 'SN', 'VN', 'CL', 'PE', 'NG', 'KE', 'GH', 'CM', 'PK', 'BD', 'NP', 'QA', 'KW', 'LB', 'LI', 'LS', 'MW', 'ML', 'MZ', 'NE', 'NI', 'PA', 'PY', 'RW', 'SV', 'SR', 'TD', 'TG', 'VE', 'ZW', 'KZ', 'BJ', 'BF', 'BI', 'BT', 'BW', 'CV', 'GA', 'GT', 'HN', 'KH', 'LA', 'LR', 'MN', 'ME', 'SD', 'SS', 'TL', 'CG', 'CD', 'YE', 'TM', 'TJ', 'KG']);
const FR_A = new Set(['SG', 'HK', 'MO', 'MC', 'MT', 'CY', 'MU', 'MG', 'CU', 'BH', 'TW', 'SM', 'AD', 'DJ', 'BB', 'JM', 'TT', 'GD', 'NR', 'TV', 'PW', 'TO', 'WS', 'KI', 'ST', 'LC', 'VC', 'DM', 'AG', 'KN', 'BN', 'GI', 'GG', 'JE', 'IM', 'RE', 'YT', 'PM', 'BL', 'MF', 'GP', 'MQ']);

/** "in the United States" / "aux États-Unis", "in France" / "en France", "in Japan" / "au Japon". */
export function inCountry(lang: CountryLang, code: string): string {
  const name = countryName(lang, code);
  const upper = code.toUpperCase();
  if (code === 'unknown' || code === '?' || code === '') return lang === 'fr' ? 'dans un pays inconnu' : 'in an unknown country';
  if (lang === 'en') return ['US', 'GB', 'NL', 'AE', 'PH', 'CZ', 'DO', 'CF', 'BS'].includes(upper) ? `in the ${name}` : `in ${name}`;
  if (FR_AUX.has(upper)) return `aux ${name}`;
  if (FR_AU.has(upper)) return `au ${name}`;
  if (FR_A.has(upper)) return `à ${name}`;
  return `en ${name}`;
}
