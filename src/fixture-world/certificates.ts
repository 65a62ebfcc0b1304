import { generateKeyPair, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { promisify } from 'node:util';
import forge from 'node-forge';

/**
 * An in-memory PKI for the fixture world: one root CA per issuer name, and one leaf certificate per
 * (host, issuer, mode). forge builds the X.509 structures; Node's crypto makes the keys and the
 * signatures, because forge's pure-JS RSA takes seconds to generate a 2048-bit key and ~80 ms per
 * signature, while Node does both in a few milliseconds. Everything is cached for the process, so a
 * second world starts instantly and reuses the certificates.
 */

export const DEFAULT_ISSUER = 'souverain fixture CA';

/** Says in every certificate that it is a test artefact, whatever name the issuer borrows. */
const FIXTURE_UNIT = 'souverain fixture world (not the real CA)';

export type CertificateMode = 'normal' | 'self-signed' | 'expired';

interface KeyPair {
  privatePem: string;
  publicKey: forge.pki.PublicKey;
}

interface Authority {
  certificate: forge.pki.Certificate;
  pem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const generateKeyPairAsync = promisify(generateKeyPair);

let keys: Promise<{ ca: KeyPair; leaf: KeyPair }> | undefined;
const authorities = new Map<string, Authority>();
const contexts = new Map<string, Promise<SecureContext>>();

async function makeKeyPair(): Promise<KeyPair> {
  const pair = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privatePem: pair.privateKey, publicKey: forge.pki.publicKeyFromPem(pair.publicKey) };
}

/**
 * One RSA key pair per process, shared by the CAs and the leaves: a 2048-bit key takes 0.1–0.8 s to
 * generate (prime search is random), and the world must start well under a second. Sharing is
 * harmless here: chains are built by issuer name, and nothing trusts these roots outside tests.
 */
function fixtureKeys(): Promise<{ ca: KeyPair; leaf: KeyPair }> {
  keys ??= makeKeyPair().then((pair) => ({ ca: pair, leaf: pair }));
  return keys;
}

function distinguishedName(commonName: string, organisation: string): forge.pki.CertificateField[] {
  // UTF8String, so that issuer names with characters outside PrintableString survive.
  const utf8 = (value: string) => ({ value: forge.util.encodeUtf8(value), valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });
  return [
    { name: 'commonName', ...utf8(commonName) },
    { name: 'organizationName', ...utf8(organisation) },
    { shortName: 'OU', ...utf8(FIXTURE_UNIT) },
  ];
}

function randomSerial(): string {
  // A positive INTEGER: the first byte stays below 0x80.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/** Signs with Node's crypto: forge hands us the TBS bytes through a recording digest. */
function signCertificate(certificate: forge.pki.Certificate, privatePem: string): void {
  const chunks: string[] = [];
  const recorder = { algorithm: 'sha256', update: (bytes: string) => (chunks.push(bytes), recorder) };
  const signer = { sign: () => sign('sha256', Buffer.from(chunks.join(''), 'binary'), privatePem).toString('binary') };
  certificate.sign(signer as unknown as forge.pki.rsa.PrivateKey, recorder as unknown as forge.md.MessageDigest);
}

function newCertificate(publicKey: forge.pki.PublicKey, notBefore: Date, notAfter: Date): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  certificate.serialNumber = randomSerial();
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  return certificate;
}

function authorityFor(issuer: string, caKeys: KeyPair): Authority {
  const cached = authorities.get(issuer);
  if (cached) return cached;
  const now = Date.now();
  const certificate = newCertificate(caKeys.publicKey, new Date(now - 365 * DAY_MS), new Date(now + 10 * 365 * DAY_MS));
  const name = distinguishedName(issuer, issuer);
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(certificate, caKeys.privatePem);
  const authority = { certificate, pem: forge.pki.certificateToPem(certificate) };
  authorities.set(issuer, authority);
  return authority;
}

function leafExtensions(host: string): object[] {
  const altName = isIP(host) ? { type: 7, ip: host } : { type: 2, value: host };
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [altName] },
  ];
}

async function leafPem(host: string, issuer: string, mode: CertificateMode): Promise<{ key: string; cert: string }> {
  const { ca, leaf } = await fixtureKeys();
  const now = Date.now();
  const [notBefore, notAfter] = mode === 'expired'
    ? [new Date(now - 400 * DAY_MS), new Date(now - DAY_MS)]
    : [new Date(now - DAY_MS), new Date(now + 90 * DAY_MS)];
  const certificate = newCertificate(leaf.publicKey, notBefore, notAfter);
  certificate.setSubject(distinguishedName(host, mode === 'self-signed' ? host : issuer));
  certificate.setExtensions(leafExtensions(host));
  if (mode === 'self-signed') {
    certificate.setIssuer(certificate.subject.attributes);
    signCertificate(certificate, leaf.privatePem);
    return { key: leaf.privatePem, cert: forge.pki.certificateToPem(certificate) };
  }
  const authority = authorityFor(issuer, ca);
  certificate.setIssuer(authority.certificate.subject.attributes);
  signCertificate(certificate, ca.privatePem);
  return { key: leaf.privatePem, cert: forge.pki.certificateToPem(certificate) + authority.pem };
}

/** A TLS context presenting a certificate for `host`, cached for the process. */
export function secureContextFor(host: string, issuer = DEFAULT_ISSUER, mode: CertificateMode = 'normal'): Promise<SecureContext> {
  const key = `${mode}|${issuer}|${host}`;
  let context = contexts.get(key);
  if (!context) {
    context = leafPem(host, issuer, mode).then((pem) => createSecureContext(pem));
    contexts.set(key, context);
  }
  return context;
}

/** The PEM of the root CA named `issuer` (created on first use). */
export async function authorityPem(issuer = DEFAULT_ISSUER): Promise<string> {
  const { ca } = await fixtureKeys();
  return authorityFor(issuer, ca).pem;
}

/** Key and certificate chain for `host`, for a server's default (no SNI) identity. */
export function defaultIdentity(host: string): Promise<{ key: string; cert: string }> {
  return leafPem(host, DEFAULT_ISSUER, 'normal');
}
