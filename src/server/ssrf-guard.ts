/**
 * The server's SSRF guard (decision 0037): an audit started from the server may only reach public
 * addresses. A URL is refused when its host is, or resolves to, a loopback, private, link-local
 * (169.254.169.254 metadata included), CGNAT, multicast, unique-local (fd00::/8) or otherwise
 * non-public address — unless the server runs with --allow-private-targets, or the exact
 * address:port is in the allow-list (how tests reach the loopback fixture world while the guard
 * still refuses every other loopback port and the metadata address).
 *
 * Checked before the browser starts (the target), then by the browser on every request of every
 * frame and worker and every redirect hop (BrowserOptions.requestGuard).
 */
import { isIP } from 'node:net';
import { connectTarget, type ConnectToRule } from '../collect/connect-to.js';
import { resolveHost, type DnsClient } from '../collect/dns.js';
import { isSpecialIp, parseIp } from '../enrich/ip-address.js';

export interface GuardOptions {
  /** --allow-private-targets: the guard allows everything (a trusted network, a lab). */
  allowPrivate: boolean;
  /** `ADDRESS:PORT` pairs ([v6]:PORT for IPv6) allowed even though non-public. */
  allow: string[];
  /** The resolver audits use (the server's --dns-server, else the system's). */
  dns: DnsClient;
  /** The server's --connect-to rules: where connections for a host:port really go. */
  connectTo: ConnectToRule[];
}

export interface TargetGuard {
  /** Why this URL must not be fetched, or undefined. Never rejects. */
  check(url: string): Promise<string | undefined>;
  /** Every refusal so far, for the audit record. */
  readonly refusals: { url: string; reason: string }[];
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

/** Browser-internal schemes that never leave the machine. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:', 'chrome:', 'chrome-extension:', 'devtools:']);

function endpoint(address: string, port: number): string {
  return `${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
}

/** Normalises `ADDRESS:PORT` allow-list entries (IPv6 in brackets); throws on a malformed entry. */
export function parseAllowEntry(entry: string): string {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(entry.trim());
  const address = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!address || !isIP(address) || !(port >= 1 && port <= 65535)) throw new Error(`"${entry}" is not ADDRESS:PORT`);
  return endpoint(address, port);
}

function forbidden(address: string): boolean {
  const ip = parseIp(address);
  return !ip || isSpecialIp(ip);
}

export function createTargetGuard(options: GuardOptions): TargetGuard {
  const allowed = new Set(options.allow.map(parseAllowEntry));
  const refusals: { url: string; reason: string }[] = [];
  const refuse = (url: string, reason: string): string => {
    if (refusals.length < 200) refusals.push({ url: url.slice(0, 500), reason });
    return reason;
  };
  const checkAddress = (address: string, port: number): string | undefined =>
    forbidden(address) && !allowed.has(endpoint(address, port)) ? `${endpoint(address, port)} is not a public address` : undefined;

  const check = async (text: string): Promise<string | undefined> => {
    if (options.allowPrivate) return undefined;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return refuse(text, 'not a URL');
    }
    if (LOCAL_SCHEMES.has(url.protocol)) return undefined;
    const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
    if (port === undefined) return refuse(text, `scheme ${url.protocol} is not allowed`);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // Where the connection really goes when the server's --connect-to sends it elsewhere: that
    // endpoint must pass too (the fixture world's loopback ports, allowed by address:port).
    const rerouted = connectTarget(options.connectTo, host, port);
    if (rerouted) {
      const reason = checkAddress(rerouted.address, rerouted.port);
      if (reason) return refuse(text, reason);
    }
    const addresses = isIP(host) ? [host] : (await resolveHost(options.dns, host)).addresses;
    if (addresses.length === 0) return rerouted ? undefined : refuse(text, `${host} does not resolve`);
    for (const address of addresses) {
      const reason = checkAddress(address, port);
      if (reason) return refuse(text, `${host} → ${reason}`);
    }
    return undefined;
  };
  return { check: (url) => check(url).catch((error: Error) => refuse(url, `check failed: ${error.message}`)), refusals };
}
