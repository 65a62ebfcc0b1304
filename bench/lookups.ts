/**
 * Measures the enrich stage's offline look-ups: host → organisation (vendor + control) per
 * second, with and without the memo, and IP → ASN per second; plus the load times of the curated
 * data and of the IP tables. Run: `node --import tsx bench/lookups.ts`.
 */
import { loadKnowledge } from '../src/enrich/knowledge.js';
import { parseIp } from '../src/enrich/ip-address.js';
import { IpLocationDb } from '../src/enrich/sources/ip-location-db/index.js';

const HOSTS = [
  'www.google-analytics.com', 'www.googletagmanager.com', 'fonts.gstatic.com', 'googleads.g.doubleclick.net',
  'connect.facebook.net', 'bucket.s3.eu-west-3.amazonaws.com', 'd111111abcdef8.cloudfront.net', 'cdnjs.cloudflare.com',
  'code.jquery.com', 'static.hotjar.com', 'sdk.privacy-center.org', 'static.klaviyo.com', 'www.example.fr',
  'cdn.jsdelivr.net', 'js.stripe.com', 'widget.intercom.io', 'static.criteo.net', 'x.io.cloud.ovh.net',
];

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/**
 * Look-ups per second by wall time, and by the process's CPU time: on a shared machine (CI, parallel
 * test runs) the CPU-time rate is the one that does not depend on the neighbours.
 */
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

async function main(): Promise<void> {
  let started = performance.now();
  const knowledge = await loadKnowledge();
  console.log(`loadKnowledge (curated YAML + third-party-web): ${Math.round(performance.now() - started)} ms`);

  const rounds = 200_000;
  let sink = 0;
  const memoised = time(() => {
    for (let i = 0; i < rounds; i++) {
      const vendor = knowledge.vendorForHost(HOSTS[i % HOSTS.length] as string);
      if (vendor.status === 'known' && knowledge.controlOf(vendor.value.entity).status === 'known') sink++;
    }
  });
  console.log(`host → organisation (vendor + control, memoised): ${rate(rounds, memoised)}`);

  const fresh = Array.from({ length: 100_000 }, (_, i) => `n${i}.${HOSTS[i % HOSTS.length]}`);
  const cold = time(() => {
    for (const host of fresh) if (knowledge.vendorForHost(host).status === 'known') sink++;
  });
  console.log(`host → vendor (distinct names, no memo hit): ${rate(fresh.length, cold)}`);

  const db = new IpLocationDb();
  started = performance.now();
  db.preloadIpv4();
  console.log(`IPv4 tables load: ${Math.round(performance.now() - started)} ms (${JSON.stringify(db.loadTimings)})`);
  const addresses = Array.from({ length: 200_000 }, (_, i) => parseIp(`${(i * 7919) % 223 + 1}.${(i * 31) % 256}.${(i * 17) % 256}.${i % 256}`)!);
  const ipv4 = time(() => {
    for (const address of addresses) if (db.asn(address)) sink++;
  });
  console.log(`IP → ASN (IPv4, parsed addresses): ${rate(addresses.length, ipv4)}`);
  const viaFacade = time(() => {
    for (let i = 0; i < 100_000; i++) if (knowledge.networkForIp(`142.250.${i % 256}.${(i * 7) % 256}`).status === 'known') sink++;
  });
  console.log(`IP → ASN (Knowledge.networkForIp, text in, attribution out): ${rate(100_000, viaFacade)}`);
  started = performance.now();
  db.asn(parseIp('2a00:1450:4007:80c::200e')!);
  console.log(`IPv6 ASN table load on first IPv6 look-up: ${Math.round(performance.now() - started)} ms`);
  if (sink < 0) console.log(sink);
}

await main();
