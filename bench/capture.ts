/**
 * Per-page wall time of capturePage against bare Chromium on the same page in the same run.
 * Bare = a fresh context, page.goto(waitUntil: 'load'), the same minimum dwell, close: what any
 * browser-based audit must at least pay. Runs alternate so both see the same machine load.
 *
 *   node --import tsx bench/capture.ts [--runs 10] [--dwell 1000] [--quiet 1000] [--url URL]
 *
 * Default page: the fixture world's demo replica (≈ 20 third parties through script chains).
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { findChromium, launchBrowser } from '../src/collect/browser.js';
import { capturePage } from '../src/collect/capture-page.js';
import { chromiumArgs } from '../src/collect/chromium-flags.js';
import { parseConnectTo } from '../src/collect/connect-to.js';
import { DEMO_SEED_URL, demoWorldOptions } from '../src/fixture-world/demo.js';
import { startFixtureWorld } from '../src/fixture-world/index.js';
import type { WaitSettings } from '../src/types.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    dwell: { type: 'string', default: '1000' },
    quiet: { type: 'string', default: '1000' },
    timeout: { type: 'string', default: '30000' },
    url: { type: 'string' },
  },
});
const runs = Number(values.runs);
const wait: WaitSettings = { timeoutMs: Number(values.timeout), minDwellMs: Number(values.dwell), quietWindowMs: Number(values.quiet) };

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await run();
  return [performance.now() - start, result];
}

const world = values.url ? undefined : await startFixtureWorld(demoWorldOptions());
const url = values.url ?? DEMO_SEED_URL;
const connectTo = (world?.connectTo ?? []).map(parseConnectTo);
const executablePath = findChromium();

const [ourLaunchMs, audit] = await timed(() => launchBrowser({ connectTo, insecure: true }));
const [bareLaunchMs, bare] = await timed(() => chromium.launch({ executablePath, args: chromiumArgs({ connectTo, insecure: true }) }));

async function bareLoad(): Promise<number> {
  const context = await bare.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: wait.timeoutMs });
  await page.waitForTimeout(wait.minDwellMs);
  await context.close();
  return 0;
}

const ours: number[] = [];
const plain: number[] = [];
let requests = 0;
let hosts = 0;
// One warm-up each: the first load pays for process start-up and certificate generation.
await bareLoad();
await capturePage(audit, url, { wait });
for (let i = 0; i < runs; i++) {
  const [bareMs] = await timed(bareLoad);
  const [ourMs, capture] = await timed(() => capturePage(audit, url, { wait }));
  plain.push(bareMs);
  ours.push(ourMs);
  requests = capture.requests.length;
  hosts = new Set(capture.requests.map((r) => r.host)).size;
  if (capture.partial || capture.navigationError) console.log(`run ${i + 1}: partial=${capture.partial} ${capture.navigationError?.code ?? ''}`);
}
await audit.close();
await bare.close();
await world?.close();

const line = (name: string, samples: number[]) => `${name.padEnd(13)} p50 ${percentile(samples, 50).toFixed(0).padStart(6)} ms   p95 ${percentile(samples, 95).toFixed(0).padStart(6)} ms`;
console.log(`page: ${url} (${requests} requests, ${hosts} hosts); wait: dwell ${wait.minDwellMs} ms, quiet ${wait.quietWindowMs} ms; ${runs} runs each`);
console.log(`launch: capture browser ${ourLaunchMs.toFixed(0)} ms, bare browser ${bareLaunchMs.toFixed(0)} ms`);
console.log(line('bare Chromium', plain));
console.log(line('capturePage', ours));
console.log(`ratio         p50 ${(percentile(ours, 50) / percentile(plain, 50)).toFixed(2)}×     p95 ${(percentile(ours, 95) / percentile(plain, 95)).toFixed(2)}×   (target ≤ 1.5×)`);
