/**
 * Who may send mail as a domain, from its SPF policy (RFC 7208): the include:/redirect= domains are
 * followed recursively and the ip4:/ip6: ranges kept, so enrichment can name the mail senders
 * (Google Workspace, Microsoft 365, SendGrid, Mailchimp, Brevo…).
 *
 * Bounds follow the RFC: at most 10 look-ups for include/redirect (§4.6.4), a depth of 10, and an
 * include that names a domain already on the path is a loop, reported and not followed.
 */
import type { SpfObservation, SpfSender } from '../types.js';
import { describeFailure, normaliseDnsName, type DnsClient } from './dns.js';

export const MAX_SPF_LOOKUPS = 10;
export const MAX_SPF_DEPTH = 10;

export interface SpfFollowOptions {
  /** Epoch ms after which no new look-up starts. */
  deadline?: number;
  maxLookups?: number;
}

/** One term of an SPF record that names a sender. */
export interface SpfTerm {
  mechanism: SpfSender['mechanism'];
  value: string;
}

/** The v=spf1 records among a name's TXT values (RFC 7208 §4.5: "v=spf1" then a space or the end). */
export function spfRecords(txtValues: string[]): string[] {
  return txtValues.filter((value) => /^v=spf1(\s|$)/i.test(value.trim()));
}

/**
 * The sender-naming terms of a record, in order.
 *
 * @example parseSpf('v=spf1 include:_spf.google.com ip4:192.0.2.0/24 ~all')
 * // [{ mechanism: 'include', value: '_spf.google.com' }, { mechanism: 'ip4', value: '192.0.2.0/24' }]
 */
export function parseSpf(record: string): SpfTerm[] {
  const terms: SpfTerm[] = [];
  for (const raw of record.trim().split(/\s+/).slice(1)) {
    const term = raw.replace(/^[+\-~?]/, '');
    const match = /^(include|ip4|ip6):(.+)$/i.exec(term) ?? /^(redirect)=(.+)$/i.exec(term);
    if (!match) continue;
    const mechanism = match[1]!.toLowerCase() as SpfTerm['mechanism'];
    const value = mechanism === 'include' || mechanism === 'redirect' ? normaliseDnsName(match[2]!) : match[2]!;
    terms.push({ mechanism, value });
  }
  return terms;
}

interface WalkState {
  client: DnsClient;
  lookups: number;
  maxLookups: number;
  deadline: number;
  problems: string[];
}

/**
 * Reads `domain`'s SPF policy and follows it. Never rejects; failures are in `problems`.
 *
 * @example
 * const spf = await followSpf(dns, 'example.fr');
 * spf.senders.map((s) => s.value) // ['spf.protection.outlook.com', 'sendgrid.net']
 */
export async function followSpf(client: DnsClient, domain: string, options: SpfFollowOptions = {}): Promise<SpfObservation> {
  const name = normaliseDnsName(domain);
  const answer = await client.resolve(name, 'TXT');
  if (answer.status !== 'ok' && answer.status !== 'nodata' && answer.status !== 'nxdomain') {
    return { domain: name, status: 'failed', senders: [], problems: [`SPF of ${name}: ${describeFailure(answer)}`] };
  }
  const records = spfRecords(answer.values);
  if (records.length === 0) return { domain: name, status: 'none', senders: [], problems: [] };
  const state: WalkState = { client, lookups: 0, maxLookups: options.maxLookups ?? MAX_SPF_LOOKUPS, deadline: options.deadline ?? Infinity, problems: [] };
  if (records.length > 1) state.problems.push(`${name} publishes ${records.length} SPF records (a permanent error, RFC 7208 §4.5); all are listed`);
  const senders = (await Promise.all(records.map((record) => walk(state, record, [name], 1)))).flat();
  return { domain: name, status: records.length > 1 ? 'multiple' : 'found', record: records.join(' | '), senders, problems: state.problems };
}

/** The senders named by `record` (at `depth`), each followed by the senders of its own record. */
async function walk(state: WalkState, record: string, path: string[], depth: number): Promise<SpfSender[]> {
  const from = path[path.length - 1]!;
  const planned = parseSpf(record).map((term) => plan(state, term, from, path, depth));
  const expanded = await Promise.all(planned.map(async ({ sender, follow }) => {
    if (!follow) return [sender];
    return [sender, ...(await followSender(state, sender, path, depth))];
  }));
  return expanded.flat();
}

/** Decides synchronously whether a term is followed, so the look-up budget is counted in record order. */
function plan(state: WalkState, term: SpfTerm, from: string, path: string[], depth: number): { sender: SpfSender; follow: boolean } {
  const sender: SpfSender = { mechanism: term.mechanism, value: term.value, from, depth };
  if (term.mechanism === 'ip4' || term.mechanism === 'ip6') return { sender, follow: false };
  const refuse = (status: SpfSender['status'], problem: string) => {
    sender.status = status;
    state.problems.push(problem);
    return { sender, follow: false };
  };
  if (term.value.includes('%')) return refuse('not-followed', `SPF ${term.mechanism} "${term.value}" in ${from} uses a macro (RFC 7208 §7); not expanded`);
  if (path.includes(term.value)) return refuse('loop', `SPF include loop: ${[...path, term.value].join(' → ')}`);
  if (state.lookups >= state.maxLookups) return refuse('not-followed', `SPF of ${path[0]} needs more than ${state.maxLookups} DNS look-ups (RFC 7208 §4.6.4); ${term.value} not followed`);
  if (depth > MAX_SPF_DEPTH) return refuse('not-followed', `SPF of ${path[0]} nests deeper than ${MAX_SPF_DEPTH} levels; ${term.value} not followed`);
  if (Date.now() >= state.deadline) return refuse('not-followed', `SPF: time budget spent; ${term.value} not followed`);
  state.lookups++;
  return { sender, follow: true };
}

async function followSender(state: WalkState, sender: SpfSender, path: string[], depth: number): Promise<SpfSender[]> {
  const answer = await state.client.resolve(sender.value, 'TXT');
  sender.status = answer.status;
  if (answer.status !== 'ok') {
    state.problems.push(`SPF ${sender.mechanism} ${sender.value} (from ${sender.from}): ${describeFailure(answer)}`);
    return [];
  }
  const records = spfRecords(answer.values);
  if (records.length === 0) state.problems.push(`SPF ${sender.mechanism} ${sender.value} (from ${sender.from}) has no SPF record`);
  const nested = await Promise.all(records.map((record) => walk(state, record, [...path, sender.value], depth + 1)));
  return nested.flat();
}
