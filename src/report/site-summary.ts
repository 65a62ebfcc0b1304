import { entityOf, isOtherOrganisation } from '../assess/rules/form-data-sent-to-other-organisations.js';
import type { Collection, ConsentDiff, Enrichment, JourneySummary, PageCapture, SitePageSummary, SiteSummary, SiteThirdParty } from '../types.js';
import { pageUrl } from '../shared/url.js';

/**
 * The site-level index of a multi-page audit, derived from the collection and its attribution only
 * (so `verify` can rebuild it offline): for each page its third parties, for each third party the
 * pages that bring it in, the consent differences and the journeys.
 *
 * @example summariseSite(report.collection, report.enrichment).thirdParties[0] // { host: 'www.google-analytics.com', pages: [...] }
 */
export function summariseSite(collection: Collection, enrichment: Enrichment): SiteSummary {
  const thirdParty = new Set(enrichment.hosts.filter((h) => !h.firstParty).map((h) => h.host));
  const pages = collection.pages.map((page) => pageSummary(page, thirdParty));
  const crawl = collection.crawl;
  const summary: SiteSummary = {
    audited: crawl?.audited ?? pages.filter((p) => p.status === 'ok').length,
    failed: crawl?.failed ?? pages.filter((p) => p.status === 'failed').length,
    skipped: crawl?.skipped ?? 0,
    pages,
    thirdParties: thirdPartyIndex(pages, enrichment),
  };
  // Journeys interact with the page (they fill and send forms): what they load says nothing about consent.
  const visits = collection.pages.filter((p) => !p.journey);
  if (visits.some((p) => p.consent && p.consent.mode !== 'none')) summary.consent = consentDiff(visits, thirdParty);
  const journeys = collection.pages.filter((p) => p.journey).map((p) => journeySummary(p, thirdParty, collection, enrichment));
  if (journeys.length > 0) summary.journeys = journeys;
  return summary;
}


function pageSummary(page: PageCapture, thirdParty: ReadonlySet<string>): SitePageSummary {
  return {
    url: pageUrl(page),
    consent: page.consent?.mode ?? 'none',
    ...(page.journey ? { journey: page.journey.name } : {}),
    status: page.navigationError || page.journey?.error ? 'failed' : 'ok',
    thirdParties: hostsIn(page, thirdParty),
  };
}

/** Third-party hosts a page contacted (requests, WebSockets), sorted. */
function hostsIn(page: PageCapture, thirdParty: ReadonlySet<string>, from = 0, to = Infinity): string[] {
  const hosts = new Set<string>();
  for (const request of page.requests) {
    const at = request.startMs ?? 0;
    if (at >= from && at < to && thirdParty.has(request.host)) hosts.add(request.host);
  }
  if (from === 0 && to === Infinity) for (const socket of page.websockets) if (thirdParty.has(socket.host)) hosts.add(socket.host);
  return [...hosts].sort();
}

function thirdPartyIndex(pages: SitePageSummary[], enrichment: Enrichment): SiteThirdParty[] {
  const byHost = new Map<string, Set<string>>();
  for (const page of pages) for (const host of page.thirdParties) byHost.set(host, (byHost.get(host) ?? new Set()).add(page.url));
  return [...byHost.entries()]
    .map(([host, urls]): SiteThirdParty => {
      const attribution = enrichment.hosts.find((h) => h.host === host);
      const entity = attribution?.vendor.status === 'known' ? attribution.vendor.value.entity : undefined;
      return { host, registrableDomain: attribution?.registrableDomain ?? host, ...(entity ? { entity } : {}), pages: [...urls].sort() };
    })
    .sort((a, b) => b.pages.length - a.pages.length || a.host.localeCompare(b.host));
}

/**
 * Before consent: hosts of pages captured without interaction, plus hosts requested before the
 * banner was answered in the other states. After reject: hosts requested after "reject all" was
 * answered. Only after accept: hosts seen in the accept state and in no other.
 */
function consentDiff(pages: PageCapture[], thirdParty: ReadonlySet<string>): ConsentDiff {
  const before = new Set<string>();
  const afterReject = new Set<string>();
  const notAccept = new Set<string>();
  const accept = new Set<string>();
  for (const page of pages) {
    const consent = page.consent;
    if (!consent) continue;
    const answeredAt = consent.outcome === 'handled' ? consent.answeredAtMs : undefined;
    const all = hostsIn(page, thirdParty);
    if (consent.mode === 'none') all.forEach((h) => before.add(h));
    else hostsIn(page, thirdParty, 0, answeredAt ?? Infinity).forEach((h) => before.add(h));
    if (consent.mode === 'reject' && answeredAt !== undefined) hostsIn(page, thirdParty, answeredAt).forEach((h) => afterReject.add(h));
    if (consent.mode === 'accept') all.forEach((h) => accept.add(h));
    else all.forEach((h) => notAccept.add(h));
  }
  const banners = pages
    .filter((p) => p.consent && p.consent.mode !== 'none')
    .map((p) => ({ url: pageUrl(p), mode: p.consent!.mode, outcome: p.consent!.outcome, ...(p.consent!.cmp ? { cmp: p.consent!.cmp } : {}), ...(p.consent!.detail ? { detail: p.consent!.detail } : {}) }));
  const notTested = untestedStates(pages);
  return {
    beforeConsent: [...before].sort(),
    afterReject: [...afterReject].sort(),
    onlyAfterAccept: [...accept].filter((h) => !notAccept.has(h)).sort(),
    banners,
    ...(notTested.length > 0 ? { notTested } : {}),
  };
}

/**
 * The consent states asked for that no page reached: "reject all" on a page without a banner loads
 * everything with nothing refused, so its "still loaded after reject" list means nothing.
 */
function untestedStates(pages: PageCapture[]): NonNullable<ConsentDiff['notTested']> {
  const untested: NonNullable<ConsentDiff['notTested']> = [];
  for (const mode of ['reject', 'accept'] as const) {
    const captures = pages.filter((page) => page.consent?.mode === mode);
    if (captures.length === 0 || captures.some((page) => page.consent!.outcome === 'handled')) continue;
    untested.push({ mode, reason: captures.some((page) => page.consent!.outcome === 'failed') ? 'failed' : 'no-banner' });
  }
  return untested;
}

function journeySummary(page: PageCapture, thirdParty: ReadonlySet<string>, collection: Collection, enrichment: Enrichment): JourneySummary {
  const journey = page.journey!;
  const steps = journey.steps.map((step, i) => {
    const next = journey.steps.slice(i + 1).find((s) => s.status !== 'not-run');
    const hosts = step.status === 'not-run' ? [] : hostsIn(page, thirdParty, step.index === 1 ? 0 : step.startMs, next ? next.startMs : Infinity);
    return { index: step.index, action: step.action, target: step.target, status: step.status, thirdParties: hosts };
  });
  const submissions = (page.formSubmissions ?? []).map((submission) => {
    const host = enrichment.hosts.find((h) => h.host === submission.host);
    const entity = entityOf(submission, enrichment);
    return { ...submission, otherOrganisation: isOtherOrganisation(submission, host, collection), ...(entity ? { entity } : {}) };
  });
  const typedData = typedDataFlows(page, enrichment);
  return { name: journey.name, consent: page.consent?.mode ?? 'none', steps, submissions, ...(typedData.length > 0 ? { typedData } : {}), ...(journey.error ? { error: journey.error } : {}) };
}

/** Per step and host, the typed fields whose values the requests carried (first-party hosts included). */
function typedDataFlows(page: PageCapture, enrichment: Enrichment): NonNullable<JourneySummary['typedData']> {
  const steps = (page.journey?.steps ?? []).filter((step) => step.status !== 'not-run');
  const stepAt = (startMs: number): number => [...steps].reverse().find((step) => step.index === 1 || step.startMs <= startMs)?.index ?? 1;
  const flows = new Map<string, NonNullable<JourneySummary['typedData']>[number]>();
  for (const request of page.requests) {
    if (!request.typedFields?.length) continue;
    const step = stepAt(request.startMs ?? 0);
    const key = `${step} ${request.host}`;
    let flow = flows.get(key);
    if (!flow) {
      const host = enrichment.hosts.find((candidate) => candidate.host === request.host);
      const control = host?.vendorControl.status === 'known' ? host.vendorControl.value : host?.operatorControl.status === 'known' ? host.operatorControl.value : undefined;
      flow = { step, host: request.host, ...(control ? { entity: control.ultimateParentName, jurisdiction: control.jurisdiction } : {}), fields: [] };
      flows.set(key, flow);
    }
    for (const field of request.typedFields) if (!flow.fields.includes(field)) flow.fields.push(field);
  }
  return [...flows.values()];
}
