import type { BrowserInfo, PageCapture, RequestRecord } from '../types.js';

/**
 * A HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/) of one page capture, built from the
 * RequestRecords souverain kept: every request of every frame and worker, with its initiator, remote
 * address, status, the response headers kept as evidence and the Set-Cookie lines. What souverain does
 * not record (request headers, bodies, timings) is given as the spec's "unknown" (-1, empty). Custom
 * fields start with "_" as the spec allows. See docs/decisions/0006-evidence-bundle.md.
 */
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    browser?: { name: string; version: string };
    pages: HarPage[];
    entries: HarEntry[];
    comment?: string;
  };
}

interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad: number; onLoad: number };
  _requestedUrl: string;
  _finalUrl: string;
  _consent?: PageCapture['consent'];
  _journey?: string;
}

type NameValue = { name: string; value: string };

interface HarEntry {
  pageref: string;
  startedDateTime: string;
  time: number;
  request: { method: string; url: string; httpVersion: string; cookies: []; headers: []; queryString: NameValue[]; headersSize: -1; bodySize: -1 };
  response: { status: number; statusText: string; httpVersion: string; cookies: []; headers: NameValue[]; content: { size: -1; mimeType: string }; redirectURL: string; headersSize: -1; bodySize: -1; _error?: string };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  serverIPAddress?: string;
  _id: string;
  _resourceType: string;
  _frameUrl?: string;
  _context?: string;
  _initiator?: RequestRecord['initiator'];
  _redirectChain?: string[];
  _tls?: RequestRecord['tls'];
}

/**
 * @example const har = pageHar(report.collection.pages[0], report.collection.browser, report.tool.version);
 */
export function pageHar(page: PageCapture, browser: BrowserInfo | undefined, toolVersion: string): Har {
  const started = Date.parse(page.startedAt);
  return {
    log: {
      version: '1.2',
      creator: { name: 'souverain', version: toolVersion },
      ...(browser ? { browser: { name: 'Chromium', version: browser.version } } : {}),
      pages: [{
        startedDateTime: page.startedAt,
        id: 'page_1',
        title: page.title || page.finalUrl,
        pageTimings: { onContentLoad: -1, onLoad: -1 },
        _requestedUrl: page.requestedUrl,
        _finalUrl: page.finalUrl,
        ...(page.consent ? { _consent: page.consent } : {}),
        ...(page.journey ? { _journey: page.journey.name } : {}),
      }],
      entries: page.requests.map((request) => entry(request, started)),
      comment: 'Built by souverain from its request records: request headers, bodies and timings are not recorded.',
    },
  };
}

function entry(request: RequestRecord, started: number): HarEntry {
  const headers = Object.entries(request.responseHeaders ?? {}).map(([name, value]) => ({ name, value }));
  for (const line of request.setCookieHeaders ?? []) headers.push({ name: 'set-cookie', value: line });
  return {
    pageref: 'page_1',
    startedDateTime: new Date((Number.isFinite(started) ? started : 0) + (request.startMs ?? 0)).toISOString(),
    time: 0,
    request: { method: request.method, url: request.url, httpVersion: '', cookies: [], headers: [], queryString: queryOf(request.url), headersSize: -1, bodySize: -1 },
    response: {
      status: request.status ?? 0,
      statusText: '',
      httpVersion: request.tls?.protocol ?? '',
      cookies: [],
      headers,
      content: { size: -1, mimeType: request.responseHeaders?.['content-type'] ?? '' },
      redirectURL: request.responseHeaders?.location ?? '',
      headersSize: -1,
      bodySize: -1,
      ...(request.failure ? { _error: request.failure } : {}),
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    ...(request.remoteIp ? { serverIPAddress: request.remoteIp } : {}),
    _id: request.id,
    _resourceType: request.resourceType,
    ...(request.frameUrl ? { _frameUrl: request.frameUrl } : {}),
    ...(request.context ? { _context: request.context } : {}),
    ...(request.initiator ? { _initiator: request.initiator } : {}),
    ...(request.redirectChain?.length ? { _redirectChain: request.redirectChain } : {}),
    ...(request.tls ? { _tls: request.tls } : {}),
  };
}

function queryOf(url: string): NameValue[] {
  try {
    return [...new URL(url).searchParams.entries()].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}
