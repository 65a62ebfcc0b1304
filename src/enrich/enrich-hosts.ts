/**
 * Attributes every host a collection contacted: vendor (name → organisation), network and operator
 * (address → ASN → organisation), server location (address → country), and the control of vendor
 * and operator (ultimate parent, jurisdiction, laws). Three facts kept apart (decision 0001).
 */
import type {
  Attribution, Collection, Control, DnsAnswer, EntityFacts, HostAttribution, LawRef, NetworkFact, VendorFact, Category,
} from '../types.js';
import { hostOfUrl, normaliseHost, registrableDomain } from './host-names.js';
import { usableIp } from './ip-address.js';
import type { Knowledge } from './knowledge.js';

/** What enrichHosts adds to a collection. */
export interface HostEnrichment {
  hosts: HostAttribution[];
  /** Every organisation referenced (vendors, operators and their parents). */
  entities: Record<string, EntityFacts>;
  /** Every law referenced by a control. */
  laws: Record<string, LawRef>;
}

/**
 * Categories of plain infrastructure: a first-party name that CNAMEs to a CDN or a host is served
 * by it, not cloaking a tracker. The operator fact (from the address) covers those.
 */
const INFRASTRUCTURE_CATEGORIES: ReadonlySet<Category> = new Set(['cdn', 'hosting', 'object-storage', 'dns', 'mail', 'certificate-authority']);
const MAX_CNAME_HOPS = 16;

/**
 * @example
 * const { hosts } = enrichHosts(collection, await loadKnowledge());
 * hosts.find((h) => h.host === 'www.google-analytics.com')?.vendorControl; // Google → Alphabet, US
 */
export function enrichHosts(collection: Collection, knowledge: Knowledge): HostEnrichment {
  const firstPartyDomains = firstPartyDomainsOf(collection);
  const dns = indexDns(collection.dns);
  const browserIps = browserAddressesByHost(collection);
  const hosts = contactedHosts(collection).map((host) => attributeHost(host, { knowledge, firstPartyDomains, dns, browserIps }));
  return { hosts, ...referencedFacts(hosts, knowledge) };
}

interface Context {
  knowledge: Knowledge;
  firstPartyDomains: ReadonlySet<string>;
  dns: DnsIndex;
  browserIps: ReadonlyMap<string, string[]>;
}

function attributeHost(host: string, context: Context): HostAttribution {
  const { knowledge } = context;
  const domain = registrableDomain(host);
  const cnameChain = followCnames(host, context.dns);
  const addresses = addressesOf(host, cnameChain, context);
  const { vendor, firstParty, cloakedBy } = vendorOf(host, context.firstPartyDomains.has(domain), cnameChain, context);
  const network = networkOf(addresses, knowledge);
  const operator: Attribution<{ entity: string }> = network.status === 'known'
    ? knowledge.operatorForAsn(network.value.asn)
    : { status: 'unknown', triedSources: network.triedSources, reason: 'no network known for this host' };
  const alternative = vendor.status === 'known' ? knowledge.alternativeFor(vendor.value.categories, vendor.value.entity) : undefined;
  return {
    host,
    registrableDomain: domain,
    firstParty,
    vendor,
    vendorControl: controlOrUnknown(vendor.status === 'known' ? vendor.value.entity : undefined, knowledge, 'vendor unknown'),
    addresses,
    network,
    operator,
    operatorControl: controlOrUnknown(operator.status === 'known' ? operator.value.entity : undefined, knowledge, 'operator unknown'),
    serverLocation: locationOf(network, addresses, knowledge),
    cnameChain,
    ...(cloakedBy ? { cloakedBy } : {}),
    ...(alternative ? { alternative } : {}),
  };
}

interface VendorOutcome {
  vendor: Attribution<VendorFact>;
  firstParty: boolean;
  cloakedBy?: { target: string; entity: string };
}

/** The vendor by host name; a cloaked first-party name takes its CNAME target's vendor and is no longer first party. */
function vendorOf(host: string, sameDomain: boolean, cnameChain: readonly string[], context: Context): VendorOutcome {
  const byName = context.knowledge.vendorForHost(host);
  if (!sameDomain) return { vendor: byName, firstParty: false };
  const cloaking = cloakingVendor(host, cnameChain, context);
  if (cloaking) return { vendor: cloaking.vendor, firstParty: false, cloakedBy: cloaking.cloakedBy };
  if (byName.status === 'known') return { vendor: byName, firstParty: true };
  return { vendor: { status: 'unknown', triedSources: byName.triedSources, reason: "first party: the site's own domain" }, firstParty: true };
}

/** Every host of every request, redirect hop, websocket, resource hint and final URL, first seen first. */
function contactedHosts(collection: Collection): string[] {
  const hosts = new Set<string>();
  const add = (host: string | undefined) => {
    if (host) hosts.add(normaliseHost(host));
  };
  for (const page of collection.pages) {
    add(hostOfUrl(page.finalUrl));
    for (const request of page.requests) {
      add(request.host || hostOfUrl(request.url));
      for (const hop of request.redirectChain ?? []) add(hostOfUrl(hop));
    }
    for (const socket of page.websockets) add(socket.host || hostOfUrl(socket.url));
    for (const hint of page.hints) add(hint.host || hostOfUrl(hint.href));
  }
  hosts.delete('');
  return [...hosts];
}

/** Registrable domains of the target and of every page's final URL (a redirect to another domain counts). */
function firstPartyDomainsOf(collection: Collection): Set<string> {
  const domains = new Set<string>();
  const targetHost = hostOfUrl(collection.target) ?? (collection.target.trim() ? normaliseHost(collection.target) : undefined);
  if (targetHost) domains.add(registrableDomain(targetHost));
  for (const page of collection.pages) {
    const finalHost = hostOfUrl(page.finalUrl);
    if (finalHost) domains.add(registrableDomain(finalHost));
  }
  return domains;
}

type DnsIndex = Map<string, DnsAnswer[]>;

function indexDns(answers: readonly DnsAnswer[]): DnsIndex {
  const index: DnsIndex = new Map();
  for (const answer of answers) {
    if (answer.status !== 'ok') continue;
    const name = normaliseHost(answer.name);
    const list = index.get(name) ?? [];
    list.push(answer);
    index.set(name, list);
  }
  return index;
}

/** The CNAME targets from `host`, first target first, as souverain's own DNS recorded them. */
function followCnames(host: string, dns: DnsIndex): string[] {
  const chain: string[] = [];
  let current = host;
  while (chain.length < MAX_CNAME_HOPS) {
    const target = dns.get(current)?.find((answer) => answer.type === 'CNAME')?.values[0];
    if (!target) break;
    const next = normaliseHost(target);
    if (next === host || chain.includes(next)) break;
    chain.push(next);
    current = next;
  }
  return chain;
}

/** Public addresses the browser connected to, per host (the fixture world's 127.0.0.1 is dropped). */
function browserAddressesByHost(collection: Collection): Map<string, string[]> {
  const byHost = new Map<string, string[]>();
  for (const page of collection.pages) {
    for (const request of page.requests) {
      if (!request.remoteIp || !usableIp(request.remoteIp)) continue;
      const host = normaliseHost(request.host || hostOfUrl(request.url) || '');
      const list = byHost.get(host) ?? [];
      if (!list.includes(request.remoteIp)) list.push(request.remoteIp);
      byHost.set(host, list);
    }
  }
  return byHost;
}

/** The browser's addresses when usable, else the A/AAAA answers for the host or the end of its CNAME chain. */
function addressesOf(host: string, cnameChain: readonly string[], context: Context): HostAttribution['addresses'] {
  const fromBrowser = context.browserIps.get(host);
  if (fromBrowser && fromBrowser.length > 0) return fromBrowser.map((ip) => ({ ip, source: 'browser' as const }));
  // A URL that names a public IP literally: that address is what the page asked the browser to reach.
  if (usableIp(host)) return [{ ip: host, source: 'browser' }];
  const addresses: HostAttribution['addresses'] = [];
  for (const name of [host, ...cnameChain]) {
    for (const answer of context.dns.get(name) ?? []) {
      if (answer.type !== 'A' && answer.type !== 'AAAA') continue;
      for (const ip of answer.values) {
        if (usableIp(ip) && !addresses.some((known) => known.ip === ip)) addresses.push({ ip, source: 'dns' });
      }
    }
    if (addresses.length > 0) break;
  }
  return addresses;
}

/** The network of the first address the ASN data knows, or of the first address. */
function networkOf(addresses: HostAttribution['addresses'], knowledge: Knowledge): Attribution<NetworkFact> {
  if (addresses.length === 0) {
    return { status: 'unknown', triedSources: ['browser', 'dns'], reason: 'no public address: the browser saw none and souverain resolved none' };
  }
  let first: Attribution<NetworkFact> | undefined;
  for (const { ip } of addresses) {
    const network = knowledge.networkForIp(ip);
    if (network.status === 'known') return network;
    first ??= network;
  }
  return first as Attribution<NetworkFact>;
}

function locationOf(network: Attribution<NetworkFact>, addresses: HostAttribution['addresses'], knowledge: Knowledge): Attribution<{ country: string }> {
  const ip = network.status === 'known' ? network.value.ip : addresses[0]?.ip;
  if (!ip) return { status: 'unknown', triedSources: ['browser', 'dns'], reason: 'no public address to locate' };
  return knowledge.locationForIp(ip);
}

function controlOrUnknown(entity: string | undefined, knowledge: Knowledge, reason: string): Attribution<Control> {
  return entity === undefined ? { status: 'unknown', triedSources: [], reason } : knowledge.controlOf(entity);
}

/**
 * CNAME cloaking: a first-party name whose CNAME chain reaches a third-party vendor that is not
 * plain infrastructure (a tracker answering under the site's own domain, which first-party cookie
 * rules then let through).
 */
function cloakingVendor(host: string, cnameChain: readonly string[], context: Context): { vendor: Attribution<VendorFact>; cloakedBy: { target: string; entity: string } } | undefined {
  for (const target of cnameChain) {
    if (context.firstPartyDomains.has(registrableDomain(target))) continue;
    const vendor = context.knowledge.vendorForHost(target);
    if (vendor.status !== 'known') continue;
    if (vendor.value.categories.every((category) => INFRASTRUCTURE_CATEGORIES.has(category))) continue;
    const dnsProvenance = { source: 'dns', note: `${host} is an alias (CNAME) of ${target}` };
    return {
      vendor: { status: 'known', value: vendor.value, provenance: [dnsProvenance, ...vendor.provenance] },
      cloakedBy: { target, entity: vendor.value.entity },
    };
  }
  return undefined;
}

/** Facts of every organisation and law the host attributions refer to. */
function referencedFacts(hosts: readonly HostAttribution[], knowledge: Knowledge): Pick<HostEnrichment, 'entities' | 'laws'> {
  const entities: Record<string, EntityFacts> = {};
  const laws: Record<string, LawRef> = {};
  const allLaws = knowledge.laws();
  const addEntity = (id: string) => {
    for (let current: string | undefined = id; current !== undefined && !(current in entities);) {
      const facts = knowledge.entity(current);
      if (!facts) return;
      entities[current] = facts;
      current = facts.parent;
    }
  };
  const addControl = (control: Attribution<Control>) => {
    if (control.status !== 'known') return;
    for (const law of control.value.laws) if (allLaws[law]) laws[law] = allLaws[law];
  };
  for (const host of hosts) {
    if (host.vendor.status === 'known') addEntity(host.vendor.value.entity);
    if (host.operator.status === 'known') addEntity(host.operator.value.entity);
    addControl(host.vendorControl);
    addControl(host.operatorControl);
  }
  return { entities, laws };
}
