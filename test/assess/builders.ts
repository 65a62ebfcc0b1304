import type { Attribution, Collection, Control, Enrichment, HostAttribution, PageCapture } from '../../src/types.js';

export const known = <T>(value: T): Attribution<T> => ({ status: 'known', value, provenance: [{ source: 'test', asOf: '2026-11-29' }] });
export const unknown = <T>(): Attribution<T> => ({ status: 'unknown', triedSources: ['test'] });

export function control(entity: string, parent: string, jurisdiction: string, laws: string[] = []): Control {
  return { entity, entityName: entity, ultimateParent: parent, ultimateParentName: parent, chain: [entity, parent], jurisdiction, laws };
}

export const google = control('google', 'alphabet', 'US', ['us-cloud-act']);
export const ovh = control('ovhcloud', 'ovh-groupe', 'FR');

/** A host attribution; defaults: third party, vendor and operator OVHcloud (FR). */
export function host(name: string, overrides: Partial<HostAttribution> = {}): HostAttribution {
  return {
    host: name,
    registrableDomain: name.split('.').slice(-2).join('.'),
    firstParty: false,
    vendor: known({ entity: 'ovhcloud', categories: ['hosting'] }),
    vendorControl: known(ovh),
    addresses: [{ ip: '51.91.0.1', source: 'dns' }],
    network: known({ ip: '51.91.0.1', asn: 16276, asOrganisation: 'OVH SAS' }),
    operator: known({ entity: 'ovhcloud' }),
    operatorControl: known(ovh),
    serverLocation: known({ country: 'FR' }),
    cnameChain: [],
    ...overrides,
  };
}

export function page(overrides: Partial<PageCapture> = {}): PageCapture {
  return {
    requestedUrl: 'https://www.site.fr/',
    finalUrl: 'https://www.site.fr/',
    title: 'Site',
    status: 200,
    partial: false,
    startedAt: '2026-11-29T00:00:00.000Z',
    durationMs: 1000,
    wait: { timeoutMs: 30000, minDwellMs: 1000, quietWindowMs: 750 },
    requests: [],
    websockets: [],
    cookies: [],
    storage: [],
    hints: [],
    errors: [],
    ...overrides,
  };
}

export function collection(pages: PageCapture[] = [page()]): Collection {
  return {
    target: 'https://www.site.fr/',
    startedAt: '2026-11-29T00:00:00.000Z',
    finishedAt: '2026-11-29T00:00:01.000Z',
    options: { insecure: false, timeoutMs: 30000, infra: false },
    pages,
    dns: [],
    errors: [],
  };
}

export function enrichment(hosts: HostAttribution[]): Enrichment {
  return {
    hosts,
    entities: {},
    laws: { 'us-cloud-act': { id: 'us-cloud-act', name: 'US CLOUD Act', country: 'US', note: '', provenance: { source: 'test' } } },
    dataSources: [],
  };
}
