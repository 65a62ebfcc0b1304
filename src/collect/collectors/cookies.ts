import type { Cookie } from 'playwright-core';
import type { CookieRecord } from '../../types.js';
import type { Collector } from '../collector.js';
import { hostOf, type SetCookieAttempt } from '../network/recorder.js';
import { collector as network } from './network.js';

/**
 * The cookies: the context's jar at the end, explained by the Set-Cookie lines the network collector
 * saw; lines that did not end up in the jar are kept as attempts.
 */
export const collector: Collector = {
  id: 'cookies',
  attach() {
    let jar: Cookie[] | undefined;
    return {
      async read(end) {
        jar = await end.bounded('cookies', () => end.session.context.cookies());
      },
      async finish(end) {
        const { setCookieAttempts } = await end.resultOf(network);
        return { evidence: { cookies: cookieRecords(jar ?? [], setCookieAttempts) } };
      },
    };
  },
};

/** A Set-Cookie line as the browser would read it (RFC 6265 §5.2), before any blocking. */
export interface ParsedSetCookie {
  name: string;
  /** ".example.com" for a Domain cookie, the response host for a host-only one (Chromium's jar spelling). */
  domain: string;
  path: string;
  expires: string | null;
  /** Max-Age ≤ 0 or an Expires in the past: the line deletes a cookie rather than setting one. */
  deletion: boolean;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: string;
  /** Host of the response that carried the line. */
  host: string;
}

/**
 * Parses one Set-Cookie line received from `url`. A line without "=" sets a cookie with an empty
 * name, as Chromium does.
 *
 * @example parseSetCookie('id=1; Domain=.Tracker.test; Max-Age=60; Secure', 'https://a.tracker.test/p')
 * // { name: 'id', domain: '.tracker.test', path: '/', secure: true, deletion: false, … }
 */
export function parseSetCookie(line: string, url: string, now = Date.now()): ParsedSetCookie | undefined {
  const [pair = '', ...attributes] = line.split(';');
  const host = hostOf(url);
  if (!host) return undefined;
  const equals = pair.indexOf('=');
  const cookie: ParsedSetCookie = {
    name: equals === -1 ? '' : pair.slice(0, equals).trim(),
    domain: host,
    path: defaultPath(url),
    expires: null,
    deletion: false,
    httpOnly: false,
    secure: false,
    host,
  };
  let maxAge: number | undefined;
  let expiresAt: number | undefined;
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'domain' && value.replace(/^\./, '') !== '') cookie.domain = `.${value.replace(/^\./, '').toLowerCase()}`;
    else if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) expiresAt = Date.parse(value);
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite' && value) cookie.sameSite = value[0]!.toUpperCase() + value.slice(1).toLowerCase();
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  const expiry = maxAge !== undefined ? now + maxAge * 1000 : expiresAt;
  if (expiry !== undefined) {
    cookie.deletion = expiry <= now;
    cookie.expires = new Date(Math.min(Math.max(expiry, 0), 8.64e15)).toISOString();
  }
  return cookie;
}

/** RFC 6265 §5.1.4 default-path: the request path up to its last "/". */
function defaultPath(url: string): string {
  try {
    const path = new URL(url).pathname;
    const last = path.lastIndexOf('/');
    return last <= 0 ? '/' : path.slice(0, last);
  } catch {
    return '/';
  }
}

/**
 * The cookie evidence: every cookie in the jar at the end ("stored", set by "http" when a
 * Set-Cookie line seen on the network explains it, by "js" otherwise), then every Set-Cookie line
 * that did not end up in the jar ("attempted": blocked, invalid, or overwritten). Lines that only
 * delete a cookie are not cookies and are left out.
 */
export function cookieRecords(jar: readonly Cookie[], attempts: readonly SetCookieAttempt[]): CookieRecord[] {
  const parsed = attempts.map((attempt) => parseSetCookie(attempt.line, attempt.url)).filter((cookie): cookie is ParsedSetCookie => cookie !== undefined);
  const stored = jar.map((cookie) => storedRecord(cookie, parsed.find((line) => sameCookie(cookie, line))));
  const attempted = new Map<string, CookieRecord>();
  for (const line of parsed) {
    if (line.deletion || jar.some((cookie) => sameCookie(cookie, line))) continue;
    attempted.set(`${line.name}|${line.domain}|${line.path}|${line.host}`, attemptedRecord(line));
  }
  return [...stored, ...attempted.values()];
}

function sameCookie(cookie: Cookie, line: ParsedSetCookie): boolean {
  return cookie.name === line.name && cookie.domain.toLowerCase() === line.domain && cookie.path === line.path;
}

function storedRecord(cookie: Cookie, setBy: ParsedSetCookie | undefined): CookieRecord {
  const record: CookieRecord = {
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    expires: cookie.expires === -1 ? null : new Date(cookie.expires * 1000).toISOString(),
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
    state: 'stored',
    setBy: setBy ? 'http' : 'js',
  };
  if (setBy) record.setByHost = setBy.host;
  return record;
}

function attemptedRecord(line: ParsedSetCookie): CookieRecord {
  const record: CookieRecord = {
    name: line.name,
    domain: line.domain,
    path: line.path,
    expires: line.expires,
    httpOnly: line.httpOnly,
    secure: line.secure,
    state: 'attempted',
    setBy: 'http',
    setByHost: line.host,
  };
  if (line.sameSite) record.sameSite = line.sameSite;
  return record;
}
