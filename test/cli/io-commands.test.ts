import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sampleReports } from '../fixtures/reports/index.js';
import { runInProcess } from './in-process.js';

// `assess` and `diff` write through the `io` given to main(argv, io): a test in the same process sees
// their reports, summaries and comparisons (nothing goes to process.stdout behind its back).

let dir: string;
const cli = (args: string[]) => runInProcess([...args, '--no-config'], { cwd: dir });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-io-'));
  await writeFile(join(dir, 'seed.json'), JSON.stringify(sampleReports['seed-not-sovereign']));
  await writeFile(join(dir, 'sovereign.json'), JSON.stringify(sampleReports.sovereign));
});

describe('assess writes through io', () => {
  it('the JSON report goes to io.stdout, re-judged under the policy asked for', async () => {
    const result = await cli(['assess', join(dir, 'seed.json'), '--policy', 'eu', '--format', 'json']);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { assessment: { policy: { source: string }; verdict: string } };
    assert.equal(report.assessment.verdict, 'not-sovereign');
    assert.match(report.assessment.policy.source, /eu/);
  });

  it('with a file output, the terminal summary goes to io.stdout', async () => {
    const result = await cli(['assess', join(dir, 'sovereign.json'), '--output', join(dir, 'out.json'), '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /sovereign/i);
    assert.doesNotMatch(result.stdout, /^\{/, 'the summary, not the JSON');
  });
});

describe('diff writes through io', () => {
  it('the terminal diff goes to io.stdout and exits 1 when a blocking violation was added', async () => {
    const result = await cli(['diff', join(dir, 'sovereign.json'), join(dir, 'seed.json')]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /google|alphabet/i);
  });

  it('the JSON diff goes to io.stdout', async () => {
    const result = await cli(['diff', join(dir, 'seed.json'), join(dir, 'sovereign.json'), '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const diff = JSON.parse(result.stdout) as { nonSovereignAdded: boolean };
    assert.equal(diff.nonSovereignAdded, false);
  });
});
