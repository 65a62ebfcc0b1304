/**
 * Evidence about the site's own infrastructure: where its name points (CNAME chain, addresses), who
 * serves its DNS zone (NS), who receives and who sends its mail (MX, SPF, DKIM keys of common
 * selectors), who receives its DMARC reports, and which CA vouches for its certificate. Observations only: attribution happens in enrich/infrastructure.ts.
 *
 * Every look-up goes through the DnsClient (so every answer lands in Collection.dns), is bounded by
 * the client's timeout, and the branches run in parallel under one deadline. Failures are recorded
 * as problems, never thrown: this runs beside the browser capture and must not sink the audit.
 */
import { isIP } from 'node:net';
import { dnsZoneApexOf } from '../shared/url.js';
import type { DkimObservation, DmarcObservation, InfraHostResolution, InfraMailDomain, InfraNameServers, InfrastructureCollection, SpfObservation, TlsObservation } from '../types.js';
import { connectTarget, type ConnectToRule } from './connect-to.js';
import { normaliseDnsName, resolveHost, type DnsClient } from './dns.js';
import { collectDkim } from './dns-dkim.js';
import { collectDmarc } from './dns-dmarc.js';
import { followSpf } from './dns-spf.js';
import { observeTlsCertificate } from './tls-certificate.js';

export interface InfrastructureOptions {
  /** --connect-to rules: the TLS handshake goes where they say, with the site's name as SNI. */
  connectTo: ConnectToRule[];
  /** Bound for one connection (the TLS handshake), milliseconds. */
  timeoutMs: number;
  /** Bound for the whole collection, milliseconds (default 5000): what is late is dropped and reported. */
  budgetMs?: number;
  /** Extra trusted roots (PEM) when judging `authorized`, e.g. the fixture world's CAs. */
  ca?: string;
}

/** MX and NS hosts whose addresses are looked up: more are listed but not resolved. */
const MAX_RESOLVED_SERVERS = 4;
/** Zones tried between the host and its registrable domain, most specific first. */
const MAX_ZONE_LEVELS = 4;
const DEFAULT_BUDGET_MS = 5000;

/**
 * Collects the site's infrastructure evidence.
 *
 * @example
 * const infra = await collectInfrastructure('https://www.example.fr/', dns, { connectTo: [], timeoutMs: 5000 });
 * infra.site?.cnameChain // ['d111.cloudfront.net']
 */
export async function collectInfrastructure(targetUrl: string, client: DnsClient, options: InfrastructureOptions): Promise<InfrastructureCollection> {
  const url = new URL(targetUrl);
  const host = normaliseDnsName(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  // DNS delegation follows the ICANN suffixes: the zone apex, not the "site" (private suffixes).
  const registrableDomain = dnsZoneApexOf(host);
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const deadline = Date.now() + budgetMs;
  const problems: string[] = [];
  const bounded = <T>(what: string, work: Promise<T>) => withDeadline(work, deadline, () => {
    problems.push(`${what}: not finished within ${budgetMs} ms`);
    return undefined;
  });

  if (isIP(host) !== 0) {
    const tls = url.protocol === 'https:' ? await bounded('TLS certificate', tlsOf(host, [host], url, options, deadline)) : undefined;
    problems.push(`${host} is an IP address: no DNS zone, mail or SPF to examine`);
    return { host, registrableDomain: host, ...(tls ? { tls } : {}), site: { host, cnameChain: [], addresses: [host] }, problems };
  }

  const domains = [...new Set([registrableDomain, host])];
  const sitePromise = bounded('site resolution', resolved(client, host));
  const mailPromise = bounded('mail exchangers', Promise.all(domains.map((domain) => collectMail(client, domain))));
  const spfPromise = bounded('SPF', Promise.all(domains.map((domain) => followSpf(client, domain, { deadline }))));
  const dmarcPromise = bounded('DMARC', Promise.all(domains.map((domain) => collectDmarc(client, domain))));
  const [site, nameServers, mail, spf, dkim, dmarc, tls] = await Promise.all([
    sitePromise,
    bounded('name servers', collectNameServers(client, host, registrableDomain)),
    mailPromise,
    spfPromise,
    bounded('DKIM keys', dkimOf(client, registrableDomain, host, Promise.all([mailPromise, spfPromise, dmarcPromise]))),
    dmarcPromise,
    url.protocol === 'https:'
      ? sitePromise.then((s) => bounded('TLS certificate', tlsOf(host, s?.addresses ?? [], url, options, deadline)))
      : Promise.resolve(undefined),
  ]);
  if (site?.problem) problems.push(`site ${host}: ${site.problem}`);
  if (url.protocol !== 'https:') problems.push(`${host} was audited over plain HTTP: no certificate to examine`);
  return {
    host,
    registrableDomain,
    ...(tls ? { tls } : {}),
    ...(site ? { site } : {}),
    ...(nameServers ? { nameServers } : {}),
    ...(mail ? { mail } : {}),
    ...(spf ? { spf } : {}),
    ...(dkim ? { dkim } : {}),
    ...(dmarc ? { dmarc } : {}),
    problems,
  };
}

/**
 * DKIM keys under the registrable domain, and under the site host only when the host handles mail
 * of its own (an MX, SPF or DMARC record of its own): a www host signs nothing, and the selector
 * walk is most of the branch's questions.
 */
async function dkimOf(client: DnsClient, registrableDomain: string, host: string, mailSignals: Promise<[InfraMailDomain[] | undefined, SpfObservation[] | undefined, DmarcObservation[] | undefined]>): Promise<DkimObservation[]> {
  const apex = collectDkim(client, registrableDomain);
  if (host === registrableDomain) return [await apex];
  const [mail, spf, dmarc] = await mailSignals;
  const ownMail = mail?.some((m) => m.domain === host && m.exchanges.length > 0)
    || spf?.some((s) => s.domain === host && s.status !== 'none' && s.status !== 'failed')
    || dmarc?.some((d) => d.domain === host && d.status !== 'none' && d.status !== 'failed');
  return ownMail ? Promise.all([apex, collectDkim(client, host)]) : [await apex];
}

/** Resolves `work`, or calls `onLate` at the deadline (the work keeps running, its result is dropped). */
function withDeadline<T>(work: Promise<T>, deadline: number, onLate: () => undefined): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(onLate()), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function resolved(client: DnsClient, host: string): Promise<InfraHostResolution> {
  const { addresses, cnameChain, problem } = await resolveHost(client, host);
  return { host, cnameChain, addresses, ...(problem ? { problem } : {}) };
}

/** The names from the host up to its registrable domain: www.a.example.fr → [www.a.example.fr, a.example.fr, example.fr]. */
function zoneCandidates(host: string, registrableDomain: string): string[] {
  const names: string[] = [];
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) {
    const name = labels.slice(i).join('.');
    names.push(name);
    if (name === registrableDomain) break;
  }
  if (!names.includes(registrableDomain)) names.push(registrableDomain);
  // Keep the most specific names and always the registrable domain.
  return names.length <= MAX_ZONE_LEVELS ? names : [...names.slice(0, MAX_ZONE_LEVELS - 1), registrableDomain];
}

/** NS of the most specific name that has some: a delegated sub-zone wins over the parent zone. */
async function collectNameServers(client: DnsClient, host: string, registrableDomain: string): Promise<InfraNameServers> {
  const candidates = zoneCandidates(host, registrableDomain);
  const answers = await Promise.all(candidates.map((name) => client.resolve(name, 'NS')));
  const found = answers.find((answer) => answer.status === 'ok');
  if (!found) {
    const apex = answers[answers.length - 1]!;
    return { zone: apex.name, status: apex.status, hosts: [] };
  }
  const hosts = await Promise.all(found.values.map((ns, i) => (i < MAX_RESOLVED_SERVERS ? resolved(client, ns) : Promise.resolve({ host: ns, cnameChain: [], addresses: [] }))));
  return { zone: found.name, status: found.status, hosts };
}

async function collectMail(client: DnsClient, domain: string): Promise<InfraMailDomain> {
  const answer = await client.resolve(domain, 'MX');
  const exchanges = answer.values.map(parseMx).filter((mx): mx is { priority: number; host: string } => mx !== undefined);
  // RFC 7505 "null MX" (priority 0, target ".") says the domain accepts no mail: nothing to resolve.
  const real = exchanges.filter((mx) => mx.host !== '');
  const withAddresses = await Promise.all(real.map(async (mx, i) => ({
    priority: mx.priority,
    ...(i < MAX_RESOLVED_SERVERS ? await resolved(client, mx.host) : { host: mx.host, cnameChain: [], addresses: [] }),
  })));
  return { domain, status: answer.status, exchanges: withAddresses };
}

/** "10 mx.example.fr" → { priority: 10, host: 'mx.example.fr' }. */
export function parseMx(value: string): { priority: number; host: string } | undefined {
  const match = /^(\d+)\s+(\S*)$/.exec(value.trim());
  if (!match) return undefined;
  return { priority: Number(match[1]), host: normaliseDnsName(match[2] ?? '') };
}

async function tlsOf(host: string, addresses: string[], url: URL, options: InfrastructureOptions, deadline: number): Promise<TlsObservation> {
  const port = url.port ? Number(url.port) : 443;
  const target = connectTarget(options.connectTo, host, port) ?? (addresses[0] ? { address: addresses[0], port } : undefined);
  if (!target) return { host, port, status: 'error', error: `no address for ${host}, no certificate fetched`, chain: [], authorized: false };
  const timeoutMs = Math.max(1, Math.min(options.timeoutMs, deadline - Date.now()));
  return observeTlsCertificate(host, port, { address: target.address, connectPort: target.port, timeoutMs, ...(options.ca ? { ca: options.ca } : {}) });
}

