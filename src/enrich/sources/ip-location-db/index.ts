/**
 * IP → ASN + AS organisation (@ip-location-db/asn) and IP → country
 * (@ip-location-db/geo-whois-asn-country), read from the packages' `*-num.csv` files.
 *
 * Each table is parsed on first use (synchronously: look-ups are synchronous) and kept; the IPv6
 * tables are parsed only when an IPv6 address is looked up. See README.md for licences.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DataSourceInfo } from '../../../types.js';
import type { ParsedIp } from '../../ip-address.js';
import type { DataSource, LoadedDataSource } from '../contract.js';
import { readTableFile, type RangeTable } from './range-table.js';

export const ASN_SOURCE_ID = 'ip-location-db/asn';
export const COUNTRY_SOURCE_ID = 'ip-location-db/geo-whois-asn-country';

/** The attribution the ASN data's licences require (CC BY 4.0: RouteViews, DB-IP, NRO). */
export const ASN_ATTRIBUTION =
  'IP to ASN data: RouteViews (routeviews.org), IP to ASN Lite by DB-IP (https://db-ip.com), ' +
  'RIR statistics by the NRO (nro.net), compiled by ip-location-db; CC BY 4.0.';
export const COUNTRY_ATTRIBUTION =
  'IP to country data: GeoFeed, RIR WHOIS (NRO, CC BY 4.0) and ASN data, compiled by ip-location-db; CC0-1.0.';

const require = createRequire(import.meta.url);

interface PackageFacts {
  directory: string;
  version: string;
}

function packageFacts(name: string): PackageFacts {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  return { directory: dirname(manifestPath), version: manifest.version };
}

/**
 * The build date encoded in ip-location-db versions: `2.3.2026061719` → `2026-06-17`
 * (the third part is YYYYMMDDHH). Undefined for a version of another shape.
 */
export function buildDateFromVersion(version: string): string | undefined {
  const match = /^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d{0,2}$/.exec(version);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** An ASN look-up result. */
export interface AsnRow {
  asn: number;
  organisation: string;
}

/** Time spent parsing each table, for the benchmark and for curiosity. */
export interface LoadTimings {
  [table: string]: number;
}

/**
 * The data source (contract.ts). `load()` only reads the package manifests: each IP table is parsed
 * on its first look-up (a command that looks up no address pays nothing).
 */
export const source: DataSource<IpLocationDb> = {
  id: 'ip-location-db',
  licence: 'CC-BY-4.0 AND CC0-1.0',
  version: () => `asn ${packageFacts('@ip-location-db/asn').version}, geo-whois-asn-country ${packageFacts('@ip-location-db/geo-whois-asn-country').version}`,
  load: async () => new IpLocationDb(),
};

/** Lazily-loaded IP tables of both packages. */
export class IpLocationDb implements LoadedDataSource {
  readonly asnPackage: PackageFacts;
  readonly countryPackage: PackageFacts;
  readonly loadTimings: LoadTimings = {};
  private readonly tables = new Map<string, RangeTable>();

  constructor() {
    this.asnPackage = packageFacts('@ip-location-db/asn');
    this.countryPackage = packageFacts('@ip-location-db/geo-whois-asn-country');
  }

  /** ASN and AS organisation announcing the address, if any. */
  asn(ip: ParsedIp): AsnRow | undefined {
    const table = this.table(this.asnPackage, `asn-ipv${ip.version}-num.csv`, 'number');
    const row = table.find(ip.version === 4 ? ip.value : ip.limbs);
    if (row < 0) return undefined;
    return { asn: table.number(row), organisation: table.text(row) };
  }

  /** Country code (ISO alpha-2) registered for the address, if any. */
  country(ip: ParsedIp): string | undefined {
    const table = this.table(this.countryPackage, `geo-whois-asn-country-ipv${ip.version}-num.csv`, 'country');
    const row = table.find(ip.version === 4 ? ip.value : ip.limbs);
    return row < 0 ? undefined : table.text(row);
  }

  /** Loads the IPv4 tables now (the benchmark separates load time from look-up time). */
  preloadIpv4(): void {
    this.table(this.asnPackage, 'asn-ipv4-num.csv', 'number');
    this.table(this.countryPackage, 'geo-whois-asn-country-ipv4-num.csv', 'country');
  }

  /** Licences, versions and build dates, as the report prints them. */
  dataSources(): DataSourceInfo[] {
    return [
      {
        id: ASN_SOURCE_ID,
        name: 'ip-location-db ASN (RouteViews + RIR + DB-IP IP to ASN Lite)',
        version: this.asnPackage.version,
        ...optional('builtAt', buildDateFromVersion(this.asnPackage.version)),
        licence: 'CC-BY-4.0',
        attribution: ASN_ATTRIBUTION,
        url: 'https://github.com/sapics/ip-location-db',
      },
      {
        id: COUNTRY_SOURCE_ID,
        name: 'ip-location-db geo-whois-asn-country',
        version: this.countryPackage.version,
        ...optional('builtAt', buildDateFromVersion(this.countryPackage.version)),
        licence: 'CC0-1.0',
        attribution: COUNTRY_ATTRIBUTION,
        url: 'https://github.com/sapics/ip-location-db',
      },
    ];
  }

  private table(pack: PackageFacts, file: string, kind: 'number' | 'country'): RangeTable {
    let table = this.tables.get(file);
    if (!table) {
      const started = performance.now();
      table = readTableFile(join(pack.directory, file), file.includes('ipv6') ? 6 : 4, kind);
      this.loadTimings[file] = Math.round(performance.now() - started);
      this.tables.set(file, table);
    }
    return table;
  }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
