/**
 * Whole-site throughput: souverain's site audit of the 200-page fixture site (crawl via links and
 * sitemap, one fresh context per page, full capture: CDP observation, cookies, storage, screenshot,
 * links) against bare Chromium loading the same 200 pages at the same concurrency, in the same run.
 * Bare = a fresh context, goto(waitUntil: 'load'), the same dwell and quiet window, close: what any
 * browser-based audit must at least pay. Peak memory = the highest sum of PSS over Chromium's
 * processes (from /proc), divided by the concurrency.
 *
 *   node --import tsx bench/site.ts [--concurrency 1,2,4] [--dwell 500] [--quiet 500] [--pages 200]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../src/collect/browser.js';
import { chromiumArgs } from '../src/collect/chromium-flags.js';
import { parseConnectTo } from '../src/collect/connect-to.js';
import { auditSite } from '../src/core/run-site-audit.js';
import { startFixtureWorld, type FixtureWorld } from '../src/fixture-world/index.js';
import { SITE, siteWorldOptions } from '../test/site/site-world.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '1,2,4' },
    dwell: { type: 'string', default: '500' },
    quiet: { type: 'string', default: '500' },
    pages: { type: 'string', default: '200' },
  },
});
const levels = values.concurrency.split(',').map(Number);
const wait = { minDwellMs: Number(values.dwell), quietWindowMs: Number(values.quiet) };
const maxPages = Number(values.pages);

/** Sum of PSS (kB → bytes) of every descendant process of this one: Chromium and its renderers. */
function descendantsPss(): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let cursor = parent.get(pid);
    while (cursor && cursor !== process.pid) cursor = parent.get(cursor);
    if (cursor !== process.pid) continue;
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += Number(pss?.[1] ?? 0) * 1024;
    } catch {
      // ended
    }
  }
  return total;
}

async function withPeakMemory<T>(run: () => Promise<T>): Promise<{ result: T; peak: number; ms: number }> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, descendantsPss())), 300);
  const started = Date.now();
  try {
    const result = await run();
    return { result, peak, ms: Date.now() - started };
  } finally {
    clearInterval(timer);
  }
}

async function souverain(world: FixtureWorld, concurrency: number): Promise<string[]> {
  const report = await auditSite({
    url: `${SITE}/`, connectTo: world.connectTo, dnsServer: world.dnsServer, insecure: true, infra: false, policy: 'fr',
    maxPages, perPattern: 1000, exclude: ['*/agenda/*'], concurrency, wait, timeoutSeconds: 30,
  });
  const crawl = report.collection.crawl!;
  if (crawl.failed > 0) process.stderr.write(`warning: ${crawl.failed} pages failed\n`);
  return report.collection.pages.map((p) => p.finalUrl);
}

async function bareLoad(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    let last = Date.now();
    page.on('request', () => (last = Date.now()));
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const dwellEnd = Date.now() + wait.minDwellMs;
    while (Date.now() < Math.max(dwellEnd, last + wait.quietWindowMs)) await new Promise((r) => setTimeout(r, 25));
  } finally {
    await context.close();
  }
}

async function bare(world: FixtureWorld, urls: string[], concurrency: number): Promise<void> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs({ connectTo: world.connectTo.map(parseConnectTo), insecure: true }) });
  try {
    const queue = [...urls];
    const worker = async () => {
      for (let url = queue.shift(); url; url = queue.shift()) await bareLoad(browser, url);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await browser.close();
  }
}

const world = await startFixtureWorld(siteWorldOptions());
const rows: string[] = [];
try {
  for (const concurrency of levels) {
    const ours = await withPeakMemory(() => souverain(world, concurrency));
    const urls = ours.result;
    const theirs = await withPeakMemory(() => bare(world, urls, concurrency));
    const perMinute = (n: number, ms: number) => (n / (ms / 60_000)).toFixed(1);
    const ratio = ((urls.length / ours.ms) / (urls.length / theirs.ms)) * 100;
    rows.push(`| ${concurrency} | ${urls.length} | ${perMinute(urls.length, ours.ms)} | ${perMinute(urls.length, theirs.ms)} | ${ratio.toFixed(0)} % | ${(ours.peak / concurrency / 2 ** 20).toFixed(0)} MB | ${(theirs.peak / concurrency / 2 ** 20).toFixed(0)} MB |`);
    process.stderr.write(`${rows.at(-1)}\n`);
  }
} finally {
  await world.close();
}
process.stdout.write([
  `Site audit of the ${maxPages}-page fixture site (dwell ${wait.minDwellMs} ms, quiet ${wait.quietWindowMs} ms)`,
  '',
  '| concurrency | pages | souverain pages/min | bare Chromium pages/min | souverain / bare | peak PSS per concurrent page (souverain) | (bare) |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
].join('\n'));
