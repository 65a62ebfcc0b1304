/**
 * `souverain lookup`: everything souverain knows offline about one host name or IP address — the
 * vendor (and which table decided), the operator (IP → ASN → organisation), the ownership chain to
 * the ultimate parent, jurisdiction (or candidates), laws, confidence, qualifications, ownership
 * history and every source with its as-of date. Pure: DNS answers, when wanted, are passed in.
 */
import type { Attribution, Control, EntityFacts, Knowledge, LookupControl, LookupResult, Provenance } from './lookup-types.js';

export type { LookupControl, LookupResult } from './lookup-types.js';

const CONFIDENCE_ORDER = { high: 0, medium: 1, low: 2 } as const;

/**
 * @example
 * describeHost(knowledge, 'www.google-analytics.com').vendor?.decidedBy // 'curated-services'
 */
export function describeHost(knowledge: Knowledge, input: string, host: string, addresses: readonly string[] = []): LookupResult {
  const tried: string[] = [];
  const vendor = knowledge.vendorForHost(host);
  const result: LookupResult = { input, kind: 'host', host, addresses: [...addresses], status: 'unknown', tried };
  if (vendor.status === 'known') {
    const owner = knowledge.curatedOwnerOfHost(host);
    const fromSeed = vendor.provenance[0]?.source === 'third-party-web';
    const decidedBy = fromSeed ? 'third-party-web' : owner?.table ?? 'curated-services';
    result.vendor = {
      entity: vendor.value.entity,
      name: knowledge.entity(vendor.value.entity)?.name ?? vendor.value.entity,
      ...(vendor.value.service ? { service: vendor.value.service } : {}),
      categories: vendor.value.categories,
      decidedBy,
      ...(!fromSeed && owner ? { pattern: owner.pattern } : {}),
      sources: vendor.provenance,
    };
    result.vendorControl = controlView(knowledge, knowledge.controlOf(vendor.value.entity));
  } else {
    tried.push(`vendor: ${vendor.reason ?? `tried ${vendor.triedSources.join(', ')}`}`);
  }
  addNetwork(knowledge, result, addresses[0]);
  if (addresses.length === 0) tried.push('operator: no address (give --dns-server to resolve the name, or look up its IP address)');
  result.status = isKnown(result) ? 'known' : 'unknown';
  return result;
}

/** An IP address: network, operator and its control, server location. */
export function describeIp(knowledge: Knowledge, input: string, ip: string): LookupResult {
  const result: LookupResult = { input, kind: 'ip', ip, addresses: [ip], status: 'unknown', tried: [] };
  addNetwork(knowledge, result, ip);
  result.status = isKnown(result) ? 'known' : 'unknown';
  return result;
}

function isKnown(result: LookupResult): boolean {
  return result.vendorControl?.status === 'known' || result.operatorControl?.status === 'known';
}

function addNetwork(knowledge: Knowledge, result: LookupResult, ip: string | undefined): void {
  if (!ip) return;
  const network = knowledge.networkForIp(ip);
  if (network.status !== 'known') {
    result.tried.push(`network: ${network.reason ?? `tried ${network.triedSources.join(', ')}`}`);
    return;
  }
  result.network = { ip, asn: network.value.asn, asOrganisation: network.value.asOrganisation, sources: network.provenance };
  const location = knowledge.locationForIp(ip);
  if (location.status === 'known') result.serverLocation = { country: location.value.country, sources: location.provenance };
  const operator = knowledge.operatorForAsn(network.value.asn);
  if (operator.status !== 'known') {
    result.tried.push(`operator: ${operator.reason ?? `tried ${operator.triedSources.join(', ')}`}`);
    return;
  }
  result.operator = { entity: operator.value.entity, name: knowledge.entity(operator.value.entity)?.name ?? operator.value.entity, decidedBy: 'asn', sources: operator.provenance };
  result.operatorControl = controlView(knowledge, knowledge.controlOf(operator.value.entity));
}

/** A control with every fact a reader needs to check it: chain facts, laws with sources, confidence. */
export function controlView(knowledge: Knowledge, control: Attribution<Control>): LookupControl {
  if (control.status !== 'known') return { status: 'unknown', reason: control.reason ?? `tried ${control.triedSources.join(', ')}` };
  const value = control.value;
  const chainFacts = lineage(knowledge, value.entity);
  const laws = knowledge.laws();
  const lawIds = new Set([...value.laws, ...(value.jurisdictionCandidates ?? []).flatMap((candidate) => candidate.laws)]);
  const confidence = chainFacts.reduce<'high' | 'medium' | 'low'>((worst, facts) => {
    const level = facts.confidence ?? 'low';
    return CONFIDENCE_ORDER[level] > CONFIDENCE_ORDER[worst] ? level : worst;
  }, 'high');
  return {
    status: 'known',
    chain: chainFacts.map((facts) => ({
      id: facts.id, name: facts.name, ...(facts.legalName ? { legalName: facts.legalName } : {}), country: facts.country,
      ...(facts.confidence ? { confidence: facts.confidence } : {}),
    })),
    ultimateParent: { id: value.ultimateParent, name: value.ultimateParentName },
    jurisdiction: value.jurisdiction,
    ...(value.jurisdictionCandidates ? { jurisdictionCandidates: value.jurisdictionCandidates } : {}),
    laws: [...lawIds].map((id) => laws[id]).filter((law) => law !== undefined),
    confidence,
    qualifications: chainFacts.flatMap((facts) => (facts.qualifications ?? []).map((qualification) => ({ holder: facts.name, ...qualification }))),
    history: chainFacts.flatMap((facts) => (facts.history ?? []).map((event) => ({ entity: facts.name, ...event }))),
    sources: dedupe(chainFacts.flatMap((facts) => facts.provenance.map((provenance) => ({ entity: facts.name, ...provenance })))),
  };
}

function lineage(knowledge: Knowledge, id: string): EntityFacts[] {
  const chain: EntityFacts[] = [];
  for (let facts = knowledge.entity(id); facts && !chain.some((seen) => seen.id === facts!.id); facts = facts.parent ? knowledge.entity(facts.parent) : undefined) chain.push(facts);
  return chain;
}

function dedupe<T extends Provenance>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
