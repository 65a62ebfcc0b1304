/**
 * The certificate chain a TLS server presents, recorded as evidence of which certificate authority
 * the site relies on. The handshake accepts any certificate (a self-signed or expired one is itself
 * a finding) but records whether the chain verified, and why not.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { CertificateSummary, TlsObservation } from '../types.js';

export interface TlsCertificateOptions {
  /** Where to connect (an IP address); the host name is still sent as SNI. */
  address: string;
  /** Port to connect to; the observation records `port` (the site's port), not this one. */
  connectPort?: number;
  timeoutMs: number;
  /** Extra trusted roots (PEM), e.g. the fixture world's CAs in tests. */
  ca?: string;
}

/** Longest chain recorded: real chains have 2–4 certificates. */
const MAX_CHAIN = 8;

/**
 * Connects to `host:port` (at `options.address`), records the chain leaf-first and closes. Never rejects:
 * a failed connection is an observation with status 'error'.
 *
 * @example
 * const tls = await observeTlsCertificate('www.example.fr', 443, { address: '203.0.113.7', timeoutMs: 3000 });
 * tls.chain[0]?.issuerOrganisation // "Let's Encrypt"
 */
export function observeTlsCertificate(host: string, port: number, options: TlsCertificateOptions): Promise<TlsObservation> {
  return new Promise((resolve) => {
    const failed = (error: string): TlsObservation => ({ host, port, status: 'error', error, chain: [], authorized: false });
    let settled = false;
    const finish = (observation: TlsObservation) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(observation);
    };
    const socket: TLSSocket = connect({
      host: options.address,
      port: options.connectPort ?? port,
      // SNI must be a name: RFC 6066 §3 forbids IP literals.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: false,
      // Node's `ca` replaces the default roots: keep them and add the extra ones.
      ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
    });
    const timer = setTimeout(() => finish(failed(`no TLS handshake within ${options.timeoutMs} ms`)), options.timeoutMs);
    socket.once('secureConnect', () => {
      const chain = summariseChain(socket.getPeerCertificate(true));
      finish({
        host,
        port,
        status: 'ok',
        chain,
        authorized: socket.authorized,
        ...(socket.authorized ? {} : { authorizationError: String(socket.authorizationError ?? 'unknown') }),
      });
    });
    socket.once('error', (error) => finish(failed(error.message)));
  });
}

/** Node links each certificate to its issuer; a root links to itself. */
function summariseChain(leaf: DetailedPeerCertificate): CertificateSummary[] {
  const chain: CertificateSummary[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current?.raw && !seen.has(current.fingerprint256) && chain.length < MAX_CHAIN) {
    seen.add(current.fingerprint256);
    chain.push(summarise(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

/** Summarises one DER certificate. */
export function summarise(der: Buffer): CertificateSummary {
  const certificate = new X509Certificate(der);
  const organisation = fieldOf(certificate.issuer, 'O');
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    ...(organisation ? { issuerOrganisation: organisation } : {}),
    validFrom: isoDate(certificate.validFrom),
    validTo: isoDate(certificate.validTo),
    selfSigned: isSelfSigned(certificate),
    fingerprintSha256: certificate.fingerprint256,
  };
}

/** Same name and its own key verifies the signature: the certificate vouches for itself. */
function isSelfSigned(certificate: X509Certificate): boolean {
  if (certificate.subject !== certificate.issuer) return false;
  try {
    return certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

/** Node prints a distinguished name one attribute per line ("C=US\nO=Let's Encrypt\nCN=R3"). */
function fieldOf(name: string, key: string): string | undefined {
  const line = name.split('\n').find((l) => l.startsWith(`${key}=`));
  return line?.slice(key.length + 1).replace(/^"(.*)"$/, '$1');
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** Whether a certificate is outside its validity period at `now`. */
export function isExpired(certificate: CertificateSummary, now: Date = new Date()): boolean {
  const from = Date.parse(certificate.validFrom);
  const to = Date.parse(certificate.validTo);
  return (!Number.isNaN(to) && now.getTime() > to) || (!Number.isNaN(from) && now.getTime() < from);
}
