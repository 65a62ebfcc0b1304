import { assess } from '../../src/assess/assess.js';
import { loadPolicy, parsePolicy } from '../../src/assess/policy-file.js';
import { parseConnectTo } from '../../src/collect/connect-to.js';
import { createDnsClient, resolveHost } from '../../src/collect/dns.js';
import { collectInfrastructure } from '../../src/collect/infrastructure.js';
import { enrichHosts } from '../../src/enrich/enrich-hosts.js';
import { attachCdn, enrichInfrastructure, infrastructureFacts, loadInfrastructurePatterns, type InfrastructurePatternIndex } from '../../src/enrich/infrastructure.js';
import { loadKnowledge, type Knowledge } from '../../src/enrich/knowledge.js';
import type { FixtureWorld } from '../../src/fixture-world/index.js';
import type { Assessment, Collection, Enrichment, InfraComponent, PageCapture, RequestRecord, RuleResult } from '../../src/types.js';

let shared: Promise<{ knowledge: Knowledge; patterns: InfrastructurePatternIndex }> | undefined;

/** The bundled offline data, loaded once per test file. */
export function offlineData(): Promise<{ knowledge: Knowledge; patterns: InfrastructurePatternIndex }> {
  shared ??= Promise.all([loadKnowledge(), loadInfrastructurePatterns()]).then(([knowledge, patterns]) => ({ knowledge, patterns }));
  return shared;
}

export interface CollectOptions {
  /** Per look-up DNS bound (ms). */
  dnsTimeoutMs?: number;
  /** Whole infrastructure collection bound (ms). */
  budgetMs?: number;
  /** Other host names the "page" contacted: resolved like the pipeline does. */
  alsoResolve?: string[];
  pages?: PageCapture[];
  /** Without --connect-to the TLS handshake goes to the resolved address (none in the fixture zone). */
  withoutConnectTo?: boolean;
}

/** Runs the infrastructure collector against the world, as the pipeline does, and wraps it in a Collection. */
export async function collectFromWorld(world: FixtureWorld, url: string, options: CollectOptions = {}): Promise<{ collection: Collection; elapsedMs: number }> {
  const dns = createDnsClient({ server: world.dnsServer, timeoutMs: options.dnsTimeoutMs ?? 1000 });
  const started = Date.now();
  const infrastructure = await collectInfrastructure(url, dns, {
    connectTo: options.withoutConnectTo ? [] : world.connectTo.map(parseConnectTo),
    timeoutMs: 3000,
    ...(options.budgetMs ? { budgetMs: options.budgetMs } : {}),
  });
  const elapsedMs = Date.now() - started;
  await Promise.all((options.alsoResolve ?? []).map((host) => resolveHost(dns, host)));
  const collection: Collection = {
    target: url,
    startedAt: '2026-11-29T00:00:00.000Z',
    finishedAt: '2026-11-29T00:00:05.000Z',
    options: { insecure: false, timeoutMs: 30000, infra: true, dnsServer: world.dnsServer },
    pages: options.pages ?? [],
    dns: dns.answers,
    infrastructure,
    errors: [],
  };
  return { collection, elapsedMs };
}

/** Enrichment as the pipeline builds it: hosts, CDN per host, infrastructure, and their facts. */
export async function enrichCollection(collection: Collection): Promise<Enrichment> {
  const { knowledge, patterns } = await offlineData();
  const hosts = enrichHosts(collection, knowledge);
  const infrastructure = enrichInfrastructure(collection, knowledge, patterns);
  const facts = infrastructureFacts(infrastructure, knowledge);
  return {
    hosts: attachCdn(hosts.hosts, collection, patterns),
    entities: { ...hosts.entities, ...facts.entities },
    laws: { ...hosts.laws, ...facts.laws },
    infrastructure,
    dataSources: [...knowledge.dataSources(), patterns.dataSource()],
  };
}

/** Assesses under a built-in policy id, or under inline policy YAML. */
export async function assessUnder(collection: Collection, enrichment: Enrichment, policy: string): Promise<Assessment> {
  if (policy === 'fr' || policy === 'eu') {
    const loaded = await loadPolicy(policy);
    return assess(collection, enrichment, loaded.policy, loaded.source);
  }
  return assess(collection, enrichment, parsePolicy(policy, 'inline'), 'inline');
}

export function ruleResult(assessment: Assessment, id: string): RuleResult {
  const found = assessment.rules.find((rule) => rule.id === id);
  if (!found) throw new Error(`rule ${id} did not run`);
  return found;
}

/** "cdn aws", "dns ?" … one line per component: role and operator entity (or ?). */
export function componentLines(components: InfraComponent[]): string[] {
  return components.map((c) => `${c.role} ${c.operator.status === 'known' ? c.operator.value.entity : '?'}`).sort();
}

/** A page whose main document came from `host` with these response headers, and requests to other hosts. */
export function pageWith(url: string, headers: Record<string, string>, otherUrls: string[] = []): PageCapture {
  const request = (id: number, target: string, resourceType: string, responseHeaders?: Record<string, string>): RequestRecord => ({
    id: String(id),
    url: target,
    host: new URL(target).hostname,
    method: 'GET',
    resourceType,
    status: 200,
    remoteIp: '127.0.0.1',
    ...(responseHeaders ? { responseHeaders } : {}),
    ...(id > 0 ? { initiator: { type: 'parser', url } } : {}),
  });
  return {
    requestedUrl: url,
    finalUrl: url,
    title: 'fixture',
    status: 200,
    partial: false,
    startedAt: '2026-11-29T00:00:00.000Z',
    durationMs: 1000,
    wait: { timeoutMs: 30000, minDwellMs: 1000, quietWindowMs: 750 },
    requests: [request(0, url, 'document', headers), ...otherUrls.map((target, i) => request(i + 1, target, 'script', {}))],
    websockets: [],
    cookies: [],
    storage: [],
    hints: [],
    errors: [],
  };
}
