import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from '../../src/report/index.js';
import { LANGS, verdictLabel } from '../../src/report/i18n.js';
import { visibleLength } from '../../src/report/text.js';
import { HOSTILE, sampleReports } from '../fixtures/reports/index.js';

const seed = sampleReports['seed-not-sovereign']!;
const terminal = (name: string, lang: 'en' | 'fr' = 'en', color = false): string =>
  render('terminal', sampleReports[name]!, { lang, color });

const SGR = /\u001b\[[0-9;]*m/g;

describe('terminal report', () => {
  it('puts the verdict and the policy on the first line, in both languages', () => {
    for (const [name, report] of Object.entries(sampleReports)) {
      for (const lang of LANGS) {
        const [first = ''] = terminal(name, lang).split('\n');
        assert.ok(first.includes(verdictLabel(lang, report.assessment.verdict)), `${name}/${lang}: ${first}`);
        assert.ok(first.includes(report.assessment.policy.id), `${name}/${lang} names the policy`);
      }
    }
    assert.match(terminal('seed-not-sovereign').split('\n')[0] ?? '', /^✗ NOT SOVEREIGN — under policy "fr"/);
    assert.match(terminal('sovereign', 'fr').split('\n')[0] ?? '', /^✓ SOUVERAIN — selon la politique « fr »/);
    assert.match(terminal('inconclusive').split('\n')[0] ?? '', /^\? INCONCLUSIVE/);
  });

  it('groups findings under the ultimate parent with its country and laws', () => {
    const lines = terminal('seed-not-sovereign').split('\n');
    const heading = (prefix: string): number => lines.findIndex((line) => line.startsWith(prefix));
    const alphabet = heading('Alphabet (US) — US CLOUD Act, FISA Section 702');
    const amazon = heading('Amazon (US) — US CLOUD Act, FISA Section 702');
    const cloudflare = heading('Cloudflare (US) — ');
    assert.ok(alphabet > 0 && amazon > alphabet && cloudflare > amazon, 'one heading per company, Alphabet first (most hosts)');
    const hostLine = (host: string): number => lines.findIndex((line) => line.startsWith(`  ${host}`));
    for (const host of ['www.google.com', 'www.gstatic.com', 'www.googletagmanager.com', 'www.google-analytics.com', 'stats.g.doubleclick.net']) {
      const at = hostLine(host);
      assert.ok(at > alphabet && at < amazon, `${host} is under Alphabet`);
    }
    assert.ok(hostLine('actu-numerique-medias.s3.eu-west-3.amazonaws.com') > amazon);
    assert.ok(hostLine('cdnjs.cloudflare.com') > cloudflare);
    const google = terminal('seed-not-sovereign').split('\n').slice(hostLine('www.google.com'), hostLine('www.gstatic.com')).join('\n');
    assert.match(google, /role: vendor, operator · company chain: Google → Alphabet · server: US/);
    assert.match(google, /brought in by: www\.actu-numerique\.example\/dossier\/cloud-souverain/);
    assert.match(google, /sovereign alternative: Friendly Captcha/);
  });

  it('shows an Amazon server located in France as under US law', () => {
    const output = terminal('seed-not-sovereign');
    const s3 = output.slice(output.indexOf('\nAmazon (US)'), output.indexOf('\nCloudflare (US)'));
    assert.match(s3, /company chain: Amazon Web Services → Amazon · server: FR/);
  });

  it('lists unknowns with the sources tried, and the capture warnings', () => {
    const output = terminal('inconclusive');
    const unknowns = output.slice(output.indexOf('Unknowns'), output.indexOf('Rules'));
    assert.match(unknowns, /cdn\.mystery-cdn\.example/);
    assert.match(unknowns, /tried: curated-entities, third-party-web/);
    assert.match(output, /Partial capture of https:\/\/boutique\.artisan\.example\/: the 30 s cap was reached/);
    assert.match(output, /TLS certificate errors were ignored \(--insecure\)/);
    assert.match(output, /Collector "storage" failed/);
    assert.ok(output.indexOf('Warnings') < output.indexOf('Findings by company'), 'warnings qualify the verdict before the findings');
  });

  it('prints counts, data sources with versions and the attribution their licence requires', () => {
    const output = terminal('seed-not-sovereign');
    assert.match(output, /pages: 1 · hosts: 9 · third-party hosts: 7 · requests: 11 · cookies: 4 \(3 stored, 1 attempted\) ·\s+third-party companies: 3/);
    assert.match(output, /ip-location-db\/asn\] 2\.3\.2026061719, built 2026-06-17/);
    assert.match(output, /Attribution: ASN data by RouteViews \(University of Oregon\), the NRO and DB-IP/);
  });

  it('uses no ANSI code without colour, and colours the verdict with it', () => {
    for (const name of Object.keys(sampleReports)) assert.ok(!terminal(name).includes('\u001b'), `${name}: no escape`);
    const coloured = terminal('seed-not-sovereign', 'en', true);
    assert.ok(coloured.split('\n')[0]?.startsWith('\u001b['), 'the verdict line is coloured');
    assert.equal(coloured.replace(SGR, ''), terminal('seed-not-sovereign'), 'colour adds codes and nothing else');
  });

  it('keeps every line within 100 columns', () => {
    for (const name of Object.keys(sampleReports)) {
      for (const lang of LANGS) {
        for (const line of terminal(name, lang, true).split('\n')) assert.ok(visibleLength(line) <= 100, `${name}/${lang}: ${line}`);
      }
    }
  });

  it('neutralises escape sequences and bidi overrides that came from the page', () => {
    const plain = terminal('hostile');
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(plain), 'no control character but newlines');
    assert.match(plain, /\\x1b\]0;pwned\\x07\\x1b\[2J\\u202eevil/, 'shown as visible escapes');
    const coloured = terminal('hostile', 'en', true).replace(SGR, '');
    assert.ok(!coloured.includes('\u001b'), 'with colour, the only escapes are colour codes');
    assert.ok(plain.includes(HOSTILE.target), 'the hostile URL is printed as text');
  });

  it('says when the page could not be loaded at all', () => {
    const failed = structuredClone(seed);
    const page = failed.collection.pages[0]!;
    page.navigationError = { code: 'unknown-host', message: 'www.actu-numerique.example does not resolve' };
    const output = render('terminal', failed, { lang: 'en', color: false });
    assert.match(output.split('\n').slice(0, 6).join('\n').replace(/\n\s+/g, ' '), /The page could not be loaded \(unknown-host\): www\.actu-numerique\.example does not resolve/);
  });
});

describe('terminal first screen', () => {
  it('opens with the sentence, both bars, the organisations and the fix plan, within 80 columns', () => {
    for (const lang of ['en', 'fr'] as const) {
      const lines = render('terminal', sampleReports['seed-not-sovereign']!, { lang, color: false }).split('\n');
      const end = lines.indexOf(lang === 'fr' ? 'Détails' : 'Details');
      assert.ok(end > 10, `${lang}: the first screen ends with its marker`);
      const first = lines.slice(0, end);
      for (const line of first) assert.ok([...line].length <= 80, `${lang}: ${[...line].length} columns: ${line}`);
      const text = first.join('\n').replace(/\n\s+/g, ' ');
      assert.match(text, lang === 'fr' ? /requêtes sur \d+ .* droit américain/ : /\d+ of \d+ requests .* under US law/);
      assert.match(text, /[█▓▒░]{10,}/, 'text bars');
      assert.match(text, /\[US\] Alphabet/);
      assert.match(text, lang === 'fr' ? /1\. .*supprime/ : /1\. .*removes/);
    }
  });
});
