/**
 * What collecting DKIM keys and DMARC report addresses costs an audit: DNS questions asked (by kind)
 * and wall time, for a site whose host is its registrable domain and for a www. host (both domains
 * are examined), against the fixture world's loopback DNS server (real protocol, no traffic leaves
 * the machine). Runs alternate (paired) between the whole infrastructure collection and the DKIM +
 * DMARC branch alone, so both see the same machine load; p50/p95 reported.
 *
 *   node --import tsx bench/mail-authentication.ts [--runs 20]
 *
 * Loopback answers in well under a millisecond: on a real resolver the branch costs about two or
 * three round trips (CNAME, then the chain's next hop and TXT, all selectors in parallel), inside
 * the infrastructure collection's 5 s budget, which it shares with NS, MX, SPF and TLS.
 */
import { parseArgs } from 'node:util';
import { collectDkim, DKIM_SELECTORS } from '../src/collect/dns-dkim.js';
import { collectDmarc } from '../src/collect/dns-dmarc.js';
import { createDnsClient } from '../src/collect/dns.js';
import { collectInfrastructure } from '../src/collect/infrastructure.js';
import { parseConnectTo } from '../src/collect/connect-to.js';
import { startFixtureWorld, type DnsRecordSpec } from '../src/fixture-world/index.js';
import type { DnsAnswer } from '../src/types.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
const KEY = 'v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDZKmUNhK1Yb6Vv';
const dns: DnsRecordSpec[] = [
  { name: 'www.maison.fr', type: 'A', value: '51.91.236.193' },
  { name: 'maison.fr', type: 'A', value: '51.91.236.193' },
  { name: 'maison.fr', type: 'NS', value: 'dns10.ovh.net' },
  { name: 'maison.fr', type: 'MX', value: 'mx1.mail.ovh.net' },
  { name: 'maison.fr', type: 'TXT', value: 'v=spf1 include:mx.ovh.com ~all' },
  { name: 'k1._domainkey.maison.fr', type: 'CNAME', value: 'dkim.mcsv.net' },
  { name: 'dkim.mcsv.net', type: 'TXT', value: KEY },
  { name: 'selector1._domainkey.maison.fr', type: 'CNAME', value: 'selector1-maison-fr._domainkey.maison.onmicrosoft.com' },
  { name: 'selector1-maison-fr._domainkey.maison.onmicrosoft.com', type: 'TXT', value: KEY },
  { name: '_dmarc.maison.fr', type: 'TXT', value: 'v=DMARC1; p=reject; rua=mailto:a@vali.email' },
];
const world = await startFixtureWorld({ sites: [{ host: 'www.maison.fr', tlsIssuer: 'Certigna', routes: { '/': { body: 'ok' } } }, { host: 'maison.fr', tlsIssuer: 'Certigna', routes: { '/': { body: 'ok' } } }], dns });
const connectTo = world.connectTo.map(parseConnectTo);

type Kind = 'dkim' | 'dmarc' | 'other';
const kindOf = (answer: DnsAnswer): Kind => (answer.name.includes('._domainkey.') || answer.name.endsWith('.dkim.mcsv.net') || answer.name === 'dkim.mcsv.net' || answer.name.includes('onmicrosoft') ? 'dkim' : answer.name.startsWith('_dmarc.') ? 'dmarc' : 'other');
const count = (answers: DnsAnswer[]) => {
  const byKind: Record<Kind, number> = { dkim: 0, dmarc: 0, other: 0 };
  for (const answer of answers) byKind[kindOf(answer)]++;
  return byKind;
};

async function whole(url: string): Promise<{ ms: number; answers: DnsAnswer[] }> {
  const client = createDnsClient({ server: world.dnsServer, timeoutMs: 2000 });
  const start = performance.now();
  await collectInfrastructure(url, client, { connectTo, timeoutMs: 3000 });
  return { ms: performance.now() - start, answers: client.answers };
}

async function branch(domains: string[]): Promise<{ ms: number; answers: DnsAnswer[] }> {
  const client = createDnsClient({ server: world.dnsServer, timeoutMs: 2000 });
  const start = performance.now();
  await Promise.all([...domains.map((d) => collectDkim(client, d)), ...domains.map((d) => collectDmarc(client, d))]);
  return { ms: performance.now() - start, answers: client.answers };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms`;

console.log(`${DKIM_SELECTORS.length} selectors per domain; ${runs} paired runs per case`);
for (const [label, url, domains] of [['apex https://maison.fr/', 'https://maison.fr/', ['maison.fr']], ['www https://www.maison.fr/', 'https://www.maison.fr/', ['maison.fr', 'www.maison.fr']]] as const) {
  const wholeMs: number[] = [];
  const branchMs: number[] = [];
  let wholeCount = { dkim: 0, dmarc: 0, other: 0 };
  for (let i = 0; i < runs; i++) {
    const [first, second] = i % 2 === 0 ? [() => whole(url), () => branch([...domains])] : [() => branch([...domains]), () => whole(url)];
    const a = await first();
    const b = await second();
    const w = i % 2 === 0 ? a : b;
    const br = i % 2 === 0 ? b : a;
    wholeMs.push(w.ms);
    branchMs.push(br.ms);
    wholeCount = count(w.answers);
  }
  const total = wholeCount.dkim + wholeCount.dmarc + wholeCount.other;
  console.log(`${label}: DNS questions per audit ${total} (DKIM ${wholeCount.dkim}, DMARC ${wholeCount.dmarc}, NS/MX/SPF/A/CNAME ${wholeCount.other})`);
  console.log(`  whole infrastructure collection: ${fmt(wholeMs)}; DKIM + DMARC branch alone (${domains.join(' + ')}, i.e. a host with mail records of its own): ${fmt(branchMs)}`);
}
await world.close();
