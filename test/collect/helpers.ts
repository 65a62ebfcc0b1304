import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import type { AuditBrowser } from '../../src/collect/browser.js';
import { launchBrowser } from '../../src/collect/browser.js';
import { parseConnectTo } from '../../src/collect/connect-to.js';
import type { FixtureRoute, FixtureWorld } from '../../src/fixture-world/index.js';
import type { RequestRecord, WaitSettings } from '../../src/types.js';

/** Short waits: loopback pages settle in milliseconds. */
export const FAST_WAIT: WaitSettings = { timeoutMs: 10_000, minDwellMs: 300, quietWindowMs: 500 };

/**
 * An audit browser routed to the fixture world. `extraRules` (--connect-to values) come first:
 * Chromium applies the first matching MAP rule, so specific hosts beat the world's catch-all.
 */
export function browserFor(world: FixtureWorld, extraRules: string[] = [], insecure = true): Promise<AuditBrowser> {
  const connectTo = [...extraRules, ...world.connectTo].map(parseConnectTo);
  return launchBrowser({ connectTo, insecure });
}

/** A loopback port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** An HTML route. */
export function html(body: string, extra: Partial<FixtureRoute> = {}): FixtureRoute {
  return { contentType: 'text/html; charset=utf-8', body, ...extra };
}

/** A route answered by a function (redirects, several Set-Cookie lines, CORS). */
export function handled(handler: (req: IncomingMessage, res: ServerResponse) => void): FixtureRoute {
  return { handler: (req, res) => handler(req, res) };
}

/** CORS headers that let site.test read a cross-origin answer, custom header included. */
export const CORS = { 'access-control-allow-origin': 'https://site.test', 'access-control-allow-headers': 'x-custom' };

/** The only record for a host, failing loudly when there is none or several. */
export function onlyRequestTo(requests: readonly RequestRecord[], host: string, method?: string): RequestRecord {
  const found = requests.filter((r) => r.host === host && (method === undefined || r.method === method));
  if (found.length !== 1) throw new Error(`expected one request to ${host}${method ? ` (${method})` : ''}, got ${found.length}: ${found.map((r) => r.url).join(', ')}`);
  return found[0]!;
}
