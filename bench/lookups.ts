/**
 * Measures the enrich stage's offline look-ups (issue 8 targets in brackets):
 * - data load: curated YAML + third-party-web (≤ 0.5 s), then the IP tables;
 * - host → organisation (vendor + control) over 10,000 distinct real-looking names, repeated
 *   (≥ 1 M/s), and over names never seen before, 100 % distinct (≥ 300 k/s);
 * - IP → ASN; RSS with every table loaded (≤ 150 MB).
 * Run: `node --import tsx bench/lookups.ts`. Rates are given by wall time and by CPU time (on a
 * shared machine the CPU-time rate is the one that does not depend on the neighbours).
 */
import { loadOfflineKnowledge } from '../src/enrich/knowledge.js';
import { parseIp } from '../src/enrich/ip-address.js';
import { IpLocationDb } from '../src/enrich/sources/ip-location-db/index.js';

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function rate(count: number, timing: Timing): string {
  const perSecond = (milliseconds: number) => Math.round((count / milliseconds) * 1000).toLocaleString('en');
  return `${perSecond(timing.wallMs)}/s (CPU time: ${perSecond(timing.cpuMs)}/s)`;
}

function time(run: () => void): Timing {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  run();
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const PREFIXES = ['www', 'cdn', 'static', 'api', 'js', 'img', 'eu', 'tag', 'assets', 'collect'];

/**
 * 10,000 distinct names as a page sees them: sub-domains of third-party-web's domains and of the
 * curated patterns, plus names nobody knows — one in five (a site's own and unknown names).
 */
function realisticHosts(domains: readonly string[], count: number): string[] {
  const hosts = new Set<string>();
  for (let i = 0; hosts.size < count; i++) {
    const base = domains[(i * 7919) % domains.length] as string;
    hosts.add(i % 5 === 4 ? `${PREFIXES[i % PREFIXES.length]}.site-${i}.example.fr` : `${PREFIXES[i % PREFIXES.length]}${i >= domains.length ? i : ''}.${base}`);
  }
  return [...hosts];
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const knowledge = await loadOfflineKnowledge();
  console.log(`data load (curated YAML + owned domains + third-party-web): ${Math.round(performance.now() - started)} ms [target ≤ 500 ms]`);

  const domains = [
    ...knowledge.seed.entities().flatMap((entity) => entity.domains.map((domain) => domain.replace(/^\*\./, '').toLowerCase())),
    ...knowledge.curated.services.flatMap((service) => service.hosts.filter((host) => !host.includes('*'))),
    ...[...knowledge.curated.entities.values()].flatMap((entity) => entity.domains ?? []),
  ];
  const hosts = realisticHosts(domains, 10_000);
  let sink = 0;
  const lookUp = (host: string) => {
    const vendor = knowledge.vendorForHost(host);
    if (vendor.status === 'known' && knowledge.controlOf(vendor.value.entity).status === 'known') sink++;
  };

  const firstPass = time(() => hosts.forEach(lookUp));
  console.log(`host → organisation, 10,000 distinct names, first pass: ${rate(hosts.length, firstPass)}`);
  const rounds = 2_000_000;
  const repeated = time(() => {
    for (let i = 0; i < rounds; i++) lookUp(hosts[i % hosts.length] as string);
  });
  console.log(`host → organisation, the 10,000 names repeated (${rounds.toLocaleString('en')} look-ups): ${rate(rounds, repeated)} [target ≥ 1 M/s]`);

  const distinct = hosts.map((host, i) => `x${i}.${host}`).concat(hosts.map((host, i) => `y${i}.${host}`), hosts.map((host, i) => `z${i}.q.${host}`));
  const cold = time(() => distinct.forEach(lookUp));
  console.log(`host → organisation, ${distinct.length.toLocaleString('en')} names never seen (100 % distinct): ${rate(distinct.length, cold)} [target ≥ 300 k/s]`);
  const known = hosts.filter((host) => knowledge.vendorForHost(host).status === 'known').length;
  console.log(`  (${known} of the 10,000 names have a vendor; ${sink} look-ups reached a known control)`);

  const db = new IpLocationDb();
  started = performance.now();
  db.preloadIpv4();
  console.log(`IPv4 tables load: ${Math.round(performance.now() - started)} ms`);
  const addresses = Array.from({ length: 200_000 }, (_, i) => parseIp(`${(i * 7919) % 223 + 1}.${(i * 31) % 256}.${(i * 17) % 256}.${i % 256}`)!);
  const ipv4 = time(() => {
    for (const address of addresses) if (db.asn(address)) sink++;
  });
  console.log(`IP → ASN (IPv4, parsed addresses): ${rate(addresses.length, ipv4)}`);
  started = performance.now();
  db.asn(parseIp('2a00:1450:4007:80c::200e')!);
  console.log(`IPv6 ASN table load on first IPv6 look-up: ${Math.round(performance.now() - started)} ms`);
  global.gc?.();
  const rss = process.memoryUsage().rss;
  console.log(`RSS with every table loaded: ${mb(rss)} (process before loading: ${mb(rssBefore)}) [target ≤ 150 MB]`);
  if (sink < 0) console.log(sink);
}

await main();
