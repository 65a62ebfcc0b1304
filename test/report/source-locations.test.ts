/**
 * SARIF positions in the repository: --source-dir finds the template line that loads a host (or the
 * script host that brought it in), a baseline file gives the line of an accepted entry, and with
 * neither the result points at a stable virtual path. Every output passes GitHub's location rules.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createBaseline, serialiseBaseline } from '../../src/compare/baseline.js';
import { findingKey } from '../../src/report/findings.js';
import { render } from '../../src/report/index.js';
import { resolveSourceLocations } from '../../src/report/source-locations.js';
import { githubProblems } from '../ci/sarif-validator.js';
import { sampleReports } from '../fixtures/reports/index.js';

const seed = sampleReports['seed-not-sovereign']!;

function resultFor(log: any, host: string): any {
  return log.runs[0].results.find((result: any) => result.properties.subject.host === host);
}

describe('SARIF source locations', () => {
  it('points a host at the first template line that names it, and a script-loaded host at the script host that brought it in', async () => {
    const root = mkdtempSync(join(tmpdir(), 'souverain-src-'));
    mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'x', 'a.html'), '<script src="https://www.google.com/recaptcha/api.js"></script>\n');
    writeFileSync(join(root, 'templates', 'base.html'), [
      '<!doctype html>',
      '<link rel="stylesheet" href="/css/site.css">',
      '<!-- notwww.google.com is not the host -->',
      '<script src="https://www.google.com/recaptcha/api.js?hl=fr"></script>',
      '<script src="https://www.googletagmanager.com/gtag/js?id=G-SEED2014"></script>',
    ].join('\n'));
    const locations = await resolveSourceLocations(seed, { sourceDir: join(root, 'templates'), root });
    const log = JSON.parse(render('sarif', seed, { lang: 'en', color: false, sourceLocations: locations }));
    assert.deepEqual(githubProblems(log), []);
    const recaptcha = resultFor(log, 'www.google.com').locations[0].physicalLocation;
    assert.equal(recaptcha.artifactLocation.uri, 'templates/base.html');
    assert.equal(recaptcha.region.startLine, 4);
    // www.google-analytics.com appears in no template: gtag (line 5) brought it in.
    const analytics = resultFor(log, 'www.google-analytics.com').locations[0].physicalLocation;
    assert.deepEqual([analytics.artifactLocation.uri, analytics.region.startLine], ['templates/base.html', 5]);
    assert.ok(log.runs[0].artifacts.some((artifact: any) => artifact.location.uri === 'templates/base.html'));
  });

  it('anchors findings to their baseline entry line, else to the baseline file, relative to the root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'souverain-baseline-'));
    const file = join(root, 'ci', 'souverain-baseline.json');
    mkdirSync(join(root, 'ci'));
    const baseline = createBaseline(seed);
    writeFileSync(file, serialiseBaseline({ ...baseline, entries: baseline.entries.filter((entry) => entry.subject.host === 'www.google-analytics.com') }));
    const locations = await resolveSourceLocations(seed, { baselineFile: file, policySource: 'built-in:fr', root });
    const log = JSON.parse(render('sarif', seed, { lang: 'fr', color: false, sourceLocations: locations }));
    assert.deepEqual(githubProblems(log), []);
    const analytics = seed.assessment.rules.flatMap((rule) => rule.findings).find((finding) => finding.subject.host === 'www.google-analytics.com')!;
    const lines = serialiseBaseline({ ...baseline, entries: baseline.entries.filter((entry) => entry.subject.host === 'www.google-analytics.com') }).split('\n');
    const expectedLine = lines.findIndex((line) => line.includes(JSON.stringify(findingKey(analytics)))) + 1;
    const position = resultFor(log, 'www.google-analytics.com').locations[0].physicalLocation;
    assert.deepEqual([position.artifactLocation.uri, position.region.startLine], ['ci/souverain-baseline.json', expectedLine]);
    assert.ok(expectedLine > 1);
    const other = resultFor(log, 'cdnjs.cloudflare.com').locations[0].physicalLocation;
    assert.deepEqual([other.artifactLocation.uri, other.region.startLine], ['ci/souverain-baseline.json', 1]);
  });

  it('uses the policy file when there is no baseline', async () => {
    const root = mkdtempSync(join(tmpdir(), 'souverain-policy-'));
    const locations = await resolveSourceLocations(seed, { policySource: join(root, 'policy', 'eu.yaml'), root });
    assert.deepEqual(locations.fallback, { uri: 'policy/eu.yaml', startLine: 1 });
  });

  it('the check catches what GitHub rejects: a page URL as artifact location', () => {
    const log = JSON.parse(render('sarif', seed, { lang: 'en', color: false }));
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'https://www.actu-numerique.example/';
    delete log.runs[0].results[1].locations[0].physicalLocation.region;
    const problems = githubProblems(log);
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /repository-relative/);
    assert.match(problems[1]!, /startLine/);
  });
});
