/**
 * The two bars of the first screen as inline SVG (no script, no font): where the servers are and
 * whose law reaches them, each per request and per host. A country keeps its colour in both bars,
 * and each colour also has a texture, so the bars read printed in black and white: allowed = solid
 * blue, foreign law = red with hatching, other country = grey, unknown = light with dots.
 */
import { html as h, type SafeHtml } from './html-kit.js';
import type { Lang } from './i18n.js';
import { tv } from './i18n-visual.js';
import { type Bar, type Slice, type Summary, countryName } from './summary.js';

export type Tone = 'allowed' | 'foreign' | 'other' | 'unknown';

/** The tone of a country: allowed by the policy, under a foreign law reaching this page, another country, unknown. */
export function toneOf(summary: Summary, country: string): Tone {
  if (country === 'unknown') return 'unknown';
  if (summary.policy.allowed.includes(country)) return 'allowed';
  const foreign = summary.distributions.law.requests.slices.some((slice) => slice.country === country && !slice.allowed);
  return foreign ? 'foreign' : 'other';
}

/** Pattern definitions, once per SVG (ids carry a prefix so several SVGs can live in one page). */
export function patternDefs(prefix: string): SafeHtml {
  return h`<defs>
<pattern id="${prefix}-foreign" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)"><rect width="7" height="7" fill="#b42318"/><rect width="2.5" height="7" fill="#7a1710"/></pattern>
<pattern id="${prefix}-unknown" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="#e4e7ec"/><circle cx="3" cy="3" r="1.1" fill="#667085"/></pattern>
</defs>`;
}

/** The fill of a tone: a pattern for foreign and unknown, a colour otherwise. */
export function fillOf(prefix: string, tone: Tone): string {
  if (tone === 'foreign') return `url(#${prefix}-foreign)`;
  if (tone === 'unknown') return `url(#${prefix}-unknown)`;
  return tone === 'allowed' ? '#1f4e8c' : '#6b7f99';
}

function label(lang: Lang, slice: Slice): string {
  return `${slice.country === 'unknown' ? tv(lang, 'bar.unknown') : slice.country} ${slice.count}`;
}

function svgBar(summary: Summary, lang: Lang, bar: Bar, prefix: string, unit: string, height = 22): SafeHtml {
  let x = 0;
  const parts = bar.slices.map((slice) => {
    const width = bar.total === 0 ? 0 : (slice.count / bar.total) * 100;
    const tone = toneOf(summary, slice.country);
    const text = label(lang, slice);
    // A label is drawn only where it fits; the text line under the bars always lists every slice.
    const fits = height >= 18 && width >= Math.max(7, text.length * 1.3);
    const part = h`<rect x="${x.toFixed(3)}%" y="0" width="${width.toFixed(3)}%" height="${height}" fill="${fillOf(prefix, tone)}" stroke="#fff" stroke-width="1"><title>${text} ${unit}</title></rect>${fits ? h`<text x="${(x + 0.8).toFixed(3)}%" y="15.5" class="bar__text bar__text--${tone}">${text}</text>` : ''}`;
    x += width;
    return part;
  });
  const description = bar.slices.map((slice) => label(lang, slice)).join(', ');
  return h`<svg class="bar" width="100%" height="${height}" role="img" aria-label="${unit}: ${description}">${patternDefs(prefix)}${parts}</svg>`;
}

function sliceList(lang: Lang, bar: Bar, withOrganisations: boolean): string {
  return bar.slices.map((slice) => {
    const name = slice.country === 'unknown' ? tv(lang, 'bar.unknown') : `${slice.country} ${countryName(lang, slice.country)}`;
    const organisations = withOrganisations && slice.organisations.length > 0 ? ` (${slice.organisations.map((entry) => `${entry.name} ${entry.count}`).join(' · ')})` : '';
    return `${name} ${slice.count}${organisations}`;
  }).join(' — ');
}

function barGroup(summary: Summary, lang: Lang, kind: 'location' | 'law'): SafeHtml {
  const { requests, hosts } = summary.distributions[kind];
  const requestsUnit = tv(lang, 'bar.requests');
  const hostsUnit = tv(lang, 'bar.hosts');
  return h`<div class="bars__group bars__group--${kind}">
<div class="bars__label"><strong>${tv(lang, kind === 'law' ? 'bar.law' : 'bar.location')}</strong> <small>${tv(lang, kind === 'law' ? 'bar.lawHint' : 'bar.locationHint')}</small></div>
<div class="bars__row"><span class="bars__unit">${requestsUnit}</span>${svgBar(summary, lang, requests, `${kind}-r`, requestsUnit)}</div>
<div class="bars__row bars__row--thin"><span class="bars__unit">${hostsUnit}</span>${svgBar(summary, lang, hosts, `${kind}-h`, hostsUnit, 12)}</div>
<p class="bars__text">${sliceList(lang, requests, kind === 'law')}</p>
</div>`;
}

/** Both bars with a legend. */
export function barsFigure(summary: Summary, lang: Lang): SafeHtml {
  if (summary.totals.requests === 0) return h``;
  const legend = (['allowed', 'foreign', 'other', 'unknown'] as const).map((tone) => h`<span class="legend__item"><svg width="14" height="14" aria-hidden="true">${patternDefs(`lg-${tone}`)}<rect width="14" height="14" fill="${fillOf(`lg-${tone}`, tone)}"/></svg> ${tv(lang, tone === 'allowed' ? 'bar.legendAllowed' : tone === 'foreign' ? 'bar.legendForeign' : tone === 'other' ? 'bar.legendOther' : 'bar.legendUnknown')}</span>`);
  return h`<div class="bars">${barGroup(summary, lang, 'location')}${barGroup(summary, lang, 'law')}<p class="legend">${legend}</p></div>`;
}
