/**
 * What each request carried out of the page — headers as sent, the body (form-encoded, JSON,
 * multipart…) and the referrer — kept in memory only, never in the report. From it the capture
 * derives facts the report may hold:
 *
 * - `referrer` / `referrerPolicy`: the Referer header actually sent and the request's policy;
 * - `pageAddressIn`: where the page's full address (path and query, which can carry search terms
 *   and identifiers) appears in the request besides the Referer: its URL, body or other headers;
 * - `typedFields`: which of the values souverain typed during a journey reached the request — by
 *   the field's selector, never the value — found raw, URL- or form-encoded, JSON-escaped, base64
 *   (any alignment, standard or URL-safe) or as the SHA-256 of the trimmed, lower-cased value (how
 *   ad networks send "hashed" e-mails).
 *
 * Bodies come inline with Network.requestWillBeSent up to MAX_INLINE_BODY bytes; larger ones are
 * fetched with Network.getRequestPostData, bounded in size and time.
 */
import { createHash } from 'node:crypto';
import type { TargetNode } from '../cdp-tree.js';
import type { CdpOutgoingRequest } from '../cdp-types.js';

export type { CdpOutgoingRequest };

/** A value souverain typed, and the field (selector) it was typed in. */
export interface TypedValue {
  field: string;
  value: string;
}

/** Facts about one request's outgoing data, safe to store (no body, no typed value). */
export interface OutgoingFacts {
  referrer?: string;
  referrerPolicy?: string;
  pageAddressIn?: Array<'url' | 'body' | 'header'>;
  typedFields?: string[];
}

interface Outgoing {
  url: string;
  headers: Record<string, string>;
  body?: string;
  referrerPolicy?: string;
}

/** Bodies up to this size come with the request event (Network.enable maxPostDataSize). */
export const MAX_INLINE_BODY = 65_536;
/** Bodies are searched up to this size; the rest is ignored (an upload is not a form post). */
const MAX_BODY = 1_000_000;
const MAX_REFERRER = 2_048;
/** All bodies of a capture together stay under this; later ones are not kept (their fields go untraced). */
const MAX_TOTAL_BODIES = 32_000_000;
/** Values shorter than this would match by chance ("75", "a"); they are not traced. */
const MIN_TRACED_LENGTH = 4;
const FETCH_TIMEOUT_MS = 2_000;

export class OutgoingData {
  private readonly requests = new Map<string, Outgoing>();
  private readonly pending = new Set<Promise<void>>();
  private bodyBytes = 0;

  /** A body within the per-request and per-capture bounds, or undefined once the budget is spent. */
  private keep(text: string): string | undefined {
    const body = text.slice(0, MAX_BODY);
    if (this.bodyBytes + body.length > MAX_TOTAL_BODIES) return undefined;
    this.bodyBytes += body.length;
    return body;
  }

  /** Network.requestWillBeSent (also for each redirect hop: the last one wins). */
  onRequest(node: TargetNode, requestId: string, request: CdpOutgoingRequest): void {
    const outgoing: Outgoing = { url: request.url, headers: lowerCased(request.headers ?? {}) };
    if (request.referrerPolicy) outgoing.referrerPolicy = request.referrerPolicy;
    const inline = request.postData ?? entriesText(request.postDataEntries);
    const kept = inline !== undefined ? this.keep(inline) : undefined;
    if (kept !== undefined) outgoing.body = kept;
    else if (inline === undefined && request.hasPostData) this.fetchBody(node, requestId, outgoing);
    const previous = this.requests.get(requestId);
    // Extra-info headers (the ones really sent) may have arrived first; keep them.
    if (previous && Object.keys(previous.headers).length > 0 && !request.headers) outgoing.headers = previous.headers;
    this.requests.set(requestId, outgoing);
  }

  /** Network.requestWillBeSentExtraInfo: the headers as sent on the wire, Referer and Cookie included. */
  onExtraInfo(requestId: string, headers: Record<string, string>): void {
    const outgoing = this.requests.get(requestId) ?? { url: '', headers: {} };
    outgoing.headers = { ...outgoing.headers, ...lowerCased(headers) };
    this.requests.set(requestId, outgoing);
  }

  /** Waits for bodies still being fetched (bounded). */
  async settle(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => { timer = setTimeout(resolve, FETCH_TIMEOUT_MS); });
    try {
      await Promise.race([Promise.allSettled([...this.pending]), timeout]);
    } finally {
      // A timer left running kept the whole process alive up to 2 s after the report was written.
      clearTimeout(timer);
    }
  }

  /** The facts of one request, given the page's address at that time and the typed values. */
  facts(requestId: string, pageUrl: string | undefined, typed: readonly TypedValue[]): OutgoingFacts {
    const outgoing = this.requests.get(requestId);
    if (!outgoing) return {};
    const facts: OutgoingFacts = {};
    const referrer = outgoing.headers.referer;
    if (referrer) facts.referrer = referrer.slice(0, MAX_REFERRER);
    if (outgoing.referrerPolicy) facts.referrerPolicy = outgoing.referrerPolicy;
    const places = pageUrl ? pageAddressPlaces(outgoing, pageUrl) : [];
    if (places.length > 0) facts.pageAddressIn = places;
    const fields = typedFieldsIn(outgoing, typed);
    if (fields.length > 0) facts.typedFields = fields;
    return facts;
  }

  private fetchBody(node: TargetNode, requestId: string, outgoing: Outgoing): void {
    const fetch = node.channel.send('Network.getRequestPostData', { requestId })
      .then((answer) => {
        const text = (answer as { postData?: string; base64Encoded?: boolean }).postData;
        if (typeof text !== 'string') return;
        const kept = this.keep((answer as { base64Encoded?: boolean }).base64Encoded ? Buffer.from(text, 'base64').toString('utf8') : text);
        if (kept !== undefined) outgoing.body = kept;
      })
      .catch(() => undefined)
      .finally(() => this.pending.delete(fetch));
    this.pending.add(fetch);
  }
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/** Multipart and other bodies Chromium splits into entries of base64 bytes. */
function entriesText(entries: CdpOutgoingRequest['postDataEntries']): string | undefined {
  if (!entries || entries.length === 0) return undefined;
  return entries.map((entry) => (entry.bytes ? Buffer.from(entry.bytes, 'base64').toString('utf8') : '')).join('');
}

/** Everything a request sends but its Referer: the URL, the body, the other headers. */
function haystacks(outgoing: Outgoing): Array<{ place: 'url' | 'body' | 'header'; text: string }> {
  const headers = Object.entries(outgoing.headers).filter(([name]) => name !== 'referer').map(([name, value]) => `${name}: ${value}`).join('\n');
  return [
    { place: 'url', text: outgoing.url },
    { place: 'body', text: outgoing.body ?? '' },
    { place: 'header', text: headers },
  ];
}

/**
 * Where the page's path and query (what its origin does not say) travel besides the Referer. A page
 * at "/" with no query has nothing more to leak than its origin.
 */
function pageAddressPlaces(outgoing: Outgoing, pageUrl: string): Array<'url' | 'body' | 'header'> {
  let page: URL;
  try { page = new URL(pageUrl); } catch { return []; }
  const pathAndQuery = `${page.pathname}${page.search}`;
  if (pathAndQuery === '/' || pathAndQuery.length < 2) return [];
  const full = `${page.origin}${pathAndQuery}`;
  const needles = unique([full, encodeURIComponent(full), formEncoded(full), JSON.stringify(full).slice(1, -1), ...base64Forms(full)]);
  return haystacks(outgoing).filter(({ text }) => needles.some((needle) => text.includes(needle))).map(({ place }) => place);
}

/** The fields (selectors) whose typed value appears in the request, in typing order, once each. */
function typedFieldsIn(outgoing: Outgoing, typed: readonly TypedValue[]): string[] {
  if (typed.length === 0) return [];
  const texts = haystacks(outgoing).map(({ text }) => text);
  const lower = texts.map((text) => text.toLowerCase());
  const fields: string[] = [];
  for (const { field, value } of typed) {
    if (fields.includes(field) || value.trim().length < MIN_TRACED_LENGTH) continue;
    const exact = valueForms(value);
    const caseless = caselessForms(value);
    const found = texts.some((text) => exact.some((needle) => text.includes(needle))) || lower.some((text) => caseless.some((needle) => text.includes(needle)));
    if (found) fields.push(field);
  }
  return fields;
}

/** Case-sensitive encodings: base64 changes entirely with case. */
export function valueForms(value: string): string[] {
  return unique([...base64Forms(value), ...base64Forms(value.trim().toLowerCase())]).filter((form) => form.length >= MIN_TRACED_LENGTH);
}

/** Encodings compared without case: raw, URL-encoded (upper or lower hex), form-encoded, JSON-escaped, SHA-256 hex. */
export function caselessForms(value: string): string[] {
  const trimmed = value.trim();
  const sha = createHash('sha256').update(trimmed.toLowerCase()).digest('hex');
  return unique([trimmed, encodeURIComponent(trimmed), formEncoded(trimmed), JSON.stringify(trimmed).slice(1, -1), sha].map((form) => form.toLowerCase()))
    .filter((form) => form.length >= MIN_TRACED_LENGTH);
}

/** application/x-www-form-urlencoded: spaces as "+". */
function formEncoded(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

/**
 * The base64 text that the value's bytes produce wherever they sit inside a longer base64 payload:
 * for each of the three byte alignments, only the characters the value alone determines; standard
 * and URL-safe alphabets.
 */
export function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= MIN_TRACED_LENGTH) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return unique(forms);
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}
