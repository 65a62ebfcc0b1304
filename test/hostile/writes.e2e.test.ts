import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { UsageError } from '../../src/errors.js';
import { checkEvidenceDirectory, checkOutputFile, writeFileAtomic } from '../../src/shared/write-file.js';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'souverain-hostile-writes-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the CLI in-process; returns the exit code and what it wrote to stderr. */
async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, env: {}, cwd: root });
  return { code, stderr };
}

describe('outputs are written atomically and never through a link', () => {
  it('replaces a regular file by rename, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(root, 'atomic-'));
    const path = join(dir, 'report.json');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new');
    assert.equal(await readFile(path, 'utf8'), 'new');
    assert.deepEqual(await readdir(dir), ['report.json']);
  });

  it('refuses a symbolic link as destination and leaves its target untouched', async () => {
    const dir = await mkdtemp(join(root, 'link-'));
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    await symlink(victim, join(dir, 'report.json'));
    await assert.rejects(writeFileAtomic(join(dir, 'report.json'), 'x'), /symbolic link/);
    await assert.rejects(checkOutputFile(join(dir, 'report.json')), /symbolic link/);
    assert.equal(await readFile(victim, 'utf8'), 'precious');
  });

  it('refuses a FIFO as destination without blocking', async () => {
    const fifo = join(await mkdtemp(join(root, 'fifo-')), 'out.json');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(checkOutputFile(fifo), /not a regular file/);
  });

  it('an output under /proc or in a missing read-only place is a clear error', async () => {
    await assert.rejects(checkOutputFile('/proc/self/souverain/report.json'), (error: UsageError) => /cannot write \/proc\/self\/souverain\/report\.json/.test(error.message));
    await assert.rejects(checkOutputFile('/proc/version'), UsageError);
  });

  it('an evidence directory must be new or empty, and not a link', async () => {
    const full = await mkdtemp(join(root, 'full-'));
    await writeFile(join(full, 'old.txt'), 'x');
    await assert.rejects(checkEvidenceDirectory(full), /is not empty/);
    const link = join(root, 'evidence-link');
    await symlink(await mkdtemp(join(root, 'empty-')), link);
    await assert.rejects(checkEvidenceDirectory(link), /symbolic link/);
    const fresh = join(root, 'new', 'evidence');
    await checkEvidenceDirectory(fresh);
    assert.deepEqual(await readdir(fresh), []);
  });
});

describe('destinations are checked before any browser starts', () => {
  // --chromium /bin/false would fail at launch: the destination error must come first.
  it('audit --output under /proc: one line, exit 2, before the browser', async () => {
    const { code, stderr } = await cli(['audit', 'https://www.example.invalid/', '--output', '/proc/self/x/r.json', '--chromium', '/bin/false', '--no-infra']);
    assert.equal(code, 2);
    assert.match(stderr, /^souverain: cannot write \/proc\/self\/x\/r\.json/m);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  });

  it('audit --evidence into a non-empty directory: refused before the browser', async () => {
    const full = await mkdtemp(join(root, 'evidence-full-'));
    await mkdir(join(full, 'sub'));
    const { code, stderr } = await cli(['audit', 'https://www.example.invalid/', '--evidence', full, '--chromium', '/bin/false', '--no-infra']);
    assert.equal(code, 2);
    assert.match(stderr, /evidence directory .* is not empty/);
  });

  it('a FIFO given as policy, baseline or report is refused, not waited on', async () => {
    const fifo = join(await mkdtemp(join(root, 'fifo-in-')), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const policy = await cli(['audit', 'https://www.example.invalid/', '--policy', fifo, '--chromium', '/bin/false', '--no-infra']);
    assert.equal(policy.code, 2);
    assert.match(policy.stderr, /not a regular file/);
    const baseline = await cli(['audit', 'https://www.example.invalid/', '--baseline', fifo, '--chromium', '/bin/false', '--no-infra']);
    assert.match(baseline.stderr, /not a regular file/);
    const report = await cli(['assess', fifo]);
    assert.equal(report.code, 2);
    assert.match(report.stderr, /not a regular file/);
  });
});
