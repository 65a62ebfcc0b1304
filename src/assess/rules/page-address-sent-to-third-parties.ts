import type { PageCapture, RequestRecord } from '../../types.js';
import { broughtInBy, describeControl, hostProvenance, text } from '../evidence.js';
import { organisationOutsidePolicy } from '../outside-policy.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';

type Channel = 'referer' | 'url' | 'body' | 'header';

const CHANNEL_NAMES: Record<Channel, { en: string; fr: string }> = {
  referer: { en: 'Referer header', fr: 'en-tête Referer' },
  url: { en: 'its request URL', fr: 'l’URL de sa requête' },
  body: { en: 'its request body', fr: 'le corps de sa requête' },
  header: { en: 'another request header', fr: 'un autre en-tête de requête' },
};

/** The page's path and query, which its origin does not reveal (empty for "/" without query). */
function pathAndQuery(pageUrl: string): string {
  try {
    const url = new URL(pageUrl);
    const rest = `${url.pathname}${url.search}`;
    return rest === '/' ? '' : rest;
  } catch {
    return '';
  }
}

/** How a request carried the full page address: its Referer (not cut to the origin), or elsewhere. */
export function pageAddressChannels(request: RequestRecord, pageUrl: string): Channel[] {
  const rest = pathAndQuery(pageUrl);
  if (!rest) return [];
  const channels: Channel[] = [];
  if (request.referrer) {
    try {
      const referrer = new URL(request.referrer);
      if (`${referrer.pathname}${referrer.search}` === rest) channels.push('referer');
    } catch { /* a malformed Referer carries nothing usable */ }
  }
  for (const place of request.pageAddressIn ?? []) channels.push(place);
  return channels;
}

/** The page's own Referrer-Policy header, or the policy the browser applied to its requests. */
function pagePolicy(page: PageCapture): string {
  const document = page.requests.find((request) => request.resourceType === 'document' && request.url === page.finalUrl) ?? page.requests[0];
  return document?.responseHeaders?.['referrer-policy'] ?? page.requests.find((request) => request.referrerPolicy)?.referrerPolicy ?? '?';
}

/**
 * Page address sent to third parties: the path and query of a page can carry personal data (search
 * terms, identifiers, a reset token). A third party outside the policy that receives the full
 * address — in the Referer the page's referrer policy let through, or copied by a script into its
 * request — learns what the visitor was reading. Informative by default.
 */
export const rule: Rule = {
  meta: {
    id: 'page-address-sent-to-third-parties',
    title: text('Full page address sent to third parties outside the policy', 'Adresse complète de la page envoyée à des tiers hors politique'),
    description: text(
      'A third party outside the policy received the page’s full address (path and query), in the Referer header or inside its request; the page’s Referrer-Policy decides what the Referer carries.',
      'Un tiers hors politique a reçu l’adresse complète de la page (chemin et paramètres), dans l’en-tête Referer ou dans sa requête ; la Referrer-Policy de la page décide de ce que porte le Referer.',
    ),
    defaultLevel: 'warn',
    help: text(
      'Set a stricter referrer policy on the page (Referrer-Policy: strict-origin-when-cross-origin, or no-referrer), keep personal data out of page addresses (use POST, not query strings), and configure or remove the tags that copy the page address into their requests.',
      'Appliquez une politique de référent plus stricte à la page (Referrer-Policy: strict-origin-when-cross-origin, ou no-referrer), gardez les données personnelles hors des adresses de page (POST plutôt que des paramètres d’URL), et configurez ou retirez les balises qui recopient l’adresse de la page dans leurs requêtes.',
    ),
  },
  evaluate({ collection, enrichment, policy }: RuleInput): RuleFinding[] {
    const lawName = (id: string) => enrichment.laws[id]?.name ?? id;
    const seen = new Set<string>();
    return collection.pages.flatMap((page) => {
      const pageUrl = page.finalUrl || page.requestedUrl;
      const byHost = new Map<string, { channels: Set<Channel>; urls: string[] }>();
      for (const request of page.requests) {
        const channels = pageAddressChannels(request, request.frameUrl && request.context === 'main-frame' ? request.frameUrl : pageUrl);
        if (channels.length === 0) continue;
        const entry = byHost.get(request.host) ?? { channels: new Set<Channel>(), urls: [] };
        channels.forEach((channel) => entry.channels.add(channel));
        if (entry.urls.length < 3) entry.urls.push(request.url);
        byHost.set(request.host, entry);
      }
      const policyName = pagePolicy(page);
      return [...byHost.entries()].flatMap(([name, { channels, urls }]): RuleFinding[] => {
        const host = enrichment.hosts.find((candidate) => candidate.host === name);
        if (!host || seen.has(name)) return [];
        const verdict = organisationOutsidePolicy(host, policy, enrichment.laws);
        if (verdict.outside === false) return [];
        seen.add(name);
        const how = (lang: 'en' | 'fr') => [...channels].map((channel) => CHANNEL_NAMES[channel][lang]).join(lang === 'fr' ? ', ' : ', ');
        const who = verdict.outside === 'unknown' ? undefined : describeControl(verdict.control, lawName);
        return [{
          kind: verdict.outside === 'unknown' ? 'unknown' : 'violation',
          subject: { type: 'host', host: name },
          message: text(
            `${name}${who ? ` (${who.en})` : ''} received the full address of ${pageUrl} via ${how('en')}; the page’s referrer policy: ${policyName}.`,
            `${name}${who ? ` (${who.fr})` : ''} a reçu l’adresse complète de ${pageUrl} par ${how('fr')} ; politique de référent de la page : ${policyName}.`,
          ),
          broughtInBy: broughtInBy(collection, name),
          evidence: urls,
          ...(verdict.outside === true ? { control: verdict.control } : {}),
          provenance: hostProvenance(host),
        }];
      });
    });
  },
};
