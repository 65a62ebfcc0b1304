import type { BrowserContext, Request, Response } from 'playwright-core';
import type { RequestRecord } from '../../types.js';
import { hostOf, type SetCookieAttempt } from './recorder.js';
import { keptHeaders } from './response-headers.js';

/**
 * Time allowed to get a request's response: one in-process round trip when it has arrived;
 * a request still pending at the end of the capture would otherwise hold it up.
 */
const RESPONSE_TIMEOUT_MS = 150;

/**
 * Playwright's own view of the context's requests, used as a cross-check of the CDP recorder.
 * Playwright resumes a new dedicated worker right after enabling its own Network domain, before
 * our nested session can, so a worker that fetches at once is only seen here (measured: 4 runs in
 * 5 missed by CDP). Playwright sees service-worker scripts too, but no preflights, no shared
 * workers and no initiators: it completes the CDP records, never replaces them.
 */
export class PlaywrightRequestLog {
  private readonly requests: Request[] = [];
  private readonly onRequest = (request: Request) => {
    this.requests.push(request);
    this.onActivity?.();
  };

  /** `onActivity` is called on every request, so the quiet window also waits for the ones CDP missed. */
  constructor(private readonly context: BrowserContext, private readonly onActivity?: () => void) {
    context.on('request', this.onRequest);
  }

  /**
   * The CDP records completed with what only Playwright saw: requests missing from `known`
   * (matched by method and final URL, in order, counting repeats) are added, and a known record
   * without status or failure (a worker script answered outside the page session) gets its
   * response from Playwright. Also returns the Set-Cookie lines of the responses it read.
   */
  async reconcile(known: readonly RequestRecord[], startedAtMs: number): Promise<{ records: RequestRecord[]; setCookies: SetCookieAttempt[] }> {
    this.context.off('request', this.onRequest);
    const records = known.map((record) => ({ ...record }));
    const byKey = new Map<string, RequestRecord[]>();
    for (const record of records) byKey.set(keyOf(record.method, record.url), [...(byKey.get(keyOf(record.method, record.url)) ?? []), record]);
    const setCookies: SetCookieAttempt[] = [];
    const work = this.requests
      .filter((request) => !request.redirectedTo() && /^https?:/i.test(request.url()))
      .map(async (request) => {
        const match = byKey.get(keyOf(request.method(), request.url()))?.shift();
        if (match && (match.status !== undefined || match.failure !== undefined)) return;
        const described = await describe(request, startedAtMs);
        setCookies.push(...described.setCookies);
        if (!match) records.push(described.record);
        else if (described.record.status !== undefined) fillResponse(match, described.record);
      });
    await Promise.all(work);
    return { records, setCookies };
  }
}

/** Copies the response facts Playwright read onto a CDP record that lacked them. */
function fillResponse(target: RequestRecord, source: RequestRecord): void {
  target.status = source.status;
  if (source.remoteIp) target.remoteIp = source.remoteIp;
  if (source.remotePort) target.remotePort = source.remotePort;
  if (source.tls && !target.tls) target.tls = source.tls;
  if (source.responseHeaders && !target.responseHeaders) target.responseHeaders = source.responseHeaders;
  if (source.setCookieHeaders && !target.setCookieHeaders) target.setCookieHeaders = source.setCookieHeaders;
}

function keyOf(method: string, url: string): string {
  return `${method} ${url}`;
}

async function describe(request: Request, startedAtMs: number): Promise<{ record: RequestRecord; setCookies: SetCookieAttempt[] }> {
  const worker = request.serviceWorker();
  const record: RequestRecord = {
    id: '',
    url: request.url(),
    host: hostOf(request.url()),
    method: request.method(),
    resourceType: request.resourceType(),
    startMs: Math.max(0, Math.round(request.timing().startTime - startedAtMs)),
  };
  if (worker) {
    record.context = 'service-worker';
    record.frameUrl = worker.url();
  } else {
    // A dedicated worker's request is tied to its parent frame: the frame is known, the worker is not.
    const frameUrl = frameUrlOf(request);
    if (frameUrl) record.frameUrl = frameUrl;
  }
  const chain = redirectChain(request);
  if (chain.length > 0) record.redirectChain = chain;
  const failure = request.failure();
  if (failure) record.failure = failure.errorText;
  const response = await responseOf(request);
  const setCookies = response ? await applyResponse(record, response) : [];
  return { record, setCookies };
}

function frameUrlOf(request: Request): string | undefined {
  try {
    return request.frame().url();
  } catch {
    return undefined;
  }
}

function redirectChain(request: Request): string[] {
  const hops: string[] = [];
  for (let hop = request.redirectedFrom(); hop; hop = hop.redirectedFrom()) hops.unshift(hop.url());
  return hops;
}

async function responseOf(request: Request): Promise<Response | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), RESPONSE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([request.response().catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function applyResponse(record: RequestRecord, response: Response): Promise<SetCookieAttempt[]> {
  record.status = response.status();
  const [address, security, headers] = await Promise.all([
    response.serverAddr().catch(() => null),
    response.securityDetails().catch(() => null),
    response.headersArray().catch(() => []),
  ]);
  if (address) {
    record.remoteIp = address.ipAddress.replace(/^\[(.*)\]$/, '$1');
    record.remotePort = address.port;
  }
  if (security) {
    record.tls = {};
    if (security.protocol) record.tls.protocol = security.protocol;
    if (security.subjectName) record.tls.subjectName = security.subjectName;
    if (security.issuer) record.tls.issuer = security.issuer;
    if (security.validFrom !== undefined) record.tls.validFrom = new Date(security.validFrom * 1000).toISOString();
    if (security.validTo !== undefined) record.tls.validTo = new Date(security.validTo * 1000).toISOString();
  }
  const kept = keptHeaders(Object.fromEntries(headers.map(({ name, value }) => [name, value])));
  if (kept) record.responseHeaders = kept;
  const lines = headers.filter(({ name }) => name.toLowerCase() === 'set-cookie').map(({ value }) => value);
  if (lines.length > 0) record.setCookieHeaders = lines;
  return lines.map((line) => ({ line, url: response.url() }));
}
