import type { CollectorError, RequestRecord, ResourceHint, WebSocketRecord } from '../../types.js';
import type {
  LoadingFailed, RequestWillBeSent, ResponseReceived, ResponseReceivedExtraInfo, WebSocketCreated,
  WebSocketHandshakeResponseReceived, CdpResponse,
} from '../cdp-types.js';
import type { TargetNode, TargetObserver } from '../cdp-tree.js';
import type { MainDocument } from '../collector.js';
import { hostOfUrl } from '../../shared/url.js';
import { toInitiator } from './initiator.js';
import { headerValue, keptHeaders } from './response-headers.js';
import { hintsFromLinkHeader } from '../resource-hints.js';
import { MAX_INLINE_BODY, OutgoingData, type TypedValue } from './outgoing.js';

/** A Set-Cookie line and the URL of the response that carried it. */
export interface SetCookieAttempt {
  line: string;
  url: string;
}

export type { MainDocument };

interface Entry {
  requestId: string;
  record: RequestRecord;
  /** URL of every response of the request in order: redirect hops, then the final one. */
  responseUrls: string[];
  /** Set-Cookie lines of every responseReceivedExtraInfo, in arrival order (one batch per response). */
  setCookieBatches: string[][];
  mimeType?: string;
}

/** Commands that prepare a target: network events, async stacks for initiators, no pausing on `debugger;`. */
const TARGET_SETUP: Array<[string, object?]> = [
  // Bodies up to this size arrive with the request event; they stay in memory (src/collect/network/outgoing.ts).
  ['Network.enable', { maxPostDataSize: MAX_INLINE_BODY }],
  ['Debugger.enable', { maxScriptsCacheSize: 1_000_000 }],
  // A hostile page's `debugger;` loop would otherwise freeze the capture (a DevTools parameter, not a skipped test).
  ['Debugger.setSkipAllPauses', { skip: true }],
  ['Debugger.setAsyncCallStackDepth', { maxDepth: 32 }],
];

const CONTEXT_BY_TARGET_TYPE: Record<string, string> = {
  iframe: 'sub-frame',
  worker: 'dedicated-worker',
  shared_worker: 'shared-worker',
  service_worker: 'service-worker',
  popup: 'popup',
};

/**
 * Records every request of a page from CDP Network events of all its targets: one record per
 * final request, its redirect hops in `redirectChain`, status, failure, remote address, TLS,
 * initiator, kept headers and Set-Cookie lines; plus WebSockets and Link-header hints. Also tells
 * the waiting logic when the last request started.
 */
export class NetworkRecorder implements TargetObserver {
  readonly websockets: WebSocketRecord[] = [];
  readonly headerHints: ResourceHint[] = [];
  readonly errors: CollectorError[] = [];
  /** Headers and bodies each request sent, in memory only: the report keeps facts derived from them. */
  readonly outgoing = new OutgoingData();
  private readonly entries = new Map<string, Entry>();
  private readonly order: Entry[] = [];
  private readonly earlyExtraInfo = new Map<string, string[][]>();
  private readonly mainDocumentIds: string[] = [];

  /** `onActivity` is called on every request or WebSocket start (the capture's quiet window). */
  constructor(private readonly startedAtMs: number, private readonly onActivity: () => void = () => {}, private readonly debug?: (message: string) => void) {}

  setup(): Array<[string, object?]> {
    return TARGET_SETUP;
  }

  error(node: TargetNode, method: string, error: Error): void {
    this.errors.push({ collector: 'network', message: `${method} failed on ${node.info.type} ${node.info.url}: ${error.message}` });
  }

  event(node: TargetNode, method: string, params: unknown): void {
    switch (method) {
      case 'Network.requestWillBeSent': return this.onRequest(node, params as RequestWillBeSent);
      case 'Network.requestWillBeSentExtraInfo': {
        const { requestId, headers } = params as { requestId: string; headers: Record<string, string> };
        return this.outgoing.onExtraInfo(requestId, headers);
      }
      case 'Network.responseReceived': return this.onResponse(params as ResponseReceived);
      case 'Network.responseReceivedExtraInfo': return this.onExtraInfo(params as ResponseReceivedExtraInfo);
      case 'Network.loadingFailed': return this.onFailed(params as LoadingFailed);
      case 'Network.webSocketCreated': return this.onWebSocket(node, params as WebSocketCreated);
      case 'Network.webSocketHandshakeResponseReceived': return this.onWebSocketHandshake(params as WebSocketHandshakeResponseReceived);
    }
  }

  /**
   * Every request seen so far, in the order they started, with the facts about what it sent (the
   * page address it carried, the typed values found in it). Call after `outgoing.settle()`.
   */
  records(typed: readonly TypedValue[] = []): RequestRecord[] {
    return this.order.map(({ requestId, record, setCookieBatches }) => {
      const lines = setCookieBatches.flat();
      const facts = this.outgoing.facts(requestId, this.pageUrlAt(record.startMs ?? 0), typed);
      return { ...record, ...facts, ...(lines.length > 0 ? { setCookieHeaders: lines } : {}) };
    });
  }

  /** The main document's URL when a request started: the page address it could leak. */
  private pageUrlAt(startMs: number): string | undefined {
    let url: string | undefined;
    for (const id of this.mainDocumentIds) {
      const entry = this.entries.get(id);
      if (entry && (entry.record.startMs ?? 0) <= startMs) url = entry.record.url;
    }
    return url;
  }

  /** Every Set-Cookie line seen, each with the URL of the response (hop) that carried it. */
  setCookieAttempts(): SetCookieAttempt[] {
    return this.order.flatMap(({ record, responseUrls, setCookieBatches }) =>
      setCookieBatches.flatMap((lines, index) => lines.map((line) => ({ line, url: responseUrls[index] ?? record.url }))),
    );
  }

  /** The main-frame document that ended at `finalUrl` (the last one when none did). */
  mainDocument(finalUrl: string): MainDocument | undefined {
    const documents = this.mainDocumentIds.map((id) => this.entries.get(id)).filter((entry): entry is Entry => entry !== undefined);
    const entry = [...documents].reverse().find((candidate) => candidate.record.url === finalUrl) ?? documents.at(-1);
    if (!entry) return undefined;
    const main: MainDocument = { url: entry.record.url };
    if (entry.record.status !== undefined) main.status = entry.record.status;
    if (entry.mimeType) main.contentType = entry.mimeType;
    if (entry.record.failure) main.failure = entry.record.failure;
    return main;
  }

  private onRequest(node: TargetNode, event: RequestWillBeSent): void {
    if (!isNetworkUrl(event.request.url)) return;
    this.onActivity();
    this.outgoing.onRequest(node, event.requestId, event.request);
    const existing = this.entries.get(event.requestId);
    if (existing && event.redirectResponse) return followRedirect(existing, event);
    // The same navigation can be reported by a parent and by the child target it creates.
    if (existing) return;
    const entry = this.add(event.requestId, {
      id: `r${this.order.length + 1}`,
      url: event.request.url,
      host: hostOf(event.request.url),
      method: event.request.method,
      resourceType: resourceTypeOf(event.type, event.initiator.type),
      frameUrl: event.documentURL ?? this.frameUrlOf(node),
      context: contextOf(node, event.frameId),
      initiator: toInitiator(event.initiator),
      startMs: this.elapsed(event.wallTime),
    });
    if (isMainDocument(node, event)) this.mainDocumentIds.push(event.requestId);
    for (const batch of this.earlyExtraInfo.get(event.requestId) ?? []) entry.setCookieBatches.push(batch);
    this.earlyExtraInfo.delete(event.requestId);
  }

  private onResponse({ requestId, type, response }: ResponseReceived): void {
    const entry = this.entries.get(requestId);
    if (!entry) return;
    applyResponse(entry, response);
    if (type === 'Preflight') entry.record.resourceType = 'preflight';
    if (type === 'Document') this.headerHints.push(...hintsFromLinkHeader(headerValue(response.headers, 'link'), response.url));
  }

  private onExtraInfo({ requestId, headers }: ResponseReceivedExtraInfo): void {
    const lines = (headerValue(headers, 'set-cookie') ?? '').split('\n').filter((line) => line.trim() !== '');
    const entry = this.entries.get(requestId);
    if (entry) entry.setCookieBatches.push(lines);
    else this.earlyExtraInfo.set(requestId, [...(this.earlyExtraInfo.get(requestId) ?? []), lines]);
  }

  private onFailed(event: LoadingFailed): void {
    const entry = this.entries.get(event.requestId);
    if (!entry) return;
    const details = [event.blockedReason && `blocked: ${event.blockedReason}`, event.corsErrorStatus?.corsError && `CORS: ${event.corsErrorStatus.corsError}`];
    const extra = details.filter(Boolean).join(', ');
    entry.record.failure = extra ? `${event.errorText} (${extra})` : event.errorText;
  }

  private onWebSocket(node: TargetNode, event: WebSocketCreated): void {
    if (!isNetworkUrl(event.url)) return;
    this.onActivity();
    const frameUrl = this.frameUrlOf(node);
    this.websockets.push({ url: event.url, host: hostOf(event.url), frameUrl });
    const record: RequestRecord = {
      id: `r${this.order.length + 1}`,
      url: event.url,
      host: hostOf(event.url),
      method: 'GET',
      resourceType: 'websocket',
      frameUrl,
      context: contextOf(node, undefined),
      startMs: this.elapsed(undefined),
    };
    if (event.initiator) record.initiator = toInitiator(event.initiator);
    this.add(event.requestId, record);
  }

  private onWebSocketHandshake({ requestId, response }: WebSocketHandshakeResponseReceived): void {
    const entry = this.entries.get(requestId);
    if (entry) entry.record.status = response.status;
  }

  /** A target's URL; the page target's info is from before navigation, so use its latest document. */
  private frameUrlOf(node: TargetNode): string {
    const isPage = node.info.type === 'page' && node.parent === undefined;
    const lastDocument = isPage ? this.entries.get(this.mainDocumentIds.at(-1) ?? '') : undefined;
    return lastDocument?.record.url ?? node.info.url;
  }

  private add(requestId: string, record: RequestRecord): Entry {
    const entry: Entry = { requestId, record, responseUrls: [], setCookieBatches: [] };
    this.entries.set(requestId, entry);
    this.order.push(entry);
    this.debug?.(`request ${record.id} ${record.resourceType} ${record.url}`);
    return entry;
  }

  private elapsed(wallTimeSeconds: number | undefined): number {
    const at = wallTimeSeconds !== undefined ? wallTimeSeconds * 1000 : Date.now();
    return Math.max(0, Math.round(at - this.startedAtMs));
  }
}

function followRedirect(entry: Entry, event: RequestWillBeSent): void {
  const hop = entry.record.url;
  entry.responseUrls.push(event.redirectResponse?.url ?? hop);
  entry.record.redirectChain = [...(entry.record.redirectChain ?? []), hop];
  entry.record.url = event.request.url;
  entry.record.host = hostOf(event.request.url);
  entry.record.method = event.request.method;
  // The hop's response is not the final one: its status and headers stay with the hop.
  delete entry.record.status;
  delete entry.record.responseHeaders;
  delete entry.record.tls;
  delete entry.record.remoteIp;
  delete entry.record.remotePort;
}

function applyResponse(entry: Entry, response: CdpResponse): void {
  const record = entry.record;
  entry.responseUrls.push(response.url);
  record.status = response.status;
  const ip = response.remoteIPAddress?.replace(/^\[(.*)\]$/, '$1');
  if (ip) record.remoteIp = ip;
  if (response.remotePort) record.remotePort = response.remotePort;
  const headers = keptHeaders(response.headers);
  if (headers) record.responseHeaders = headers;
  if (response.securityDetails) record.tls = tlsOf(response.securityDetails);
  entry.mimeType = response.mimeType || headerValue(response.headers, 'content-type')?.split(';')[0]?.trim();
}

function tlsOf(details: NonNullable<CdpResponse['securityDetails']>): NonNullable<RequestRecord['tls']> {
  const tls: NonNullable<RequestRecord['tls']> = {};
  if (details.protocol) tls.protocol = details.protocol;
  if (details.subjectName) tls.subjectName = details.subjectName;
  if (details.issuer) tls.issuer = details.issuer;
  if (details.validFrom !== undefined) tls.validFrom = new Date(details.validFrom * 1000).toISOString();
  if (details.validTo !== undefined) tls.validTo = new Date(details.validTo * 1000).toISOString();
  return tls;
}

/** Only requests that reach a server: data:, blob:, about: and chrome: URLs contact nobody. */
function isNetworkUrl(url: string): boolean {
  return /^(https?|wss?):/i.test(url);
}

/** Host name of a URL, IPv6 literals without brackets. */
export function hostOf(url: string): string {
  return hostOfUrl(url) ?? '';
}

function resourceTypeOf(cdpType: string | undefined, initiatorType: string): string {
  if (initiatorType === 'preflight') return 'preflight';
  return (cdpType ?? 'other').toLowerCase();
}

function contextOf(node: TargetNode, frameId: string | undefined): string {
  if (node.info.type === 'page') return frameId === undefined || frameId === node.info.targetId ? 'main-frame' : 'sub-frame';
  return CONTEXT_BY_TARGET_TYPE[node.info.type] ?? node.info.type;
}

/** In Chromium the main frame's id is its page target's id. */
function isMainDocument(node: TargetNode, event: RequestWillBeSent): boolean {
  return node.info.type === 'page' && node.parent === undefined && event.type === 'Document' && event.frameId === node.info.targetId;
}
