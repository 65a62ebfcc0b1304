/**
 * souverain's own DNS resolver: every look-up of the tool (host addresses, CNAME chains, NS, MX, TXT)
 * goes through one DnsClient, so all answers land in the report as evidence and all of them go to the
 * same resolver (the system's, or the one given with --dns-server).
 *
 * Node's `dns.lookup()` uses getaddrinfo and ignores `setServers()`; it is never used here. The
 * c-ares `Resolver` is, with one try and a per-query timeout, plus a hard timer in case c-ares waits
 * longer than asked (it retries each configured server).
 */
import { promises as dnsPromises } from 'node:dns';
import { isIP } from 'node:net';
import { LocalisedUsageError } from '../shared/errors.js';
import type { DnsAnswer, DnsRecordType } from '../types.js';

/** A resolver that records every answer it gives. */
export interface DnsClient {
  /** Asks one question (cached per client: the same question is asked once). Never rejects. */
  resolve(name: string, type: DnsRecordType): Promise<DnsAnswer>;
  /** Every answer given so far, in the order they arrived, as evidence. */
  readonly answers: DnsAnswer[];
  /** "system" or the IP[:PORT] of the configured resolver. */
  readonly resolver: string;
}

export interface DnsClientOptions {
  /** "IP", "IP:PORT", "[IPv6]:PORT" from --dns-server; default: the system's resolvers. */
  server?: string;
  /** Per look-up bound, milliseconds. Default 2000. */
  timeoutMs?: number;
}

/** What resolveHost found for one host name. */
export interface ResolvedHost {
  /** IPv4 then IPv6 addresses of the last name of the chain. */
  addresses: string[];
  /** CNAME targets, first target first. */
  cnameChain: string[];
  /** Why the chain or the addresses are incomplete (NXDOMAIN, loop, too long…), when they are. */
  problem?: string;
}

export const DEFAULT_DNS_TIMEOUT_MS = 2000;
/** Longest CNAME chain followed; real chains (Akamai, Azure Front Door) stay well under it. */
export const MAX_CNAME_HOPS = 8;
/** Slack given to c-ares before the hard timer declares a timeout. */
const HARD_TIMEOUT_SLACK_MS = 250;

const DNS_SERVER_HINT = {
  en: 'give an IP address with an optional port, e.g. --dns-server 127.0.0.1:5300 or --dns-server [::1]:53',
  fr: 'donnez une adresse IP, avec un port si besoin, par exemple --dns-server 127.0.0.1:5300 ou --dns-server [::1]:53',
};

/**
 * Parses a --dns-server value into the form `Resolver.setServers()` takes.
 *
 * @example parseDnsServer('127.0.0.1:5300') // '127.0.0.1:5300'
 * @example parseDnsServer('::1') // '::1'
 */
export function parseDnsServer(value: string): string {
  const text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const hostPort = /^([^:]+):(\d+)$/.exec(text);
  const [address, port] = bracketed ? [bracketed[1], bracketed[2]] : hostPort ? [hostPort[1], hostPort[2]] : [text, undefined];
  if (!address || isIP(address) === 0) {
    throw new LocalisedUsageError({ en: `--dns-server "${value}" is not an IP address`, fr: `--dns-server « ${value} » n’est pas une adresse IP` }, DNS_SERVER_HINT);
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw new LocalisedUsageError({ en: `--dns-server "${value}": ${port} is not a port`, fr: `--dns-server « ${value} » : ${port} n’est pas un port` }, DNS_SERVER_HINT);
  }
  if (port === undefined) return address;
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/** A lower-case name without the trailing dot. */
export function normaliseDnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Creates the resolver for all of souverain's own look-ups.
 *
 * @example
 * const dns = createDnsClient({ server: '127.0.0.1:5300', timeoutMs: 2000 });
 * const answer = await dns.resolve('example.fr', 'MX'); // { status: 'ok', values: ['10 mx.example.fr'], … }
 */
export function createDnsClient(options: DnsClientOptions = {}): DnsClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
  const server = options.server !== undefined ? parseDnsServer(options.server) : undefined;
  const resolver = new dnsPromises.Resolver({ timeout: timeoutMs, tries: 1 });
  if (server) resolver.setServers([server]);
  const label = server ?? 'system';
  const answers: DnsAnswer[] = [];
  const cache = new Map<string, Promise<DnsAnswer>>();

  const resolve = (rawName: string, type: DnsRecordType): Promise<DnsAnswer> => {
    const name = normaliseDnsName(rawName);
    const key = `${type} ${name}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = ask(resolver, name, type, timeoutMs, label).then((answer) => {
        answers.push(answer);
        return answer;
      });
      cache.set(key, pending);
    }
    return pending;
  };
  return { resolve, answers, resolver: label };
}

async function ask(resolver: dnsPromises.Resolver, name: string, type: DnsRecordType, timeoutMs: number, label: string): Promise<DnsAnswer> {
  const base = { name, type, resolver: label };
  let timer: NodeJS.Timeout | undefined;
  const hardTimeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEOUT' })), timeoutMs + HARD_TIMEOUT_SLACK_MS);
  });
  try {
    const { values, ttl } = await Promise.race([query(resolver, name, type), hardTimeout]);
    const status = values.length > 0 ? 'ok' : 'nodata';
    return { ...base, status, values, ...(ttl !== undefined ? { ttl } : {}), at: new Date().toISOString() };
  } catch (error) {
    const { status, message } = classify(error);
    return { ...base, status, values: [], ...(message ? { error: message } : {}), at: new Date().toISOString() };
  } finally {
    clearTimeout(timer);
  }
}

type Values = { values: string[]; ttl?: number };

async function query(resolver: dnsPromises.Resolver, name: string, type: DnsRecordType): Promise<Values> {
  switch (type) {
    case 'A':
      return withTtl(await resolver.resolve4(name, { ttl: true }));
    case 'AAAA':
      return withTtl(await resolver.resolve6(name, { ttl: true }));
    case 'CNAME':
      return { values: (await resolver.resolveCname(name)).map(normaliseDnsName) };
    case 'NS':
      return { values: (await resolver.resolveNs(name)).map(normaliseDnsName) };
    case 'MX':
      return { values: (await resolver.resolveMx(name)).sort((a, b) => a.priority - b.priority).map((mx) => `${mx.priority} ${normaliseDnsName(mx.exchange)}`) };
    case 'TXT':
      // A TXT record is a list of character-strings of ≤ 255 bytes; SPF says to join them (RFC 7208 §3.3).
      return { values: (await resolver.resolveTxt(name)).map((chunks) => chunks.join('')) };
  }
}

function withTtl(records: { address: string; ttl: number }[]): Values {
  if (records.length === 0) return { values: [] };
  return { values: records.map((r) => r.address), ttl: Math.min(...records.map((r) => r.ttl)) };
}

/** c-ares error codes → answer status. NOTFOUND is c-ares' name for NXDOMAIN. */
const STATUS_BY_CODE: Record<string, DnsAnswer['status']> = {
  ENODATA: 'nodata',
  ENOTFOUND: 'nxdomain',
  ESERVFAIL: 'servfail',
  EREFUSED: 'refused',
  ETIMEOUT: 'timeout',
};

function classify(error: unknown): { status: DnsAnswer['status']; message?: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const status = STATUS_BY_CODE[code] ?? 'error';
  if (status === 'nodata' || status === 'nxdomain') return { status };
  const message = error instanceof Error ? error.message : String(error);
  return { status, message: code && !message.includes(code) ? `${code}: ${message}` : message };
}

/** Plain words for a failed answer, for problem lists: "www.example.fr A: SERVFAIL". */
export function describeFailure(answer: DnsAnswer): string {
  const what = answer.status === 'error' ? `error${answer.error ? ` (${answer.error})` : ''}` : answer.status.toUpperCase();
  return `${answer.name} ${answer.type}: ${what}`;
}

/**
 * Follows a host's CNAME chain itself (an authoritative server may answer only the first hop), then
 * asks A and AAAA for the last name. Bounded to MAX_CNAME_HOPS, stops on a loop. Never rejects.
 *
 * @example
 * await resolveHost(dns, 'www.example.fr') // { addresses: ['203.0.113.7'], cnameChain: ['d111.cloudfront.net'] }
 */
export async function resolveHost(client: DnsClient, host: string): Promise<ResolvedHost> {
  const start = normaliseDnsName(host);
  if (isIP(start) !== 0) return { addresses: [start], cnameChain: [] };
  const chain: string[] = [];
  const seen = new Set([start]);
  let name = start;
  for (;;) {
    const alias = await client.resolve(name, 'CNAME');
    // NXDOMAIN, SERVFAIL or silence on the CNAME question: the A question would meet the same fate.
    if (alias.status !== 'ok' && alias.status !== 'nodata') return { addresses: [], cnameChain: chain, problem: describeFailure(alias) };
    const target = alias.status === 'ok' ? alias.values[0] : undefined;
    if (!target) break;
    if (seen.has(target)) return { addresses: [], cnameChain: [...chain, target], problem: `CNAME loop: ${[start, ...chain, target].join(' → ')}` };
    if (chain.length >= MAX_CNAME_HOPS) return { addresses: [], cnameChain: chain, problem: `CNAME chain longer than ${MAX_CNAME_HOPS} hops from ${start}` };
    chain.push(target);
    seen.add(target);
    name = target;
  }
  return { ...(await addressesOf(client, name)), cnameChain: chain };
}

async function addressesOf(client: DnsClient, name: string): Promise<{ addresses: string[]; problem?: string }> {
  const [v4, v6] = await Promise.all([client.resolve(name, 'A'), client.resolve(name, 'AAAA')]);
  const addresses = [...v4.values, ...v6.values];
  if (addresses.length > 0) return { addresses };
  const failed = [v4, v6].find((a) => a.status !== 'nodata' && a.status !== 'ok');
  return { addresses, problem: failed ? describeFailure(failed) : `${name}: no A or AAAA record` };
}
