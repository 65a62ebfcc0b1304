import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { FixtureWorld } from '../../src/fixture-world/index.js';

export interface FetchResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  certificate?: PeerCertificate;
}

export interface FetchOptions {
  method?: string;
  /** TLS server name; defaults to the host. */
  servername?: string;
  /** Verify against the world's roots (default true). */
  verify?: boolean;
}

/** Requests `host` + `path` from the world the way a client with --connect-to would. */
export function fetchFromWorld(world: FixtureWorld, scheme: 'http' | 'https', host: string, path: string, options: FetchOptions = {}): Promise<FetchResult> {
  const verify = options.verify ?? true;
  return new Promise((resolve, reject) => {
    const common = { host: world.address, method: options.method ?? 'GET', path, headers: { host }, agent: false as const };
    const onResponse = (res: import('node:http').IncomingMessage) => {
      const certificate = scheme === 'https' ? (res.socket as TLSSocket).getPeerCertificate() : undefined;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ...(certificate ? { certificate } : {}) }));
      res.on('error', reject);
    };
    const req = scheme === 'http'
      ? httpRequest({ ...common, port: world.httpPort }, onResponse)
      : httpsRequest({ ...common, port: world.httpsPort, servername: options.servername ?? host, ca: world.caCertificatePem, rejectUnauthorized: verify }, onResponse);
    req.on('error', reject);
    req.end();
  });
}
