import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { DnsClient } from '../../src/collect/dns.js';
import { parseConnectTo } from '../../src/collect/connect-to.js';
import { fetchText } from '../../src/crawl/fetch-text.js';

/** A server that never finishes: robots.txt drips one byte every 200 ms; /endless streams without end. */
let server: Server;
let port: number;
const timers = new Set<NodeJS.Timeout>();

before(async () => {
  server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const drip = setInterval(() => response.write(request.url === '/endless' ? 'x'.repeat(64 * 1024) : '#'), request.url === '/endless' ? 1 : 200);
    timers.add(drip);
    response.on('close', () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  for (const timer of timers) clearInterval(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = () => ({
  connectTo: [parseConnectTo(`:80:127.0.0.1:${port}`)],
  dns: {} as DnsClient,
  insecure: false,
  timeoutMs: 1500,
  maxBytes: 1024 * 1024,
});

describe('robots.txt and sitemaps from slow or endless servers', () => {
  it('a body dripping a byte every 200 ms is given up at the total deadline', async () => {
    const result = await fetchText('http://site.test/robots.txt', options());
    assert.equal(result.status, 'error');
    assert.match(result.status === 'error' ? result.problem : '', /no complete answer within 1500 ms/);
  });

  it('an endless body stops at the size cap', async () => {
    const result = await fetchText('http://site.test/endless', { ...options(), timeoutMs: 30_000 });
    assert.equal(result.status, 'error');
    assert.match(result.status === 'error' ? result.problem : '', /larger than 1048576 bytes/);
  });
});
