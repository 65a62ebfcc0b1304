import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from '../../src/report/index.js';
import { qualificationsList, summarise } from '../../src/report/summary.js';
import type { AuditReport } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';

const seed = sampleReports['seed-not-sovereign']!;

function clone(report: AuditReport): AuditReport {
  return structuredClone(report);
}

describe('summarise: the first screen shared by every format', () => {
  it('counts requests by whose law reaches them, and by where the servers are, as separate bars', () => {
    const summary = summarise(seed);
    const requests = seed.collection.pages.reduce((sum, page) => sum + page.requests.length, 0);
    const { law, location } = summary.distributions;
    assert.equal(law.requests.total, requests);
    assert.equal(location.requests.total, requests);
    const lawUs = law.requests.slices.find((slice) => slice.country === 'US');
    assert.ok(lawUs && !lawUs.allowed);
    // The S3 bucket in Paris and DoubleClick in Ireland are located outside the US but still under US law.
    const locationUs = location.requests.slices.find((slice) => slice.country === 'US');
    assert.ok(locationUs && locationUs.count < lawUs.count, 'fewer requests located in the US than under US law');
    assert.ok(location.requests.slices.some((slice) => slice.country === 'IE'));
    assert.deepEqual(law.requests.slices.map((slice) => slice.country), ['FR', 'US'], 'allowed first, then foreign');
    assert.equal(lawUs.organisations[0]?.name, 'Alphabet', 'largest organisation first');
    assert.equal(law.hosts.total, summary.totals.hosts);
  });

  it('writes one quotable sentence with the numbers, in English and French', () => {
    const { sentence, totals } = summarise(seed);
    assert.match(sentence.en, new RegExp(`^${totals.foreignRequests} of ${totals.requests} requests \\(\\d+%\\) went to 3 companies under US law`));
    assert.match(sentence.en, /reached servers in France and 1 in Ireland — still US law\.$/);
    assert.match(sentence.fr, new RegExp(`^${totals.foreignRequests} requêtes sur ${totals.requests} .* soumises au droit américain`));
    assert.match(sentence.fr, /en Irlande — toujours sous droit américain\.$/);
    assert.doesNotMatch(sentence.fr, /\b(of|went|still|law)\b/, 'no English in the French sentence');
  });

  it('says so when the servers stand in the law’s own country (no "still" clause)', () => {
    const report = clone(seed);
    for (const host of report.enrichment.hosts) {
      if (!host.firstParty && host.serverLocation.status === 'known') host.serverLocation.value.country = 'US';
    }
    assert.doesNotMatch(summarise(report).sentence.en, /still/);
  });

  it('states a sovereign report and an inconclusive one without a foreign clause', () => {
    assert.match(summarise(sampleReports.sovereign!).sentence.en, /^All \d+ requests went to companies under French law, which the policy allows\.$/);
    const inconclusive = summarise(sampleReports.inconclusive!);
    assert.match(inconclusive.sentence.en, /^No request went to a company under a foreign law, but \d+ of \d+ requests .* unknown never counts as sovereign\.$/);
    assert.ok(inconclusive.distributions.law.requests.slices.some((slice) => slice.country === 'unknown' && !slice.allowed), 'unknown is a slice of its own, never allowed');
  });

  it('builds one card per ultimate parent, foreign first, with its services, hosts and server countries', () => {
    const cards = summarise(seed).organisations;
    assert.deepEqual(cards.map((card) => card.name), ['Alphabet', 'Amazon', 'Cloudflare', 'OVH Groupe']);
    const alphabet = cards[0]!;
    assert.equal(alphabet.jurisdiction, 'US');
    assert.ok(alphabet.services.includes('reCAPTCHA') && alphabet.services.includes('Google Analytics'));
    assert.ok(alphabet.serverCountries.some((entry) => entry.country === 'IE'));
    assert.ok(alphabet.laws.length > 0);
    assert.equal(cards.at(-1)?.allowed, true);
    assert.equal(cards.at(-1)?.firstParty, true);
  });

  it('groups findings into actions ranked by the foreign requests each removes', () => {
    const { fixPlan, fixTotals, totals } = summarise(seed);
    const requests = fixPlan.map((action) => action.requests);
    assert.deepEqual(requests, [...requests].sort((a, b) => b - a), 'largest first');
    const analytics = fixPlan.find((action) => action.kind === 'replace-analytics');
    assert.deepEqual(analytics?.hosts.sort(), ['www.google-analytics.com', 'www.googletagmanager.com']);
    assert.ok(analytics?.alternatives.length, 'the data’s alternative travels with the action');
    const hosts = fixPlan.flatMap((action) => action.hosts);
    assert.equal(new Set(hosts).size, hosts.length, 'a host belongs to one action only');
    assert.equal(fixTotals.requests, totals.foreignRequests, 'the whole plan removes every foreign request');
    assert.equal(fixPlan.find((action) => action.kind === 'remove-advertising')?.cookies, 1, 'the IDE cookie goes with DoubleClick');
  });

  it('turns a host judged only as operator into a hosting move, whatever it serves', () => {
    const report = clone(seed);
    for (const rule of report.assessment.rules) {
      rule.findings = rule.findings.filter((finding) => !(finding.subject.host === 'cdnjs.cloudflare.com' && finding.role === 'vendor'));
    }
    const plan = summarise(report).fixPlan;
    assert.ok(plan.find((action) => action.kind === 'move-hosting')?.hosts.includes('cdnjs.cloudflare.com'));
    assert.ok(!plan.find((action) => action.kind === 'self-host-assets'));
  });

  it('counts a host under a foreign law when only its operator is foreign', () => {
    const report = clone(seed);
    const host = report.enrichment.hosts.find((candidate) => candidate.host === 'www.actu-numerique.example')!;
    const foreign = report.enrichment.hosts.find((candidate) => candidate.host === 'cdnjs.cloudflare.com')!;
    host.operatorControl = structuredClone(foreign.operatorControl);
    const before = summarise(seed).totals.foreignRequests;
    assert.equal(summarise(report).totals.foreignRequests, before + 1);
  });

  it('says nothing was judged when no request was captured', () => {
    const report = clone(seed);
    for (const page of report.collection.pages) page.requests = [];
    assert.equal(summarise(report).sentence.en, 'No request was captured: nothing could be judged.');
  });
});

describe('summarise: data from the knowledge engine', () => {
  it('carries candidate jurisdictions of a control in flux onto the organisation card', () => {
    const report = clone(seed);
    const host = report.enrichment.hosts.find((candidate) => candidate.host === 'cdnjs.cloudflare.com')!;
    assert.equal(host.vendorControl.status, 'known');
    if (host.vendorControl.status === 'known') {
      Object.assign(host.vendorControl.value, { jurisdictionCandidates: [{ country: 'LU', note: { en: 'if the move is completed', fr: 'si le transfert aboutit' }, laws: [], provenance: [] }] });
    }
    const card = summarise(report).organisations.find((entry) => entry.name === 'Cloudflare')!;
    assert.deepEqual(card.jurisdictionCandidates.map((entry) => entry.country), ['LU']);
    assert.deepEqual(summarise(seed).organisations.find((entry) => entry.name === 'Cloudflare')!.jurisdictionCandidates, []);
  });
});

describe('summarise: qualifications as information on the organisation card', () => {
  it('counts the offers held on the audit date by the entity and its parent, leaves out the expired, and shows them in every format', () => {
    const report = clone(seed);
    const cite = [{ source: 'test', url: 'https://example.org/attestation' }];
    Object.assign(report.enrichment.entities.ovhcloud!, { qualifications: [
      { scheme: 'secnumcloud', offer: 'Hosted Private Cloud', since: '2020-01-01', provenance: cite },
      { scheme: 'secnumcloud', offer: 'Bare Metal Pod', provenance: cite },
      { scheme: 'hds', offer: 'Old certificate', since: '2019-01-01', until: '2022-01-01', provenance: cite },
      { scheme: 'hds', offer: 'Not yet', since: '2030-01-01', provenance: cite },
    ] });
    Object.assign(report.enrichment.entities['ovh-groupe']!, { qualifications: [{ scheme: 'hds', offer: 'Group-wide', provenance: cite }] });
    const card = summarise(report).organisations.find((entry) => entry.id === 'ovh-groupe')!;
    assert.deepEqual(card.qualifications, [{ scheme: 'secnumcloud', offers: 2 }, { scheme: 'hds', offers: 1 }], 'two hosts of the same operator count each offer once');
    assert.deepEqual(qualificationsList(card), { en: 'SecNumCloud (2 offers), HDS (1 offer)', fr: 'SecNumCloud (2 offres), HDS (1 offre)' });
    assert.match(render('html', report, { lang: 'en', color: false }), /<div class="card__qual muted small">holds SecNumCloud \(2 offers\), HDS \(1 offer\) for some offers — whether this site runs on one cannot be seen from outside<\/div>/);
    assert.match(render('terminal', report, { lang: 'fr', color: false }).replace(/\s+/g, ' '), /détient SecNumCloud \(2 offres\), HDS \(1 offre\) pour certaines offres — rien ne permet de voir de l’extérieur si ce site en relève/);
    assert.deepEqual(summarise(seed).organisations.find((entry) => entry.id === 'ovh-groupe')!.qualifications, []);
    assert.doesNotMatch(render('html', seed, { lang: 'en', color: false }), /card__qual"/);
  });
});

describe('summarise: the site’s own hosts', () => {
  it('judges a first-party host without a vendor by the company running its servers, as the assessment does', () => {
    const report = clone(sampleReports.sovereign!);
    const own = report.enrichment.hosts.find((host) => host.firstParty)!;
    own.vendor = { status: 'unknown', reason: 'no vendor for the site itself', triedSources: [] } as never;
    own.vendorControl = { status: 'unknown', reason: 'no vendor', triedSources: [] } as never;
    const summary = summarise(report);
    assert.equal(summary.totals.unknownRequests, 0, summary.sentence.en);
    assert.match(summary.sentence.en, /^All \d+ requests went to companies under French law/);
    const third = structuredClone(report);
    third.enrichment.hosts.find((host) => host.host === own.host)!.firstParty = false;
    assert.ok(summarise(third).totals.unknownRequests > 0, 'a third party without a vendor stays unknown');
  });
});
