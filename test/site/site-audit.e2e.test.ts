import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, type AuditBrowser } from '../../src/collect/browser.js';
import { parseConnectTo } from '../../src/collect/connect-to.js';
import { auditSite, type SiteAuditOptions } from '../../src/core/run-site-audit.js';
import { writeBundle } from '../../src/evidence/bundle.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import { urlPattern } from '../../src/crawl/url-rules.js';
import type { AuditReport } from '../../src/types.js';
import { SITE, siteWorldOptions } from './site-world.js';

// Whole-site audits in real Chromium on the loopback site world: ~25 page loads, 2 at a time.
let world: FixtureWorld;
let browser: AuditBrowser;
const journey = (name: string) => fileURLToPath(new URL(`./journeys/${name}`, import.meta.url));

function options(extra: Partial<SiteAuditOptions>): SiteAuditOptions {
  return {
    url: `${SITE}/`,
    connectTo: world.connectTo,
    dnsServer: world.dnsServer,
    insecure: true,
    infra: false,
    browser,
    concurrency: 2,
    timeoutSeconds: 5,
    wait: { minDwellMs: 200, quietWindowMs: 400 },
    ...extra,
  };
}

before(async () => {
  world = await startFixtureWorld(siteWorldOptions());
  browser = await launchBrowser({ connectTo: world.connectTo.map(parseConnectTo), insecure: true });
});

after(async () => {
  await browser?.close();
  await world?.close();
});

describe('crawling a 200-page site with --pages 10', () => {
  let report: AuditReport;
  before(async () => {
    report = await auditSite(options({ maxPages: 10, perPattern: 2 }));
  });

  it('audits 10 distinct pages, never two variants of one URL, at most 2 per template', () => {
    const crawl = report.collection.crawl!;
    assert.equal(crawl.audited, 10);
    assert.equal(crawl.failed, 0);
    const urls = report.collection.pages.map((p) => p.finalUrl);
    assert.equal(new Set(urls).size, urls.length);
    assert.ok(urls.every((u) => !/sessionid|utm_/.test(u)), urls.join(' '));
    for (const url of [`${SITE}/`, `${SITE}/produits/`, `${SITE}/blog/`, `${SITE}/a-propos`, `${SITE}/inscription`]) assert.ok(urls.includes(url), `${url} audited`);
    const perTemplate = new Map<string, number>();
    for (const url of urls) perTemplate.set(urlPattern(url), (perTemplate.get(urlPattern(url)) ?? 0) + 1);
    assert.ok([...perTemplate.values()].every((n) => n <= 2), JSON.stringify([...perTemplate]));
    assert.ok(urls.some((u) => /\/produits\/\d+$/.test(u)) && urls.some((u) => /\/blog\/conseil-/.test(u)), 'both templates are sampled');
  });

  it('finds pages through the sitemap index, and reports its loop and its malformed file', () => {
    const crawl = report.collection.crawl!;
    assert.ok(crawl.discovered >= 200, `discovered ${crawl.discovered}`);
    assert.ok(crawl.sitemaps.some((s) => s.url.endsWith('/sitemap-produits.xml') && s.status === 'ok' && s.urls === 130));
    assert.ok(crawl.sitemaps.some((s) => /loop/.test(s.problem ?? '')));
    assert.ok(crawl.sitemaps.some((s) => s.url.endsWith('/sitemap-casse.xml') && /malformed/.test(s.problem ?? '')));
  });

  it('skips what robots.txt forbids, broken links, files and redirects to another site, saying why', () => {
    const reasonOf = (path: string) => report.collection.crawl!.pages.find((p) => p.url === `${SITE}${path}`)?.reason ?? '';
    assert.match(reasonOf('/prive/donnees'), /robots\.txt/);
    assert.match(reasonOf('/contact'), /broken link \(HTTP 404\)/);
    assert.match(reasonOf('/catalogue.pdf'), /file/);
    assert.match(reasonOf('/hors-site'), /another site.*autre-site\.com/);
    assert.ok(!report.collection.pages.some((p) => p.finalUrl.includes('autre-site')), 'the off-site page is not part of the site');
  });

  it('gives each page its own third parties, and each third party its pages', () => {
    const site = report.site!;
    const page = (path: string) => site.pages.find((p) => p.url === `${SITE}${path}`)!;
    assert.deepEqual(page('/').thirdParties, ['www.google-analytics.com']);
    assert.deepEqual(page('/a-propos').thirdParties, []);
    for (const p of site.pages.filter((x) => /\/produits\/\d+$/.test(x.url))) assert.deepEqual(p.thirdParties, ['fonts.googleapis.com']);
    for (const p of site.pages.filter((x) => /\/blog\/conseil-/.test(x.url))) assert.deepEqual(p.thirdParties, ['cdnjs.cloudflare.com']);
    const fonts = site.thirdParties.find((t) => t.host === 'fonts.googleapis.com')!;
    assert.ok(fonts.pages.length >= 1 && fonts.pages.every((u) => /\/produits\/\d+$/.test(u)));
    assert.equal(fonts.entity, 'google');
  });

  it('judges the whole site: not sovereign, Google (US) named', () => {
    assert.equal(report.assessment.verdict, 'not-sovereign');
    const hosts = report.assessment.rules.find((r) => r.id === 'foreign-controlled-third-parties')!.findings.map((f) => f.subject.host);
    assert.ok(hosts.includes('www.google-analytics.com') && hosts.includes('fonts.googleapis.com'), hosts.join(', '));
  });
});

describe('the consent matrix of the home page (--consent none,reject,accept)', () => {
  let report: AuditReport;
  before(async () => {
    report = await auditSite(options({ maxPages: 1, consent: ['none', 'reject', 'accept'] }));
  });

  it('answers the CookieYes-style banner in both directions', () => {
    const banners = report.site!.consent!.banners;
    assert.deepEqual(banners.map((b) => [b.mode, b.outcome, b.cmp]), [['reject', 'handled', 'cookieyes'], ['accept', 'handled', 'cookieyes']]);
    assert.deepEqual(report.collection.pages.map((p) => p.consent?.mode), ['none', 'reject', 'accept']);
  });

  it('shows Google Analytics before any consent and still after "reject all", DoubleClick only after "accept all"', () => {
    const consent = report.site!.consent!;
    assert.deepEqual(consent.beforeConsent, ['www.google-analytics.com']);
    assert.deepEqual(consent.afterReject, ['www.google-analytics.com']);
    assert.deepEqual(consent.onlyAfterAccept, ['googleads.g.doubleclick.net']);
  });
});

describe('journeys', () => {
  let report: AuditReport;
  before(async () => {
    report = await auditSite(options({ url: `${SITE}/a-propos`, maxPages: 1, concurrency: 2, journeys: [journey('signup.yaml'), journey('missing-button.yaml'), journey('newsletter.yaml')] }));
  });

  it('traces which typed values reached which organisation, even re-packed, naming fields and never values', () => {
    const letter = report.site!.journeys!.find((j) => j.name === 'lettre')!;
    assert.equal(letter.error, undefined);
    const toGoogle = letter.typedData?.find((flow) => flow.host === 'www.google-analytics.com');
    assert.equal(toGoogle?.step, 7, 'sent at the submit step');
    assert.equal(toGoogle?.entity, 'Alphabet');
    assert.equal(toGoogle?.jurisdiction, 'US');
    // given name in JSON under "given", e-mail under "contact", last name URL-encoded in the query, postcode inside base64.
    assert.deepEqual([...toGoogle!.fields].sort(), ['#cp', '#email', '#nom', '#prenom']);
    const personal = report.assessment.rules.find((r) => r.id === 'personal-data-sent-to-foreign-organisations')!;
    const finding = personal.findings.find((f) => f.subject.host === 'www.google-analytics.com');
    assert.equal(finding?.blocking, true);
    assert.match(finding!.message.en, /Journey “lettre”: .*e-mail \(#email\).*postcode \(#cp\).* were sent to www\.google-analytics\.com, run by Google → Alphabet \(United States/);
    assert.match(finding!.message.fr, /code postal \(#cp\)/);
    const text = JSON.stringify(report);
    for (const value of ['Zéphyrine', 'Quillebeuf', 'zephyrine.q@exemple.fr', '76450', 'poterie']) assert.ok(!text.includes(value), `the report never holds the typed value ${value}`);
  });

  it('finds the page address sent to Google in the Referer (unsafe-url) and in the request body', () => {
    const rule = report.assessment.rules.find((r) => r.id === 'page-address-sent-to-third-parties')!;
    assert.equal(rule.blocking, false, 'informative by default');
    const finding = rule.findings.find((f) => f.subject.host === 'www.google-analytics.com');
    assert.match(finding!.message.en, /received the full address of .*\/lettre\?campagne=printemps-2026&client=48213 via Referer header, its request body; the page’s referrer policy: unsafe-url\./);
    const beacon = report.collection.pages.flatMap((p) => p.requests).find((r) => r.url.includes('/g/collect'))!;
    assert.equal(beacon.referrerPolicy, 'unsafe-url');
    assert.deepEqual(beacon.pageAddressIn, ['body']);
  });

  it('records each step of the signup journey and finds the form sent to HubSpot, another organisation', () => {
    const signup = report.site!.journeys!.find((j) => j.name === 'inscription')!;
    assert.equal(signup.error, undefined);
    assert.deepEqual(signup.steps.map((s) => s.status), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    const [form] = signup.submissions.filter((s) => s.via === 'form');
    assert.equal(form?.host, 'forms.hsforms.com');
    assert.equal(form?.otherOrganisation, true);
    assert.deepEqual(form?.fields, ['email', 'lastname', 'country', 'terms']);
    assert.ok(signup.steps[5]!.thirdParties.includes('forms.hsforms.com'), 'the submit step loads HubSpot');
    const finding = report.assessment.rules.find((r) => r.id === 'form-data-sent-to-other-organisations')!.findings[0];
    assert.equal(finding?.subject.host, 'forms.hsforms.com');
    assert.match(finding?.message.en ?? '', /step 6.*email.*HubSpot/);
  });

  it('stops a journey whose element never appears, naming the step', () => {
    const broken = report.site!.journeys!.find((j) => j.name === 'bouton-absent')!;
    assert.equal(broken.error?.step, 2);
    assert.match(broken.error!.message, /step 2 \(click "#bouton-qui-nexiste-pas"\): the element .* never appeared within 2 s/);
    assert.deepEqual(broken.steps.map((s) => s.status), ['ok', 'failed', 'not-run']);
  });

  it('writes an evidence bundle that verifies offline, and detects a tampered file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'souverain-evidence-'));
    await writeBundle(dir, report, { command: ['souverain', 'audit', `${SITE}/a-propos`], startedAt: report.collection.startedAt, finishedAt: report.collection.finishedAt, policy: report.assessment.policy.source });
    const pages = await readdir(join(dir, 'pages'));
    const shots = await readdir(join(dir, 'screenshots'));
    assert.equal(pages.length, report.collection.pages.length);
    assert.equal(shots.length, report.collection.pages.filter((p) => p.screenshot).length);
    const intact = await verifyBundle(dir, { policy: 'eu' });
    assert.equal(intact.intact, true, intact.problems.join('; '));
    assert.equal(intact.reassessment?.fromCurrentData, 'not-sovereign');
    assert.equal((await verifyBundle(dir)).reassessment?.reproduced, true);

    const report2 = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as AuditReport;
    report2.assessment.verdict = 'sovereign';
    await writeFile(join(dir, 'report.json'), `${JSON.stringify(report2, null, 2)}\n`);
    const tampered = await verifyBundle(dir);
    assert.equal(tampered.intact, false);
    assert.match(tampered.problems[0]!, /^report\.json: SHA-256 does not match/);
  });
});

describe('resilience', () => {
  it('retries a page that errors or hangs once, reports it failed, and goes on', async () => {
    const report = await auditSite(options({ url: `${SITE}/panne/`, maxPages: 4, sitemaps: false, timeoutSeconds: 2 }));
    const crawl = report.collection.crawl!;
    assert.equal(crawl.audited, 2);
    assert.equal(crawl.failed, 2);
    const failed = report.collection.pages.filter((p) => p.navigationError);
    assert.deepEqual(failed.map((p) => [new URL(p.requestedUrl).pathname, p.attempts]).sort(), [['/panne/erreur', 2], ['/panne/lent', 2]]);
    assert.equal(report.collection.pages.find((p) => p.requestedUrl.endsWith('/panne/ok'))?.attempts, 1);
    assert.equal(report.assessment.verdict, 'inconclusive', 'pages not seen cannot be called sovereign');
  });
});
