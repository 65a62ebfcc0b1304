/**
 * The data-flow picture as inline SVG, readable without script and printed in black and white:
 * page → hosts it loads → hosts those load → organisation → ultimate parent → law. Hosts of one
 * registrable domain at one depth share a node ("amazonaws.com ×6"); a site audit draws every page
 * as one node, aggregated. Flows to a foreign law are thick solid lines, allowed ones dashed,
 * unknown ones dotted — colour is a second cue, never the only one.
 *
 * On narrow screens the same facts are a nested list (CSS shows one or the other).
 */
import type { AuditReport } from '../types.js';
import { fillOf, patternDefs, type Tone, toneOf } from './html-bars.js';
import { html as h, SafeHtml } from './html-kit.js';
import type { Lang } from './i18n.js';
import { tv } from './i18n-visual.js';
import { entityName } from './model.js';
import { type Summary, countryName, hostLaw } from './summary.js';
import { shortUrl } from './text.js';

interface HostFlow {
  host: string;
  domain: string;
  /** 1 when the page loaded it, 2 when another host's script or document did. */
  depth: 1 | 2;
  /** The host whose script or document brought this one in (depth 2). */
  parent?: string;
  organisation: string;
  parentCompany: string;
  jurisdiction: string;
  tone: Tone;
}

const MAX_DEPTH_STEPS = 10;

function pageUrls(report: AuditReport): Set<string> {
  return new Set(report.collection.pages.flatMap((page) => [page.requestedUrl, page.finalUrl].filter(Boolean)));
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Which host brought each host in: the initiator of its first request, unless that is a page. */
function initiatorHosts(report: AuditReport): Map<string, string | undefined> {
  const pages = pageUrls(report);
  const parents = new Map<string, string | undefined>();
  for (const page of report.collection.pages) {
    for (const request of page.requests) {
      if (parents.has(request.host)) continue;
      const url = request.initiator?.url;
      const parent = !url || pages.has(url) ? undefined : hostOf(url);
      parents.set(request.host, parent === request.host ? undefined : parent);
    }
  }
  return parents;
}

/** The host that loaded it directly from the page, following initiators up (bounded). */
function firstHop(parents: Map<string, string | undefined>, host: string): string | undefined {
  let cursor = parents.get(host);
  let previous: string | undefined;
  for (let step = 0; cursor && step < MAX_DEPTH_STEPS; step += 1) {
    previous = cursor;
    cursor = parents.get(cursor);
  }
  return previous;
}

export function hostFlows(report: AuditReport, summary: Summary, lang: Lang): HostFlow[] {
  const parents = initiatorHosts(report);
  const flows: HostFlow[] = [];
  for (const host of parents.keys()) {
    const attribution = report.enrichment.hosts.find((candidate) => candidate.host === host);
    const law = hostLaw(report, attribution);
    const control = law.control;
    const parent = parents.get(host);
    flows.push({
      host,
      domain: attribution?.registrableDomain ?? host,
      depth: parent ? 2 : 1,
      parent: parent ? (parents.get(parent) ? firstHop(parents, host) ?? parent : parent) : undefined,
      organisation: control ? entityName(report, control.entity) : tv(lang, 'bar.unknown'),
      parentCompany: control?.ultimateParentName ?? '?',
      jurisdiction: law.jurisdiction,
      tone: toneOf(summary, law.jurisdiction),
    });
  }
  return flows;
}

// ───────────────────────────── layout ─────────────────────────────

interface Node {
  key: string;
  column: number;
  label: string;
  tone: Tone;
  title: string;
  y: number;
}

interface Edge {
  from: string;
  to: string;
  tone: Tone;
}

const TONE_RANK: Record<Tone, number> = { foreign: 0, unknown: 1, other: 2, allowed: 3 };
const ROW = 24;
const TOP = 34;
const WIDTH = 1100;
const NODE_WIDTH = 172;

function worst(a: Tone, b: Tone): Tone {
  return TONE_RANK[a] <= TONE_RANK[b] ? a : b;
}

/** Cuts a label to fit its box (about 22 characters at 12 px), keeping a "×N" count. */
function truncate(text: string, max = 22): string {
  const count = / ×\d+$/.exec(text)?.[0] ?? '';
  const body = text.slice(0, text.length - count.length);
  const room = max - count.length;
  return body.length <= room ? text : `${body.slice(0, room - 1)}…${count}`;
}

interface Graph {
  columns: string[];
  nodes: Node[];
  edges: Edge[];
  height: number;
}

function graph(report: AuditReport, lang: Lang, flows: HostFlow[]): Graph {
  const hasIndirect = flows.some((flow) => flow.depth === 2);
  const columns = [tv(lang, 'flow.page'), tv(lang, 'flow.direct'), ...(hasIndirect ? [tv(lang, 'flow.indirect')] : []), tv(lang, 'flow.organisation'), tv(lang, 'flow.parent'), tv(lang, 'flow.law')];
  const orgColumn = hasIndirect ? 3 : 2;
  const nodes = new Map<string, Node & { hosts: Set<string>; weight: number }>();
  const edges = new Map<string, Edge>();
  const node = (key: string, column: number, label: string, tone: Tone, host?: string): void => {
    const existing = nodes.get(key);
    if (existing) {
      existing.tone = worst(existing.tone, tone);
      existing.weight += 1;
      if (host) existing.hosts.add(host);
      return;
    }
    nodes.set(key, { key, column, label, tone, title: label, y: 0, hosts: new Set(host ? [host] : []), weight: 1 });
  };
  const edge = (from: string, to: string, tone: Tone): void => {
    const key = `${from}\u0000${to}`;
    const existing = edges.get(key);
    edges.set(key, { from, to, tone: existing ? worst(existing.tone, tone) : tone });
  };
  const pages = report.collection.pages;
  const pageLabel = pages.length === 1 ? shortUrl(pages[0]?.finalUrl || pages[0]?.requestedUrl || report.target, 26) : tv(lang, 'flow.pages', { count: pages.length });
  node('page', 0, pageLabel, 'allowed');
  const domainKey = (flow: HostFlow): string => `d${flow.depth}:${flow.domain}`;
  const hostKeyOf = new Map(flows.map((flow) => [flow.host, domainKey(flow)]));
  for (const flow of flows) {
    const key = domainKey(flow);
    node(key, flow.depth === 1 ? 1 : 2, flow.domain, flow.tone, flow.host);
    const from = flow.depth === 1 ? 'page' : hostKeyOf.get(flow.parent ?? '') ?? 'page';
    edge(from, key, flow.tone);
    const org = `o:${flow.organisation}`;
    const parent = `p:${flow.parentCompany}`;
    const law = `l:${flow.jurisdiction}`;
    node(org, orgColumn, flow.organisation, flow.tone);
    node(parent, orgColumn + 1, flow.parentCompany, flow.tone);
    node(law, orgColumn + 2, flow.jurisdiction === 'unknown' ? tv(lang, 'bar.unknown') : `${flow.jurisdiction} · ${countryName(lang, flow.jurisdiction)}`, flow.tone);
    edge(key, org, flow.tone);
    edge(org, parent, flow.tone);
    edge(parent, law, flow.tone);
  }
  for (const entry of nodes.values()) {
    if (entry.hosts.size > 1) entry.label = tv(lang, 'flow.hostsCount', { domain: entry.label, count: entry.hosts.size });
    else if (entry.hosts.size === 1) entry.label = [...entry.hosts][0] as string;
    entry.title = entry.hosts.size > 0 ? [...entry.hosts].join(', ') : entry.label;
  }
  // Rows: the law column first (foreign first), then each column to the left follows the order of its targets.
  const list = [...nodes.values()];
  const order = new Map<string, number>();
  const lastColumn = orgColumn + 2;
  list.filter((entry) => entry.column === lastColumn)
    .sort((a, b) => TONE_RANK[a.tone] - TONE_RANK[b.tone] || b.weight - a.weight || a.label.localeCompare(b.label))
    .forEach((entry, index) => order.set(entry.key, index));
  for (let column = lastColumn - 1; column >= 0; column -= 1) {
    const members = list.filter((entry) => entry.column === column);
    const rank = (entry: Node): number => {
      const targets = [...edges.values()].filter((e) => e.from === entry.key).map((e) => order.get(e.to) ?? 0);
      return targets.length > 0 ? Math.min(...targets) : 0;
    };
    members.sort((a, b) => rank(a) - rank(b) || TONE_RANK[a.tone] - TONE_RANK[b.tone] || a.label.localeCompare(b.label)).forEach((entry, index) => order.set(entry.key, index));
  }
  const counts = columns.map((_, column) => list.filter((entry) => entry.column === column).length);
  const rows = Math.max(1, ...counts);
  for (const entry of list) {
    const count = counts[entry.column] ?? 1;
    // Short columns are centred against the tallest one.
    const offset = ((rows - count) * ROW) / 2;
    entry.y = TOP + offset + (order.get(entry.key) ?? 0) * ROW;
  }
  return { columns, nodes: list, edges: [...edges.values()], height: TOP + rows * ROW + 6 };
}

function columnX(columns: number, column: number): number {
  const gap = (WIDTH - NODE_WIDTH) / Math.max(1, columns - 1);
  return Math.round(column * gap);
}

const EDGE_STYLE: Record<Tone, string> = {
  foreign: 'stroke="#b42318" stroke-width="2.6"',
  other: 'stroke="#6b7f99" stroke-width="1.4"',
  allowed: 'stroke="#1f4e8c" stroke-width="1.3" stroke-dasharray="6 4"',
  unknown: 'stroke="#475467" stroke-width="1.3" stroke-dasharray="1.5 3.5"',
};

function edgePath(g: Graph, edge: Edge): SafeHtml {
  const from = g.nodes.find((entry) => entry.key === edge.from);
  const to = g.nodes.find((entry) => entry.key === edge.to);
  if (!from || !to) return h``;
  const x1 = columnX(g.columns.length, from.column) + NODE_WIDTH;
  const x2 = columnX(g.columns.length, to.column);
  const y1 = from.y + 10;
  const y2 = to.y + 10;
  const mid = (x1 + x2) / 2;
  const style = EDGE_STYLE[edge.tone];
  return h`<path d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" fill="none" ${new SafeHtml(style)}/>`;
}

function nodeBox(g: Graph, entry: Node, prefix: string): SafeHtml {
  const x = columnX(g.columns.length, entry.column);
  const strong = entry.tone === 'foreign' || entry.tone === 'allowed' || entry.tone === 'other';
  const fill = entry.column === 0 ? '#ffffff' : entry.tone === 'unknown' ? fillOf(prefix, 'unknown') : '#ffffff';
  const stroke = entry.tone === 'foreign' ? '#b42318' : entry.tone === 'allowed' ? '#1f4e8c' : '#667085';
  const width = entry.tone === 'foreign' ? 2.2 : 1;
  return h`<g><title>${entry.title}</title><rect x="${x}" y="${entry.y}" width="${NODE_WIDTH}" height="20" rx="3" fill="${fill}" stroke="${stroke}" stroke-width="${width}"/><text x="${x + 6}" y="${entry.y + 14}" class="flow__node${strong && entry.tone === 'foreign' ? ' flow__node--foreign' : ''}">${truncate(entry.label)}</text></g>`;
}

function flowSvg(report: AuditReport, lang: Lang, flows: HostFlow[]): SafeHtml {
  const g = graph(report, lang, flows);
  const prefix = 'flow';
  const headers = g.columns.map((title, column) => h`<text x="${columnX(g.columns.length, column)}" y="16" class="flow__head">${title}</text>`);
  return h`<svg class="flow__svg" viewBox="0 0 ${WIDTH} ${g.height}" width="100%" role="img" aria-label="${tv(lang, 'flow.title')}">${patternDefs(prefix)}${headers}${g.edges.map((edge) => edgePath(g, edge))}${g.nodes.map((entry) => nodeBox(g, entry, prefix))}</svg>`;
}

/** The same facts as a nested list, for narrow screens: law → parent → hosts (and what brought them in). */
function flowList(lang: Lang, flows: HostFlow[]): SafeHtml {
  const byLaw = new Map<string, HostFlow[]>();
  for (const flow of flows) byLaw.set(flow.jurisdiction, [...(byLaw.get(flow.jurisdiction) ?? []), flow]);
  const laws = [...byLaw.entries()].sort(([, a], [, b]) => TONE_RANK[(a[0] as HostFlow).tone] - TONE_RANK[(b[0] as HostFlow).tone]);
  return h`<ul class="flow__list">${laws.map(([jurisdiction, members]) => {
    const parents = [...new Set(members.map((flow) => flow.parentCompany))];
    const tone = (members[0] as HostFlow).tone;
    return h`<li class="flow__law flow__law--${tone}"><strong>${jurisdiction === 'unknown' ? tv(lang, 'bar.unknown') : `${jurisdiction} · ${countryName(lang, jurisdiction)}`}</strong><ul>${parents.map((parent) => {
      const hosts = members.filter((flow) => flow.parentCompany === parent);
      return h`<li><strong>${parent}</strong> ← ${hosts.map((flow, index) => h`${index > 0 ? ', ' : ''}<code>${flow.host}</code>${flow.parent ? h` <span class="muted">(${tv(lang, 'flow.via', { host: flow.parent })})</span>` : ''}`)}</li>`;
    })}</ul></li>`;
  })}</ul>`;
}

/** The data-flow section body: the SVG, and the list for narrow screens. */
export function flowFigure(report: AuditReport, summary: Summary, lang: Lang): SafeHtml {
  const flows = hostFlows(report, summary, lang);
  if (flows.length === 0) return h``;
  return h`<p class="intro">${tv(lang, 'flow.intro')}</p><figure class="flow">${flowSvg(report, lang, flows)}${flowList(lang, flows)}</figure>`;
}
