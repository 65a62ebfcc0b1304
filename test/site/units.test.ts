import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { assess } from '../../src/assess/assess.js';
import { loadPolicy } from '../../src/assess/policy-file.js';
import { Frontier } from '../../src/crawl/frontier.js';
import { summariseSite } from '../../src/report/site-summary.js';
import { siteText } from '../../src/crawl/site-text.js';
import { render } from '../../src/report/index.js';
import { parseSitemap, readSitemaps } from '../../src/crawl/sitemap.js';
import { loadRobots } from '../../src/crawl/robots.js';
import { normaliseUrl, unworthyReason, urlMatcher, urlPattern } from '../../src/crawl/url-rules.js';
import { writeBundle } from '../../src/evidence/bundle.js';
import { pageHar } from '../../src/evidence/har.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { rules as siteRules } from '../../src/assess/rules/index.js';
import { parseJourney } from '../../src/journey/journey-file.js';
import { journeyJsonSchema } from '../../scripts/schemas/journey.js';
import type { AuditReport, PageCapture, RequestRecord } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';

describe('URL normalisation and templates', () => {
  it('drops fragments, default ports, tracking and session parameters, and sorts the rest', () => {
    assert.equal(normaliseUrl('HTTPS://Www.Site.fr:443/a?utm_source=x&b=2&a=1#top'), 'https://www.site.fr/a?a=1&b=2');
    assert.equal(normaliseUrl('/p;jsessionid=ABC123?PHPSESSID=9&sid=4', 'https://site.fr/x'), 'https://site.fr/p');
    assert.equal(normaliseUrl('mailto:a@b.fr'), undefined);
    assert.equal(normaliseUrl('javascript:void(0)', 'https://site.fr/'), undefined);
  });

  it('gives the pages of one template the same pattern, and distinct top-level pages distinct ones', () => {
    assert.equal(urlPattern('https://s.fr/produits/42'), urlPattern('https://s.fr/produits/7'));
    assert.equal(urlPattern('https://s.fr/blog/un-premier-article'), urlPattern('https://s.fr/blog/conseil-bois-3'));
    assert.equal(urlPattern('https://s.fr/agenda/2026/01'), 's.fr/agenda/:n/:n');
    assert.equal(urlPattern('https://s.fr/liste?page=3'), 's.fr/liste?page=*');
    assert.notEqual(urlPattern('https://s.fr/a-propos'), urlPattern('https://s.fr/mentions-legales'));
  });

  it('refuses files, overlong URLs and relative-link loops', () => {
    assert.match(unworthyReason('https://s.fr/catalogue.pdf') ?? '', /file/);
    assert.match(unworthyReason(`https://s.fr/?q=${'x'.repeat(3000)}`) ?? '', /longer/);
    assert.match(unworthyReason('https://s.fr/a/b/a/b/a/b/a') ?? '', /repeats/);
    assert.equal(unworthyReason('https://s.fr/produits/42'), undefined);
  });

  it('matches --include/--exclude globs and /regex/', () => {
    assert.ok(urlMatcher('*/blog/*')('https://s.fr/blog/a'));
    assert.ok(!urlMatcher('*/blog/*')('https://s.fr/produits/a'));
    assert.ok(urlMatcher('/produits\\/\\d+$/')('https://s.fr/produits/12'));
  });
});

function frontier(overrides: Partial<ConstructorParameters<typeof Frontier>[0]> = {}): Frontier {
  return new Frontier({ site: 'site.fr', maxPages: 100, perPattern: 3, include: [], exclude: [], allows: () => true, ...overrides });
}

function drain(f: Frontier): string[] {
  const taken: string[] = [];
  for (let c = f.next(); c; c = f.next()) taken.push(c.url);
  return taken;
}

describe('crawl frontier', () => {
  it('de-duplicates URL variants and ignores other sites', () => {
    const f = frontier();
    for (const href of ['/a', '/a#x', '/a?utm_medium=m', '/a?sessionid=1', 'https://www.autre.com/a', 'https://shop.site.fr/b']) f.add(href, 1, 'link', 'https://www.site.fr/');
    assert.deepEqual(drain(f), ['https://www.site.fr/a', 'https://shop.site.fr/b']);
  });

  it('stops an infinite calendar after perPattern months, and says why', () => {
    const f = frontier({ perPattern: 3 });
    for (let month = 1; month <= 12; month++) f.add(`/agenda/2026/${month}`, month, 'link', 'https://www.site.fr/');
    assert.equal(drain(f).length, 3);
    assert.equal(f.skippedCount, 9);
    assert.match(f.skipped[0]!.reason!, /template/);
  });

  it('spreads a bounded crawl over templates, shallowest first', () => {
    const f = frontier({ maxPages: 4, perPattern: 10 });
    for (let n = 1; n <= 20; n++) f.add(`/produits/${n}`, 1, 'sitemap', 'https://www.site.fr/');
    f.add('/blog/un-article', 1, 'link', 'https://www.site.fr/');
    f.add('/deep/page', 3, 'link', 'https://www.site.fr/');
    const taken = drain(f);
    assert.equal(taken.length, 4);
    assert.ok(taken.includes('https://www.site.fr/blog/un-article'), 'another template is visited before the 3rd product');
    assert.ok(!taken.includes('https://www.site.fr/deep/page'));
    f.finish();
    assert.ok(f.skipped.some((s) => /budget/.test(s.reason ?? '')));
  });

  it('applies robots.txt, --depth, --include and --exclude', () => {
    const f = frontier({ allows: (url) => !url.includes('/prive/'), maxDepth: 2, include: ['*site.fr/*'], exclude: ['*/admin*'] });
    f.add('/prive/x', 1, 'link', 'https://www.site.fr/');
    f.add('/admin', 1, 'link', 'https://www.site.fr/');
    f.add('/trop/profond', 3, 'link', 'https://www.site.fr/');
    f.add('/ok', 1, 'link', 'https://www.site.fr/');
    assert.deepEqual(drain(f), ['https://www.site.fr/ok']);
    assert.deepEqual(f.skipped.map((s) => s.reason), ['disallowed by robots.txt', 'matched by --exclude', 'deeper than --depth 2']);
  });
});

describe('sitemaps and robots.txt', () => {
  it('parses url sets and indexes, and reports malformed XML', () => {
    assert.deepEqual(parseSitemap('<urlset><url><loc> https://s.fr/a </loc></url></urlset>'), { ok: true, sitemap: { kind: 'urlset', locations: ['https://s.fr/a'] } });
    const index = parseSitemap('<sitemapindex><sitemap><loc>https://s.fr/1.xml</loc></sitemap></sitemapindex>');
    assert.ok(index.ok && index.sitemap.kind === 'index');
    const broken = parseSitemap('<urlset><url><loc>x</url></urlset>');
    assert.ok(!broken.ok && /malformed/.test(broken.problem));
    assert.ok(!parseSitemap('<html></html>').ok);
  });

  it('follows indexes once (no loop), bounds files and URLs, and goes on after a failure', async () => {
    const files: Record<string, string> = {
      'https://s.fr/sitemap.xml': '<sitemapindex><sitemap><loc>https://s.fr/a.xml</loc></sitemap><sitemap><loc>https://s.fr/sitemap.xml</loc></sitemap><sitemap><loc>https://s.fr/gone.xml</loc></sitemap></sitemapindex>',
      'https://s.fr/a.xml': `<urlset>${Array.from({ length: 30 }, (_, i) => `<url><loc>https://s.fr/p/${i}</loc></url>`).join('')}</urlset>`,
    };
    const fetch = async (url: string) => (files[url] ? { ok: true as const, body: files[url]! } : { ok: false as const, problem: 'HTTP 404' });
    const { urls, files: records } = await readSitemaps(['https://s.fr/sitemap.xml'], fetch, { maxFiles: 10, maxDepth: 3, maxUrls: 25 });
    assert.equal(urls.length, 25);
    assert.ok(records.some((r) => /loop/.test(r.problem ?? '')));
    assert.ok(records.some((r) => r.url === 'https://s.fr/gone.xml' && r.problem === 'HTTP 404'));
    assert.ok(records.some((r) => /5 URLs beyond/.test(r.problem ?? '')));
  });

  it('reads Disallow and Sitemap lines; a missing robots.txt allows everything', async () => {
    const robots = await loadRobots('https://s.fr', async () => ({ ok: true, body: 'User-agent: *\nDisallow: /prive/\nSitemap: https://s.fr/sm.xml\n' }));
    assert.equal(robots.allows('https://s.fr/prive/a'), false);
    assert.equal(robots.allows('https://s.fr/public'), true);
    assert.deepEqual(robots.sitemaps, ['https://s.fr/sm.xml']);
    const missing = await loadRobots('https://s.fr', async () => ({ ok: false, problem: 'HTTP 404', httpStatus: 404 }));
    assert.equal(missing.record.status, 'missing');
    assert.equal(missing.allows('https://s.fr/prive/a'), true);
  });
});

describe('journey files', () => {
  it('reads the documented YAML journey and validates against the committed schema', () => {
    const text = readFileSync(new URL('./journeys/signup.yaml', import.meta.url), 'utf8');
    const journey = parseJourney(text, 'signup.yaml');
    assert.equal(journey.name, 'inscription');
    assert.deepEqual(journey.steps.map((s) => s.action), ['goto', 'fill', 'fill', 'select', 'click', 'submit', 'wait-for']);
    assert.equal(journey.stepTimeoutMs, 5000);
    const committed = readFileSync(new URL('../../schemas/journey.schema.json', import.meta.url), 'utf8');
    assert.equal(committed, journeyJsonSchema(), 'schemas/journey.schema.json is up to date (node --import tsx scripts/write-schemas.ts)');
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(committed));
    assert.ok(validate(parseYaml(text)));
  });

  it('names the file and the line of a syntax error, and the step of an unknown action', () => {
    assert.throws(() => parseJourney('steps:\n  - goto: /a\n  - click: [oops\n', 'j.yaml'), /j\.yaml:\d+ does not parse/);
    assert.throws(() => parseJourney('{"steps":[{"goto":"/"},{"tap":"#x"}]}', 'j.json'), /step 2 \(with "tap"\) is not one of goto, click/);
    assert.throws(() => parseJourney('steps:\n  - click: "#a"\n', 'j.yaml'), /first step must be a goto/);
    assert.throws(() => parseJourney('steps:\n  - fill: { selector: "#a" }\n', 'j.yaml'), /step 1 \("fill"\) is incomplete/);
  });
});

function request(id: string, url: string, startMs: number, extra: Partial<RequestRecord> = {}): RequestRecord {
  return { id, url, host: new URL(url).hostname, method: 'GET', resourceType: 'script', startMs, status: 200, ...extra };
}

function capture(url: string, requests: RequestRecord[], extra: Partial<PageCapture> = {}): PageCapture {
  return { requestedUrl: url, finalUrl: url, title: '', partial: false, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, wait: { timeoutMs: 1, minDwellMs: 0, quietWindowMs: 0 }, requests, websockets: [], cookies: [], storage: [], hints: [], errors: [], ...extra };
}

describe('site index and consent differences', () => {
  it('lists what loads before consent, after reject and only after accept', () => {
    const seed = sampleReports['seed-not-sovereign']!;
    const thirdParty = seed.enrichment.hosts.filter((h) => !h.firstParty).map((h) => h.host);
    const [a, b, c] = thirdParty as [string, string, string];
    const page = 'https://www.nuage-souverain.fr/';
    const collection = {
      ...seed.collection,
      pages: [
        capture(page, [request('r1', `https://${a}/x`, 10)], { consent: { mode: 'none', outcome: 'not-attempted' } }),
        capture(page, [request('r1', `https://${a}/x`, 10), request('r2', `https://${b}/y`, 900)], { consent: { mode: 'reject', outcome: 'handled', answeredAtMs: 500 } }),
        capture(page, [request('r1', `https://${a}/x`, 10), request('r2', `https://${c}/z`, 900)], { consent: { mode: 'accept', outcome: 'handled', answeredAtMs: 500 } }),
      ],
    };
    const site = summariseSite(collection, seed.enrichment);
    assert.deepEqual(site.consent?.beforeConsent, [a]);
    assert.deepEqual(site.consent?.afterReject, [b]);
    assert.deepEqual(site.consent?.onlyAfterAccept, [c]);
    assert.deepEqual(site.thirdParties.find((t) => t.host === a)?.pages, [page]);
    assert.equal(site.consent?.notTested, undefined, 'both states were reached');
  });

  it('says "not tested" for a state no page reached, never "nothing loaded"', () => {
    const seed = sampleReports['seed-not-sovereign']!;
    const [a, b] = seed.enrichment.hosts.filter((h) => !h.firstParty).map((h) => h.host) as [string, string];
    const page = 'https://www.nuage-souverain.fr/';
    const collection = {
      ...seed.collection,
      pages: [
        capture(page, [request('r1', `https://${a}/x`, 10)], { consent: { mode: 'none', outcome: 'not-attempted' } }),
        capture(page, [request('r1', `https://${a}/x`, 10), request('r2', `https://${b}/y`, 900)], { consent: { mode: 'reject', outcome: 'no-banner' } }),
        capture(page, [request('r1', `https://${a}/x`, 10)], { consent: { mode: 'accept', outcome: 'failed', cmp: 'x' } }),
      ],
    };
    const site = summariseSite(collection, seed.enrichment);
    assert.deepEqual(site.consent?.notTested, [{ mode: 'reject', reason: 'no-banner' }, { mode: 'accept', reason: 'failed' }]);
    assert.deepEqual(site.consent?.afterReject, []);
    const report: AuditReport = { ...seed, collection, site };
    const text = siteText(report, 'fr');
    assert.match(text, /Encore chargés après « tout refuser » : non testé — aucune bannière de consentement trouvée/);
    assert.match(text, /Chargés seulement après « tout accepter » : non testé — la bannière n’a pas pu être traitée/);
    const html = render('html', report, { lang: 'en', color: false });
    assert.match(html, /Still loaded after “reject all”<\/dt><dd><em>not tested — no consent banner was found<\/em>/);
  });
});

describe('HAR and evidence bundle', () => {
  const sample: AuditReport = sampleReports['seed-not-sovereign']!;
  let report: AuditReport;
  before(async () => {
    const { policy, source } = await loadPolicy('fr');
    report = { ...sample, assessment: assess(sample.collection, sample.enrichment, policy, source, siteRules) };
  });

  it('builds a HAR 1.2 log with one entry per request', () => {
    const page = report.collection.pages[0]!;
    const har = pageHar(page, report.collection.browser, report.tool.version);
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.entries.length, page.requests.length);
    assert.equal(har.log.entries[0]!.request.url, page.requests[0]!.url);
    assert.ok(har.log.entries.every((e) => e.pageref === 'page_1' && !Number.isNaN(Date.parse(e.startedDateTime))));
  });

  it('writes a bundle that verifies, and names the file when one is changed, removed or added', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'souverain-bundle-'));
    const { manifestSha256 } = await writeBundle(dir, report, { command: ['souverain', 'audit', 'x'], startedAt: report.collection.startedAt, finishedAt: report.collection.finishedAt, policy: 'built-in:fr' });
    assert.match(manifestSha256, /^[0-9a-f]{64}$/);
    const ok = await verifyBundle(dir);
    assert.equal(ok.intact, true, ok.problems.join('; '));
    const listed = await readFile(join(dir, 'SHA256SUMS'), 'utf8');
    for (const file of ['report.html', 'README.txt']) assert.match(listed, new RegExp(`  ${file.replace('.', '\\.')}\n`), `${file} is in the bundle and its manifest`);
    assert.match(await readFile(join(dir, 'README.txt'), 'utf8'), /souverain verify/);
    assert.equal(ok.reassessment?.fromSavedEnrichment, report.assessment.verdict);
    assert.equal(ok.reassessment?.reproduced, true);
    const handMade = await mkdtemp(join(tmpdir(), 'souverain-bundle-'));
    await writeBundle(handMade, sample, { command: [], startedAt: '', finishedAt: '', policy: 'fr' });
    assert.equal((await verifyBundle(handMade)).reassessment?.reproduced, false, 'an assessment the evidence does not give is not reproduced');
    const eu = await verifyBundle(dir, { policy: 'eu' });
    assert.equal(eu.reassessment?.policy, 'built-in:eu');

    const har = (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).split('\n').find((l) => l.endsWith('.har'))!.split('  ')[1]!;
    const original = await readFile(join(dir, har), 'utf8');
    await writeFile(join(dir, har), original.replace('"1.2"', '"1.3"'));
    const tampered = await verifyBundle(dir);
    assert.equal(tampered.intact, false);
    assert.match(tampered.problems[0]!, new RegExp(`^${har.replace(/[.]/g, '\\.')}: SHA-256 does not match`));
    await writeFile(join(dir, har), original);
    await writeFile(join(dir, 'extra.txt'), 'x');
    assert.match((await verifyBundle(dir)).problems[0]!, /extra\.txt: not listed/);
  });

  it('holds the PDF dossier when given, checked by its SHA-256 like every file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'souverain-bundle-'));
    await writeBundle(dir, report, { command: [], startedAt: '', finishedAt: '', policy: 'fr' }, undefined, { lang: 'fr', pdf: Buffer.from('%PDF-1.7 dossier') });
    assert.equal((await verifyBundle(dir)).intact, true);
    assert.match(await readFile(join(dir, 'report.html'), 'utf8'), /<html lang="fr"/);
    assert.match(await readFile(join(dir, 'README.txt'), 'utf8'), /report\.pdf/);
    await writeFile(join(dir, 'report.pdf'), '%PDF-1.7 altered');
    assert.match((await verifyBundle(dir)).problems.join('\n'), /report\.pdf: SHA-256 does not match/);
  });
});
