/**
 * Attributes the site's own infrastructure: who hosts it, which CDN/WAF fronts it, who serves its
 * DNS zone, who receives and who sends its mail (MX, SPF, DKIM), who receives its DMARC reports, and
 * which certificate authority vouches for it.
 * Each component gets an operator and its control (ultimate parent, jurisdiction, laws), or an
 * unknown with the reason: a name no pattern recognises is never guessed.
 *
 * Evidence comes only from the saved Collection (collection.infrastructure + the main document's
 * response headers), so a saved report can be re-enriched offline.
 */
import {
  INFRA_ROLE_CATEGORY,
  type Attribution, type Collection, type Control, type DnsAnswer, type EntityFacts, type HostAttribution, type InfraComponent, type InfraHostResolution,
  type DkimSelectorObservation, type DmarcObservation, type DmarcReportAddress,
  type InfrastructureCollection, type InfrastructureEnrichment, type LawRef, type Provenance, type RequestRecord, type SpfObservation,
} from '../types.js';
import { isIP } from 'node:net';
import { isExpired } from '../collect/tls-certificate.js';
import { dnsZoneApexOf } from '../shared/url.js';
import { normaliseHost, registrableDomain } from './host-names.js';
import { usableIp } from './ip-address.js';
import type { Knowledge } from './knowledge.js';
import type { InfrastructurePatternIndex, PatternHit } from './infrastructure-patterns.js';
import { uniqueProvenance } from '../shared/provenance.js';

export { loadInfrastructurePatterns, InfrastructurePatternIndex, INFRASTRUCTURE_SOURCE_ID } from './infrastructure-patterns.js';
export type { PatternHit } from './infrastructure-patterns.js';

type Role = InfraComponent['role'];
type Operator = Attribution<{ entity: string }>;


/** What identified an operator, before grouping into components. */
interface Sighting {
  role: Role;
  subject: string;
  evidence: string;
  operator: Operator;
  serverLocation?: Attribution<{ country: string }>;
}

/**
 * @example
 * const infra = enrichInfrastructure(collection, knowledge, await loadInfrastructurePatterns());
 * infra.components.find((c) => c.role === 'cdn')?.control // Amazon Web Services → Amazon (US; …)
 */
export function enrichInfrastructure(collection: Collection, knowledge: Knowledge, patterns: InfrastructurePatternIndex): InfrastructureEnrichment {
  const infra = collection.infrastructure;
  if (!infra) {
    const host = safeHost(collection.target);
    return { host, registrableDomain: dnsZoneApexOf(host), components: [], problems: ['the infrastructure was not collected (--no-infra)'] };
  }
  const problems = [...(infra.problems ?? [])];
  const sightings = [
    ...webHosting(infra, collection, knowledge, patterns),
    ...cdn(infra, collection, patterns),
    ...dnsOperators(infra, knowledge, patterns, problems),
    ...mailOperators(infra, knowledge, patterns, problems),
    ...mailSenders(infra, knowledge, patterns, problems),
    ...mailSigners(infra, knowledge, patterns, problems),
    ...reportReceivers(infra, knowledge, patterns, problems),
    ...certificateAuthority(infra, collection.target.startsWith('https:'), knowledge, patterns, problems),
  ];
  return {
    host: infra.host,
    registrableDomain: infra.registrableDomain,
    components: group(sightings).map((sighting) => component(sighting, knowledge)),
    problems: [...new Set(problems)],
  };
}

function component(sighting: Sighting, knowledge: Knowledge): InfraComponent {
  const entity = sighting.operator.status === 'known' ? sighting.operator.value.entity : undefined;
  const control: Attribution<Control> = entity
    ? knowledge.controlOf(entity)
    : { status: 'unknown', triedSources: [], reason: 'operator unknown' };
  const alternative = knowledge.alternativeFor([INFRA_ROLE_CATEGORY[sighting.role]], entity);
  return {
    role: sighting.role,
    subject: sighting.subject,
    evidence: sighting.evidence,
    operator: sighting.operator,
    control,
    ...(sighting.serverLocation ? { serverLocation: sighting.serverLocation } : {}),
    ...(alternative ? { alternative } : {}),
  };
}

/** One component per role and operator (unknowns stay one per subject): three awsdns NS are one DNS operator. */
function group(sightings: Sighting[]): Sighting[] {
  const byKey = new Map<string, Sighting>();
  for (const sighting of sightings) {
    const key = sighting.operator.status === 'known' ? `${sighting.role}|${sighting.operator.value.entity}` : `${sighting.role}|?|${sighting.subject}`;
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { ...sighting });
      continue;
    }
    existing.subject = joinUnique(existing.subject, sighting.subject);
    existing.evidence = joinUnique(existing.evidence, sighting.evidence, '; ');
    if (existing.operator.status === 'known' && sighting.operator.status === 'known') {
      existing.operator = { ...existing.operator, provenance: uniqueProvenance([...existing.operator.provenance, ...sighting.operator.provenance]) };
    }
  }
  return [...byKey.values()];
}

function joinUnique(a: string, b: string, separator = ', '): string {
  const parts = a.split(separator);
  return parts.includes(b) ? a : `${a}${separator}${b}`;
}


/**
 * An infrastructure name (NS, MX, SPF include, DKIM host) → its operator: the role's pattern, unless
 * a curated host — an owned domain of a curated organisation (decision 0017) or a curated service
 * pattern — covers the name more specifically: hetzner.de names are Hetzner's whatever the role,
 * even with no NS pattern for hetzner.de. A service pattern counts too (decision 0056): it sits at
 * least as deep as the owned domain it shadows (mx.zoho.eu under the zoho.eu service pattern).
 */
function byNameOrOwned(found: PatternHit | undefined, host: string, knowledge: Knowledge): PatternHit | undefined {
  const owned = knowledge.curatedOwnerOfHost(host);
  if (!owned) return found;
  if (found && (found.depth ?? Number.MAX_SAFE_INTEGER) >= owned.depth) return found;
  const name = knowledge.entity(owned.entity)?.name ?? owned.entity;
  const evidence = owned.table === 'owned-domain'
    ? `${normaliseHost(host)} is under ${owned.pattern}, a domain of ${name}`
    : `${normaliseHost(host)} matches ${owned.pattern}, a curated host of ${name}`;
  const [first] = owned.provenance;
  return {
    entity: owned.entity,
    service: owned.service ?? name,
    evidence,
    depth: owned.depth,
    provenance: { ...(first ?? { source: 'curated-entities' }), note: `${owned.table === 'owned-domain' ? 'owned domain' : 'curated host'}: ${evidence}; ${first?.note ?? ''}`.trim() },
  };
}

/** The roles an infrastructure name can play, each attributed as the audit attributes it. */
export type InfrastructureNameRole = 'name-server' | 'mail-exchanger' | 'spf-include' | 'dkim' | 'dmarc-report' | 'certificate-issuer';

/** Who an infrastructure name belongs to, how that was decided, and the facts cited. */
export interface InfrastructureNameOperator {
  entity: string;
  evidence: string;
  provenance: Provenance[];
}

/**
 * One infrastructure name → its operator, by the same path the audit takes for that role (names
 * only: the audit's fallback from an unrecognised NS/MX host to its address's network needs DNS).
 * `spf-include` is a third party's include (the site's own includes are walked through instead);
 * `dkim` (DKIM key CNAME targets, return-path, bounce and relay hosts) and `dmarc-report` (the mail
 * domain of a DMARC rua/ruf address) have no role pattern, so only a curated host (owned domain or
 * service pattern) names them; `certificate-issuer` takes the issuer's O= string.
 *
 * @example
 * infrastructureNameOperator('name-server', 'dns10.ovh.net', knowledge, patterns)?.entity // 'ovhcloud'
 */
export function infrastructureNameOperator(role: InfrastructureNameRole, name: string, knowledge: Knowledge, patterns: InfrastructurePatternIndex): InfrastructureNameOperator | undefined {
  if (role === 'certificate-issuer') return certificateIssuer(name, knowledge, patterns);
  const found = roleHit(role, name, knowledge, patterns);
  return found && { entity: found.entity, evidence: found.evidence, provenance: [found.provenance] };
}

function roleHit(role: Exclude<InfrastructureNameRole, 'certificate-issuer'>, name: string, knowledge: Knowledge, patterns: InfrastructurePatternIndex): PatternHit | undefined {
  switch (role) {
    case 'name-server': return byNameOrOwned(patterns.nameServer(name), name, knowledge);
    case 'mail-exchanger': return byNameOrOwned(patterns.mailExchanger(name), name, knowledge);
    case 'spf-include': return byNameOrOwned(patterns.spf(name), name, knowledge);
    case 'dkim':
    case 'dmarc-report':
      return byNameOrOwned(undefined, name, knowledge);
  }
}

/** A certificate issuer's O= → its CA: the CA patterns, else a curated organisation of that name or alias. */
function certificateIssuer(organisation: string, knowledge: Knowledge, patterns: InfrastructurePatternIndex): InfrastructureNameOperator | undefined {
  const byPattern = patterns.certificateAuthority(organisation);
  if (byPattern) return { entity: byPattern.entity, evidence: byPattern.evidence, provenance: [byPattern.provenance] };
  const byName = knowledge.entityForName(organisation);
  if (!byName) return undefined;
  return { entity: byName, evidence: `certificate issuer O=${organisation} is a name of curated organisation "${byName}"`, provenance: knowledge.entity(byName)?.provenance ?? [] };
}

function fromPattern(found: PatternHit): Operator {
  return { status: 'known', value: { entity: found.entity }, provenance: [found.provenance] };
}

// ───────────────────────────── web hosting and CDN ─────────────────────────────

/** The site's addresses → ASN → operator, one sighting per network; plus a hosting platform named by CNAME or header. */
function webHosting(infra: InfrastructureCollection, collection: Collection, knowledge: Knowledge, patterns: InfrastructurePatternIndex): Sighting[] {
  const site = infra.site;
  const sightings: Sighting[] = [];
  for (const platform of platformHits(infra, collection, patterns)) {
    sightings.push({ role: 'web-hosting', subject: platform.service, evidence: platform.evidence, operator: fromPattern(platform) });
  }
  const addresses = site?.addresses ?? [];
  const byAddress = addresses.filter((ip) => usableIp(ip)).map((ip) => addressOperator(ip, knowledge));
  if (byAddress.length === 0) {
    const reason = site?.problem ?? (addresses.length > 0 ? `no public address (${addresses.join(', ')})` : 'the site host was not resolved');
    return [...sightings, { role: 'web-hosting', subject: infra.host, evidence: reason, operator: { status: 'unknown', triedSources: ['dns', 'ip-location-db/asn'], reason } }];
  }
  return [...sightings, ...byAddress.map((found) => ({ role: 'web-hosting' as const, subject: `${infra.host} (${found.ip})`, ...found }))];
}

/** IP → network → operator, and the server's registered country as a separate fact. */
function addressOperator(ip: string, knowledge: Knowledge): { ip: string; evidence: string; operator: Operator; serverLocation: Attribution<{ country: string }> } {
  const network = knowledge.networkForIp(ip);
  const serverLocation = knowledge.locationForIp(ip);
  if (network.status !== 'known') return { ip, evidence: `${ip}: ${network.reason ?? 'network unknown'}`, operator: { status: 'unknown', triedSources: network.triedSources, ...(network.reason ? { reason: network.reason } : {}) }, serverLocation };
  const evidence = `${ip} → AS${network.value.asn} ${network.value.asOrganisation}`;
  const operator = knowledge.operatorForAsn(network.value.asn);
  if (operator.status !== 'known') return { ip, evidence, operator, serverLocation };
  return { ip, evidence, operator: { ...operator, provenance: uniqueProvenance([...network.provenance, ...operator.provenance]) }, serverLocation };
}

/** CNAME or header patterns of kind hosting/object-storage: the platform that serves the site. */
function platformHits(infra: InfrastructureCollection, collection: Collection, patterns: InfrastructurePatternIndex): PatternHit[] {
  return frontHits(infra.site, mainDocument(collection, infra.host), patterns).filter((found) => found.kind !== 'cdn');
}

function cdn(infra: InfrastructureCollection, collection: Collection, patterns: InfrastructurePatternIndex): Sighting[] {
  return frontHits(infra.site, mainDocument(collection, infra.host), patterns)
    .filter((found) => found.kind === 'cdn')
    .map((found) => ({ role: 'cdn' as const, subject: found.service, evidence: found.evidence, operator: fromPattern(found) }));
}

/** Everything the CNAME chain and the response headers of a host reveal, chain first. */
function frontHits(resolution: Pick<InfraHostResolution, 'cnameChain'> | undefined, request: RequestRecord | undefined, patterns: InfrastructurePatternIndex): PatternHit[] {
  const fromChain = (resolution?.cnameChain ?? []).map((target) => patterns.cname(target)).filter((found): found is PatternHit => found !== undefined);
  return [...fromChain, ...patterns.headersOf(request?.responseHeaders)];
}

/** The first document request of the first page on the site host (else the first document at all). */
function mainDocument(collection: Collection, host: string): RequestRecord | undefined {
  const documents = (collection.pages[0]?.requests ?? []).filter((r) => r.resourceType === 'document' && r.responseHeaders);
  return documents.find((r) => normaliseHost(r.host) === host) ?? documents[0];
}

/**
 * The CDN/infrastructure in front of any host, from its CNAME chain and the response headers seen
 * for it: for third parties too, so a report can say "vendor X (FR) on infrastructure Y (US)".
 * Undefined when nothing is recognised (the network operator, from the address, is a separate fact).
 *
 * @example
 * cdnForHost({ host: 'cdn.vendor.fr', cnameChain: ['cdn.vendor.fr.cdn.cloudflare.net'] }, undefined, patterns)
 * // { status: 'known', value: { entity: 'cloudflare', evidence: '… matches cdn.cloudflare.net' }, … }
 */
export function cdnForHost(host: Pick<HostAttribution, 'host' | 'cnameChain'>, responseHeaders: Record<string, string> | undefined, patterns: InfrastructurePatternIndex): HostAttribution['cdn'] {
  const found = frontHits(host, responseHeaders ? { responseHeaders } as RequestRecord : undefined, patterns)[0];
  if (!found) return undefined;
  return { status: 'known', value: { entity: found.entity, evidence: `${found.service}: ${found.evidence}` }, provenance: [found.provenance] };
}

/** Response header sets looked at per host: the first responses tell as much as all of them. */
const HEADER_SAMPLES_PER_HOST = 5;

/**
 * Fills `cdn` on every host attribution the patterns recognise (CNAME chain first, then the headers
 * of the first responses seen from the host). Returns new objects; hosts without a match are unchanged.
 */
export function attachCdn(hosts: readonly HostAttribution[], collection: Collection, patterns: InfrastructurePatternIndex): HostAttribution[] {
  const headersByHost = new Map<string, Record<string, string>[]>();
  for (const page of collection.pages) {
    for (const request of page.requests) {
      const host = normaliseHost(request.host);
      const samples = headersByHost.get(host) ?? [];
      if (request.responseHeaders && samples.length < HEADER_SAMPLES_PER_HOST) headersByHost.set(host, [...samples, request.responseHeaders]);
    }
  }
  return hosts.map((host) => {
    const samples = headersByHost.get(host.host) ?? [];
    const found = cdnForHost(host, undefined, patterns) ?? samples.map((headers) => cdnForHost(host, headers, patterns)).find((hit) => hit !== undefined);
    return found ? { ...host, cdn: found } : host;
  });
}

// ───────────────────────────── DNS and mail ─────────────────────────────

/** A server named by NS/MX: the name pattern first, else its address → ASN → operator. */
function serverOperator(server: InfraHostResolution, byName: PatternHit | undefined, knowledge: Knowledge): { evidence: string; operator: Operator; serverLocation?: Attribution<{ country: string }> } {
  if (byName) return { evidence: byName.evidence, operator: fromPattern(byName) };
  const ip = server.addresses.find((address) => usableIp(address));
  if (!ip) {
    const reason = server.problem ?? `${server.host} matches no pattern and has no public address`;
    return { evidence: reason, operator: { status: 'unknown', triedSources: [ 'curated-infrastructure', 'dns'], reason } };
  }
  const found = addressOperator(ip, knowledge);
  return { evidence: `${server.host} matches no pattern; ${found.evidence}`, operator: found.operator, serverLocation: found.serverLocation };
}

function dnsOperators(infra: InfrastructureCollection, knowledge: Knowledge, patterns: InfrastructurePatternIndex, problems: string[]): Sighting[] {
  const ns = infra.nameServers;
  if (!ns) return hasZone(infra) ? [notCollected('dns', infra.registrableDomain, 'name servers')] : [];
  if (ns.hosts.length === 0) {
    const what = `NS of ${ns.zone}: ${statusWords(ns.status)}`;
    problems.push(what);
    return [{ role: 'dns', subject: ns.zone, evidence: what, operator: { status: 'unknown', triedSources: ['dns'], reason: what } }];
  }
  return ns.hosts.map((server) => ({ role: 'dns' as const, subject: server.host, ...serverOperator(server, roleHit('name-server', server.host, knowledge, patterns), knowledge) }));
}

function mailOperators(infra: InfrastructureCollection, knowledge: Knowledge, patterns: InfrastructurePatternIndex, problems: string[]): Sighting[] {
  if (!infra.mail) return hasZone(infra) ? [notCollected('mail', infra.registrableDomain, 'mail exchangers (MX)')] : [];
  const sightings: Sighting[] = [];
  for (const domain of infra.mail) {
    const main = domain.domain === infra.registrableDomain;
    if (domain.status === 'nodata' || domain.status === 'nxdomain' || (domain.status === 'ok' && domain.exchanges.length === 0)) {
      // No MX (or RFC 7505's null MX) is a fact: the domain receives no mail. Said once, for the registrable domain.
      if (main) problems.push(`${domain.domain} receives no mail (no MX record)`);
      continue;
    }
    if (domain.status !== 'ok') {
      const what = `MX of ${domain.domain}: ${statusWords(domain.status)}`;
      problems.push(what);
      sightings.push({ role: 'mail', subject: domain.domain, evidence: what, operator: { status: 'unknown', triedSources: ['dns'], reason: what } });
      continue;
    }
    for (const exchange of domain.exchanges) {
      if (exchange.problem) problems.push(`MX ${exchange.host} of ${domain.domain}: ${exchange.problem}`);
      sightings.push({ role: 'mail', subject: exchange.host, ...serverOperator(exchange, roleHit('mail-exchanger', exchange.host, knowledge, patterns), knowledge) });
    }
  }
  return sightings;
}

/**
 * SPF senders: an include recognised by a pattern names the sender, and everything it includes in
 * turn belongs to it. The site's own record and includes under its own domain are walked through;
 * their ip4/ip6 ranges are attributed by address; other includes are unknown senders.
 */
function mailSenders(infra: InfrastructureCollection, knowledge: Knowledge, patterns: InfrastructurePatternIndex, problems: string[]): Sighting[] {
  if (!infra.spf) return hasZone(infra) ? [notCollected('mail-sender', infra.registrableDomain, 'SPF policy')] : [];
  const sightings: Sighting[] = [];
  for (const spf of infra.spf) {
    problems.push(...spf.problems);
    if (spf.status === 'failed') {
      const what = spf.problems[0] ?? `SPF of ${spf.domain}: look-up failed`;
      sightings.push({ role: 'mail-sender', subject: spf.domain, evidence: what, operator: { status: 'unknown', triedSources: ['dns'], reason: what } });
      continue;
    }
    if (spf.status === 'none') {
      if (spf.domain === infra.registrableDomain) problems.push(`${spf.domain} publishes no SPF record`);
      continue;
    }
    sightings.push(...spfSightings(spf, infra.registrableDomain, knowledge, patterns));
  }
  return sightings;
}

function spfSightings(spf: SpfObservation, siteDomain: string, knowledge: Knowledge, patterns: InfrastructurePatternIndex): Sighting[] {
  // Whose record a domain's terms belong to: 'own' for the site's, else the sender that brought it in.
  const owner = new Map<string, 'own' | 'other'>([[spf.domain, 'own']]);
  const sightings: Sighting[] = [];
  for (const sender of spf.senders) {
    if (owner.get(sender.from) !== 'own') {
      if (sender.mechanism === 'include' || sender.mechanism === 'redirect') owner.set(sender.value, owner.get(sender.value) ?? 'other');
      continue;
    }
    const subject = `${sender.mechanism}${sender.mechanism === 'redirect' ? '=' : ':'}${sender.value}`;
    if (sender.mechanism === 'ip4' || sender.mechanism === 'ip6') {
      const found = rangeOperator(sender.value, knowledge);
      sightings.push({ role: 'mail-sender', subject, evidence: `${found.evidence} (in the SPF record of ${sender.from})`, operator: found.operator });
      continue;
    }
    const ownDomain = registrableDomain(sender.value) === registrableDomain(siteDomain);
    // The site's own includes are walked through, even under a domain its operator owns.
    const byName = ownDomain ? patterns.spf(sender.value) : roleHit('spf-include', sender.value, knowledge, patterns);
    if (byName) {
      owner.set(sender.value, owner.get(sender.value) ?? 'other');
      sightings.push({ role: 'mail-sender', subject, evidence: byName.evidence, operator: fromPattern(byName) });
    } else if (ownDomain) {
      owner.set(sender.value, owner.get(sender.value) ?? 'own');
    } else {
      owner.set(sender.value, owner.get(sender.value) ?? 'other');
      const reason = `${sender.value} matches no SPF pattern`;
      sightings.push({ role: 'mail-sender', subject, evidence: reason, operator: { status: 'unknown', triedSources: ['curated-infrastructure'], reason } });
    }
  }
  return sightings;
}

/**
 * DKIM signers (decision 0068): a selector whose key is a CNAME into another organisation's zone
 * names that organisation — the first name of the chain outside the site's own domain that the
 * curated tables recognise. A key in the domain's own zone names nobody, whatever its selector
 * (a "google" selector is only a hint): said in plain words, never attributed.
 */
function mailSigners(infra: InfrastructureCollection, knowledge: Knowledge, patterns: InfrastructurePatternIndex, problems: string[]): Sighting[] {
  // A collection saved before DKIM keys were collected has no `dkim`: nothing to say about it.
  if (!infra.dkim) return [];
  const sightings: Sighting[] = [];
  for (const dkim of infra.dkim) {
    problems.push(...dkim.problems);
    for (const found of dkim.found) {
      const sighting = signerSighting(found, infra.registrableDomain, knowledge, patterns);
      if (sighting) sightings.push(sighting);
      else problems.push(`DKIM key ${found.name} is published in the domain's own zone: it names no operator${found.key === 'revoked' ? ' (revoked key)' : ''}`);
    }
  }
  return sightings;
}

function signerSighting(found: DkimSelectorObservation, siteDomain: string, knowledge: Knowledge, patterns: InfrastructurePatternIndex): Sighting | undefined {
  const outside = found.cnameChain.filter((target) => registrableDomain(target) !== registrableDomain(siteDomain));
  if (outside.length === 0) return undefined;
  const chain = `${found.name} → ${found.cnameChain.join(' → ')}`;
  const subject = `DKIM ${found.name} → ${outside[0]}`;
  for (const target of outside) {
    const hit = roleHit('dkim', target, knowledge, patterns);
    if (hit) return { role: 'mail-sender', subject, evidence: `${chain}; ${hit.evidence}`, operator: fromPattern(hit) };
  }
  const reason = `DKIM key target ${outside.join(', ')} is under no curated organisation's domain`;
  return { role: 'mail-sender', subject, evidence: `${chain}; ${reason}`, operator: { status: 'unknown', triedSources: ['curated-entities'], reason } };
}

/**
 * DMARC report receivers: the mail domain of every rua= and ruf= address outside the site's own
 * domain (its own mailboxes are its MX operator's, listed already) → the organisation behind it.
 */
function reportReceivers(infra: InfrastructureCollection, knowledge: Knowledge, patterns: InfrastructurePatternIndex, problems: string[]): Sighting[] {
  if (!infra.dmarc) return [];
  const sightings: Sighting[] = [];
  for (const dmarc of infra.dmarc) {
    problems.push(...dmarc.problems);
    if (dmarc.status === 'failed') {
      const what = dmarc.problems[0] ?? `DMARC of ${dmarc.domain}: look-up failed`;
      sightings.push({ role: 'mail-reports', subject: `_dmarc.${dmarc.domain}`, evidence: what, operator: { status: 'unknown', triedSources: ['dns'], reason: what } });
      continue;
    }
    if (dmarc.status === 'none') {
      if (dmarc.domain === infra.registrableDomain) problems.push(`${dmarc.domain} publishes no DMARC record (_dmarc.${dmarc.domain})`);
      continue;
    }
    const addresses: [string, DmarcReportAddress][] = [...dmarc.aggregate.map((a): [string, DmarcReportAddress] => ['rua', a]), ...dmarc.failure.map((a): [string, DmarcReportAddress] => ['ruf', a])];
    for (const [tag, address] of addresses) {
      if (!address.domain || !address.address) continue; // unreadable: already a problem
      if (registrableDomain(address.domain) === registrableDomain(infra.registrableDomain)) continue;
      sightings.push(receiverSighting(dmarc, tag, address as Required<Pick<DmarcReportAddress, 'domain' | 'address'>>, knowledge, patterns));
    }
  }
  return sightings;
}

function receiverSighting(dmarc: DmarcObservation, tag: string, address: { domain: string; address: string }, knowledge: Knowledge, patterns: InfrastructurePatternIndex): Sighting {
  const what = tag === 'rua' ? 'aggregate' : 'failure';
  const said = `_dmarc.${dmarc.domain} sends its ${what} reports (${tag}=) to ${address.address}`;
  const subject = `${tag}=${address.address}`;
  const hit = roleHit('dmarc-report', address.domain, knowledge, patterns);
  if (hit) return { role: 'mail-reports', subject, evidence: `${said}; ${hit.evidence}`, operator: fromPattern(hit) };
  const reason = `${address.domain} is under no curated organisation's domain`;
  return { role: 'mail-reports', subject, evidence: `${said}; ${reason}`, operator: { status: 'unknown', triedSources: ['curated-entities'], reason } };
}

/** ip4:192.0.2.0/24 → the network of its first address; a range is attributed by who announces it. */
function rangeOperator(range: string, knowledge: Knowledge): { evidence: string; operator: Operator } {
  const ip = range.split('/')[0] ?? range;
  if (!usableIp(ip)) return { evidence: `${range}: not a public address range`, operator: { status: 'unknown', triedSources: [], reason: `${range} is not a public address range` } };
  const found = addressOperator(ip, knowledge);
  return { evidence: found.evidence.replace(ip, range), operator: found.operator };
}

// ───────────────────────────── certificate authority ─────────────────────────────

function certificateAuthority(infra: InfrastructureCollection, https: boolean, knowledge: Knowledge, patterns: InfrastructurePatternIndex, problems: string[]): Sighting[] {
  const tls = infra.tls;
  if (!tls) return https ? [notCollected('certificate-authority', infra.host, 'TLS certificate')] : [];
  const leaf = tls.chain[0];
  if (tls.status !== 'ok' || !leaf) {
    const what = `TLS certificate of ${tls.host}:${tls.port}: ${tls.error ?? 'no certificate presented'}`;
    problems.push(what);
    return [{ role: 'certificate-authority', subject: tls.host, evidence: what, operator: { status: 'unknown', triedSources: ['tls'], reason: what } }];
  }
  if (isExpired(leaf)) problems.push(`the certificate of ${tls.host} is outside its validity period (${leaf.validFrom} – ${leaf.validTo})`);
  if (!tls.authorized) problems.push(`the certificate of ${tls.host} does not verify (${tls.authorizationError ?? 'unknown reason'})`);
  if (leaf.selfSigned) {
    // No certificate authority is involved: a problem, not a foreign dependency.
    problems.push(`the certificate of ${tls.host} is self-signed (${leaf.subject})`);
    return [];
  }
  const organisation = leaf.issuerOrganisation;
  const commonName = /(?:^|, )CN=([^,]+)/.exec(leaf.issuer)?.[1];
  const subject = organisation ? `${organisation}${commonName && commonName !== organisation ? ` (${commonName})` : ''}` : leaf.issuer;
  if (!organisation) {
    const reason = `the issuer of ${tls.host}'s certificate names no organisation (${leaf.issuer})`;
    return [{ role: 'certificate-authority', subject, evidence: reason, operator: { status: 'unknown', triedSources: ['curated-infrastructure'], reason } }];
  }
  const found = certificateIssuer(organisation, knowledge, patterns);
  if (found) return [{ role: 'certificate-authority', subject, evidence: found.evidence, operator: { status: 'known', value: { entity: found.entity }, provenance: found.provenance } }];
  const reason = `certificate issuer O=${organisation} is not a known certificate authority`;
  return [{ role: 'certificate-authority', subject, evidence: reason, operator: { status: 'unknown', triedSources: ['curated-infrastructure', 'curated-entities'], reason } }];
}

// ───────────────────────────── helpers ─────────────────────────────

/** An IP-address target has no DNS zone, mail or SPF to examine. */
function hasZone(infra: InfrastructureCollection): boolean {
  return isIP(infra.host) === 0;
}

/** A part the collector did not finish (time budget): unknown, never silently absent. */
function notCollected(role: Role, subject: string, what: string): Sighting {
  const reason = `${what} not collected (time budget spent or collector failed)`;
  return { role, subject, evidence: reason, operator: { status: 'unknown', triedSources: ['dns'], reason } };
}

function statusWords(status: DnsAnswer['status']): string {
  switch (status) {
    case 'nodata': return 'no record';
    case 'nxdomain': return 'the name does not exist (NXDOMAIN)';
    case 'servfail': return 'the resolver failed (SERVFAIL)';
    case 'refused': return 'the resolver refused (REFUSED)';
    case 'timeout': return 'no answer (timeout)';
    case 'error': return 'look-up error';
    case 'ok': return 'no usable record';
  }
}

function safeHost(url: string): string {
  try {
    return normaliseHost(new URL(url).hostname);
  } catch {
    return url;
  }
}

/**
 * Facts of every organisation and law the components refer to, for Enrichment.entities and
 * Enrichment.laws (the pipeline merges them with the hosts' facts).
 */
export function infrastructureFacts(infrastructure: InfrastructureEnrichment | undefined, knowledge: Knowledge): { entities: Record<string, EntityFacts>; laws: Record<string, LawRef> } {
  const entities: Record<string, EntityFacts> = {};
  const laws: Record<string, LawRef> = {};
  const allLaws = knowledge.laws();
  for (const item of infrastructure?.components ?? []) {
    for (let id = item.operator.status === 'known' ? item.operator.value.entity : undefined; id !== undefined && !(id in entities);) {
      const facts = knowledge.entity(id);
      if (!facts) break;
      entities[id] = facts;
      id = facts.parent;
    }
    if (item.control.status === 'known') for (const law of item.control.value.laws) if (allLaws[law]) laws[law] = allLaws[law];
  }
  return { entities, laws };
}
