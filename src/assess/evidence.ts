import { countryName } from '../shared/countries.js';
import type { Collection, Control, HostAttribution, LocalisedText, Provenance, RequestRecord } from '../types.js';
import { pageUrl } from '../shared/url.js';
import { uniqueProvenance } from '../shared/provenance.js';

const MAX_EVIDENCE_URLS = 5;

/** Every request of every page, with the page it belongs to. */
export function allRequests(collection: Collection): { page: string; request: RequestRecord }[] {
  return collection.pages.flatMap((page) => page.requests.map((request) => ({ page: pageUrl(page), request })));
}

/**
 * The chain of scripts/documents that brought a host in, outermost first: for the first request to the
 * host, its initiator, then the initiator of the request that loaded that initiator, and so on.
 * E.g. ["https://site/page", "https://www.googletagmanager.com/gtm.js", "https://www.google-analytics.com/analytics.js"].
 */
export function broughtInBy(collection: Collection, host: string): string[] {
  const requests = allRequests(collection).map((entry) => entry.request);
  const byUrl = new Map<string, RequestRecord>();
  for (const request of requests) if (!byUrl.has(request.url)) byUrl.set(request.url, request);
  const first = requests.find((request) => request.host === host);
  const chain: string[] = [];
  let cursor = first?.initiator?.url;
  while (cursor && !chain.includes(cursor) && chain.length < 10) {
    chain.unshift(cursor);
    cursor = byUrl.get(cursor)?.initiator?.url;
  }
  return chain;
}

/** A few request URLs to the host, as evidence (bounded, de-duplicated). */
export function evidenceUrls(collection: Collection, host: string): string[] {
  const urls = new Set<string>();
  for (const { request } of allRequests(collection)) {
    if (request.host === host) urls.add(request.url);
    if (urls.size >= MAX_EVIDENCE_URLS) break;
  }
  if (urls.size === 0) for (const page of collection.pages) for (const ws of page.websockets) if (ws.host === host) urls.add(ws.url);
  if (urls.size === 0) for (const page of collection.pages) for (const hint of page.hints) if (hint.host === host) urls.add(`${hint.rel}: ${hint.href}`);
  return [...urls];
}

/** Provenance of every attribution a host's finding relies on. */
export function hostProvenance(host: HostAttribution): Provenance[] {
  const all = [host.vendor, host.vendorControl, host.network, host.operator, host.operatorControl, host.serverLocation]
    .flatMap((attribution) => (attribution.status === 'known' ? attribution.provenance : []));
  // Notes differ per fact (one citation per entity); the report lists each source version once.
  return uniqueProvenance(all, { perSourceVersion: true });
}

/**
 * "Google → Alphabet (United States; US CLOUD Act, FISA 702)" / « Google → Alphabet (États-Unis ;
 * US CLOUD Act, FISA 702) »: the country by its name in each language (law names are proper names).
 */
export function describeControl(control: Control, lawNames: (id: string) => string): LocalisedText {
  const laws = control.laws.map(lawNames).join(', ');
  const chain = control.chain.join(' → ');
  return {
    en: `${chain} (${countryName('en', control.jurisdiction)}${laws ? `; ${laws}` : ''})`,
    fr: `${chain} (${countryName('fr', control.jurisdiction)}${laws ? ` ; ${laws}` : ''})`,
  };
}

export function text(en: string, fr: string): LocalisedText {
  return { en, fr };
}
