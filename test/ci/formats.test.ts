import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { compareWithBaseline, createBaseline } from '../../src/compare/baseline.js';
import { findingKey } from '../../src/report/findings.js';
import { CSV_COLUMNS } from '../../src/report/formats/csv.js';
import { render, type RenderOptions } from '../../src/report/index.js';
import { LANGS } from '../../src/report/i18n.js';
import type { AuditReport, Finding } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';
import { githubProblems, sarifProblems } from './sarif-validator.js';


const seed = sampleReports['seed-not-sovereign']!;
const allFindings = (report: AuditReport): Finding[] => report.assessment.rules.flatMap((rule) => rule.findings);

/** A comparison where the seed's Google Analytics findings are accepted and an old entry is gone. */
function partialBaseline(): RenderOptions['baseline'] {
  const baseline = createBaseline(seed);
  const accepted = baseline.entries.filter((entry) => entry.subject.host === 'www.google-analytics.com');
  const gone = { ...accepted[0]!, subject: { type: 'host' as const, host: 'old.example' }, entity: 'google' };
  const entries = [...accepted, { ...gone, key: `foreign-controlled-third-parties|host|old.example||vendor|google` }];
  return compareWithBaseline(seed, { ...baseline, entries }, 'souverain-baseline.json');
}

describe('SARIF', () => {
  for (const [name, report] of Object.entries(sampleReports)) {
    for (const lang of LANGS) {
      it(`is valid SARIF 2.1.0 for the ${name} sample (${lang})`, () => {
        const log = JSON.parse(render('sarif', report, { lang, color: false }));
        assert.equal(sarifProblems(log), undefined);
        assert.deepEqual(githubProblems(log), []);
        assert.equal(log.version, '2.1.0');
      });
    }
  }

  it('has one result per finding, rule metadata with help text, a repository-relative location and the page URL in properties', () => {
    const log = JSON.parse(render('sarif', seed, { lang: 'en', color: false }));
    const run = log.runs[0];
    assert.equal(run.results.length, allFindings(seed).length);
    assert.deepEqual(run.tool.driver.rules.map((rule: { id: string }) => rule.id), seed.assessment.rules.map((rule) => rule.id));
    const thirdParties = run.tool.driver.rules[0];
    assert.match(thirdParties.fullDescription.text, /ultimate parent/);
    assert.match(thirdParties.help.text, /What to do: Replace the service/);
    assert.equal(thirdParties.defaultConfiguration.level, 'error');
    const ga = run.results.find((result: { partialFingerprints: Record<string, string> }) => result.partialFingerprints['souverain/v1']?.includes('www.google-analytics.com||vendor'));
    assert.equal(ga.ruleId, 'foreign-controlled-third-parties');
    assert.equal(ga.level, 'error');
    assert.equal(ga.locations[0].physicalLocation.artifactLocation.uri, 'souverain/www.actu-numerique.example');
    assert.equal(ga.locations[0].physicalLocation.region.startLine, 1);
    assert.deepEqual(ga.properties.pages, [seed.collection.pages[0]!.requestedUrl]);
    assert.match(ga.message.text, /Google Analytics.*Sovereign alternative: Matomo/);
    const cookie = run.results.find((result: { ruleId: string }) => result.ruleId === 'third-party-cookies');
    assert.equal(cookie.level, 'warning', 'a violation the policy only reports');
    assert.ok(run.tool.extensions.some((extension: { releaseDateUtc?: string }) => extension.releaseDateUtc === '2026-06-17'));
  });

  it('marks results new, unchanged or absent against a baseline, and stays valid', () => {
    const baseline = partialBaseline();
    const log = JSON.parse(render('sarif', seed, { lang: 'fr', color: false, baseline }));
    assert.equal(sarifProblems(log), undefined);
    const states = log.runs[0].results.map((result: { baselineState: string; partialFingerprints: Record<string, string> }) => [result.partialFingerprints['souverain/v1'], result.baselineState]);
    const stateOf = (key: string) => states.find(([candidate]: [string]) => candidate === key)?.[1];
    const ga = allFindings(seed).find((finding) => finding.subject.host === 'www.google-analytics.com')!;
    const recaptcha = allFindings(seed).find((finding) => finding.subject.host === 'www.google.com')!;
    assert.equal(stateOf(findingKey(ga)), 'unchanged');
    assert.equal(stateOf(findingKey(recaptcha)), 'new');
    assert.equal(stateOf('foreign-controlled-third-parties|host|old.example||vendor|google'), 'absent');
  });

  it('is not valid SARIF when a required field is missing (the validator does check)', () => {
    const log = JSON.parse(render('sarif', seed, { lang: 'en', color: false }));
    delete log.runs[0].results[0].message;
    assert.match(sarifProblems(log) ?? '', /required|message/);
  });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

interface TestCase { name: string; classname: string; failure?: { message: string; type: string; '#text': string }; 'system-out'?: string }

function suites(report: AuditReport, options: Partial<RenderOptions> = {}): { suites: { name: string; tests: string; failures: string; testcase: TestCase[]; properties: { property: { name: string; value: string }[] } }[]; tests: string; failures: string } {
  const text = render('junit', report, { lang: 'en', color: false, ...options });
  assert.equal(XMLValidator.validate(text), true, 'well-formed XML');
  const root = xml.parse(text).testsuites;
  return { suites: root.testsuite, tests: root.tests, failures: root.failures };
}

describe('JUnit XML', () => {
  it('has one test case per rule and page; blocking findings fail it', () => {
    const { suites: [suite], tests, failures } = suites(seed);
    assert.equal(suite!.name, seed.collection.pages[0]!.requestedUrl);
    assert.deepEqual(suite!.testcase.map((testcase) => testcase.classname), seed.assessment.rules.map((rule) => `souverain.${rule.id}`));
    const failing = suite!.testcase.filter((testcase) => testcase.failure);
    assert.deepEqual(failing.map((testcase) => testcase.classname), ['souverain.foreign-controlled-third-parties', 'souverain.foreign-operated-servers']);
    assert.equal(failing[0]!.failure!.type, 'violation');
    assert.match(failing[0]!.failure!.message, /^7 blocking finding\(s\): www\.google\.com/);
    assert.match(failing[0]!.failure!['#text'], /www\.google-analytics\.com \(Google Analytics\) is provided by Google → Alphabet/);
    assert.equal(tests, String(seed.assessment.rules.length));
    assert.equal(failures, '2');
    const cookies = suite!.testcase.find((testcase) => testcase.classname === 'souverain.third-party-cookies')!;
    assert.equal(cookies.failure, undefined, 'a rule at level warn does not fail');
    assert.match(cookies['system-out']!, /\[not blocking\] Cookie _GRECAPTCHA/);
    assert.ok(suite!.properties.property.some((property) => property.name === 'souverain.dataSource.ip-location-db/asn' && property.value.includes('built 2026-06-17')));
  });

  it('fails an inconclusive rule as "unknown" (fail closed), and passes a sovereign page', () => {
    const inconclusive = suites(sampleReports.inconclusive!).suites[0]!;
    assert.ok(inconclusive.testcase.some((testcase) => testcase.failure?.type === 'unknown'));
    assert.equal(suites(sampleReports.sovereign!).failures, '0');
  });

  it('fails only on findings the baseline does not accept', () => {
    const { suites: [suite] } = suites(seed, { baseline: partialBaseline() });
    const thirdParties = suite!.testcase.find((testcase) => testcase.classname === 'souverain.foreign-controlled-third-parties')!;
    assert.match(thirdParties.failure!.message, /^6 blocking finding\(s\)/);
    assert.doesNotMatch(thirdParties.failure!['#text'], /google-analytics/);
    assert.match(thirdParties['system-out']!, /\[accepted by the baseline\] www\.google-analytics\.com/);
  });

  it('carries hostile page text as inert, well-formed XML', () => {
    const text = render('junit', sampleReports.hostile!, { lang: 'en', color: false });
    assert.equal(XMLValidator.validate(text), true);
    assert.doesNotMatch(text, /<script>|<img /);
    assert.doesNotMatch(text, /\u001b/, 'no escape character reaches the file');
    assert.ok(xml.parse(text).testsuites.testsuite[0].name.startsWith('https://evil.example/?q="><img'), 'the parsed value is the original text');
  });
});

/** A small RFC 4180 parser: quoted fields, doubled quotes, CRLF records; the file must start with the UTF-8 BOM. */
function parseCsv(file: string, separator = ','): string[][] {
  assert.ok(file.startsWith('\ufeff'), 'UTF-8 byte-order mark first');
  const text = file.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (char === '"') quoted = false; else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) { row.push(field); field = ''; } else if (char === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; } else field += char;
  }
  return rows;
}

describe('CSV', () => {
  it('has one row per host with vendor, operator, parent, country, category and finding', () => {
    const [header, ...rows] = parseCsv(render('csv', seed, { lang: 'en', color: false }));
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assert.equal(rows.length, seed.enrichment.hosts.length);
    const record = (host: string) => Object.fromEntries(header!.map((column, index) => [column, rows.find((row) => row[0] === host)![index]]));
    const ga = record('www.google-analytics.com');
    assert.equal(ga.vendor, 'Google');
    assert.equal(ga.vendor_parent, 'Alphabet');
    assert.equal(ga.vendor_jurisdiction, 'US');
    assert.equal(ga.operator_parent, 'Alphabet');
    assert.equal(ga.server_country, 'US');
    assert.equal(ga.categories, 'analytics');
    assert.equal(ga.findings, 'foreign-controlled-third-parties; foreign-operated-servers');
    assert.equal(ga.blocking, 'yes');
    assert.match(ga.sources!, /ip-location-db\/asn 2\.3\.2026061719 \(2026-06-17\) CC-BY-4\.0/);
    assert.equal(record('www.actu-numerique.example').findings, '');
    assert.equal(parseCsv(render('csv', seed, { lang: 'fr', color: false }))[1]![2], 'première partie');
  });

  it('separates with semicolons for French spreadsheets, quoting cells that hold one', () => {
    const text = render('csv', seed, { lang: 'fr', color: false, csvSeparator: ';' });
    const [header, ...rows] = parseCsv(text, ';');
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assert.equal(rows.length, seed.enrichment.hosts.length);
    assert.ok(rows.every((row) => row.length === CSV_COLUMNS.length));
    const ga = rows.find((row) => row[0] === 'www.google-analytics.com')!;
    assert.equal(ga[CSV_COLUMNS.indexOf('findings')], 'foreign-controlled-third-parties; foreign-operated-servers');
    assert.match(text, /"foreign-controlled-third-parties; foreign-operated-servers"/);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const evil: AuditReport = { ...seed, enrichment: { ...seed.enrichment, hosts: seed.enrichment.hosts.map((host, index) => (index === 0 ? { ...host, registrableDomain: '=HYPERLINK("http://x")' } : host)) } };
    const rows = parseCsv(render('csv', evil, { lang: 'en', color: false }));
    assert.equal(rows[1]![1], `'=HYPERLINK("http://x")`);
  });
});

describe('Markdown', () => {
  it('puts the gate first, then each blocking finding with who brings it in and what to do, then the rest collapsed', () => {
    const text = render('markdown', seed, { lang: 'en', color: false });
    assert.match(text, /^### ❌ souverain: NOT SOVEREIGN\n/);
    assert.match(text, /#### Blocking findings \(7\)\n\n- ❌ `www\.google\.com` \(reCAPTCHA\) — Google → Alphabet \(United States\) — brought in by `www\.actu-numerique\.example\/dossier\/cloud-souverain` — \*\*sovereign alternative:\*\* Friendly Captcha/);
    assert.match(text, /- ❌ `www\.google-analytics\.com` \(Google Analytics\) — .* — brought in by `www\.googletagmanager\.com\/gtag\/js\?id=G-SEED2014`/);
    assert.match(text, /#### Fix plan\n\n1\. /);
    const details = text.slice(text.indexOf('<details>'));
    assert.match(details, /ℹ️ cookie \\_GRECAPTCHA/, 'informative findings have their own mark, inside the collapsed part');
    assert.equal((text.match(/US CLOUD Act/g) ?? []).length, 1, 'each law is named once, in the glossary');
    assert.ok(text.indexOf('#### Blocking findings') < text.indexOf('<details>'));
    const fr = render('markdown', seed, { lang: 'fr', color: false });
    assert.match(fr, /^### ❌ souverain: NON SOUVERAIN\n[\s\S]*#### Constats bloquants \(7\)[\s\S]*Alphabet \(États-Unis\)/);
  });

  it('with a baseline, says "N new blocking findings" before anything else and lists only the new ones outside the collapsed part', () => {
    const text = render('markdown', seed, { lang: 'en', color: false, baseline: partialBaseline() });
    assert.match(text, /^### ❌ souverain: 6 new blocking finding\(s\)\n/);
    assert.match(text, /Baseline `souverain-baseline\.json`: 2 finding\(s\) accepted, 14 new \(12 blocking\), 1 no longer seen\./);
    const open = text.slice(0, text.indexOf('<details>'));
    assert.doesNotMatch(open, /`www\.google-analytics\.com`/, 'the accepted host is not among the new findings');
    assert.match(text.slice(text.indexOf('<details>')), /Accepted by the baseline \(1\)[\s\S]*`www\.google-analytics\.com`/);
    assert.match(text, /No longer seen[\s\S]*`old\.example`/);
  });

  it('says "no new blocking finding" when the baseline accepts everything', () => {
    const everything = compareWithBaseline(seed, createBaseline(seed), 'b.json');
    const text = render('markdown', seed, { lang: 'fr', color: false, baseline: everything });
    assert.match(text, /^### ✅ souverain: aucun nouveau constat bloquant\n/);
    assert.match(text, /Rien de nouveau depuis la référence\./);
  });

  it('links the full report, and stays under 65,000 characters with a note when cut', () => {
    assert.match(render('markdown', seed, { lang: 'en', color: false, reportUrl: 'https://ci.example.org/job/1/report.html' }), /\[Full report\]\(<https:\/\/ci\.example\.org\/job\/1\/report\.html>\)/);
    const many: Finding[] = Array.from({ length: 3000 }, (_, index) => ({
      rule: 'third-party-cookies', blocking: false, kind: 'violation', subject: { type: 'cookie', host: `h${index}.tracker.example`, detail: `c${index}` },
      message: { en: `cookie c${index} ${'x'.repeat(60)}`, fr: `cookie c${index} ${'x'.repeat(60)}` }, broughtInBy: [], evidence: [], provenance: [],
    }));
    const big: AuditReport = { ...seed, assessment: { ...seed.assessment, rules: [...seed.assessment.rules, { id: 'third-party-cookies', title: { en: 'x', fr: 'x' }, status: 'fail', blocking: false, findings: many }] } };
    const baseline = compareWithBaseline(big, { ...createBaseline(seed), entries: [] }, 'b.json');
    const text = render('markdown', big, { lang: 'en', color: false, baseline: { ...baseline, absent: many.map((finding) => ({ key: findingKey(finding) + 'gone', rule: finding.rule, subject: finding.subject, kind: finding.kind, blocking: false, message: { en: 'y'.repeat(2000), fr: 'y'.repeat(2000) } })) } });
    assert.ok(text.length <= 65_000, `${text.length} characters`);
    assert.match(text, /^### ❌ souverain: 7 new blocking finding/);
    assert.match(text, /cut here to stay under 65,000 characters/);
    assert.match(text, /<\/details>\n\n<sub>souverain/, 'the collapsed section is closed');
  });

  it('a page that did not load gives AUDIT FAILED and nothing judged', () => {
    const failed: AuditReport = { ...seed, collection: { ...seed.collection, pages: [{ ...seed.collection.pages[0]!, navigationError: { code: 'unknown-host', message: 'net::ERR_NAME_NOT_RESOLVED' } }] } };
    const text = render('markdown', failed, { lang: 'fr', color: false });
    assert.match(text, /^### ⚠️ souverain: AUDIT ÉCHOUÉ — rien n’a été jugé\.\n/);
    assert.doesNotMatch(text, /conforme|✅|Constats|<details>/);
    assert.ok(text.split('\n').length < 12);
  });

  it('escapes page text so it cannot inject HTML, links or mentions', () => {
    const text = render('markdown', sampleReports.hostile!, { lang: 'en', color: false });
    // Code spans show their content literally (hosts and URLs are put in them); the rest must be escaped.
    const outsideCode = text.replace(/`[^`\n]*`/g, '');
    for (const raw of [/(?<!\\)<script>/, /(?<!\\)<img /, /(?<!\\)<a href/, /(?<!\\)<i onclick/]) assert.doesNotMatch(outsideCode, raw);
    assert.ok(text.includes('`custom"><script>`'), 'the policy id is shown literally, in a code span');
    assert.match(text, /\\<i onclick="alert\('policy'\)"\\>custom\\<\/i\\> policy/);
  });
});

describe('AUDIT FAILED in the CI formats', () => {
  const failed: AuditReport = { ...seed, collection: { ...seed.collection, pages: [{ ...seed.collection.pages[0]!, navigationError: { code: 'unknown-host', message: 'net::ERR_NAME_NOT_RESOLVED' } }] } };

  it('JUnit: one errored case, no rule reported as passing', () => {
    const text = render('junit', failed, { lang: 'en', color: false });
    assert.equal(XMLValidator.validate(text), true);
    assert.match(text, /<testsuites [^>]*tests="1" failures="0" errors="1"/);
    assert.match(text, /<error message="AUDIT FAILED — nothing was judged\. The page could not be loaded \(unknown-host\)/);
    assert.doesNotMatch(text, /souverain\.foreign-/);
  });

  it('SARIF: no result, the failure as a tool notification, still valid', () => {
    const log = JSON.parse(render('sarif', failed, { lang: 'fr', color: false }));
    assert.equal(sarifProblems(log), undefined);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /^AUDIT ÉCHOUÉ — rien n’a été jugé\./);
  });
});
