import type { Attribution, AuditReport, Control, HostAttribution } from '../types.js';

/**
 * What a ranking needs from one audit, small enough to store next to it (audits.summary) so that a
 * report of thousands of targets never reparses full reports.
 */
export interface AuditSummary {
  verdict: string;
  policy: string;
  requestCount: number;
  hostCount: number;
  thirdPartyHostCount: number;
  /** Organisations (ultimate parents) outside the policy's allowed jurisdictions, by name. */
  foreignOrganisations: { name: string; jurisdiction: string; laws: string[] }[];
  /**
   * Per jurisdiction ('unknown' included): how many hosts and requests it reaches and their share of
   * the target's total. A host is reached by the jurisdictions of its vendor and of its network
   * operator, so shares can add up to more than 100 %.
   */
  jurisdictions: Record<string, { hosts: number; requests: number; hostShare: number; requestShare: number }>;
  /** Infrastructure operators (hosting, CDN, DNS, mail, CA and the hosts' networks) by name. */
  operators: { name: string; jurisdiction: string; roles: string[] }[];
  /** Every law id reaching at least one host or component. */
  laws: string[];
  /** Share of hosts / requests reached by at least one jurisdiction outside the policy (unknown excluded). */
  foreignHostShare: number;
  foreignRequestShare: number;
}

export function summariseReport(report: AuditReport): AuditSummary {
  const allowed = new Set(report.assessment.policy.allowedJurisdictions);
  const hosts = report.enrichment.hosts;
  const requestsByHost = countRequests(report);
  const requestCount = [...requestsByHost.values()].reduce((a, b) => a + b, 0);
  const foreign = new Map<string, { name: string; jurisdiction: string; laws: Set<string> }>();
  const jurisdictions: AuditSummary['jurisdictions'] = {};
  const operators = new Map<string, { name: string; jurisdiction: string; roles: Set<string> }>();
  const laws = new Set<string>();

  const noteControl = (control: Control): void => {
    control.laws.forEach((law) => laws.add(law));
    if (control.jurisdiction === 'unknown' || allowed.has(control.jurisdiction)) return;
    const entry = foreign.get(control.ultimateParentName) ?? { name: control.ultimateParentName, jurisdiction: control.jurisdiction, laws: new Set<string>() };
    control.laws.forEach((law) => entry.laws.add(law));
    foreign.set(control.ultimateParentName, entry);
  };
  const noteOperator = (control: Attribution<Control>, role: string): void => {
    if (control.status !== 'known') return;
    const name = control.value.ultimateParentName;
    const entry = operators.get(name) ?? { name, jurisdiction: control.value.jurisdiction, roles: new Set<string>() };
    entry.roles.add(role);
    operators.set(name, entry);
  };

  let foreignHosts = 0;
  let foreignRequests = 0;
  for (const host of hosts) {
    const reached = jurisdictionsOf(host);
    const requests = requestsByHost.get(host.host) ?? 0;
    if (reached.some((j) => j !== 'unknown' && !allowed.has(j))) {
      foreignHosts += 1;
      foreignRequests += requests;
    }
    for (const jurisdiction of reached) {
      const entry = jurisdictions[jurisdiction] ?? { hosts: 0, requests: 0, hostShare: 0, requestShare: 0 };
      entry.hosts += 1;
      entry.requests += requests;
      jurisdictions[jurisdiction] = entry;
    }
    for (const control of [host.vendorControl, host.operatorControl]) if (control.status === 'known') noteControl(control.value);
    noteOperator(host.operatorControl, 'network');
  }
  for (const component of report.enrichment.infrastructure?.components ?? []) {
    if (component.control.status === 'known') noteControl(component.control.value);
    noteOperator(component.control, component.role);
  }
  for (const entry of Object.values(jurisdictions)) {
    entry.hostShare = ratio(entry.hosts, hosts.length);
    entry.requestShare = ratio(entry.requests, requestCount);
  }
  return {
    verdict: report.assessment.verdict,
    policy: report.assessment.policy.id,
    requestCount,
    hostCount: hosts.length,
    thirdPartyHostCount: hosts.filter((host) => !host.firstParty).length,
    foreignOrganisations: [...foreign.values()].map((f) => ({ name: f.name, jurisdiction: f.jurisdiction, laws: [...f.laws].sort() })).sort(byName),
    jurisdictions,
    operators: [...operators.values()].map((o) => ({ name: o.name, jurisdiction: o.jurisdiction, roles: [...o.roles].sort() })).sort(byName),
    laws: [...laws].sort(),
    foreignHostShare: ratio(foreignHosts, hosts.length),
    foreignRequestShare: ratio(foreignRequests, requestCount),
  };
}

/** The jurisdictions that reach a host: its vendor's and its network operator's; unknown when neither is known. */
function jurisdictionsOf(host: HostAttribution): string[] {
  const known = [host.vendorControl, host.operatorControl]
    .filter((c): c is Extract<Attribution<Control>, { status: 'known' }> => c.status === 'known')
    .map((c) => c.value.jurisdiction);
  const set = new Set(known);
  if (set.size === 0) set.add('unknown');
  return [...set].sort();
}

function countRequests(report: AuditReport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const page of report.collection.pages) for (const request of page.requests) counts.set(request.host, (counts.get(request.host) ?? 0) + 1);
  return counts;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
