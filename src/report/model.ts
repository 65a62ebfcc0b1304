/**
 * What every human-readable format shows, computed once from the AuditReport: findings grouped by
 * ultimate parent company, unknowns, counts, host rows. Pure functions; formats only lay them out.
 */
import type {
  Attribution,
  AuditReport,
  Category,
  Control,
  Finding,
  HostAttribution,
  LawRef,
  LocalisedText,
  Provenance,
  RuleResult,
} from '../types.js';
import { INFRA_ROLE_CATEGORY } from '../types.js';
import { pageUrl } from '../shared/url.js';
import { uniqueProvenance } from '../shared/provenance.js';

/** One subject (host, cookie or infrastructure component) and everything the findings say about it. */
export interface FindingItem {
  key: string;
  subject: Finding['subject'];
  /** Each role the subject plays in the findings, with the company chain behind it. */
  roles: { role: string; chain: string[] }[];
  /** True when at least one of the merged findings is blocking. */
  blocking: boolean;
  messages: LocalisedText[];
  broughtInBy: string[];
  evidence: string[];
  alternatives: LocalisedText[];
  /** An earlier item of the same list with the same alternatives: say "as for …" instead of repeating them. */
  alternativesAsFor?: FindingItem;
  provenance: Provenance[];
  ruleIds: string[];
  /** For a host: the qualifiers the rules gave it (service, network, "CNAME → …"), de-duplicated. */
  details: string[];
  /** From the host's vendor attribution, when known. */
  service?: string;
  categories: Category[];
  /** Where the host's server is, when known (a separate fact from who controls it). */
  serverCountry?: string;
}

/** Violations whose controlling chain ends at the same ultimate parent. */
export interface CompanyGroup {
  ultimateParent: string;
  name: string;
  jurisdiction: string;
  laws: { id: string; name: string; note?: string }[];
  blocking: boolean;
  items: FindingItem[];
}

/** Violations grouped by company, and those without a controlling company. */
export interface GroupedFindings {
  companies: CompanyGroup[];
  other: FindingItem[];
}

/** Every finding of every rule, with the rule it came from. */
function allFindings(report: AuditReport): { rule: RuleResult; finding: Finding }[] {
  return report.assessment.rules.flatMap((rule) => rule.findings.map((finding) => ({ rule, finding })));
}

/** The country of a host's server, when known. */
export function serverCountry(host: HostAttribution | undefined): string | undefined {
  return host?.serverLocation.status === 'known' ? host.serverLocation.value.country : undefined;
}

/** The host's attribution record, if enrichment has one. */
export function hostAttribution(report: AuditReport, host: string): HostAttribution | undefined {
  return report.enrichment.hosts.find((candidate) => candidate.host === host);
}

/**
 * Findings about the same subject merge. A host is the subject whatever the detail (rules qualify it
 * with the service, the network or a CNAME); a cookie or an infrastructure component is named by it.
 */
function subjectKey(subject: Finding['subject']): string {
  return subject.type === 'host' ? `host\u0000${subject.host}` : `${subject.type}\u0000${subject.host}\u0000${subject.detail ?? ''}`;
}

function pushUnique<T>(list: T[], values: readonly T[], same: (a: T, b: T) => boolean = (a, b) => a === b): void {
  for (const value of values) if (!list.some((existing) => same(existing, value))) list.push(value);
}

const sameText = (a: LocalisedText, b: LocalisedText): boolean => a.en === b.en && a.fr === b.fr;

function newItem(report: AuditReport, finding: Finding): FindingItem {
  // What a host is (service, categories) does not describe an infrastructure component of it.
  const vendor = finding.subject.type === 'infrastructure' ? undefined : hostAttribution(report, finding.subject.host)?.vendor;
  const known = vendor?.status === 'known' ? vendor.value : undefined;
  return {
    key: subjectKey(finding.subject),
    subject: finding.subject,
    roles: [],
    blocking: false,
    messages: [],
    broughtInBy: [],
    evidence: [],
    alternatives: [],
    provenance: [],
    ruleIds: [],
    details: [],
    service: known?.service,
    categories: known?.categories ?? [],
    serverCountry: serverCountry(hostAttribution(report, finding.subject.host)),
  };
}

function mergeInto(item: FindingItem, rule: RuleResult, finding: Finding): void {
  const role = finding.role ?? '';
  if (!item.roles.some((existing) => existing.role === role)) item.roles.push({ role, chain: finding.control?.chain ?? [] });
  item.blocking ||= finding.blocking;
  pushUnique(item.messages, [finding.message], sameText);
  if (item.broughtInBy.length === 0) item.broughtInBy = [...finding.broughtInBy];
  pushUnique(item.evidence, finding.evidence);
  if (finding.alternative) pushUnique(item.alternatives, [finding.alternative], sameText);
  item.provenance = uniqueProvenance([...item.provenance, ...finding.provenance]);
  pushUnique(item.ruleIds, [rule.id]);
  if (finding.subject.type === 'host' && finding.subject.detail) pushUnique(item.details, [finding.subject.detail]);
}

/** Merges findings about the same subject, keeping first-seen order. */
function mergeFindings(report: AuditReport, entries: { rule: RuleResult; finding: Finding }[]): FindingItem[] {
  const items = new Map<string, FindingItem>();
  for (const { rule, finding } of entries) {
    const key = subjectKey(finding.subject);
    const item = items.get(key) ?? newItem(report, finding);
    items.set(key, item);
    mergeInto(item, rule, finding);
  }
  return pointRepeatedAlternatives([...items.values()]);
}

function pointRepeatedAlternatives(items: FindingItem[]): FindingItem[] {
  const key = (item: FindingItem): string => item.alternatives.map((text) => `${text.en}\u0000${text.fr}`).join('\u0001');
  items.forEach((item, index) => {
    if (item.alternatives.length === 0) return;
    const earlier = items.slice(0, index).find((candidate) => !candidate.alternativesAsFor && key(candidate) === key(item));
    if (earlier) item.alternativesAsFor = earlier;
  });
  return items;
}

function lawsOf(report: AuditReport, controls: Control[]): CompanyGroup['laws'] {
  const ids: string[] = [];
  for (const control of controls) pushUnique(ids, control.laws);
  return ids.map((id) => {
    const law: LawRef | undefined = report.enrichment.laws[id];
    return { id, name: law?.name ?? id, note: law?.note };
  });
}

/**
 * Violations grouped by the ultimate parent of the company concerned, blocking groups first.
 *
 * A host whose vendor and operator belong to different groups appears in both, with its role.
 */
export function groupViolations(report: AuditReport): GroupedFindings {
  const violations = allFindings(report).filter(({ finding }) => finding.kind === 'violation');
  const byParent = new Map<string, { rule: RuleResult; finding: Finding }[]>();
  const other: { rule: RuleResult; finding: Finding }[] = [];
  for (const entry of violations) {
    const control = entry.finding.control;
    if (!control) { other.push(entry); continue; }
    const key = `${control.ultimateParent}\u0000${control.jurisdiction}`;
    byParent.set(key, [...(byParent.get(key) ?? []), entry]);
  }
  const companies = [...byParent.values()].map((entries) => toGroup(report, entries));
  companies.sort((a, b) => Number(b.blocking) - Number(a.blocking) || b.items.length - a.items.length || a.name.localeCompare(b.name));
  return { companies, other: mergeFindings(report, other) };
}

function toGroup(report: AuditReport, entries: { rule: RuleResult; finding: Finding }[]): CompanyGroup {
  const controls = entries.map(({ finding }) => finding.control).filter((c): c is Control => c !== undefined);
  const first = controls[0] as Control;
  const items = mergeFindings(report, entries);
  return {
    ultimateParent: first.ultimateParent,
    name: first.ultimateParentName,
    jurisdiction: first.jurisdiction,
    laws: lawsOf(report, controls),
    blocking: items.some((item) => item.blocking),
    items,
  };
}

/** Findings of kind "unknown": facts that could not be established. */
export function unknownItems(report: AuditReport): FindingItem[] {
  return mergeFindings(report, allFindings(report).filter(({ finding }) => finding.kind === 'unknown'));
}

/** Distinct subjects of blocking findings of a kind: the ones that decide the verdict. */
export function blockingCount(report: AuditReport, kind: Finding['kind']): number {
  const blocking = allFindings(report).filter(({ finding }) => finding.blocking && finding.kind === kind);
  return new Set(blocking.map(({ finding }) => subjectKey(finding.subject))).size;
}

/** Why an attribution is unknown: its reason and the sources tried, for every unknown one given. */
export function unknownReasons(attributions: (Attribution<unknown> | undefined)[]): { reasons: string[]; tried: string[] } {
  const reasons: string[] = [];
  const tried: string[] = [];
  for (const attribution of attributions) {
    if (attribution?.status !== 'unknown') continue;
    if (attribution.reason) pushUnique(reasons, [attribution.reason]);
    pushUnique(tried, attribution.triedSources);
  }
  return { reasons, tried };
}

/** The host attributions a role depends on, to explain an unknown. */
export function attributionsForRole(host: HostAttribution | undefined, role: string): (Attribution<unknown> | undefined)[] {
  // An infrastructure component's unknown is explained by its own message, not by the site host's attribution.
  if (!host || Object.hasOwn(INFRA_ROLE_CATEGORY, role)) return [];
  if (role === 'vendor') return [host.vendor, host.vendorControl];
  if (role === 'operator') return [host.network, host.operator, host.operatorControl];
  return [host.vendor, host.vendorControl, host.network, host.operator, host.operatorControl];
}

/** Counts printed in the summary. */
export interface Counts {
  pages: number;
  hosts: number;
  thirdPartyHosts: number;
  requests: number;
  cookiesStored: number;
  cookiesAttempted: number;
  thirdPartyCompanies: number;
}

/** Every host seen: requested, opened as a websocket, or attributed. */
export function allHosts(report: AuditReport): string[] {
  const hosts = new Set<string>();
  for (const page of report.collection.pages) {
    for (const request of page.requests) hosts.add(request.host);
    for (const socket of page.websockets) hosts.add(socket.host);
  }
  for (const host of report.enrichment.hosts) hosts.add(host.host);
  return [...hosts];
}

/** Counts of the summary line. */
export function counts(report: AuditReport): Counts {
  const pages = report.collection.pages;
  const cookies = pages.flatMap((page) => page.cookies);
  const thirdParty = report.enrichment.hosts.filter((host) => !host.firstParty);
  // Companies behind third-party hosts, as vendor or as operator of their servers.
  const companies = new Set<string>();
  for (const host of thirdParty) {
    for (const control of [host.vendorControl, host.operatorControl]) if (control.status === 'known') companies.add(control.value.ultimateParent);
  }
  return {
    pages: pages.length,
    hosts: allHosts(report).length,
    thirdPartyHosts: thirdParty.length,
    requests: pages.reduce((sum, page) => sum + page.requests.length, 0),
    cookiesStored: cookies.filter((cookie) => cookie.state === 'stored').length,
    cookiesAttempted: cookies.filter((cookie) => cookie.state === 'attempted').length,
    thirdPartyCompanies: companies.size,
  };
}

/** Requests per host, over every page (websockets count as one request each). */
export function requestsByHost(report: AuditReport): Map<string, number> {
  const byHost = new Map<string, number>();
  for (const page of report.collection.pages) {
    for (const { host } of [...page.requests, ...page.websockets]) byHost.set(host, (byHost.get(host) ?? 0) + 1);
  }
  return byHost;
}

/** Host attributions, first party first, then by registrable domain and host name. */
export function sortedHosts(report: AuditReport): HostAttribution[] {
  return [...report.enrichment.hosts].sort((a, b) =>
    Number(b.firstParty) - Number(a.firstParty) ||
    a.registrableDomain.localeCompare(b.registrableDomain) ||
    a.host.localeCompare(b.host));
}

/** Display name of an entity id, from the enrichment's entity facts. */
export function entityName(report: AuditReport, id: string): string {
  return report.enrichment.entities[id]?.name ?? id;
}

/** Whether the policy allows a jurisdiction; unknown is never allowed. */
export function isAllowed(report: AuditReport, jurisdiction: string): boolean {
  return jurisdiction !== 'unknown' && report.assessment.policy.allowedJurisdictions.includes(jurisdiction);
}

/** Warnings about the capture itself, as label keys and parameters, in display order. */
export type CaptureWarning =
  | { key: 'warning.partial'; params: { url: string; reason?: string } }
  | { key: 'warning.insecure'; params: Record<string, never> }
  | { key: 'warning.navigation'; params: { url: string; code: string; message: string } }
  | { key: 'warning.collectorError'; params: { collector: string; message: string } }
  | { key: 'warning.infraProblem'; params: { problem: string } };

/** Partial captures, failed navigations, ignored TLS errors, collector errors, infrastructure problems. */
export function captureWarnings(report: AuditReport): CaptureWarning[] {
  const warnings: CaptureWarning[] = [];
  for (const page of report.collection.pages) {
    if (page.navigationError) {
      const { code, message } = page.navigationError;
      warnings.push({ key: 'warning.navigation', params: { url: page.requestedUrl, code, message } });
    }
    if (page.partial) warnings.push({ key: 'warning.partial', params: { url: pageUrl(page), reason: page.partialReason } });
  }
  // Warn only about what the user did: the demo's fixture world ignores certificate errors by design.
  if (report.collection.options.insecure && !report.collection.options.insecureReason) warnings.push({ key: 'warning.insecure', params: {} });
  const errors = [...report.collection.errors, ...report.collection.pages.flatMap((page) => page.errors)];
  for (const { collector, message } of errors) warnings.push({ key: 'warning.collectorError', params: { collector, message } });
  for (const problem of report.enrichment.infrastructure?.problems ?? []) warnings.push({ key: 'warning.infraProblem', params: { problem } });
  return warnings;
}

/** The first page whose navigation failed, if any: then the verdict rests on no evidence. */
export function failedNavigation(report: AuditReport): { code: string; message: string } | undefined {
  return report.collection.pages.find((page) => page.navigationError)?.navigationError;
}
