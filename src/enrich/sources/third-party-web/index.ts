/**
 * Host → vendor seed from the npm package third-party-web (MIT, HTTP Archive based): used when the
 * curated services do not know a host. Its `company` names are mapped to curated entity ids through
 * the entities' `aliases`; a company nobody mapped stays a name without ownership facts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Category, DataSourceInfo } from '../../../types.js';
import { HostPatternMap, type PatternMatch } from '../../host-pattern-map.js';
import type { DataSource, LoadedDataSource } from '../contract.js';

export const THIRD_PARTY_WEB_SOURCE_ID = 'third-party-web';

/** One third-party-web entity, reduced to what attribution needs. */
export interface ThirdPartyWebEntry {
  /** Entity (product family) name, e.g. "Google Analytics". */
  name: string;
  /** Company name, e.g. "Google"; third-party-web defaults it to the entity name. */
  company: string;
  category: Category;
  homepage?: string;
}

/** One entity of the package as published, for audits and coverage figures. */
export interface RawEntity {
  name: string;
  company?: string;
  homepage?: string;
  category: string;
  domains: string[];
  /** Pages of the HTTP Archive crawl that load the entity (prevalence). */
  totalOccurrences?: number;
}

/**
 * third-party-web categories → souverain categories. "utility" and "content" are too broad to say
 * more than "other" (reCAPTCHA and payment widgets are both "utility"): curated services refine them.
 */
const CATEGORY_MAP: Record<string, Category> = {
  ad: 'advertising',
  analytics: 'analytics',
  social: 'social',
  video: 'video',
  utility: 'other',
  hosting: 'hosting',
  marketing: 'marketing',
  'customer-success': 'support',
  content: 'other',
  cdn: 'cdn',
  'tag-manager': 'tag-manager',
  'consent-provider': 'consent',
  other: 'other',
};

const PLAIN_DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

const require = createRequire(import.meta.url);

function packageVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('third-party-web/package.json'), 'utf8')) as { version: string }).version;
}

/** The data source (contract.ts): `load()` reads the package's entities into a host pattern map. */
export const source: DataSource<ThirdPartyWeb> = {
  id: THIRD_PARTY_WEB_SOURCE_ID,
  licence: 'MIT',
  version: packageVersion,
  load: async () => new ThirdPartyWeb(),
};

/** The third-party-web data set as a host pattern map. */
export class ThirdPartyWeb implements LoadedDataSource {
  readonly version: string;
  private readonly patterns = new HostPatternMap<ThirdPartyWebEntry>();
  private readonly raw: readonly RawEntity[];

  constructor() {
    this.version = packageVersion();
    this.raw = JSON.parse(readFileSync(require.resolve('third-party-web/dist/entities.json'), 'utf8')) as RawEntity[];
    for (const entity of this.raw) this.addEntity(entity);
  }

  /** Every entity as the package publishes it (read-only), for the mapping audit and coverage. */
  entities(): readonly RawEntity[] {
    return this.raw;
  }

  /** Number of host patterns loaded. */
  get size(): number {
    return this.patterns.size;
  }

  /** The entity whose domains cover `host` (lower-case), with the match depth. */
  match(host: string): PatternMatch<ThirdPartyWebEntry> | undefined {
    return this.patterns.match(host);
  }

  /** As `match`, for a host already split into labels. */
  matchLabels(labels: readonly string[]): PatternMatch<ThirdPartyWebEntry> | undefined {
    return this.patterns.matchLabels(labels);
  }

  dataSources(): DataSourceInfo[] {
    return [{
      id: THIRD_PARTY_WEB_SOURCE_ID,
      name: 'third-party-web (Patrick Hulce, HTTP Archive)',
      version: this.version,
      licence: source.licence,
      url: 'https://github.com/patrickhulce/third-party-web',
    }];
  }

  private addEntity(entity: RawEntity): void {
    const entry: ThirdPartyWebEntry = {
      name: entity.name,
      company: entity.company ?? entity.name,
      category: CATEGORY_MAP[entity.category] ?? 'other',
      ...(entity.homepage ? { homepage: entity.homepage } : {}),
    };
    for (const domain of entity.domains) {
      const lower = domain.toLowerCase();
      // "*.example.com" covers example.com and its sub-domains; a plain name only itself.
      const wildcard = lower.startsWith('*.');
      const name = wildcard ? lower.slice(2) : lower;
      if (!PLAIN_DOMAIN.test(name)) continue;
      this.patterns.add(name, entry, { exactOnly: !wildcard });
    }
  }
}
