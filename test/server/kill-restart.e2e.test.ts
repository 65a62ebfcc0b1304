import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import { runCli } from '../e2e/helpers.js';

// `souverain serve` killed with SIGKILL (with its Chromium: the whole process group, as a power loss
// would) while its worker holds an audit job, then started again with the same command: every
// requested audit ends with exactly one stored result, nothing stored before the kill is redone,
// and the audit cut short left nothing behind that looks complete. Real server process, real
// Chromium, the loopback fixture world, the embedded SQLite database. Four page loads in all.

const BIN = fileURLToPath(new URL('../../bin/souverain.js', import.meta.url));
const FR_IP = '51.91.236.193'; // OVH (AS16276), FR
const HOSTS = ['www.premier.fr', 'www.lent.fr', 'www.dernier.fr'];

let world: FixtureWorld;
let dir: string;
let database: string;
let token = '';
let server: ChildProcess | undefined;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-serve-kill-'));
  database = join(dir, 'server.db');
  world = await startFixtureWorld({
    sites: HOSTS.map((host) => ({
      host,
      // The second site answers slowly: the server is killed while its worker waits for it.
      routes: { '/': { body: `<!doctype html><title>${host}</title><p>Bonjour</p>`, ...(host === 'www.lent.fr' ? { delayMs: 6000 } : {}) } },
    })),
    dns: HOSTS.map((name) => ({ name, type: 'A' as const, value: FR_IP })),
  });
  const created = await runCli(['serve', 'token', 'create', '--database', database, '--scope', 'write']);
  assert.equal(created.code, 0, created.stderr);
  token = created.stdout.trim();
});

after(async () => {
  if (server?.exitCode === null) killGroup(server, 'SIGKILL');
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts `souverain serve` in its own process group; resolves with its URL once it listens. */
async function startServe(extra: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const args = [
    BIN, 'serve', '--database', database, '--port', '0', '--timeout', '15', '--no-infra', '--insecure',
    ...world.connectTo.flatMap((c) => ['--connect-to', c]), '--dns-server', world.dnsServer,
    '--allow-address', `127.0.0.1:${world.httpPort}`, '--allow-address', `127.0.0.1:${world.httpsPort}`, ...extra,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch { /* already gone */ }
}

interface Row { job_key: string; id: string; status: string; report: string | null }

function read<T>(query: string): T[] {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

const results = (): Row[] => read<Row>('SELECT job_key, id, status, report FROM audits ORDER BY job_key');
const activeJobs = (): { job_key: string; attempts: number }[] => read("SELECT job_key, attempts FROM jobs WHERE state = 'active'");

async function until<T>(what: string, probe: () => T | undefined, seconds = 120): Promise<T> {
  for (let i = 0; i < seconds * 5; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('souverain serve killed mid-audit', () => {
  it('after kill -9 and a restart: no job lost, none stored twice, no partial report stored as complete', async () => {
    const first = await startServe();
    server = first.child;
    const api = (url: string, path: string, method = 'GET', body?: unknown) =>
      fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const siteIds: number[] = [];
    for (const host of HOSTS) {
      const created = await api(first.url, '/api/sites', 'POST', { url: `https://${host}/` });
      assert.equal(created.status, 201);
      siteIds.push(((await created.json()) as { id: number }).id);
    }
    for (const id of siteIds) assert.equal((await api(first.url, `/api/sites/${id}/audits`, 'POST')).status, 202);

    // Kill when one result is stored and the worker holds the slow site's job.
    const inFlight = await until('a job in flight after a stored result', () => {
      const stored = results();
      const held = activeJobs().find((job) => !stored.some((row) => row.job_key === job.job_key));
      return stored.length >= 1 && held ? held : undefined;
    });
    killGroup(server, 'SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
    const beforeRestart = results();
    assert.ok(beforeRestart.length >= 1 && beforeRestart.length < HOSTS.length, `killed mid-way (${beforeRestart.length} stored)`);
    assert.equal(beforeRestart.find((row) => row.job_key === inFlight.job_key), undefined, 'the audit cut short stored nothing');
    assert.ok(beforeRestart.every((row) => row.status === 'complete' && row.report?.includes('"assessment"')), 'what was stored is whole');

    // Same command again: the dead server's job is taken again at once, the rest follow.
    const second = await startServe();
    server = second.child;
    const finished = await waitFinished(second.url, siteIds, api);
    killGroup(server, 'SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));

    const stored = results();
    assert.equal(stored.length, HOSTS.length, 'every requested audit has a result');
    assert.equal(new Set(stored.map((row) => row.job_key)).size, HOSTS.length, 'no job stored twice');
    for (const earlier of beforeRestart) {
      assert.equal(stored.find((row) => row.job_key === earlier.job_key)?.id, earlier.id, 'a result stored before the kill is kept, not redone');
    }
    assert.ok(stored.every((row) => row.status === 'complete'));
    const retried = read<{ job_key: string; attempts: number; state: string }>('SELECT job_key, attempts, state FROM jobs');
    assert.ok(retried.every((job) => job.state === 'done'));
    assert.equal(retried.find((job) => job.job_key === inFlight.job_key)?.attempts, 2, 'the interrupted job was run again once');
    // The timelines: one finished audit per site, sovereign, and no second entry.
    assert.deepEqual(finished.map((audits) => audits.map((a) => [a.status, a.verdict])), HOSTS.map(() => [['done', 'sovereign']]));
  });
});

describe('souverain serve --no-worker', () => {
  it('leaves the audit to a `souverain worker` process; its result joins the timeline, stored once', async () => {
    const { child, url } = await startServe(['--no-worker']);
    server = child;
    const api: Api = (base, path, method = 'GET', body) =>
      fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const created = await api(url, '/api/sites', 'POST', { url: 'https://www.dernier.fr/?worker' });
    const { id } = (await created.json()) as { id: number };
    assert.equal((await api(url, `/api/sites/${id}/audits`, 'POST')).status, 202);
    const worker = await runCli(['worker', '--database', database, '--exit-when-idle']);
    assert.equal(worker.code, 0, worker.stderr);
    assert.match(worker.stdout, /✓ https:\/\/www\.dernier\.fr\/\?worker/);
    const [timeline] = await waitFinished(url, [id], api);
    killGroup(child, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.deepEqual(timeline!.map((a) => [a.status, a.verdict]), [['done', 'sovereign']]);
    const stored = read<{ worker: string }>(`SELECT worker FROM audits WHERE site_id = '${id}'`);
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.worker.split(':')[1], String(child.pid), 'stored by the worker process, not the server');
  });
});

type Api = (url: string, path: string, method?: string, body?: unknown) => Promise<Response>;

async function waitFinished(url: string, siteIds: number[], api: Api): Promise<{ status: string; verdict: string | null }[][]> {
  for (let i = 0; i < 600; i++) {
    const timelines = await Promise.all(siteIds.map(async (id) => ((await (await api(url, `/api/sites/${id}/audits`)).json()) as { items: { status: string; verdict: string | null }[] }).items));
    if (timelines.every((items) => items.length > 0 && items.every((a) => a.status === 'done' || a.status === 'failed'))) return timelines;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the audits did not finish after the restart');
}
