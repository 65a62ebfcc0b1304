/**
 * Whole-audit wall time (capture + DNS + attribution + verdict) against bare Chromium loading the same
 * page in the same run, with and without the infrastructure audit, and the demo's process start → verdict.
 * Bare = a fresh context, page.goto(waitUntil: 'load'), the audit's minimum dwell, close.
 * Runs alternate so every variant sees the same machine load.
 *
 *   node --import tsx bench/audit.ts [--runs 8]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { findChromium, launchBrowser } from '../src/collect/browser.js';
import { chromiumArgs } from '../src/collect/chromium-flags.js';
import { parseConnectTo } from '../src/collect/connect-to.js';
import { audit } from '../src/core/run-audit.js';
import { DEMO_SEED_URL, demoWorldOptions } from '../src/fixture-world/demo.js';
import { startFixtureWorld } from '../src/fixture-world/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '8' } } });
const runs = Number(values.runs);
const MIN_DWELL_MS = 1000;

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const world = await startFixtureWorld(demoWorldOptions());
const connectTo = world.connectTo.map(parseConnectTo);
const browser = await launchBrowser({ connectTo, insecure: true });
const bare = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs({ connectTo, insecure: true }) });
const common = { url: DEMO_SEED_URL, connectTo: world.connectTo, dnsServer: world.dnsServer, insecure: true, browser };

async function bareLoad(): Promise<void> {
  const context = await bare.newContext();
  const page = await context.newPage();
  await page.goto(DEMO_SEED_URL, { waitUntil: 'load' });
  await page.waitForTimeout(MIN_DWELL_MS);
  await context.close();
}

const samples = { bare: [] as number[], audit: [] as number[], noInfra: [] as number[] };
await bareLoad();
await audit({ ...common }); // warm-up: loads the offline data once per process
for (let i = 0; i < runs; i++) {
  samples.bare.push(await timed(bareLoad));
  samples.audit.push(await timed(() => audit({ ...common })));
  samples.noInfra.push(await timed(() => audit({ ...common, infra: false })));
}
await browser.close();
await bare.close();
await world.close();

const line = (name: string, s: number[]) => `${name.padEnd(26)} p50 ${percentile(s, 50).toFixed(0).padStart(6)} ms   p95 ${percentile(s, 95).toFixed(0).padStart(6)} ms`;
console.log(`page: ${DEMO_SEED_URL}; ${runs} runs each, alternating; audit wait: dwell ${MIN_DWELL_MS} ms + quiet window`);
console.log(line('bare Chromium (load+dwell)', samples.bare));
console.log(line('souverain audit', samples.audit));
console.log(line('souverain audit --no-infra', samples.noInfra));
console.log(`audit / bare         p50 ${(percentile(samples.audit, 50) / percentile(samples.bare, 50)).toFixed(2)}×  p95 ${(percentile(samples.audit, 95) / percentile(samples.bare, 95)).toFixed(2)}×  (target ≤ 1.5×)`);
console.log(`infrastructure overhead p50 ${((percentile(samples.audit, 50) / percentile(samples.noInfra, 50) - 1) * 100).toFixed(1)} %  (target ≤ 10 %)`);

const demoDir = mkdtempSync(join(tmpdir(), 'souverain-bench-demo-'));
const bin = new URL('../bin/souverain.js', import.meta.url).pathname;
const demoStart = performance.now();
const demo = spawnSync(process.execPath, [bin, 'demo', '--output-dir', demoDir], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
console.log(`demo (2 audits), process start → verdicts: ${((performance.now() - demoStart) / 1000).toFixed(2)} s, exit ${demo.status}`);
