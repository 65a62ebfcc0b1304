/**
 * Passwords, sessions and API tokens. Passwords: scrypt (node:crypto, N=2^15, r=8, p=1) with a
 * per-user random salt, compared in constant time. Session and API tokens are random 32-byte values
 * shown once; only their SHA-256 is stored, so a database leak gives no usable credential.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...params, maxmem: SCRYPT.maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url), parameters kept so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random secret for a session, an API token, a CSRF token or a one-time password. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What is stored for a session or API token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** API tokens carry a recognisable prefix so leaked ones are easy to spot in logs and repositories. */
export const API_TOKEN_PREFIX = 'sov_';

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${newSecret()}`;
}

/** Constant-time comparison of two short strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
