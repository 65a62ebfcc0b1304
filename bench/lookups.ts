/**
 * Measures the enrich stage's offline look-ups on the BUILT code (dist/, as `souverain lookup` runs
 * it; run `npm run build` first). Issue 8 targets in brackets:
 * - data load: curated data + third-party-web, fresh each round, and cold in a plain node process (≤ 0.5 s);
 * - host → organisation (vendor + control): 10,000 distinct real-looking names in a fresh process
 *   state ("first pass", every answer built for the first time), then 30,000 names never seen
 *   before, 100 % distinct (≥ 300 k/s), then the 10,000 names repeated (≥ 1 M/s);
 * - IP → ASN; RSS of a separate plain `node` process with every table loaded (≤ 150 MB).
 *
 *   npm run build && node --import tsx bench/lookups.ts [--rounds 5] [--before OTHER_CHECKOUT]
 *
 * Rates are per second of the main thread's own CPU time (Linux /proc schedstat; wall time
 * elsewhere): on a machine shared with other work this is the figure that does not count the time
 * spent waiting for a core. --before loads another build (a checkout with its own dist/) in the same
 * process and alternates the two round by round (paired), so the ratio survives the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

type KnowledgeModule = typeof import('../src/enrich/knowledge.js');
type OfflineKnowledge = Awaited<ReturnType<KnowledgeModule['loadOfflineKnowledge']>>;

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, before: { type: 'string' } } });
const rounds = Number(values.rounds);
const ROOT = resolve(import.meta.dirname, '..');

/** Milliseconds of CPU time the main thread has used (wall time where /proc is not available). */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const hasSchedstat = existsSync(SCHEDSTAT);
function threadMs(): number {
  return hasSchedstat ? Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6 : performance.now();
}

function timed(run: () => void): number {
  const started = threadMs();
  run();
  return threadMs() - started;
}

async function importDist(root: string): Promise<KnowledgeModule> {
  const file = resolve(root, 'dist/enrich/knowledge.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build in ${root}`);
  return (await import(pathToFileURL(file).href)) as KnowledgeModule;
}

const PREFIXES = ['www', 'cdn', 'static', 'api', 'js', 'img', 'eu', 'tag', 'assets', 'collect'];

/**
 * 10,000 distinct names as a page sees them: sub-domains of third-party-web's domains and of the
 * curated patterns and owned domains, plus names nobody knows — one in five (a site's own names).
 */
function realisticHosts(knowledge: OfflineKnowledge, count: number): string[] {
  const domains = [
    ...knowledge.seed.entities().flatMap((entity) => entity.domains.map((domain) => domain.replace(/^\*\./, '').toLowerCase())),
    ...knowledge.curated.services.flatMap((service) => service.hosts.filter((host) => !host.includes('*'))),
    ...[...knowledge.curated.entities.values()].flatMap((entity) => entity.domains ?? []),
  ];
  const hosts = new Set<string>();
  for (let i = 0; hosts.size < count; i++) {
    const base = domains[(i * 7919) % domains.length] as string;
    hosts.add(i % 5 === 4 ? `${PREFIXES[i % PREFIXES.length]}.site-${i}.example.fr` : `${PREFIXES[i % PREFIXES.length]}${i >= domains.length ? i : ''}.${base}`);
  }
  return [...hosts];
}

interface Sample {
  loadMs: number;
  firstPass: number;
  neverSeen: number;
  repeated: number;
}

let sink = 0;

/** One round on a fresh load of `module`: rates in look-ups per second of main-thread CPU. */
async function round(module: KnowledgeModule, round: number): Promise<Sample> {
  let knowledge: OfflineKnowledge | undefined;
  const loadStarted = threadMs();
  knowledge = await module.loadOfflineKnowledge();
  const loadMs = threadMs() - loadStarted;
  const hosts = realisticHosts(knowledge, 10_000);
  const lookUp = (host: string) => {
    const vendor = knowledge!.vendorForHost(host);
    if (vendor.status === 'known' && knowledge!.controlOf(vendor.value.entity).status === 'known') sink++;
  };
  const first = timed(() => hosts.forEach(lookUp));
  const never = hosts.map((host, i) => `x${round}-${i}.${host}`).concat(hosts.map((host, i) => `y${round}-${i}.${host}`), hosts.map((host, i) => `z${i}.q${round}.${host}`));
  const neverMs = timed(() => never.forEach(lookUp));
  const repeats = 2_000_000;
  const repeatedMs = timed(() => {
    for (let i = 0; i < repeats; i++) lookUp(hosts[i % hosts.length] as string);
  });
  knowledge = undefined;
  return { loadMs, firstPass: (hosts.length / first) * 1000, neverSeen: (never.length / neverMs) * 1000, repeated: (repeats / repeatedMs) * 1000 };
}

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const perSecond = (rate: number) => `${Math.round(rate).toLocaleString('en')}/s`;

/** RSS of a plain node process (no tsx) that loads every table, IPv6 included. */
function memoryOfBuiltProcess(root: string): string {
  const script = `
    const { loadOfflineKnowledge } = await import(${JSON.stringify(pathToFileURL(resolve(root, 'dist/enrich/knowledge.js')).href)});
    const before = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const knowledge = await loadOfflineKnowledge();
    const loadWall = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    for (const ip of ['142.250.74.238', '2a00:1450:4007:80c::200e']) { knowledge.networkForIp(ip); knowledge.locationForIp(ip); }
    const after = process.memoryUsage().rss;
    console.log(JSON.stringify({ before, after, peak: process.resourceUsage().maxRSS * 1024, loadWall, loadCpu: (user + system) / 1000 }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (child.status !== 0) return `failed: ${child.stderr.trim().split('\n')[0]}`;
  const { before, after, peak, loadWall, loadCpu } = JSON.parse(child.stdout) as { before: number; after: number; peak: number; loadWall: number; loadCpu: number };
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  return `cold data load (curated + third-party-web, code already imported) ${Math.round(loadWall)} ms wall, ${Math.round(loadCpu)} ms CPU [target ≤ 500 ms]; `
    + `${mb(after)} RSS with every table loaded, IPv6 too, peak ${mb(peak)} (the process with its code before loading: ${mb(before)}; tables ≈ ${mb(after - before)}) [target ≤ 150 MB]`;
}

async function main(): Promise<void> {
  const variants: [string, KnowledgeModule][] = [['this build', await importDist(ROOT)]];
  if (values.before) variants.push([`before (${values.before})`, await importDist(values.before)]);
  console.log(`look-ups on dist/, ${rounds} rounds${variants.length > 1 ? ', variants alternating round by round' : ''}; rates per second of main-thread CPU${hasSchedstat ? '' : ' (wall time: no /proc)'}; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  const samples = new Map<string, Sample[]>(variants.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, module] of r % 2 === 0 ? variants : [...variants].reverse()) samples.get(name)!.push(await round(module, r));
  }
  for (const [name, list] of samples) {
    const m = (key: keyof Sample) => median(list.map((sample) => sample[key]));
    console.log(`\n${name} (medians of ${list.length}):`);
    console.log(`  data load again (curated data, owned domains, third-party-web; code warm): ${Math.round(m('loadMs'))} ms main-thread CPU`);
    console.log(`  host → organisation, 10,000 distinct names, first pass (answers built): ${perSecond(m('firstPass'))}`);
    console.log(`  host → organisation, 30,000 names never seen (100 % distinct): ${perSecond(m('neverSeen'))} [target ≥ 300 k/s]`);
    console.log(`  host → organisation, the 10,000 names repeated: ${perSecond(m('repeated'))} [target ≥ 1 M/s]`);
  }
  if (variants.length > 1) {
    const [now, before] = [...samples.values()] as [Sample[], Sample[]];
    const ratio = (key: keyof Sample) => (median(now.map((s) => s[key])) / median(before.map((s) => s[key]))).toFixed(2);
    console.log(`\nthis build / before (look-up rates, > 1 = faster): first pass ${ratio('firstPass')}×, never seen ${ratio('neverSeen')}×, repeated ${ratio('repeated')}×`);
  }

  const { IpLocationDb } = (await import(pathToFileURL(resolve(ROOT, 'dist/enrich/sources/ip-location-db/index.js')).href)) as typeof import('../src/enrich/sources/ip-location-db/index.js');
  const { parseIp } = (await import(pathToFileURL(resolve(ROOT, 'dist/enrich/ip-address.js')).href)) as typeof import('../src/enrich/ip-address.js');
  const db = new IpLocationDb();
  const tableMs = timed(() => db.preloadIpv4());
  console.log(`\nIPv4 tables load (ASN + country): ${Math.round(tableMs)} ms main-thread CPU (${JSON.stringify(db.loadTimings)} ms wall)`);
  const addresses = Array.from({ length: 200_000 }, (_, i) => parseIp(`${(i * 7919) % 223 + 1}.${(i * 31) % 256}.${(i * 17) % 256}.${i % 256}`)!);
  const ipMs = timed(() => {
    for (const address of addresses) if (db.asn(address)) sink++;
  });
  console.log(`IP → ASN (IPv4, parsed addresses): ${perSecond((addresses.length / ipMs) * 1000)}`);
  console.log(`plain node process of this build: ${memoryOfBuiltProcess(ROOT)}`);
  if (values.before) console.log(`same, before: ${memoryOfBuiltProcess(values.before)}`);
  if (sink < 0) console.log(sink);
}

await main();
