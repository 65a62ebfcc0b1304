/**
 * bench/server.ts — the monitoring server at observatory size.
 *
 *   node --import tsx bench/server.ts [--sites 10000] [--audits 100000] [--runs 60]
 *
 * Generates SITES sites and AUDITS finished audits (rows, with organisations; no report bodies) in a
 * fresh SQLite database, starts the server in this process and measures, over RUNS sequential
 * requests each: the overview page (server-side render, first page and a filtered page), a site page,
 * the organisations page, and the API list endpoints. Then starts `souverain serve` as a separate
 * process on an empty database and reads its idle RSS (VmRSS) after it settled.
 * Figures only (p50/p95 in ms): nothing asserts, the machine may be shared.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { newApiToken, newSecret, tokenHash } from '../src/server/auth.js';
import { startServer } from '../src/server/serve.js';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const SITES = arg('sites', 10_000);
const AUDITS = arg('audits', 100_000);
const RUNS = arg('runs', 60);
const VERDICTS = ['sovereign', 'not-sovereign', 'inconclusive'];
const ORGS = [['alphabet', 'Alphabet', 'US', 'US CLOUD Act, FISA 702'], ['amazon', 'Amazon', 'US', 'US CLOUD Act, FISA 702'], ['ovh', 'OVH Groupe', 'FR', ''], ['microsoft', 'Microsoft', 'US', 'US CLOUD Act, FISA 702'], ['cloudflare', 'Cloudflare', 'US', 'US CLOUD Act']] as const;

function generate(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const insertSite = db.prepare('INSERT INTO srv_sites (url, name, group_name, tags, policy, consent, journey, schedule, next_audit_at, created_at) VALUES (?, ?, ?, ?, ?, \'\', \'\', ?, ?, ?)');
  const insertAudit = db.prepare('INSERT INTO srv_audits (site_id, status, origin, verdict, created_at, started_at, finished_at) VALUES (?, \'done\', \'schedule\', ?, ?, ?, ?)');
  const insertOrg = db.prepare('INSERT INTO srv_audit_orgs (audit_id, site_id, organisation, name, jurisdiction, laws) VALUES (?, ?, ?, ?, ?, ?)');
  const setLast = db.prepare('UPDATE srv_sites SET last_audit_id = ?, last_audit_at = ?, last_verdict = ? WHERE id = ?');
  const start = Date.parse('2026-01-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 1; i <= SITES; i++) {
      insertSite.run(`https://www.site-${i}.fr/`, `Site ${i}`, `group-${i % 40}`, `tag-${i % 7},tag-${i % 11}`, 'fr', i % 3 ? 'weekly' : '', new Date(start + 86_400_000 * 400).toISOString(), new Date(start).toISOString());
    }
    const perSite = Math.max(1, Math.floor(AUDITS / SITES));
    let auditId = 0;
    for (let i = 1; i <= SITES; i++) {
      for (let n = 0; n < perSite; n++) {
        const at = new Date(start + 86_400_000 * 7 * n + i * 1000).toISOString();
        const verdict = VERDICTS[(i * 7 + n * 3) % 3]!;
        auditId = Number(insertAudit.run(i, verdict, at, at, at).lastInsertRowid);
        if (n === perSite - 1) {
          for (const [id, name, country, laws] of ORGS.slice(0, 1 + (i % ORGS.length))) insertOrg.run(auditId, i, id, name, country, laws);
          setLast.run(auditId, at, verdict, i);
        }
      }
    }
  })();
  db.close();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(label: string, url: string, headers: Record<string, string>): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.text();
    if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
    if (i >= 3) times.push(performance.now() - started); // three warm-up requests
    bytes = body.length;
  }
  console.log(`${label.padEnd(44)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms   (${(bytes / 1024).toFixed(0)} KiB)`);
}

async function idleRss(dir: string): Promise<number> {
  const bin = fileURLToPath(new URL('../bin/souverain.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve', '--database', join(dir, 'idle.db'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('listening on')) resolve(); });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  child.kill('SIGTERM');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'souverain-bench-server-'));
  try {
    const database = join(dir, 'bench.db');
    // Create the schema through the server itself, then fill it.
    const empty = await startServer({ database, port: 0, host: '127.0.0.1', publicMode: false, audit: { connectTo: [], insecure: false, timeoutSeconds: 30, infra: true, allowPrivateTargets: false, allowAddresses: [] }, print: () => {}, log: () => {} });
    await empty.close();
    const generatedAt = performance.now();
    generate(database);
    console.log(`generated ${SITES} sites and ${AUDITS} audits in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`);

    const server = await startServer({ database, port: 0, host: '127.0.0.1', publicMode: false, audit: { connectTo: [], insecure: false, timeoutSeconds: 30, infra: true, allowPrivateTargets: false, allowAddresses: [] }, print: () => {}, log: () => {} });
    try {
      const sessionToken = newSecret();
      const user = await server.store.userByName('admin');
      await server.store.createSession(tokenHash(sessionToken), user!.id, newSecret(), new Date(Date.now() + 3600_000).toISOString());
      const apiToken = newApiToken();
      await server.store.createToken('bench', tokenHash(apiToken), 'read');
      const page = { cookie: `souverain_session=${sessionToken}` };
      const api = { authorization: `Bearer ${apiToken}` };
      await measure('GET / (overview, first 50 sites)', `${server.url}/`, page);
      await measure('GET /?offset=9000 (overview, page 181)', `${server.url}/?offset=9000`, page);
      await measure('GET /?verdict=not-sovereign&tag=tag-3', `${server.url}/?verdict=not-sovereign&tag=tag-3`, page);
      await measure('GET /?q=site-99 (search)', `${server.url}/?q=site-99`, page);
      await measure('GET /sites/5000 (timeline)', `${server.url}/sites/5000`, page);
      await measure('GET /organisations', `${server.url}/organisations`, page);
      await measure('GET /api/sites?limit=50', `${server.url}/api/sites?limit=50`, api);
      await measure('GET /api/sites?limit=200&offset=9800', `${server.url}/api/sites?limit=200&offset=9800`, api);
      await measure('GET /api/sites?verdict=sovereign', `${server.url}/api/sites?verdict=sovereign`, api);
      await measure('GET /api/sites/5000/audits', `${server.url}/api/sites/5000/audits`, api);
      await measure('GET /api/organisations', `${server.url}/api/organisations`, api);
      await measure('GET /api/deliveries', `${server.url}/api/deliveries`, api);
    } finally {
      await server.close();
    }
    console.log(`idle RSS of \`souverain serve\` (separate process, empty database, 5 s after start): ${(await idleRss(dir)).toFixed(0)} MB`);
  } finally {
    if (process.env.KEEP_BENCH_DB) console.log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

await main();
