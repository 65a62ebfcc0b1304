/**
 * Loads data/infrastructure.yaml (and the `infrastructure:` section of user data files) and answers
 * "who runs this?" for a CNAME target, a response header, an NS or MX host, an SPF include or a
 * certificate issuer. Every answer carries the pattern's citation as provenance.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { dataFileKind, parseDataFile, readDataText } from '../shared/data-file.js';
import { LocalisedUsageError, type UsageError } from '../shared/errors.js';
import type { DataSourceInfo, Provenance } from '../types.js';
import { HostPatternMap } from './host-pattern-map.js';
import { normaliseHost } from './host-names.js';
import type { LoadedDataSource } from './sources/contract.js';
import {
  infrastructurePatternsSchema, userInfrastructureSectionSchema,
  type CertificateAuthorityPattern, type CnamePattern, type HeaderPattern, type InfrastructurePatterns, type SuffixPattern,
} from './infrastructure-schema.js';

export const INFRASTRUCTURE_SOURCE_ID = 'curated-infrastructure';
const USER_SOURCE_ID = 'user-data';
const BUNDLED_FILE = fileURLToPath(new URL('../../data/infrastructure.yaml', import.meta.url));

/** A pattern with where it came from. */
type Sourced<T> = T & { origin: { source: string; file: string; version: string } };

/** What a pattern recognised: the organisation, the product, how, and the provenance. */
export interface PatternHit {
  entity: string;
  service: string;
  /** cdn / hosting / object-storage for CNAME and header patterns. */
  kind?: CnamePattern['kind'];
  /** "d111.cloudfront.net matches cloudfront.net", "header server: cloudflare". */
  evidence: string;
  provenance: Provenance;
  /** Labels a host pattern covered (NS, MX, SPF, CNAME): a deeper match is more specific. */
  depth?: number;
}

interface Compiled {
  header: Sourced<HeaderPattern>;
  regex: RegExp;
}

/** The compiled patterns; look-ups are synchronous. */
export class InfrastructurePatternIndex implements LoadedDataSource {
  private readonly cnames = new HostPatternMap<Sourced<CnamePattern>>();
  private readonly nameServers = new HostPatternMap<Sourced<SuffixPattern>>();
  private readonly mailExchangers = new HostPatternMap<Sourced<SuffixPattern>>();
  private readonly spfDomains = new HostPatternMap<Sourced<SuffixPattern>>();
  private readonly headers: Compiled[] = [];
  private readonly authorities: Sourced<CertificateAuthorityPattern>[] = [];

  constructor(private readonly files: { path: string; sha256: string; source: string }[], sets: Sourced<InfrastructurePatterns>[]) {
    for (const set of sets) {
      const tag = <T>(item: T): Sourced<T> => ({ ...item, origin: set.origin });
      for (const p of set.cname) this.cnames.add(p.suffix, tag(p));
      for (const p of set.nameServers) this.nameServers.add(p.suffix, tag(p));
      for (const p of set.mailExchangers) this.mailExchangers.add(p.suffix, tag(p));
      for (const p of set.spf) this.spfDomains.add(p.suffix, tag(p));
      // User patterns come later and are tried first: they override the bundled ones.
      for (const p of set.headers) this.headers.unshift({ header: tag(p), regex: new RegExp(p.pattern, 'i') });
      for (const p of set.certificateAuthorities) this.authorities.unshift(tag(p));
    }
  }

  /** A CNAME target (or any host name) → the CDN/platform it belongs to. */
  cname(host: string): PatternHit | undefined {
    const name = normaliseHost(host);
    const match = this.cnames.match(name);
    return match && { ...hit(match.value, `${name} matches ${match.pattern}`, match.value.kind), depth: match.depth };
  }

  /** Response headers (lower-case names) → every CDN/platform they reveal, first pattern first. */
  headersOf(headers: Record<string, string> | undefined): PatternHit[] {
    if (!headers) return [];
    const hits: PatternHit[] = [];
    for (const { header, regex } of this.headers) {
      const value = headers[header.header];
      if (value === undefined || !regex.test(value)) continue;
      hits.push(hit(header, `response header ${header.header}: ${truncate(value)}`, header.kind));
    }
    return hits;
  }

  nameServer(host: string): PatternHit | undefined {
    return this.suffix(this.nameServers, host);
  }

  mailExchanger(host: string): PatternHit | undefined {
    return this.suffix(this.mailExchangers, host);
  }

  spf(domain: string): PatternHit | undefined {
    return this.suffix(this.spfDomains, domain);
  }

  /** A certificate issuer's O= → the certificate authority. */
  certificateAuthority(organisation: string): PatternHit | undefined {
    const wanted = organisation.trim().toLowerCase();
    const found = this.authorities.find((p) => {
      const name = p.organisation.toLowerCase();
      return p.match === 'prefix' ? wanted.startsWith(name) : wanted === name;
    });
    return found && hit(found, `certificate issuer O=${organisation} matches "${found.organisation}"${found.match === 'prefix' ? ' (prefix)' : ''}`);
  }

  /** The data-source contract's entries (src/enrich/sources/contract.ts): this one line. */
  dataSources(): DataSourceInfo[] {
    return [this.dataSource()];
  }

  /** The data source line for reports. */
  dataSource(): DataSourceInfo {
    const hash = createHash('sha256');
    for (const file of this.files) hash.update(file.sha256);
    return {
      id: INFRASTRUCTURE_SOURCE_ID,
      name: 'souverain curated infrastructure patterns (data/infrastructure.yaml)',
      version: `sha256:${hash.digest('hex').slice(0, 12)}`,
      licence: 'CC-BY-4.0',
    };
  }

  private suffix(map: HostPatternMap<Sourced<SuffixPattern>>, host: string): PatternHit | undefined {
    const name = normaliseHost(host);
    const match = map.match(name);
    return match && { ...hit(match.value, `${name} matches ${match.pattern}`), depth: match.depth };
  }
}

function hit(pattern: Sourced<{ entity: string; service: string; source: { note: string; asOf: string; url?: string; title?: string } }>, evidence: string, kind?: CnamePattern['kind']): PatternHit {
  return {
    entity: pattern.entity,
    service: pattern.service,
    ...(kind ? { kind } : {}),
    evidence,
    provenance: {
      source: pattern.origin.source,
      version: pattern.origin.version,
      asOf: pattern.source.asOf,
      note: `${evidence} (${pattern.service}); ${pattern.source.note}${pattern.origin.source === USER_SOURCE_ID ? `; file ${pattern.origin.file}` : ''}`,
      ...(pattern.source.url ? { url: pattern.source.url } : {}),
      ...(pattern.source.title ? { title: pattern.source.title } : {}),
    },
  };
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

/**
 * Loads the bundled patterns, then the `infrastructure:` section of each extra file (files without
 * one are skipped: the same --data files carry entities and services). Bad data is a UsageError
 * naming the file and the field.
 *
 * @example
 * const patterns = await loadInfrastructurePatterns();
 * patterns.cname('d111.cloudfront.net')?.entity // 'amazon-web-services'
 */
export async function loadInfrastructurePatterns(extraFiles: readonly string[] = []): Promise<InfrastructurePatternIndex> {
  const files: { path: string; sha256: string; source: string }[] = [];
  const sets: Sourced<InfrastructurePatterns>[] = [];
  const bundled = await readYaml(BUNDLED_FILE, files, INFRASTRUCTURE_SOURCE_ID);
  sets.push(validate(bundled.data, BUNDLED_FILE, bundled.origin));
  for (const file of extraFiles) {
    const extra = await readYaml(file, [], USER_SOURCE_ID);
    if (!isRecord(extra.data) || !('infrastructure' in extra.data)) continue;
    const section = userInfrastructureSectionSchema.safeParse(extra.data);
    if (!section.success) throw invalid(section.error.issues[0], file);
    sets.push({ ...section.data.infrastructure, origin: extra.origin });
  }
  return new InfrastructurePatternIndex(files, sets);
}

function validate(data: unknown, file: string, origin: Sourced<object>['origin']): Sourced<InfrastructurePatterns> {
  const result = infrastructurePatternsSchema.safeParse(data);
  if (!result.success) throw invalid(result.error.issues[0], file);
  return { ...result.data, origin };
}

function invalid(issue: { path: PropertyKey[]; message: string } | undefined, file: string): UsageError {
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  const problem = `data file ${basename(file)}: ${where}: ${issue?.message ?? 'invalid'}`;
  return new LocalisedUsageError(
    { en: problem, fr: `fichier de données ${basename(file)} : ${where} : ${issue?.message ?? 'invalide'}` },
    dataFileKind('infrastructure').reference,
  );
}

/** Reads and parses a YAML file with the shared data-file reader (size, aliases, file:line errors in both languages). */
async function readYaml(file: string, files: { path: string; sha256: string; source: string }[], source: string): Promise<{ data: unknown; origin: Sourced<object>['origin'] }> {
  const kind = dataFileKind('infrastructure');
  const text = await readDataText(file, kind);
  const sha256 = createHash('sha256').update(text).digest('hex');
  files.push({ path: file, sha256, source });
  return { data: parseDataFile(text, basename(file), z.unknown(), kind), origin: { source, file, version: `sha256:${sha256.slice(0, 12)}` } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
