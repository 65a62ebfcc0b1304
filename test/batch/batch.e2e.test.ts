import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FixtureWorld } from '../../src/fixture-world/index.js';
import { meaningfulStderr, runCli } from '../e2e/helpers.js';
import { batchWorld, worldArgs } from './world.js';

// `souverain batch` end to end: real Chromium, the loopback fixture world, the embedded SQLite store.
const BIN = fileURLToPath(new URL('../../bin/souverain.js', import.meta.url));
let world: FixtureWorld;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-batch-'));
  world = await batchWorld(2);
});
after(async () => world?.close());

const TARGETS = [
  'url,name,group,policy',
  'https://www.site0.fr/,Site 0,prefectures,',
  'www.tracked.fr,"Tracked, with a comma",prefectures,eu',
  'https://www.missing.fr/,Missing,universities,',
  'https://www.site1.fr/,"=HYPERLINK(""x"")",universities,',
  'https://www.site2.fr/,Site 2,universities,',
  'https://www.site3.fr/,Site 3,,',
].join('\n');

function storedAudits(database: string): { job_key: string; id: string; status: string }[] {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT job_key, id, status FROM audits ORDER BY job_key').all() as { job_key: string; id: string; status: string }[];
  } finally {
    db.close();
  }
}

describe('souverain batch (embedded SQLite)', () => {
  it('killed with SIGKILL mid-batch and started again, it resumes: nothing lost, nothing audited twice, nothing half-written', async () => {
    const targets = join(dir, 'targets.csv');
    const out = join(dir, 'out');
    await writeFile(targets, TARGETS);
    const args = ['batch', targets, '--output-dir', out, '--timeout', '15', '--no-infra', ...worldArgs(world)];

    // First run, one target at a time: killed once two outcomes are stored.
    const first = spawn(process.execPath, [BIN, ...args, '--concurrency', '1'], { stdio: 'ignore' });
    const firstClosed = new Promise((resolve) => first.once('close', resolve));
    const database = join(out, 'souverain.db');
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (first.exitCode !== null) break;
      if (existsSync(database) && tableExists(database) && storedAudits(database).length >= 2) break;
    }
    assert.equal(first.exitCode, null, 'the first run was still going when killed');
    first.kill('SIGKILL');
    await firstClosed;
    const beforeRestart = storedAudits(database);
    assert.ok(beforeRestart.length >= 2 && beforeRestart.length < 6, `killed mid-batch (${beforeRestart.length} stored)`);

    const second = await runCli([...args, '--concurrency', '2']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /resuming: \d of 6 targets already audited/);
    const stored = storedAudits(database);
    assert.equal(stored.length, 6, 'every target has an outcome');
    assert.equal(new Set(stored.map((a) => a.job_key)).size, 6, 'no target stored twice');
    for (const earlier of beforeRestart) {
      assert.equal(stored.find((a) => a.job_key === earlier.job_key)?.id, earlier.id, 'an outcome stored before the kill is kept, not redone');
    }

    const reports = await readdir(join(out, 'reports'));
    assert.equal(reports.filter((name) => name.endsWith('.json')).length, 6);
    assert.deepEqual(reports.filter((name) => name.endsWith('.tmp')), [], 'no half-written file left');
    for (const name of reports) JSON.parse(await readFile(join(out, 'reports', name), 'utf8'));

    // The ranking: verdicts, the foreign organisation, failures with their reason, groups, escaping.
    const ranking = JSON.parse(await readFile(join(out, 'ranking.json'), 'utf8'));
    const byUrl = new Map(ranking.rows.map((row: { url: string }) => [row.url, row]));
    const tracked = byUrl.get('https://www.tracked.fr/') as { status: string; policy: string; summary: { foreignOrganisations: { name: string }[]; jurisdictions: Record<string, unknown> } };
    assert.equal(tracked.status, 'not-sovereign');
    assert.equal(tracked.policy, 'eu', 'the per-row policy applies');
    assert.deepEqual(tracked.summary.foreignOrganisations.map((o) => o.name), ['Alphabet']);
    assert.ok('US' in tracked.summary.jurisdictions && 'FR' in tracked.summary.jurisdictions);
    const missing = byUrl.get('https://www.missing.fr/') as { status: string; failureReason: string };
    assert.equal(missing.status, 'failed');
    assert.match(missing.failureReason, /404/);
    assert.equal(ranking.rows[0].url, 'https://www.tracked.fr/', 'the most exposed target ranks first');
    assert.equal(ranking.organisations[0].name, 'Alphabet');
    assert.equal(ranking.organisations[0].targets, 1);
    const universities = ranking.groups.find((g: { group: string }) => g.group === 'universities');
    assert.equal(universities.targets, 3);
    assert.equal(universities.audited, 2, 'a failed target has no verdict to count');

    const csv = await readFile(join(out, 'ranking.csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFFrank,'), 'UTF-8 BOM and the header');
    assert.match(csv, /"Tracked, with a comma"/);
    assert.match(csv, /'=HYPERLINK/, 'a formula from the targets file is neutralised');
    const page = await readFile(join(out, 'ranking.html'), 'utf8');
    assert.match(page, /Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^"]+; script-src &#39;sha256-/);
    assert.doesNotMatch(page, /(src|href)="https?:/, 'no request leaves the page');
    assert.match(page, /<td class="s-not-sovereign">not sovereign<\/td>/, 'the table is rendered without JavaScript');

    // `batch report DIR` writes the same ranking again, at any time, in French when asked.
    const report = await runCli(['batch', 'report', out, '--lang', 'fr']);
    assert.equal(report.code, 0, report.stderr);
    assert.match(await readFile(join(out, 'ranking.html'), 'utf8'), /non souverain/);
  });

  it('refuses a bad targets file before any browser starts, naming file:line', async () => {
    const targets = join(dir, 'bad.txt');
    await writeFile(targets, '# observatory\nhttps://www.site0.fr/\n\nftp://files.example.fr/\n');
    const out = join(dir, 'bad-out');
    const result = await runCli(['batch', targets, '--output-dir', out]);
    assert.equal(result.code, 2);
    const lines = meaningfulStderr(result.stderr);
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /bad\.txt:4: unsupported scheme "ftp:"/);
    assert.equal(existsSync(out), false, 'nothing was started');
  });

  it('says in one line that the database is unavailable (exit 2), without its password', async () => {
    const targets = join(dir, 'one.txt');
    await writeFile(targets, 'https://www.site0.fr/\n');
    const result = await runCli(['batch', targets, '--output-dir', join(dir, 'pg-out'), '--database', 'postgres://auditor:s3cret@127.0.0.1:1/souverain']);
    assert.equal(result.code, 2);
    const lines = meaningfulStderr(result.stderr);
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /database unavailable: postgres:\/\/127\.0\.0\.1:1\/souverain \(.*ECONNREFUSED/);
    assert.doesNotMatch(result.stderr, /s3cret|auditor/);
  });
});

function tableExists(database: string): boolean {
  try {
    const db = new Database(database, { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audits'").get() !== undefined;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
