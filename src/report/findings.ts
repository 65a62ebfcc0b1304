/**
 * What comparing two audits needs to agree on: the identity of a finding (so a baseline or a diff
 * recognises the same problem from one run to the next), the pages a finding belongs to, and the
 * organisations and hosts a report saw. Pure functions of an AuditReport.
 */
import type { AuditReport, Control, Finding, LocalisedText } from '../types.js';
import { pageUrl } from '../shared/url.js';

/** Every finding of every rule, in rule order. */
export function allFindings(report: AuditReport): Finding[] {
  return report.assessment.rules.flatMap((rule) => rule.findings);
}

/**
 * What identifies a finding from one run to the next: the rule, the subject, the role and the
 * controlling entity. Never the message, an IP address or a service label, which change between runs.
 */
export interface FindingIdentity {
  rule: string;
  subject: { type: Finding['subject']['type']; host: string; detail?: string };
  role?: string;
  entity?: string;
}

/** The identity of a finding (see {@link FindingIdentity}). */
export function findingIdentity(finding: Finding): FindingIdentity {
  // A host's detail is the rule's qualifier (service name, "IP, ASN", "CNAME → …"): volatile. A
  // cookie's or an infrastructure component's detail is what it is (cookie name, NS host names).
  const detail = finding.subject.type === 'host' ? undefined : finding.subject.detail;
  return {
    rule: finding.rule,
    subject: { type: finding.subject.type, host: finding.subject.host, ...(detail !== undefined ? { detail } : {}) },
    ...(finding.role ? { role: finding.role } : {}),
    ...(finding.control?.entity ? { entity: finding.control.entity } : {}),
  };
}

/**
 * A finding's stable key, readable: "rule|type|host|detail|role|entity".
 *
 * @example findingKey(gaVendorFinding) // "foreign-controlled-third-parties|host|www.google-analytics.com||vendor|google"
 */
export function findingKey(finding: Finding): string {
  return identityKey(findingIdentity(finding));
}

/** The key of an identity (see {@link findingKey}). */
export function identityKey(identity: FindingIdentity): string {
  const { rule, subject, role, entity } = identity;
  return [rule, subject.type, subject.host, subject.detail ?? '', role ?? '', entity ?? ''].join('|');
}


/**
 * The pages a finding belongs to: for a host, the pages that contacted it; for a page fault, that
 * page; for the site's infrastructure or a subject seen nowhere, the first page (or the target).
 */
export function findingPages(report: AuditReport, finding: Finding): string[] {
  const pages = report.collection.pages;
  const fallback = pages[0] ? [pageUrl(pages[0])] : [report.target];
  const { type, host, detail } = finding.subject;
  if (type !== 'host') return fallback;
  const faulty = pages.find((page) => detail !== undefined && (page.requestedUrl === detail || page.finalUrl === detail));
  if (faulty) return [pageUrl(faulty)];
  const contacted = pages.filter((page) =>
    page.requests.some((request) => request.host === host) ||
    page.websockets.some((socket) => socket.host === host) ||
    page.hints.some((hint) => hint.host === host));
  return contacted.length > 0 ? contacted.map(pageUrl) : fallback;
}

/** The URL of every page of the report, in capture order (the target when none was captured). */
export function pageUrls(report: AuditReport): string[] {
  const urls = report.collection.pages.map(pageUrl);
  return urls.length > 0 ? [...new Set(urls)] : [report.target];
}

/** An organisation a report relies on: the ultimate parent of a vendor, an operator or a component. */
export interface OrganisationSeen {
  /** Entity id of the ultimate parent. */
  id: string;
  name: string;
  jurisdiction: string;
  /** Roles it plays: vendor, operator, dns, mail… */
  roles: string[];
  /** Hosts (or infrastructure subjects) it is behind. */
  subjects: string[];
}

/** Every ultimate parent behind a host (as vendor or operator) or an infrastructure component, by id. */
export function organisationsOf(report: AuditReport): Map<string, OrganisationSeen> {
  const seen = new Map<string, OrganisationSeen>();
  const add = (control: Control, role: string, subject: string): void => {
    const entry = seen.get(control.ultimateParent) ?? {
      id: control.ultimateParent, name: control.ultimateParentName, jurisdiction: control.jurisdiction, roles: [], subjects: [],
    };
    if (!entry.roles.includes(role)) entry.roles.push(role);
    if (!entry.subjects.includes(subject)) entry.subjects.push(subject);
    seen.set(control.ultimateParent, entry);
  };
  for (const host of report.enrichment.hosts) {
    if (host.vendorControl.status === 'known') add(host.vendorControl.value, 'vendor', host.host);
    if (host.operatorControl.status === 'known') add(host.operatorControl.value, 'operator', host.host);
  }
  for (const component of report.enrichment.infrastructure?.components ?? []) {
    if (component.control.status === 'known') add(component.control.value, component.role, component.subject);
  }
  return seen;
}

/** Every host the report saw: requested, opened as a websocket, hinted at, or attributed; sorted. */
export function hostsSeen(report: AuditReport): string[] {
  const hosts = new Set<string>();
  for (const page of report.collection.pages) {
    for (const request of page.requests) hosts.add(request.host);
    for (const socket of page.websockets) hosts.add(socket.host);
  }
  for (const host of report.enrichment.hosts) hosts.add(host.host);
  hosts.delete('');
  return [...hosts].sort();
}

/** A finding a baseline file accepted, as the file records it. */
export interface AcceptedFinding {
  key: string;
  rule: string;
  kind: Finding['kind'];
  subject: { type: Finding['subject']['type']; host: string; detail?: string | undefined };
  role?: string | undefined;
  entity?: string | undefined;
  blocking: boolean;
  message: LocalisedText;
}

/**
 * What renderers need of an audit compared with a baseline (compare/baseline.ts builds it): SARIF
 * marks results new/unchanged/absent, JUnit fails only on new blocking findings, Markdown and CSV
 * say what the baseline accepts.
 */
export interface BaselineResult {
  /** Where the baseline came from (a path), for messages. */
  source: string;
  /** Findings of the audit that the baseline accepts. */
  accepted: Finding[];
  /** Findings of the audit that are not in the baseline. */
  added: Finding[];
  /** The new findings that are blocking: any of them fails the gate. */
  addedBlocking: Finding[];
  /** Baseline entries the audit did not see again (fixed, or no longer loaded). */
  absent: AcceptedFinding[];
  /** Keys of the accepted findings, for renderers that mark each finding. */
  acceptedKeys: ReadonlySet<string>;
  /** True when no new blocking finding appeared. */
  passed: boolean;
}
