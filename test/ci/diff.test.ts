import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assess } from '../../src/assess/assess.js';
import { loadPolicy } from '../../src/assess/policy-file.js';
import { diffReports, renderDiff } from '../../src/compare/diff.js';
import { readReportFile } from '../../src/compare/report-file.js';
import type { AuditReport } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';

const seed = sampleReports['seed-not-sovereign']!;

/** The seed page a year later: Google Analytics and its tag manager gone. */
function withoutAnalytics(report: AuditReport): AuditReport {
  const gone = new Set(['www.google-analytics.com', 'www.googletagmanager.com']);
  return {
    ...report,
    generatedAt: '2027-11-30T09:15:02.000Z',
    collection: { ...report.collection, pages: report.collection.pages.map((page) => ({ ...page, requests: page.requests.filter((request) => !gone.has(request.host)) })) },
    enrichment: { ...report.enrichment, hosts: report.enrichment.hosts.filter((host) => !gone.has(host.host)) },
    assessment: { ...report.assessment, rules: report.assessment.rules.map((rule) => ({ ...rule, findings: rule.findings.filter((finding) => !gone.has(finding.subject.host)) })) },
  };
}

describe('diff of two audits', () => {
  it('lists what a page gained: organisations, jurisdictions, hosts, findings, the verdict change', () => {
    const sovereign = sampleReports.sovereign!;
    const diff = diffReports(sovereign, seed);
    assert.equal(diff.verdict.changed, true);
    assert.deepEqual([diff.verdict.old, diff.verdict.new], ['sovereign', 'not-sovereign']);
    assert.deepEqual(diff.organisations.added.map((o) => o.id).sort(), ['alphabet', 'amazon', 'cloudflare']);
    assert.deepEqual(diff.jurisdictions.added, ['US']);
    assert.ok(diff.hosts.added.includes('www.google-analytics.com'));
    assert.ok(diff.findings.added.some((f) => f.subject.host === 'www.google-analytics.com' && f.role === 'vendor' && f.blocking));
    assert.equal(diff.nonSovereignAdded, true);
    assert.equal(diff.notes.length, 1, 'the targets differ');
  });

  it('lists what a page lost, and does not call a removal non-sovereign', () => {
    const diff = diffReports(seed, withoutAnalytics(seed));
    assert.deepEqual(diff.hosts.removed, ['www.google-analytics.com', 'www.googletagmanager.com']);
    assert.deepEqual(diff.hosts.added, []);
    assert.deepEqual(diff.organisations.removed, [], 'Alphabet is still there through reCAPTCHA');
    assert.equal(diff.findings.removed.length, 4);
    assert.equal(diff.findings.added.length, 0);
    assert.equal(diff.nonSovereignAdded, false);
    assert.equal(diff.verdict.changed, false);
  });

  it('says when the two audits were judged under different policies', async () => {
    const eu = await loadPolicy('eu');
    const underEu = { ...seed, assessment: assess(seed.collection, seed.enrichment, eu.policy, eu.source) };
    const diff = diffReports(seed, underEu);
    assert.match(diff.notes[0]!.en, /different policies \("fr" and "eu"\)/);
  });

  it('renders as JSON (the same object) and as text in English and French', () => {
    const diff = diffReports(seed, withoutAnalytics(seed), { old: 'old.json', new: 'new.json' });
    assert.deepEqual(JSON.parse(renderDiff(diff, 'json', { lang: 'en', color: false })), JSON.parse(JSON.stringify(diff)));
    const en = renderDiff(diff, 'terminal', { lang: 'en', color: false });
    assert.match(en, /^souverain diff — old\.json \(2026-11-30 09:15 UTC\) → new\.json \(2027-11-30 09:15 UTC\)/);
    assert.match(en, /Hosts: 0 added, 2 removed\n {2}- www\.google-analytics\.com/);
    assert.match(en, /Nothing non-sovereign was added\./);
    const fr = renderDiff(diff, 'terminal', { lang: 'fr', color: false });
    assert.match(fr, /Hôtes : 0 ajout\(s\), 2 retrait\(s\)/);
    assert.match(fr, /Aucun élément non souverain/);
    assert.doesNotMatch(en, /\u001b\[/, 'no colour unless asked');
  });
});

describe('reading reports to compare', () => {
  it('refuses a report of another major schema version with a clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'souverain-diff-'));
    const file = join(dir, 'future.json');
    await writeFile(file, JSON.stringify({ ...seed, schemaVersion: '2.0.0' }));
    await assert.rejects(readReportFile(file), /future\.json has report schema 2\.0\.0, this souverain reads 1\.x/);
    await writeFile(file, '{"hello": 1}');
    await assert.rejects(readReportFile(file), /is not a souverain JSON report/);
    await writeFile(file, '{');
    await assert.rejects(readReportFile(file), /is not JSON/);
  });
});

describe('diff as a Markdown comment', () => {
  it('puts the gate first, lists what was added, and folds what went away', async () => {
    const { renderDiffMarkdown } = await import('../../src/compare/diff-markdown.js');
    const worse = renderDiffMarkdown(diffReports(sampleReports.sovereign!, seed, { old: 'before.json', new: 'after.json' }), 'en');
    assert.match(worse, /^### ❌ souverain diff: Something non-sovereign was added/);
    assert.match(worse, /\*\*Organisations \(3\)\*\*[\s\S]*Alphabet \(United States\)/);
    assert.match(worse, /- ❌ `foreign-controlled-third-parties` blocking — /);
    const better = renderDiffMarkdown(diffReports(seed, withoutAnalytics(seed)), 'fr');
    assert.match(better, /^### ✅ souverain diff: Aucun élément non souverain n’a été ajouté\./);
    assert.match(better, /Rien n’a été ajouté\./);
    const folded = better.slice(better.indexOf('<details>'));
    assert.match(folded, /`www\.google-analytics\.com`/);
    assert.ok(better.trimEnd().endsWith('</details>'));
  });
});
