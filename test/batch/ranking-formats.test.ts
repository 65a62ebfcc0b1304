import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { rankingCsv } from '../../src/batch/formats/csv.js';
import { rankingHtml } from '../../src/batch/formats/html.js';
import { rankingJson } from '../../src/batch/formats/json.js';
import type { Ranking } from '../../src/batch/ranking.js';
import type { AuditSummary } from '../../src/batch/summary.js';

// Everything in a ranking row comes from outside (targets file, pages, data): each format escapes it.
const HOSTILE = '<img src=x onerror=alert(1)>\u202e"\n=cmd|\'/c calc\'!A1';
const summary: AuditSummary = {
  verdict: 'not-sovereign', policy: 'fr', requestCount: 4, hostCount: 2, thirdPartyHostCount: 1,
  foreignOrganisations: [{ name: HOSTILE, jurisdiction: 'US', laws: ['us-cloud-act'] }],
  jurisdictions: { US: { hosts: 1, requests: 3, hostShare: 0.5, requestShare: 0.75 }, FR: { hosts: 1, requests: 1, hostShare: 0.5, requestShare: 0.25 } },
  operators: [], laws: ['us-cloud-act'], foreignHostShare: 0.5, foreignRequestShare: 0.75,
};
const ranking: Ranking = {
  batchId: 'b', generatedAt: '2026-12-05T00:00:00.000Z',
  rows: [{ rank: 1, position: 2, url: 'https://www.a.fr/', name: HOSTILE, group: HOSTILE, status: 'not-sovereign', verdict: 'not-sovereign', failureReason: '', policy: 'fr', summary, reportPath: 'reports/000002-www.a.fr.json', finishedAt: '' },
    { rank: 2, position: 3, url: 'https://www.b.fr/', name: '=HYPERLINK(1)', group: '', status: 'failed', verdict: '', failureReason: 'javascript:alert(1)', policy: 'fr', reportPath: '../../etc/passwd', finishedAt: '' }],
  totals: { targets: 2, 'not-sovereign': 1, failed: 1 },
  organisations: [{ name: HOSTILE, jurisdiction: 'US', targets: 1, share: 0.5 }], laws: [{ law: 'us-cloud-act', targets: 1, share: 0.5 }],
  groups: [{ group: HOSTILE, targets: 1, audited: 1, sovereign: 0, sovereignShare: 0 }],
};

describe('ranking formats', () => {
  it('HTML: no markup from the data, a CSP that allows exactly the inline style and script', () => {
    const page = rankingHtml(ranking, 'en');
    assert.doesNotMatch(page, /<img/);
    assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(page, /\u202e/, 'bidi overrides are shown, not applied');
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const hash = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
    assert.ok(page.includes(`script-src &#39;${hash(script)}&#39;`));
    assert.ok(page.includes(`style-src &#39;${hash(style)}&#39;`));
    assert.match(page, /href="reports\/000002-www\.a\.fr\.json"/);
    assert.doesNotMatch(page, /etc\/passwd"/, 'only report paths the batch wrote become links');
    assert.match(page, /US 50 % \/ 75 %/);
    assert.match(rankingHtml(ranking, 'fr'), /non souverain/);
  });

  it('CSV: BOM, header, one line per target, formulas and line breaks neutralised', () => {
    const csv = rankingCsv(ranking);
    assert.ok(csv.startsWith('\uFEFFrank,position,url,'));
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines.length, 3, 'a line break in a field does not split the row');
    assert.match(lines[2]!, /,'=HYPERLINK\(1\),/, 'a formula is neutralised');
    assert.match(lines[1]!, /US 50 % hosts \/ 75 % requests; FR 50 % hosts \/ 25 % requests/);
  });

  it('JSON: the whole ranking, parseable', () => {
    const parsed = JSON.parse(rankingJson(ranking));
    assert.equal(parsed.schemaVersion, '1');
    assert.equal(parsed.rows[0].summary.foreignOrganisations[0].name, HOSTILE);
  });
});
