import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers a request itself (for dynamic pages, redirects, POST handlers). */
export type FixtureHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** One path of a fixture site. Without a handler, the status, headers and body are sent as given. */
export interface FixtureRoute {
  /** HTTP status, 200 unless given. */
  status?: number;
  headers?: Record<string, string>;
  /** Content-Type; guessed from the path's extension when absent (text/html for none). */
  contentType?: string;
  body?: string | Buffer;
  /** Wait this long before answering (slow third parties, late tags). */
  delayMs?: number;
  /** Takes over the response; status, headers and body are then ignored. */
  handler?: FixtureHandler;
}

/** A virtual host served over both HTTP and HTTPS. */
export interface FixtureSite {
  host: string;
  /** Key = pathname ("/", "/a.js"); the query string is ignored for matching. Unknown path → 404. */
  routes: Record<string, FixtureRoute>;
  /**
   * Organisation name (O= and CN=) of the CA that issues this host's certificate (default
   * "souverain fixture CA"), so tests can present a "Certigna", "Let's Encrypt"… issuer.
   */
  tlsIssuer?: string;
  /** 'self-signed' and 'expired' are TLS faults for tests; default 'normal'. */
  certificate?: 'normal' | 'self-signed' | 'expired';
}

/** A DNS record of the fixture zone. TTL defaults to 300 s; priority (MX) to 10. */
export type DnsRecordSpec = {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'NS' | 'MX' | 'TXT';
  value: string;
  ttl?: number;
  priority?: number;
};

/**
 * A name that fails: NXDOMAIN, SERVFAIL, or no answer at all. Names with no record and no fault get
 * NXDOMAIN; a name with records of other types gets NODATA (NOERROR, empty answer).
 */
export type DnsFault = { name: string; fault: 'nxdomain' | 'servfail' | 'timeout' };

export interface FixtureWorldOptions {
  sites: FixtureSite[];
  dns: (DnsRecordSpec | DnsFault)[];
  /** Loopback address every server listens on; default 127.0.0.1. */
  address?: string;
}

/** One request seen by the world's HTTP or HTTPS server. */
export interface FixtureRequest {
  scheme: 'http' | 'https';
  /** Host header without port, lower case (the SNI name when there is no Host header). */
  host: string;
  method: string;
  /** Path and query string as requested. */
  path: string;
  /** ISO time the request arrived. */
  at: string;
}

export interface FixtureWorld {
  address: string;
  httpPort: number;
  httpsPort: number;
  /** "127.0.0.1:PORT": an authoritative DNS server for the fixture zone, UDP and TCP on the same port. */
  dnsServer: string;
  /** Values for souverain's --connect-to: [":80:127.0.0.1:HTTPPORT", ":443:127.0.0.1:HTTPSPORT"]. */
  connectTo: string[];
  /** Value for Chromium's --host-resolver-rules, sending every host's ports 80/443 to the world. */
  hostResolverRules: string;
  /** PEM of every fixture root CA, for clients that want to verify. */
  caCertificatePem: string;
  /** Every request seen, in arrival order. */
  requests: FixtureRequest[];
  /** Hosts requested (Host header or TLS SNI) that are not a site, sorted. */
  unplannedHosts(): string[];
  /**
   * The URL a client should ask for: the real-looking URL without the world's port, since the world
   * is reached through connectTo or hostResolverRules.
   */
  url(host: string, path?: string, scheme?: 'http' | 'https'): string;
  close(): Promise<void>;
}
