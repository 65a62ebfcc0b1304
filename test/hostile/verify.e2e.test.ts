import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assess } from '../../src/assess/assess.js';
import { loadPolicy } from '../../src/assess/policy-file.js';
import { rules } from '../../src/assess/rules/index.js';
import { writeBundle } from '../../src/evidence/bundle.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import type { AuditReport } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';

const sample: AuditReport = sampleReports['seed-not-sovereign']!;
let root: string;

async function bundleUnder(policySource: string): Promise<string> {
  const { policy, source } = await loadPolicy(policySource);
  const report = { ...sample, assessment: assess(sample.collection, sample.enrichment, policy, source, rules) };
  const dir = await mkdtemp(join(root, 'bundle-'));
  await writeBundle(dir, report, { command: ['souverain', 'audit'], startedAt: report.collection.startedAt, finishedAt: report.collection.finishedAt, policy: source });
  return dir;
}

async function manifestPaths(dir: string): Promise<string[]> {
  return (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).trim().split('\n').map((line) => line.split('  ')[1]!);
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'souverain-hostile-verify-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('verify judges with the policy the bundle carries', () => {
  it('ignores a file of the same name in the verifier\'s working directory', async () => {
    const frText = await readFile(new URL('../../data/policies/fr.yaml', import.meta.url), 'utf8');
    const policyPath = join(root, 'policy.yaml');
    await writeFile(policyPath, frText.replace(/^id: fr$/m, 'id: custom'));
    const dir = await bundleUnder(policyPath);
    // Someone else's file with the same path: allows the United States.
    await writeFile(policyPath, frText.replace(/^id: fr$/m, 'id: custom').replace(/allowedJurisdictions: \[([^\]]*)\]/, 'allowedJurisdictions: [$1, US, IE, NL]'));
    const result = await verifyBundle(dir);
    assert.equal(result.intact, true, result.problems.join('; '));
    assert.equal(result.reassessment?.reproduced, true, 'judged with the embedded policy, the saved assessment is reproduced');
    assert.match(result.reassessment?.policySha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(result.reassessment?.policy, policyPath);
  });

  it('an edited policy.json is a changed file', async () => {
    const dir = await bundleUnder('fr');
    const path = join(dir, 'policy.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"FR"', '"US"'));
    const result = await verifyBundle(dir);
    assert.equal(result.intact, false);
    assert.match(result.problems.join('\n'), /policy\.json: SHA-256 does not match/);
  });

  it('a bundle without its policy file asks for --policy rather than reading the working directory', async () => {
    const policyPath = join(root, 'gone.yaml');
    await writeFile(policyPath, await readFile(new URL('../../data/policies/fr.yaml', import.meta.url), 'utf8'));
    const dir = await bundleUnder(policyPath);
    await unlink(join(dir, 'policy.json'));
    const manifest = join(dir, 'SHA256SUMS');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).split('\n').filter((line) => !line.endsWith('policy.json')).join('\n'));
    await assert.rejects(verifyBundle(dir), (error: Error & { hint?: string }) => /does not carry the policy file/.test(error.message) && /--policy/.test(error.hint ?? ''));
    assert.equal((await verifyBundle(dir, { policy: 'eu' })).reassessment?.policy, 'built-in:eu');
  });
});

describe('verify never follows links nor opens special files', () => {
  it('a listed file replaced by a symbolic link to /dev/zero is reported, not read', async () => {
    const dir = await bundleUnder('fr');
    const target = (await manifestPaths(dir)).find((path) => path.endsWith('.har'))!;
    await unlink(join(dir, target));
    await symlink('/dev/zero', join(dir, target));
    const result = await verifyBundle(dir);
    assert.equal(result.intact, false);
    assert.match(result.problems.join('\n'), new RegExp(`${target.replace(/\./g, '\\.')}: .*symbolic link`));
  });

  it('a listed file replaced by a FIFO is reported without blocking', async () => {
    const dir = await bundleUnder('fr');
    const target = (await manifestPaths(dir)).find((path) => path.endsWith('.json') && path !== 'report.json')!;
    await unlink(join(dir, target));
    execFileSync('mkfifo', [join(dir, target)]);
    const result = await verifyBundle(dir);
    assert.equal(result.intact, false);
    assert.match(result.problems.join('\n'), /not a regular file|special file/);
  });

  it('an added symbolic link, FIFO or empty directory is reported', async () => {
    const dir = await bundleUnder('fr');
    await symlink('report.json', join(dir, 'alias.json'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await mkdir(join(dir, 'empty'));
    const problems = (await verifyBundle(dir)).problems.join('\n');
    assert.match(problems, /alias\.json: is a symbolic link/);
    assert.match(problems, /pipe: is a special file/);
    assert.match(problems, /empty: an empty directory was added/);
  });

  it('a path listed twice in SHA256SUMS is an error', async () => {
    const dir = await bundleUnder('fr');
    const manifest = join(dir, 'SHA256SUMS');
    const text = await readFile(manifest, 'utf8');
    const first = text.split('\n')[0]!;
    await writeFile(manifest, `${text}${'0'.repeat(64)}  ${first.split('  ')[1]}\n`);
    const result = await verifyBundle(dir);
    assert.equal(result.intact, false);
    assert.match(result.problems.join('\n'), /lists .* a second time/);
  });
});
