/**
 * The networks target of issue 8, measured from the bundled offline data only: the largest networks
 * registered in the EU/EEA (France included) by announced IPv4 space, and a list of global clouds
 * and CDNs (data/ecosystem/networks.yaml) — how many of their AS numbers are linked to a curated
 * organisation. Shared by `souverain data stats` (line e) and bench/coverage.ts.
 *
 * Announced space per ASN comes from @ip-location-db/asn (`start,end,ASN,AS name`); the registry
 * country of an ASN is the country of geo-whois-asn-country (`start,end,country`) that holds most of
 * its announced addresses. Both files are sorted by start, so one sweep computes the overlaps; the
 * ASN file is streamed, the country file is kept as disjoint segments (decision 0053).
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { FileKind } from '../../shared/data-file.js';
import type { Lang } from '../../shared/errors.js';
import type { OfflineKnowledge } from '../knowledge.js';
import { DATA_DIRECTORY } from '../sources/curated/load.js';
import { readOptionalListFile } from './list-file.js';

/** How many of the largest EU/EEA networks the target covers. */
export const NETWORK_TOP = 300;

/** One ASN with the IPv4 space it announces and the registry country holding most of it. */
export interface AnnouncedNetwork {
  asn: number;
  /** AS organisation name as the ASN data gives it (first row seen). */
  name: string;
  /** ISO alpha-2 registry country holding most of the announced addresses; "ZZ" when none is registered. */
  country: string;
  /** Announced IPv4 addresses. */
  addresses: number;
}

export interface RankedNetwork extends AnnouncedNetwork {
  rank: number;
  /** The curated organisation the ASN is linked to, if any. */
  entity?: string;
}

export interface EuropeanNetworkCoverage {
  /** How many networks were measured (the N largest). */
  top: number;
  /** Networks linked to a curated organisation (its `asns`). */
  linked: number;
  linkedPercent: number;
  /** Share of the N networks' announced IPv4 space that is linked, 0–100. */
  spacePercent: number;
  /** Linked networks whose organisation has a known ultimate parent and jurisdiction (medium/high facts). */
  controlKnown: number;
  /** The unlinked ones, largest first: the maintainers' to-do list. */
  unlinked: RankedNetwork[];
  /** Every ranked network (for JSON output and the benchmark). */
  ranked: RankedNetwork[];
}

export interface GlobalNetworkCoverage {
  file: string;
  /** Providers in the list. */
  providers: number;
  /** AS numbers listed. */
  asns: number;
  /** Listed AS numbers linked to a curated organisation of the expected group. */
  linked: number;
  percent: number;
  /** Providers whose every listed AS number is linked to the expected group. */
  providersLinked: number;
  /** Listed AS numbers linked to an organisation of another group than the list expects. */
  mismatches: { provider: string; asn: number; expected: string; found: string }[];
  unlinked: { provider: string; asn: number; name?: string }[];
}

export interface NetworkRankingCoverage {
  europe: EuropeanNetworkCoverage;
  global?: GlobalNetworkCoverage;
  /**
   * Unlinked AS numbers whose AS name is exactly the AS name of an AS number linked to one organisation
   * (and to no other): most likely that organisation's own networks not listed yet (decision 0053).
   */
  sameName: { asn: number; name: string; entity: string; addresses: number }[];
  /** Versions of the ASN and country data the ranking was computed from. */
  data: string;
}

// ---------------------------------------------------------------------------------------------
// Reading the CSV files (the seam the unit test feeds with small fixtures)

/** The two ip-location-db IPv4 files of the installed packages. */
export function bundledAddressFiles(): { asnFile: string; countryFile: string; data: string } {
  const require = createRequire(import.meta.url);
  const asnManifest = require.resolve('@ip-location-db/asn/package.json');
  const countryManifest = require.resolve('@ip-location-db/geo-whois-asn-country/package.json');
  const version = (manifest: string) => (require(manifest) as { version: string }).version;
  return {
    asnFile: join(dirname(asnManifest), 'asn-ipv4-num.csv'),
    countryFile: join(dirname(countryManifest), 'geo-whois-asn-country-ipv4-num.csv'),
    data: `@ip-location-db/asn ${version(asnManifest)}, @ip-location-db/geo-whois-asn-country ${version(countryManifest)}`,
  };
}

/** Splits one CSV line; fields may be double-quoted, with "" for a quote (AS names such as "LLC ""SPUTNIK"""). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { fields.push(field); field = ''; }
    else field += char;
  }
  fields.push(field);
  return fields;
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * Called for each row of a `start,end,value[,text]` file with the two numbers parsed from the bytes;
 * the rest of the line (value and text) stays in `bytes` from `rest` to `lineEnd`, decoded only when
 * needed — most of a file's bytes are AS names, needed once per ASN.
 */
type RangeLineHandler = (start: number, end: number, bytes: Buffer, rest: number, lineEnd: number) => void;

/** Where readNumber stopped (a module variable rather than a tuple: this runs ~750,000 times). */
let numberEnd = 0;

/** Reads a decimal number from `position` (stopping at `limit`); NaN when there is none; sets numberEnd. */
function readNumber(bytes: Buffer, position: number, limit: number): number {
  let value = 0;
  const first = position;
  while (position < limit) {
    const byte = bytes[position] as number;
    if (byte < DIGIT_0 || byte > DIGIT_9) break;
    value = value * 10 + (byte - DIGIT_0);
    position++;
  }
  numberEnd = position;
  return position === first ? Number.NaN : value;
}

/**
 * Streams an IPv4 `*-num.csv` file in chunks and calls `onLine` for each row (synchronously within
 * a chunk: an await or a Buffer per row would cost more than the parsing). A line that does not
 * start with `start,end,` is skipped.
 */
async function forEachRangeLine(file: string, onLine: RangeLineHandler): Promise<void> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let lineStart = 0;
    if (carry.length > 0) {
      // Only the line cut by the chunk boundary is copied, not the whole chunk.
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) { carry = Buffer.concat([carry, chunk]); continue; }
      const line = Buffer.concat([carry, chunk.subarray(0, newline)]);
      parseRangeLine(line, 0, line.length, onLine);
      lineStart = newline + 1;
    }
    for (let newline = chunk.indexOf(NEWLINE, lineStart); newline !== -1; newline = chunk.indexOf(NEWLINE, lineStart)) {
      parseRangeLine(chunk, lineStart, newline, onLine);
      lineStart = newline + 1;
    }
    carry = Buffer.from(chunk.subarray(lineStart));
  }
  parseRangeLine(carry, 0, carry.length, onLine);
}

function parseRangeLine(bytes: Buffer, lineStart: number, newline: number, onLine: RangeLineHandler): void {
  const lineEnd = newline > lineStart && bytes[newline - 1] === 0x0d ? newline - 1 : newline;
  const start = readNumber(bytes, lineStart, lineEnd);
  if (bytes[numberEnd] !== COMMA || numberEnd >= lineEnd) return;
  const end = readNumber(bytes, numberEnd + 1, lineEnd);
  if (bytes[numberEnd] !== COMMA || numberEnd >= lineEnd || !(end >= start)) return;
  onLine(start, end, bytes, numberEnd + 1, lineEnd);
}

/** Two upper-case letters packed in 16 bits (first letter high): numeric order is alphabetical order. */
const UNASSIGNED = (0x5a << 8) | 0x5a; // "ZZ", the registries' code for unassigned space

/** The country code of a packed pair of letters. */
export function countryOfCode(code: number): string {
  return String.fromCharCode(code >> 8, code & 0xff);
}

/** Disjoint country segments sorted by start, in typed arrays (about 334,000 rows for the bundled file). */
export interface CountrySegments {
  starts: Uint32Array;
  ends: Uint32Array;
  /** Country of each segment, packed (countryOfCode decodes it). */
  codes: Uint16Array;
}

/**
 * The country file as disjoint segments sorted by start. The file lists a few nested ranges (a /32
 * inside a block, listed after it): a range listed later wins over the part of an earlier one it covers.
 */
export async function readCountrySegments(file: string): Promise<CountrySegments> {
  let starts = new Uint32Array(1 << 16);
  let ends = new Uint32Array(1 << 16);
  let codes = new Uint16Array(1 << 16);
  let count = 0;
  const push = (start: number, end: number, code: number) => {
    if (count === starts.length) {
      starts = grow(starts, new Uint32Array(count * 2));
      ends = grow(ends, new Uint32Array(count * 2));
      codes = grow(codes, new Uint16Array(count * 2));
    }
    starts[count] = start;
    ends[count] = end;
    codes[count] = code;
    count++;
  };
  await forEachRangeLine(file, (start, end, bytes, rest, lineEnd) => {
    if (lineEnd < rest + 2) return;
    const code = ((bytes[rest] as number) << 8) | (bytes[rest + 1] as number);
    if (count === 0 || (ends[count - 1] as number) < start) { push(start, end, code); return; }
    // Nested: cut the earlier segments this range overlaps, keeping their parts before and after it.
    const after: [number, number, number][] = [];
    while (count > 0 && (ends[count - 1] as number) >= start) {
      count--;
      const lastStart = starts[count] as number;
      const lastEnd = ends[count] as number;
      const lastCode = codes[count] as number;
      if (lastEnd > end) after.unshift([Math.max(end + 1, lastStart), lastEnd, lastCode]);
      if (lastStart < start) { push(lastStart, start - 1, lastCode); break; }
    }
    push(start, end, code);
    for (const [s, e, c] of after) push(s, e, c);
  });
  return { starts: starts.subarray(0, count), ends: ends.subarray(0, count), codes: codes.subarray(0, count) };
}

function grow<T extends Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Announced IPv4 space per ASN and the registry country holding most of it. The ASN file is streamed
 * and swept against the country segments (both sorted by start). Each ASN gets a dense index on first
 * sight; its space and its addresses per country live in typed arrays and in one map keyed by
 * index × 1024 + country index (small integers): no object per ASN while the 410,000 rows stream by.
 */
export async function announcedNetworks(asnFile: string, countryFile: string): Promise<AnnouncedNetwork[]> {
  const { starts, ends, codes } = await readCountrySegments(countryFile);
  const countryIndex = new Map<number, number>();
  const countryCodes: number[] = [];
  for (const code of new Set(codes)) { countryIndex.set(code, countryCodes.length); countryCodes.push(code); }
  const segmentCountry = Uint16Array.from(codes, (code) => countryIndex.get(code) as number);
  const indexOf = new Map<number, number>();
  const asns: number[] = [];
  const names: string[] = [];
  let space = new Float64Array(1 << 16);
  const byCountry = new Map<number, number>();
  let first = 0;
  await forEachRangeLine(asnFile, (start, end, bytes, rest, lineEnd) => {
    const asn = readNumber(bytes, rest, lineEnd);
    if (!(asn > 0)) return;
    let index = indexOf.get(asn);
    if (index === undefined) {
      index = asns.length;
      indexOf.set(asn, index);
      asns.push(asn);
      names.push(bytes[numberEnd] === COMMA && numberEnd < lineEnd ? splitCsvLine(bytes.toString('utf8', numberEnd + 1, lineEnd))[0] ?? '' : '');
      if (index === space.length) { const larger = new Float64Array(index * 2); larger.set(space); space = larger; }
    }
    space[index] = (space[index] as number) + end - start + 1;
    while (first < starts.length && (ends[first] as number) < start) first++;
    for (let i = first; i < starts.length && (starts[i] as number) <= end; i++) {
      const overlap = Math.min(end, ends[i] as number) - Math.max(start, starts[i] as number) + 1;
      if (overlap <= 0) continue;
      const key = index * COUNTRY_SLOTS + (segmentCountry[i] as number);
      byCountry.set(key, (byCountry.get(key) ?? 0) + overlap);
    }
  });
  const majority = majorityCountries(byCountry, countryCodes, asns.length);
  return asns.map((asn, index) => ({
    asn, name: names[index] as string, addresses: space[index] as number,
    country: majority[index] === NONE ? 'ZZ' : countryOfCode(majority[index] as number),
  }));
}

const NONE = 0xffff;
/** More than the 26 × 26 possible two-letter codes: index × COUNTRY_SLOTS + country stays a small integer. */
const COUNTRY_SLOTS = 1024;

/** Per ASN index, the packed code of the country with the most addresses (ties: alphabetically first; "ZZ" never wins). */
function majorityCountries(byCountry: Map<number, number>, countryCodes: readonly number[], networks: number): Uint16Array {
  const bestCode = new Uint16Array(networks).fill(NONE);
  const bestCount = new Float64Array(networks);
  for (const [key, count] of byCountry) {
    const code = countryCodes[key % COUNTRY_SLOTS] as number;
    if (code === UNASSIGNED) continue;
    const index = (key - (key % COUNTRY_SLOTS)) / COUNTRY_SLOTS;
    const best = bestCount[index] as number;
    if (count > best || (count === best && code < (bestCode[index] as number))) {
      bestCode[index] = code;
      bestCount[index] = count;
    }
  }
  return bestCode;
}

// ---------------------------------------------------------------------------------------------
// The list of global clouds and CDNs (data/ecosystem/networks.yaml)

export const globalNetworksFileSchema = z.object({
  networks: z.array(z.object({
    name: z.string().min(1).describe('Provider, e.g. "Amazon Web Services".'),
    entity: z.string().min(1).describe('Id of the curated organisation (or group) expected behind the AS numbers.'),
    asns: z.array(z.number().int().positive().max(4294967295)).min(1).describe('Main AS numbers, checked against the AS names of @ip-location-db/asn.'),
    note: z.string().optional(),
  }).strict()),
}).strict();

export type GlobalNetworksFile = z.infer<typeof globalNetworksFileSchema>;

export const GLOBAL_NETWORKS_FILE = fileURLToPath(new URL('ecosystem/networks.yaml', DATA_DIRECTORY));

/** The list of global clouds and CDNs, or undefined when the file does not exist. */
export async function readGlobalNetworks(file = GLOBAL_NETWORKS_FILE): Promise<GlobalNetworksFile | undefined> {
  return readOptionalListFile(file, globalNetworksFileSchema, GLOBAL_NETWORKS_KIND);
}

/** No JSON schema is published for this list: its fields are described in data/README.md. */
const GLOBAL_NETWORKS_KIND: FileKind = {
  name: { en: 'data file', fr: 'fichier de données' },
  reference: { en: 'see data/README.md (ecosystem/networks.yaml) for the expected fields', fr: 'les champs attendus sont décrits dans data/README.md (ecosystem/networks.yaml)' },
};

// ---------------------------------------------------------------------------------------------
// Ranking and coverage

/** What the ranking needs from the knowledge: the curated ASN → organisation link and its control. */
export interface AsnLinks {
  entityForAsn(asn: number): string | undefined;
  controlKnown(entity: string): boolean;
  /** The ultimate parent of an organisation (itself when it has none). */
  group(entity: string): string;
}

export function asnLinks(knowledge: OfflineKnowledge): AsnLinks {
  return {
    entityForAsn: (asn) => knowledge.entityGraph.idForAsn(asn),
    controlKnown: (entity) => knowledge.controlOf(entity).status === 'known',
    group: (entity) => knowledge.entityGraph.lineage(entity).at(-1) ?? entity,
  };
}

/**
 * The `top` largest networks whose registry country is in `europe`, largest first (ties by ASN).
 * Every network type is kept — operators, hosting, research networks, companies, public bodies
 * (decision 0053).
 */
export function rankEuropeanNetworks(networks: readonly AnnouncedNetwork[], europe: readonly string[], links: AsnLinks, top = NETWORK_TOP): EuropeanNetworkCoverage {
  const members = new Set(europe);
  const ranked: RankedNetwork[] = networks.filter((network) => members.has(network.country))
    .sort((a, b) => b.addresses - a.addresses || a.asn - b.asn)
    .slice(0, top)
    .map((network, index) => {
      const entity = links.entityForAsn(network.asn);
      return { ...network, rank: index + 1, ...(entity ? { entity } : {}) };
    });
  const linked = ranked.filter((network) => network.entity !== undefined);
  const space = ranked.reduce((sum, network) => sum + network.addresses, 0);
  const linkedSpace = linked.reduce((sum, network) => sum + network.addresses, 0);
  return {
    top: ranked.length,
    linked: linked.length,
    linkedPercent: percent(linked.length, ranked.length),
    spacePercent: percent(linkedSpace, space),
    controlKnown: linked.filter((network) => links.controlKnown(network.entity as string)).length,
    unlinked: ranked.filter((network) => network.entity === undefined),
    ranked,
  };
}

/** The global clouds and CDNs: each listed ASN linked to an organisation of the expected group. */
export function globalNetworkCoverage(list: GlobalNetworksFile, file: string, links: AsnLinks, names: ReadonlyMap<number, string>): GlobalNetworkCoverage {
  let asns = 0;
  let linked = 0;
  let providersLinked = 0;
  const mismatches: GlobalNetworkCoverage['mismatches'] = [];
  const unlinked: GlobalNetworkCoverage['unlinked'] = [];
  for (const provider of list.networks) {
    let all = true;
    for (const asn of provider.asns) {
      asns++;
      const entity = links.entityForAsn(asn);
      if (!entity) {
        all = false;
        const name = names.get(asn);
        unlinked.push({ provider: provider.name, asn, ...(name ? { name } : {}) });
      } else if (links.group(entity) !== links.group(provider.entity)) {
        all = false;
        mismatches.push({ provider: provider.name, asn, expected: provider.entity, found: entity });
      } else linked++;
    }
    if (all) providersLinked++;
  }
  return { file, providers: list.networks.length, asns, linked, percent: percent(linked, asns), providersLinked, mismatches, unlinked };
}

/**
 * Names of the Internet registries themselves (IANA and the five RIRs). The bundled ASN data sometimes labels
 * an AS with the registry that assigned it instead of its holder (AS719, Elisa's, reads "RIPE Network
 * Coordination Centre" — decision 0066), so such a name says nothing about who holds an AS.
 */
const REGISTRY_NAMES: ReadonlySet<string> = new Set([
  'internet assigned numbers authority',
  'ripe network coordination centre',
  'american registry for internet numbers',
  'asia pacific network information centre',
  'latin american and caribbean ip address regional registry',
  'african network information centre',
  'african network information center',
]);

/**
 * Unlinked AS numbers that carry, letter for letter (case and surrounding spaces aside), the AS name of
 * AS numbers linked to exactly one organisation: a registrant name is the organisation's own, so these are
 * its networks missing from `asns`. A registry's own name is never taken as a registrant's (decision 0066).
 * Largest first.
 */
export function sameNameCandidates(networks: readonly AnnouncedNetwork[], links: Pick<AsnLinks, 'entityForAsn'>): NetworkRankingCoverage['sameName'] {
  const key = (name: string) => name.trim().toLowerCase();
  const owners = new Map<string, Set<string>>();
  for (const network of networks) {
    const entity = links.entityForAsn(network.asn);
    if (entity === undefined || network.name.trim() === '' || REGISTRY_NAMES.has(key(network.name))) continue;
    const set = owners.get(key(network.name)) ?? new Set<string>();
    set.add(entity);
    owners.set(key(network.name), set);
  }
  const candidates: NetworkRankingCoverage['sameName'] = [];
  for (const network of networks) {
    if (links.entityForAsn(network.asn) !== undefined) continue;
    const set = owners.get(key(network.name));
    if (set?.size === 1) candidates.push({ asn: network.asn, name: network.name, entity: [...set][0] as string, addresses: network.addresses });
  }
  return candidates.sort((a, b) => b.addresses - a.addresses || a.asn - b.asn);
}

/** (e) Both measures from the bundled data (or the given files, for tests). */
export async function networkRanking(knowledge: OfflineKnowledge, files = bundledAddressFiles(), globalFile = GLOBAL_NETWORKS_FILE, top = NETWORK_TOP): Promise<NetworkRankingCoverage> {
  const [networks, list] = await Promise.all([announcedNetworks(files.asnFile, files.countryFile), readGlobalNetworks(globalFile)]);
  const links = asnLinks(knowledge);
  const names = new Map(networks.map((network) => [network.asn, network.name]));
  return {
    europe: rankEuropeanNetworks(networks, knowledge.euCountries(), links, top),
    ...(list ? { global: globalNetworkCoverage(list, globalFile, links, names) } : {}),
    sameName: sameNameCandidates(networks, links),
    data: files.data,
  };
}

/** Errors for `souverain data check`: a provider of the global list naming an unknown organisation. */
export function checkGlobalNetworks(knowledge: OfflineKnowledge, list: GlobalNetworksFile | undefined): string[] {
  return (list?.networks ?? []).filter((provider) => !knowledge.curated.entities.has(provider.entity))
    .map((provider) => `networks list (data/ecosystem/networks.yaml): "${provider.name}" names unknown entity "${provider.entity}"`);
}

/** Line (e) of `souverain data stats` and bench/coverage.ts, in English or French. */
export function renderNetworkRanking(figures: NetworkRankingCoverage, lang: Lang): string[] {
  const e = figures.europe;
  const g = figures.global;
  const fr = lang === 'fr';
  const europe = fr
    ? `(e) les ${e.top} plus grands réseaux immatriculés dans l’UE/EEE (espace IPv4 annoncé) : ${e.linked} rattachés à une organisation (${e.linkedPercent} %, ${e.spacePercent} % de leur espace), dont ${e.controlKnown} au propriétaire ultime et à la juridiction connus`
    : `(e) the ${e.top} largest networks registered in the EU/EEA (announced IPv4 space): ${e.linked} linked to an organisation (${e.linkedPercent} %, ${e.spacePercent} % of their space), ${e.controlKnown} with a known ultimate parent and jurisdiction`;
  const global = !g
    ? (fr ? '; clouds et CDN mondiaux : liste absente (data/ecosystem/networks.yaml)' : '; global clouds and CDNs: list missing (data/ecosystem/networks.yaml)')
    : fr
      ? ` ; clouds et CDN mondiaux : ${g.linked}/${g.asns} numéros d’AS de ${g.providers} fournisseurs rattachés au groupe attendu (${g.percent} %), ${g.providersLinked} fournisseurs entièrement`
      : `; global clouds and CDNs: ${g.linked}/${g.asns} AS numbers of ${g.providers} providers linked to the expected group (${g.percent} %), ${g.providersLinked} providers fully`;
  const sameName = figures.sameName.length === 0 ? '' : fr
    ? ` ; ${figures.sameName.length} numéros d’AS non rattachés portent le nom d’AS d’un numéro déjà rattaché`
    : `; ${figures.sameName.length} unlinked AS numbers carry the AS name of a linked one`;
  return [`${europe}${global}${sameName}`];
}

/** The maintainers' to-do list for line (e): every unlinked network of the ranking and of the global list. */
export function renderNetworkGaps(figures: NetworkRankingCoverage, lang: Lang): string[] {
  const fr = lang === 'fr';
  const count = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
  const lines = figures.europe.unlinked.map((network) => fr
    ? `  - réseau n° ${network.rank} AS${network.asn} ${network.name} (${network.country}, ${count.format(network.addresses)} adresses) : rattaché à aucune organisation`
    : `  - network #${network.rank} AS${network.asn} ${network.name} (${network.country}, ${count.format(network.addresses)} addresses): not linked to an organisation`);
  for (const gap of figures.global?.unlinked ?? []) {
    lines.push(fr ? `  - cloud/CDN ${gap.provider} : AS${gap.asn}${gap.name ? ` ${gap.name}` : ''} rattaché à aucune organisation` : `  - cloud/CDN ${gap.provider}: AS${gap.asn}${gap.name ? ` ${gap.name}` : ''} not linked to an organisation`);
  }
  for (const gap of figures.sameName) {
    lines.push(fr ? `  - AS${gap.asn} « ${gap.name} » : même nom d’AS qu’un numéro de ${gap.entity}, non rattaché` : `  - AS${gap.asn} "${gap.name}": same AS name as an AS number of ${gap.entity}, not linked`);
  }
  for (const gap of figures.global?.mismatches ?? []) {
    lines.push(fr ? `  - cloud/CDN ${gap.provider} : AS${gap.asn} rattaché à ${gap.found}, la liste attend ${gap.expected}` : `  - cloud/CDN ${gap.provider}: AS${gap.asn} linked to ${gap.found}, the list expects ${gap.expected}`);
  }
  return lines;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}
