/**
 * A domain's DMARC policy (RFC 7489 §6.1, `_dmarc.<domain>` TXT) and, above all, who receives its
 * reports: the rua= (aggregate) and ruf= (failure) mailto: addresses. Mail receivers send those
 * reports — sending addresses, volumes and, for ruf, copies of failing messages' headers — to
 * whoever is named there, often a third-party processor: a data flow a DPO wants to see.
 *
 * The record comes from outside: its size, the number of addresses and each address are bounded
 * and parsed defensively; anything unreadable is reported, never thrown.
 */
import type { DmarcObservation, DmarcReportAddress } from '../types.js';
import { describeFailure, normaliseDnsName, type DnsClient } from './dns.js';
import { tagList } from './dns-tag-list.js';

/** Longest record read; real ones are under 300 characters. */
export const MAX_DMARC_RECORD_CHARS = 2048;
/** Addresses read per tag (RFC 7489 §6.2 asks receivers to honour at least two). */
export const MAX_DMARC_ADDRESSES = 10;
/** Longest address kept, with its size suffix. */
const MAX_URI_CHARS = 320;

/** The v=DMARC1 records among TXT values (RFC 7489 §6.6.3: "v=DMARC1" first, then ";" or the end). */
export function dmarcRecords(txtValues: readonly string[]): string[] {
  return txtValues.filter((value) => /^\s*v\s*=\s*DMARC1\s*(;|$)/i.test(value));
}

export interface ParsedDmarc {
  policy?: string;
  subdomainPolicy?: string;
  aggregate: DmarcReportAddress[];
  failure: DmarcReportAddress[];
  problems: string[];
}

/**
 * The policy and the report addresses of one record.
 *
 * @example parseDmarc('v=DMARC1; p=reject; rua=mailto:a@rua.example.net,mailto:b@example.fr!10m')
 * // { policy: 'reject', aggregate: [{ uri: 'mailto:a@rua.example.net', address: 'a@rua.example.net', domain: 'rua.example.net' }, …], … }
 */
export function parseDmarc(record: string): ParsedDmarc {
  const problems: string[] = [];
  const text = record.length > MAX_DMARC_RECORD_CHARS ? record.slice(0, MAX_DMARC_RECORD_CHARS) : record;
  if (text !== record) problems.push(`DMARC record longer than ${MAX_DMARC_RECORD_CHARS} characters; the rest was not read`);
  const tags = tagList(text);
  const policy = policyWord(tags.get('p'));
  const subdomainPolicy = policyWord(tags.get('sp'));
  return {
    ...(policy ? { policy } : {}),
    ...(subdomainPolicy ? { subdomainPolicy } : {}),
    aggregate: reportAddresses('rua', tags.get('rua'), problems),
    failure: reportAddresses('ruf', tags.get('ruf'), problems),
    problems,
  };
}

/** none / quarantine / reject, lower-cased; anything else is dropped (a receiver would ignore it too). */
function policyWord(value: string | undefined): string | undefined {
  const word = value?.toLowerCase();
  return word === 'none' || word === 'quarantine' || word === 'reject' ? word : undefined;
}

function reportAddresses(tag: 'rua' | 'ruf', value: string | undefined, problems: string[]): DmarcReportAddress[] {
  if (!value) return [];
  const uris = value.split(',').map((uri) => uri.trim()).filter((uri) => uri !== '');
  if (uris.length > MAX_DMARC_ADDRESSES) problems.push(`DMARC ${tag}= lists ${uris.length} addresses; the first ${MAX_DMARC_ADDRESSES} were read`);
  return uris.slice(0, MAX_DMARC_ADDRESSES).map((uri) => reportAddress(tag, uri, problems));
}

/**
 * One DMARC URI (RFC 7489 §6.2): `mailto:local@domain` with an optional `!size[kmgt]` limit.
 *
 * @example reportAddress('rua', 'MAILTO:Reports@RUA.Example.NET!10m', [])
 * // { uri: 'MAILTO:Reports@RUA.Example.NET!10m', address: 'reports@rua.example.net', domain: 'rua.example.net', maxSize: '10m' }
 */
export function reportAddress(tag: 'rua' | 'ruf', rawUri: string, problems: string[]): DmarcReportAddress {
  const uri = rawUri.length > MAX_URI_CHARS ? `${rawUri.slice(0, MAX_URI_CHARS)}…` : rawUri;
  const sized = /^(.*)!(\d{1,12}[kmgt]?)$/i.exec(rawUri);
  const target = sized ? sized[1]! : rawUri;
  const maxSize = sized ? sized[2]!.toLowerCase() : undefined;
  const mailto = /^mailto:(.+)$/i.exec(target.trim());
  const refuse = (why: string): DmarcReportAddress => {
    problems.push(`DMARC ${tag}= "${uri}": ${why}`);
    return { uri };
  };
  if (rawUri.length > MAX_URI_CHARS) return refuse(`longer than ${MAX_URI_CHARS} characters`);
  if (!mailto) return refuse('not a mailto: address, not followed');
  const address = decoded(mailto[1]!).toLowerCase();
  const at = address.lastIndexOf('@');
  const domain = at > 0 ? normaliseDnsName(address.slice(at + 1)) : '';
  if (!isHostName(domain)) return refuse('no valid mail domain');
  // An unquoted local part has no spaces, brackets or quotes (RFC 5322 dot-atom); quoted ones are not used here.
  if (!/^[^\s<>()[\]\\,;:@"\u0000-\u001f\u007f-\u009f]{1,64}$/.test(address.slice(0, at))) return refuse('not a valid mailbox');
  return { uri, address, domain, ...(maxSize ? { maxSize } : {}) };
}

/** Percent-decoding of a mailto: address (commas and "!" must be encoded there); the raw text when malformed. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isHostName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.includes('.')
    && name.split('.').every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(label));
}

/**
 * Reads `_dmarc.<domain>`. Never rejects; failures are in `problems`.
 *
 * @example
 * const dmarc = await collectDmarc(dns, 'example.fr');
 * dmarc.aggregate.map((a) => a.domain) // ['ag.dmarcian.com']
 */
export async function collectDmarc(client: DnsClient, domain: string): Promise<DmarcObservation> {
  const name = normaliseDnsName(domain);
  const answer = await client.resolve(`_dmarc.${name}`, 'TXT');
  if (answer.status !== 'ok' && answer.status !== 'nodata' && answer.status !== 'nxdomain') {
    return { domain: name, status: 'failed', aggregate: [], failure: [], problems: [`DMARC of ${name}: ${describeFailure(answer)}`] };
  }
  const records = dmarcRecords(answer.values);
  if (records.length === 0) return { domain: name, status: 'none', aggregate: [], failure: [], problems: [] };
  // Several records: RFC 7489 §6.6.3 says a receiver applies none; the addresses are still shown.
  const parsed = records.map(parseDmarc);
  const problems = parsed.flatMap((one) => one.problems);
  if (records.length > 1) problems.unshift(`_dmarc.${name} publishes ${records.length} DMARC records (receivers then apply none, RFC 7489 §6.6.3); all are listed`);
  const first = parsed[0]!;
  const record = records.join(' | ');
  return {
    domain: name,
    status: records.length > 1 ? 'multiple' : 'found',
    record: record.length > MAX_DMARC_RECORD_CHARS ? `${record.slice(0, MAX_DMARC_RECORD_CHARS)}…` : record,
    ...(first.policy ? { policy: first.policy } : {}),
    ...(first.subdomainPolicy ? { subdomainPolicy: first.subdomainPolicy } : {}),
    aggregate: parsed.flatMap((one) => one.aggregate),
    failure: parsed.flatMap((one) => one.failure),
    problems,
  };
}
