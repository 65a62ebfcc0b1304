/**
 * Whole-process timings, the way a user runs souverain (node bin/souverain.js …, after npm run build):
 *   --version, policy explain fr, assess of the demo seed report (saved JSON), and a whole-process
 *   `audit` of the demo page against a bare Chromium run (launch, load, 1 s dwell, close) of the same
 *   page. Variants alternate run by run (paired), so each sees the same machine load; p50/p95 reported.
 *
 *   npm run build && node --import tsx bench/startup.ts [--runs 10] [--no-audit | --no-startup] [--before OTHER/bin/souverain.js]
 *
 * --before adds the same commands (start-up and audit) run with another build (e.g. a worktree of an older commit), paired.
 *
 * The audit uses the fixture world (loopback HTTP(S) + DNS) through --connect-to/--dns-server, as the
 * end-to-end tests do; no traffic leaves the machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../src/collect/browser.js';
import { chromiumArgs } from '../src/collect/chromium-flags.js';
import { parseConnectTo } from '../src/collect/connect-to.js';
import { DEMO_SEED_URL, demoWorldOptions } from '../src/fixture-world/demo.js';
import { startFixtureWorld } from '../src/fixture-world/index.js';
import { sampleReports } from '../test/fixtures/reports/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, 'no-audit': { type: 'boolean', default: false }, 'no-startup': { type: 'boolean', default: false }, before: { type: 'string' } } });
const runs = Number(values.runs);
const BIN = fileURLToPath(new URL('../bin/souverain.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'souverain-bench-startup-'));
const reportFile = join(dir, 'seed.json');
writeFileSync(reportFile, JSON.stringify(sampleReports['seed-not-sovereign']));

/** Wall time of one process, from spawn to exit. */
function timedProcess(command: string, args: string[]): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: dir, stdio: 'ignore', env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    child.on('error', reject);
    // 0 and 1 are verdicts; anything else means the measured run failed and its time means nothing.
    child.on('exit', (code) => (code === 0 || code === 1 ? resolve(performance.now() - start) : reject(new Error(`${command} ${args.slice(0, 2).join(' ')} exited ${code}`))));
  });
}

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function measure(variants: Record<string, () => Promise<number>>): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (const variant of Object.values(variants)) await variant(); // warm the file cache once
  for (let i = 0; i < runs; i++) {
    for (const [name, variant] of Object.entries(variants)) samples[name]!.push(await variant());
  }
  return samples;
}

function print(samples: Record<string, number[]>): void {
  for (const [name, values] of Object.entries(samples)) {
    console.log(`${name.padEnd(34)} p50 ${(percentile(values, 50) / 1000).toFixed(2)} s   p95 ${(percentile(values, 95) / 1000).toFixed(2)} s   (n=${values.length})`);
  }
}

const souverain = (...args: string[]) => () => timedProcess(process.execPath, [BIN, ...args, '--no-config']);
/** The start-up commands with one build (`bin`), named with `prefix`. */
function startupVariants(bin: string, prefix: string): Record<string, () => Promise<number>> {
  const run = (...args: string[]) => () => timedProcess(process.execPath, [bin, ...args]);
  return {
    [`${prefix}souverain --version`]: run('--version'),
    [`${prefix}souverain policy explain fr`]: run('policy', 'explain', 'fr', '--no-config'),
    [`${prefix}souverain assess seed.json`]: run('assess', reportFile, '--output', join(dir, `${prefix.replace(/\W/g, '')}out.json`), '--format', 'json', '--no-config'),
  };
}
console.log(`souverain start-up, whole process, ${runs} paired runs (machine shared: figures are relative); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${cpus().length} CPUs`);
if (!values['no-startup']) {
  print(await measure({
    'node -e 0 (floor)': () => timedProcess(process.execPath, ['-e', '0']),
    ...startupVariants(BIN, ''),
    ...(values.before ? startupVariants(values.before, 'before: ') : {}),
  }));
}

if (!values['no-audit']) {
  const world = await startFixtureWorld(demoWorldOptions());
  const connect = world.connectTo.flatMap((rule) => ['--connect-to', rule]);
  // Bare Chromium: the same flags, a fresh profile, load, 1 s dwell, close — as its own process too.
  const bareScript = `
    const { chromium } = await import(${JSON.stringify(import.meta.resolve('playwright-core'))});
    const browser = await chromium.launch({ executablePath: ${JSON.stringify(findChromium())}, args: ${JSON.stringify(chromiumArgs({ connectTo: world.connectTo.map(parseConnectTo), insecure: true }))} });
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await page.goto(${JSON.stringify(DEMO_SEED_URL)}, { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 1000));
    await browser.close();`;
  try {
    const samples = await measure({
      'bare Chromium launch+load+1s+close': () => timedProcess(process.execPath, ['--input-type=module', '-e', bareScript]),
      'souverain audit (whole process)': souverain('audit', DEMO_SEED_URL, ...connect, '--dns-server', world.dnsServer, '--insecure', '--format', 'json', '--output', join(dir, 'audit.json')),
      ...(values.before ? { 'before: souverain audit': () => timedProcess(process.execPath, [values.before!, 'audit', DEMO_SEED_URL, ...connect, '--dns-server', world.dnsServer, '--insecure', '--format', 'json', '--output', join(dir, 'before-audit.json'), '--no-config']) } : {}),
    });
    print(samples);
    const audits = samples['souverain audit (whole process)']!;
    const bare = samples['bare Chromium launch+load+1s+close']!;
    const ratio = percentile(audits, 50) / percentile(bare, 50);
    // Each audit over the bare run just before it: both saw about the same machine load.
    const paired = audits.map((ms, i) => ms / bare[i]!);
    if (values.before) {
      const before = samples['before: souverain audit']!.map((ms, i) => ms / bare[i]!);
      console.log(`before: audit / bare Chromium, paired ratios p50 ${percentile(before, 50).toFixed(2)}×`);
    }
    console.log(`audit / bare Chromium: p50 over p50 ${ratio.toFixed(2)}×, paired ratios p50 ${percentile(paired, 50).toFixed(2)}× (min ${Math.min(...paired).toFixed(2)}×, max ${Math.max(...paired).toFixed(2)}×)`);
  } finally {
    await world.close();
  }
}
console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
