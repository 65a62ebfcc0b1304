import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { authorityPem, DEFAULT_ISSUER, defaultIdentity, secureContextFor } from './certificates.js';
import { startDnsServer } from './dns-server.js';
import type { FixtureRequest, FixtureRoute, FixtureSite, FixtureWorld, FixtureWorldOptions } from './types.js';

export type {
  DnsFault,
  DnsRecordSpec,
  FixtureHandler,
  FixtureRequest,
  FixtureRoute,
  FixtureSite,
  FixtureWorld,
  FixtureWorldOptions,
} from './types.js';

/**
 * The fixture world: a loopback Internet for tests and for `souverain demo`. Virtual hosts over
 * HTTP and HTTPS (each host gets its own certificate by SNI), an authoritative DNS server, and a
 * log of every request so a test can prove the browser contacted no host outside the plan.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

function contentTypeFor(pathname: string): string {
  const extension = /\.[a-z0-9]+$/i.exec(pathname)?.[0]?.toLowerCase();
  return (extension && CONTENT_TYPES[extension]) ?? 'text/html; charset=utf-8';
}

/** The Host header without its port, lower case; IPv6 literals keep their brackets. */
function hostFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const host = header.trim().toLowerCase();
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

function bracketed(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendRoute(route: FixtureRoute, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (route.delayMs) await sleep(route.delayMs);
  if (route.handler) return route.handler(req, res, url);
  const body = route.body ?? '';
  res.writeHead(route.status ?? 200, {
    'content-type': route.contentType ?? contentTypeFor(url.pathname),
    'content-length': String(Buffer.byteLength(body)),
    ...route.headers,
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

interface WorldState {
  sites: Map<string, FixtureSite>;
  requests: FixtureRequest[];
  unplanned: Set<string>;
  address: string;
}

/** The request URL with the virtual host as its host, so handlers see what the client asked for. */
function requestUrl(scheme: string, host: string, path = '/', address: string): URL {
  try {
    return new URL(path, `${scheme}://${bracketed(host)}`);
  } catch {
    return new URL(path, `${scheme}://${bracketed(address)}`); // a Host header that is no host name
  }
}

async function handleRequest(scheme: 'http' | 'https', state: WorldState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const sni = scheme === 'https' ? (req.socket as TLSSocket).servername || undefined : undefined;
  const host = hostFromHeader(req.headers.host) ?? sni ?? state.address;
  const url = requestUrl(scheme, host, req.url, state.address);
  state.requests.push({ scheme, host, method: req.method ?? 'GET', path: url.pathname + url.search, at: new Date().toISOString() });
  const site = state.sites.get(host);
  if (!site) {
    state.unplanned.add(host);
    return sendText(res, 421, `fixture world: ${host} is not a planned host\n`);
  }
  const route = site.routes[url.pathname];
  if (!route) return sendText(res, 404, `fixture world: no route ${url.pathname} on ${host}\n`);
  await sendRoute(route, req, res, url);
}

function requestListener(scheme: 'http' | 'https', state: WorldState) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handleRequest(scheme, state, req, res).catch((error: Error) => {
      // A failing handler (or a malformed request) must not take the test process down.
      if (!res.headersSent) sendText(res, 500, `fixture world: ${error.message}\n`);
      else res.destroy();
    });
  };
}

function listen(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Browsers keep connections alive; without this close() waits for them.
  server.closeAllConnections();
  return closed;
}

async function startHttpsServer(state: WorldState): Promise<Server> {
  const identity = await defaultIdentity(state.address);
  return createHttpsServer(
    {
      ...identity,
      SNICallback: (servername, done) => {
        const name = servername.toLowerCase();
        const site = state.sites.get(name);
        if (!site) state.unplanned.add(name);
        secureContextFor(name, site?.tlsIssuer, site?.certificate).then(
          (context) => done(null, context),
          (error: Error) => done(error),
        );
      },
    },
    requestListener('https', state),
  );
}

/** Certificates of every site, made before the first connection so the first page load is not slowed. */
async function prepareCertificates(sites: FixtureSite[]): Promise<string> {
  await Promise.all(sites.map((site) => secureContextFor(site.host.toLowerCase(), site.tlsIssuer, site.certificate)));
  const issuers = new Set([DEFAULT_ISSUER, ...sites.map((site) => site.tlsIssuer ?? DEFAULT_ISSUER)]);
  const pems = await Promise.all([...issuers].map((issuer) => authorityPem(issuer)));
  return pems.join('');
}

/**
 * Starts the world: HTTP, HTTPS and DNS servers on ephemeral ports of a loopback address.
 *
 * @example
 * const world = await startFixtureWorld({
 *   sites: [{ host: 'www.shop.test', routes: { '/': { body: '<h1>shop</h1>' } } }],
 *   dns: [{ name: 'www.shop.test', type: 'A', value: '51.91.236.193' }],
 * });
 * // chromium args: `--host-resolver-rules=${world.hostResolverRules}`; open world.url('www.shop.test')
 * await world.close();
 */
export async function startFixtureWorld(options: FixtureWorldOptions): Promise<FixtureWorld> {
  const address = options.address ?? '127.0.0.1';
  const state: WorldState = {
    sites: new Map(options.sites.map((site) => [site.host.toLowerCase(), site])),
    requests: [],
    unplanned: new Set(),
    address,
  };
  const [caCertificatePem, httpsServer, dns] = await Promise.all([
    prepareCertificates(options.sites),
    startHttpsServer(state),
    startDnsServer(options.dns, address),
  ]);
  const httpServer = createHttpServer(requestListener('http', state));
  const [httpPort, httpsPort] = await Promise.all([listen(httpServer, address), listen(httpsServer, address)]);
  const target = bracketed(address);
  return {
    address,
    httpPort,
    httpsPort,
    dnsServer: `${target}:${dns.port}`,
    connectTo: [`:80:${target}:${httpPort}`, `:443:${target}:${httpsPort}`],
    hostResolverRules: `MAP *:443 ${target}:${httpsPort}, MAP *:80 ${target}:${httpPort}, EXCLUDE localhost`,
    caCertificatePem,
    requests: state.requests,
    unplannedHosts: () => [...state.unplanned].sort(),
    url: (host, path = '/', scheme = 'https') => `${scheme}://${host}${path.startsWith('/') ? path : `/${path}`}`,
    close: async () => {
      await Promise.all([closeServer(httpServer), closeServer(httpsServer), dns.close()]);
    },
  };
}
