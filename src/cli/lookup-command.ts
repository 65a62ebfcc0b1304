/**
 * `souverain lookup HOST|URL|IP …`: what souverain knows offline about each name or address.
 * Exit 0 whatever it knows ("unknown" is an answer, with what was tried); exit 2 for an input that
 * is not a host name, URL or IP address, or a bad --data file. Never loads the browser.
 */
import { isIP } from 'node:net';
import { LocalisedUsageError, type Lang } from '../shared/errors.js';
import { loadKnowledge, type Knowledge } from '../enrich/knowledge.js';
import { describeHost, describeIp, type LookupControl, type LookupResult } from '../enrich/lookup.js';
import type { Provenance } from '../types.js';

/** Where the command writes (process.stdout, or the in-process io of main()). */
type Output = { write(text: string): unknown };

export interface LookupCommandOptions {
  format?: string;
  lang?: Lang;
  dnsServer?: string;
  data?: string[];
}

/** Host names are at most 253 characters of letters, digits, hyphens and underscores in dot-separated labels. */
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_INPUTS = 10_000;

/** One input as the user gave it, parsed: a host name or an IP address. */
export type LookupTarget = { input: string; host: string } | { input: string; ip: string };

/** Parses one argument; throws a one-line error naming the argument and the forms accepted. */
export function parseLookupTarget(input: string): LookupTarget {
  const text = input.trim();
  const shown = JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}…` : text);
  const invalid = () => new LocalisedUsageError(
    { en: `${shown} is not a host name, URL or IP address`, fr: `${shown} n’est ni un nom d’hôte, ni une URL, ni une adresse IP` },
    { en: 'give e.g. www.example.fr, https://www.example.fr/page or 192.0.2.1', fr: 'donnez par exemple www.example.fr, https://www.example.fr/page ou 192.0.2.1' },
  );
  let name = text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      name = new URL(text).hostname;
    } catch {
      throw invalid();
    }
  }
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (isIP(name) !== 0) return { input, ip: name };
  const host = name.toLowerCase().replace(/\.$/, '');
  // Dotted quads that are not valid IPv4 (999.1.1.1) are not host names either.
  if (!HOST_NAME.test(host) || /^[0-9.]+$/.test(host)) throw invalid();
  return { input, host };
}

export async function runLookupCommand(inputs: string[], options: LookupCommandOptions, stdout: Output = process.stdout): Promise<number> {
  const lang = options.lang ?? 'en';
  const format = options.format ?? 'terminal';
  if (format !== 'terminal' && format !== 'json') {
    throw new LocalisedUsageError(
      { en: `lookup has no format "${format}"`, fr: `lookup n’a pas de format « ${format} »` },
      { en: 'use --format terminal or --format json', fr: 'utilisez --format terminal ou --format json' },
    );
  }
  if (inputs.length > MAX_INPUTS) {
    throw new LocalisedUsageError(
      { en: `too many names (${inputs.length})`, fr: `trop de noms (${inputs.length})` },
      { en: `look up at most ${MAX_INPUTS} at a time`, fr: `au plus ${MAX_INPUTS} à la fois` },
    );
  }
  // Every input is checked before anything is loaded or resolved.
  const targets = inputs.map(parseLookupTarget);
  const knowledge = await loadKnowledge({ extraDataFiles: options.data ?? [] });
  const addresses = options.dnsServer ? await resolveAll(targets, options.dnsServer) : new Map<string, string[]>();
  if (format === 'json') {
    await writeJsonArray(stdout, targets.map((target) => () => lookUp(knowledge, target, addresses)));
    return 0;
  }
  stdout.write(renderLookups(targets.map((target) => lookUp(knowledge, target, addresses)), lang));
  return 0;
}

/**
 * Writes what `JSON.stringify(results, null, 2)` would, one result at a time: 10,000 names make
 * ~25 MB of JSON, and building it as one string doubled the process's memory and its GC time.
 * (JSON strings hold no raw newline, so re-indenting each element's lines is exact.)
 */
async function writeJsonArray(stdout: Output, results: readonly (() => LookupResult)[]): Promise<void> {
  if (results.length === 0) {
    stdout.write('[]\n');
    return;
  }
  for (const [index, result] of results.entries()) {
    const chunk = `${index === 0 ? '[\n' : ',\n'}  ${JSON.stringify(result(), null, 2).replaceAll('\n', '\n  ')}`;
    // A pipe that is full says so (write returns false): wait for it rather than queue megabytes.
    if (stdout.write(chunk) === false && isEventEmitter(stdout)) await new Promise<void>((resolve) => stdout.once('drain', () => resolve()));
  }
  stdout.write('\n]\n');
}

function isEventEmitter(stream: Output): stream is Output & { once(event: 'drain', listener: () => void): unknown } {
  return typeof (stream as { once?: unknown }).once === 'function';
}

function lookUp(knowledge: Knowledge, target: LookupTarget, addresses: ReadonlyMap<string, string[]>): LookupResult {
  return 'ip' in target ? describeIp(knowledge, target.input, target.ip) : describeHost(knowledge, target.input, target.host, addresses.get(target.host) ?? []);
}

/** Resolves the host names (not the IPs) through the given resolver; failures leave a name without address. */
async function resolveAll(targets: readonly LookupTarget[], server: string): Promise<Map<string, string[]>> {
  const { createDnsClient, resolveHost } = await import('../collect/dns.js');
  const client = createDnsClient({ server });
  const hosts = [...new Set(targets.flatMap((target) => ('host' in target ? [target.host] : [])))];
  const resolved = new Map<string, string[]>();
  for (const host of hosts) resolved.set(host, (await resolveHost(client, host).catch(() => ({ addresses: [] }))).addresses);
  return resolved;
}

// ───────────────────────────── terminal ─────────────────────────────

const WORDS = {
  en: {
    vendor: 'vendor', operator: 'operator', network: 'network', location: 'server location', decidedBy: 'decided by',
    chain: 'ownership', jurisdiction: 'jurisdiction', candidates: 'candidates', laws: 'laws', confidence: 'confidence',
    qualifications: 'qualifications', history: 'history', sources: 'sources', unknown: 'unknown', tried: 'tried',
    asOf: 'as of', notVisible: 'held for these offers; whether this host runs on one cannot be seen from outside',
  },
  fr: {
    vendor: 'fournisseur', operator: 'opérateur', network: 'réseau', location: 'emplacement du serveur', decidedBy: 'décidé par',
    chain: 'détention', jurisdiction: 'juridiction', candidates: 'candidates', laws: 'lois', confidence: 'confiance',
    qualifications: 'qualifications', history: 'historique', sources: 'sources', unknown: 'inconnu', tried: 'essayé',
    asOf: 'au', notVisible: 'détenues pour ces offres ; rien ne permet de voir de l’extérieur si cet hôte en relève',
  },
} as const;

const TABLE_NAMES = {
  en: { 'curated-services': 'curated host pattern', 'owned-domain': 'owned domain', 'third-party-web': 'third-party-web (name only, control not judged)', asn: 'AS number' },
  fr: { 'curated-services': 'motif d’hôte organisé', 'owned-domain': 'domaine détenu', 'third-party-web': 'third-party-web (nom seul, contrôle non jugé)', asn: 'numéro d’AS' },
} as const;

/** Terminal text: control characters from data files are removed, lines are bounded. */
function clean(text: string): string {
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
  return plain.length > 300 ? `${plain.slice(0, 297)}…` : plain;
}

export function renderLookups(results: readonly LookupResult[], lang: Lang): string {
  return results.map((result) => renderOne(result, lang)).join('\n');
}

function renderOne(result: LookupResult, lang: Lang): string {
  const w = WORDS[lang];
  const colon = lang === 'fr' ? ' :' : ':';
  const lines: string[] = [`${clean(result.host ?? result.ip ?? result.input)} — ${result.status === 'known' ? (lang === 'fr' ? 'connu' : 'known') : w.unknown}`];
  if (result.vendor) {
    const vendor = result.vendor;
    const what = vendor.service ? `${vendor.service} (${vendor.name})` : vendor.name;
    lines.push(`  ${w.vendor}${colon} ${clean(what)} [${vendor.categories.join(', ')}] — ${w.decidedBy} ${TABLE_NAMES[lang][vendor.decidedBy]}${vendor.pattern ? ` ${clean(vendor.pattern)}` : ''}`);
    lines.push(...controlLines(result.vendorControl, lang, '    '));
  }
  if (result.network) {
    lines.push(`  ${w.network}${colon} ${result.network.ip} → AS${result.network.asn} ${clean(result.network.asOrganisation)}`);
  }
  if (result.serverLocation) lines.push(`  ${w.location}${colon} ${result.serverLocation.country}`);
  if (result.operator) {
    lines.push(`  ${w.operator}${colon} ${clean(result.operator.name)} — ${w.decidedBy} ${TABLE_NAMES[lang].asn} AS${result.network?.asn ?? ''}`);
    lines.push(...controlLines(result.operatorControl, lang, '    '));
  }
  for (const attempt of result.tried) lines.push(`  ${w.tried}${colon} ${clean(attempt)}`);
  return `${lines.join('\n')}\n`;
}

function controlLines(control: LookupControl | undefined, lang: Lang, indent: string): string[] {
  if (!control) return [];
  const w = WORDS[lang];
  const colon = lang === 'fr' ? ' :' : ':';
  if (control.status !== 'known') return [`${indent}${w.jurisdiction}${colon} ${w.unknown} (${clean(control.reason)})`];
  const lines = [
    `${indent}${w.chain}${colon} ${clean(control.chain.map((link) => `${link.name} (${link.country})`).join(' → '))}`,
    `${indent}${w.jurisdiction}${colon} ${control.jurisdiction} — ${w.confidence} ${control.confidence}`,
  ];
  if (control.jurisdictionCandidates) {
    lines.push(`${indent}${w.candidates}${colon} ${clean(control.jurisdictionCandidates.map((candidate) => `${candidate.country} (${candidate.note[lang]})`).join(lang === 'fr' ? ' ; ' : '; '))}`);
  }
  if (control.laws.length > 0) lines.push(`${indent}${w.laws}${colon} ${clean(control.laws.map((law) => `${law.name} (${law.country})`).join(', '))}`);
  if (control.qualifications.length > 0) {
    // One line each: a long offer must not push the next qualification's dates past the line bound.
    lines.push(`${indent}${w.qualifications} (${w.notVisible})${colon}`);
    for (const q of control.qualifications) lines.push(`${indent}  - ${clean(`${q.holder}: ${q.scheme} — ${q.offer}${validity(q, lang)}`)}`);
  }
  for (const event of control.history) {
    lines.push(`${indent}${w.history}${colon} ${event.date} ${clean(event.entity)} ${event.event}${event.by ? ` (${clean(event.by)})` : ''}${event.note ? ` — ${clean(event.note)}` : ''}`);
  }
  lines.push(`${indent}${w.sources}${colon}`);
  for (const source of control.sources) lines.push(`${indent}  - ${citation(source, lang)}`);
  for (const law of control.laws) lines.push(`${indent}  - ${clean(law.name)}: ${citation(law.provenance, lang)}`);
  return lines;
}

/**
 * When a qualification was held, as the data gives it: a certificate's end date matters as much as its
 * start (an HDS certificate runs three years), and the command prints no judgement of its own on "now".
 */
export function validity(qualification: { since?: string; until?: string }, lang: Lang): string {
  const { since, until } = qualification;
  if (since && until) return lang === 'fr' ? ` (du ${since} au ${until})` : ` (${since} to ${until})`;
  if (since) return lang === 'fr' ? ` (depuis le ${since})` : ` (since ${since})`;
  if (until) return lang === 'fr' ? ` (jusqu’au ${until})` : ` (until ${until})`;
  return '';
}

function citation(source: Provenance & { entity?: string }, lang: Lang): string {
  const parts = [source.entity ? `${source.entity}: ` : '', source.title ? `${source.title} — ` : '', source.note ?? source.source];
  const tail = [source.url, source.asOf ? `${WORDS[lang].asOf} ${source.asOf}` : undefined].filter(Boolean).join(', ');
  return clean(`${parts.join('')}${tail ? ` (${tail})` : ''}`);
}
