/**
 * Batch throughput on a generated fixture world of N single-page sites:
 *  1. `souverain batch` (in-process, embedded SQLite) at concurrency 1, 2, 4 vs bare Chromium loading the
 *     same pages at the same concurrency in the same run (bare = fresh context, goto 'load', the
 *     audit's minimum dwell, close — as bench/audit.ts), pages/min and the ratio;
 *  2. queue + storage overhead per job (claim + result transaction), p50/p95;
 *  3. with SOUVERAIN_TEST_DATABASE_URL: 1, 2 and 4 `souverain worker` processes (concurrency 1 each) on
 *     the same PostgreSQL, pages/min.
 *
 *   node --import tsx bench/batch.ts [--targets 40] [--concurrency 1,2,4] [--infra] [--workers 1,2,4]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import pg from 'pg';
import { runBatch } from '../src/batch/run-batch.js';
import { findChromium } from '../src/collect/browser.js';
import { chromiumArgs } from '../src/collect/chromium-flags.js';
import { parseConnectTo } from '../src/collect/connect-to.js';
import { startFixtureWorld } from '../src/fixture-world/index.js';
import type { AuditJobOptions } from '../src/queue/job.js';

const { values } = parseArgs({ options: {
  targets: { type: 'string', default: '40' }, concurrency: { type: 'string', default: '1,2,4' },
  infra: { type: 'boolean', default: false }, workers: { type: 'string', default: '1,2,4' },
} });
const N = Number(values.targets);
const levels = values.concurrency.split(',').map(Number);
const MIN_DWELL_MS = 1000;
const FR_IP = '51.91.236.193';
const BIN = fileURLToPath(new URL('../bin/souverain.js', import.meta.url));

const hosts = Array.from({ length: N }, (_, i) => `www.site${i}.fr`);
const world = await startFixtureWorld({
  sites: [
    ...hosts.map((host) => ({ host, routes: {
      '/': { body: `<!doctype html><title>${host}</title><link rel="stylesheet" href="/s.css"><h1>${host}</h1><img src="https://static.cdn-fr.fr/logo.png">` },
      '/s.css': { body: 'h1{color:#123}', contentType: 'text/css' },
    } })),
    { host: 'static.cdn-fr.fr', routes: { '/logo.png': { body: 'PNG', contentType: 'image/png' } } },
  ],
  dns: [...hosts, 'static.cdn-fr.fr'].map((name) => ({ name, type: 'A' as const, value: FR_IP })),
});
const urls = hosts.map((host) => `https://${host}/`);
const job: AuditJobOptions = { policy: 'fr', insecure: true, timeout: 30, infra: values.infra, connectTo: world.connectTo, dnsServer: world.dnsServer };
const dir = mkdtempSync(join(tmpdir(), 'souverain-bench-batch-'));
const targetsFile = join(dir, 'targets.txt');
writeFileSync(targetsFile, `${urls.join('\n')}\n`);

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const perMinute = (pages: number, ms: number): number => Math.round((pages / (ms / 60_000)) * 10) / 10;

async function bare(concurrency: number): Promise<number> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs({ connectTo: world.connectTo.map(parseConnectTo), insecure: true }) });
  const queue = [...urls];
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(MIN_DWELL_MS);
      await context.close();
    }
  }));
  const ms = performance.now() - start;
  await browser.close();
  return ms;
}

async function batch(concurrency: number): Promise<{ ms: number; overhead: number[]; complete: number }> {
  const overhead: number[] = [];
  const start = performance.now();
  const result = await runBatch({ targetsFile, outputDir: join(dir, `batch-c${concurrency}`), concurrency, job, onOverhead: (ms) => overhead.push(ms) });
  const ms = performance.now() - start;
  await result.store.close();
  return { ms, overhead, complete: result.complete };
}

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`bench/batch: ${N} single-page targets, infra ${values.infra ? 'on' : 'off'}, ${new Date().toISOString()} (shared 2-core machine, load average ${load()})`);
const overheadAll: number[] = [];
for (const c of levels) {
  const bareMs = await bare(c);
  const run = await batch(c);
  overheadAll.push(...run.overhead);
  console.log(`[load average ${load()}] concurrency ${c}: bare ${perMinute(N, bareMs)} pages/min, batch ${perMinute(N, run.ms)} pages/min (${run.complete}/${N} complete) → ${Math.round((bareMs / run.ms) * 100)} % of bare; queue+store p50 ${percentile(run.overhead, 50).toFixed(1)} ms p95 ${percentile(run.overhead, 95).toFixed(1)} ms`);
}
console.log(`queue+store overhead per job, all runs: p95 ${percentile(overheadAll, 95).toFixed(1)} ms (n=${overheadAll.length})`);

const serverUrl = process.env.SOUVERAIN_TEST_DATABASE_URL;
if (!serverUrl) console.log('workers: skipped (set SOUVERAIN_TEST_DATABASE_URL, e.g. source scripts/test-postgres.sh)');
else {
  for (const count of values.workers.split(',').map(Number)) {
    const url = await freshDatabase(serverUrl);
    let started = 0;
    const waiting = runBatch({ targetsFile, outputDir: join(dir, `workers-${count}`), concurrency: 0, database: url, job, onStart: () => { started = performance.now(); } });
    while (!started) await new Promise((resolve) => setTimeout(resolve, 50));
    const workers = Array.from({ length: count }, () => spawn(process.execPath, [BIN, 'worker', '--database', url, '--exit-when-idle'], { stdio: 'ignore' }));
    const result = await waiting;
    const ms = performance.now() - started;
    await result.store.close();
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once('close', resolve)))));
    console.log(`${count} worker(s), concurrency 1 each, PostgreSQL: ${perMinute(N, ms)} pages/min (${result.complete}/${N} complete, ${(ms / 1000).toFixed(1)} s; load average ${load()})`);
  }
}
await world.close();

async function freshDatabase(server: string): Promise<string> {
  const name = `souverain_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}
