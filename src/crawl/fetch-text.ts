import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { createGunzip } from 'node:zlib';
import { connectTarget, type ConnectToRule } from '../collect/connect-to.js';
import { resolveHost, type DnsClient } from '../collect/dns.js';

/**
 * A small GET for robots.txt and sitemaps, sent where the browser would send it: --connect-to rules
 * first, else the address souverain's own resolver gives (never getaddrinfo, which ignores
 * --dns-server). Bounded in size and time; redirects are followed only on the same host.
 */
export interface FetchTextOptions {
  connectTo: readonly ConnectToRule[];
  dns: DnsClient;
  insecure: boolean;
  timeoutMs: number;
  /** Larger bodies are cut and reported as too large (a huge sitemap is a fault, not a crash). */
  maxBytes: number;
}

export type FetchTextResult =
  | { status: 'ok'; url: string; httpStatus: number; body: string }
  | { status: 'error'; url: string; httpStatus?: number; problem: string };

const MAX_REDIRECTS = 5;

/**
 * @example
 * const result = await fetchText('https://www.site.fr/robots.txt', { connectTo, dns, insecure: false, timeoutMs: 5000, maxBytes: 1 << 20 });
 */
export async function fetchText(url: string, options: FetchTextOptions): Promise<FetchTextResult> {
  // One deadline for the whole fetch, redirects and body included: a server that drips a byte every
  // few seconds never lets the socket go idle, so an idle timeout alone would wait forever.
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const answer = await getOnce(current, options, deadline);
    if (answer.status === 'error' || !answer.location) return answer.status === 'error' ? answer : { status: 'ok', url: current, httpStatus: answer.httpStatus, body: answer.body };
    const next = new URL(answer.location, current);
    if (next.hostname !== new URL(current).hostname) return { status: 'error', url, httpStatus: answer.httpStatus, problem: `redirected to another host (${next.href})` };
    current = next.href;
  }
  return { status: 'error', url, problem: `more than ${MAX_REDIRECTS} redirects` };
}

type Once = { status: 'ok'; httpStatus: number; body: string; location?: string } | { status: 'error'; url: string; httpStatus?: number; problem: string };

async function getOnce(url: string, options: FetchTextOptions, deadline: AbortSignal): Promise<Once> {
  const late = (): Once => ({ status: 'error', url, problem: `no complete answer within ${options.timeoutMs} ms` });
  if (deadline.aborted) return late();
  const target = new URL(url);
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  const endpoint = await endpointOf(target.hostname, port, options);
  if (!endpoint) return { status: 'error', url, problem: `${target.hostname} does not resolve` };
  return new Promise((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
    const request = send({
      host: endpoint.address,
      port: endpoint.port,
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      headers: { host: target.host, 'user-agent': 'souverain (site audit)', 'accept-encoding': 'gzip' },
      ...(target.protocol === 'https:' ? { servername: isIP(hostname) ? undefined : hostname, rejectUnauthorized: !options.insecure } : {}),
      timeout: options.timeoutMs,
      signal: deadline,
    }, (response) => void readBody(url, response, options.maxBytes).then((answer) => resolve(deadline.aborted ? late() : answer)));
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve(deadline.aborted ? late() : { status: 'error', url, problem: error.message }));
    request.end();
  });
}

async function endpointOf(host: string, port: number, options: FetchTextOptions): Promise<{ address: string; port: number } | undefined> {
  const ruled = connectTarget(options.connectTo, host, port);
  if (ruled) return ruled;
  if (isIP(host.replace(/^\[(.*)\]$/, '$1'))) return { address: host.replace(/^\[(.*)\]$/, '$1'), port };
  const { addresses } = await resolveHost(options.dns, host);
  return addresses[0] ? { address: addresses[0], port } : undefined;
}

async function readBody(url: string, response: IncomingMessage, maxBytes: number): Promise<Once> {
  const httpStatus = response.statusCode ?? 0;
  if (httpStatus >= 300 && httpStatus < 400 && response.headers.location) {
    response.resume();
    return { status: 'ok', httpStatus, body: '', location: response.headers.location };
  }
  if (httpStatus >= 400) {
    response.resume();
    return { status: 'error', url, httpStatus, problem: `HTTP ${httpStatus}` };
  }
  const gzipped = response.headers['content-encoding'] === 'gzip' || /\.gz$/i.test(new URL(url).pathname);
  const stream = gzipped ? response.pipe(createGunzip()) : response;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        return { status: 'error', url, httpStatus, problem: `larger than ${maxBytes} bytes (cut)` };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    return { status: 'error', url, httpStatus, problem: (error as Error).message };
  }
  return { status: 'ok', httpStatus, body: Buffer.concat(chunks).toString('utf8') };
}
