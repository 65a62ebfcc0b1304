/**
 * `souverain data export`: the curated knowledge as an open dataset (CSV or JSON), one table per
 * file, with its licence. Only the curated tables are exported (CC BY 4.0); bundled third-party data
 * (third-party-web, ip-location-db) keeps its own licence and is named, not copied.
 */
import type { OfflineKnowledge } from '../knowledge.js';
import type { SourceRecord } from '../sources/curated/schema.js';
import type { InfrastructureRow } from './tables.js';

type Cell = string | number | undefined;
export type Table = { name: string; columns: string[]; rows: Record<string, Cell>[] };

const sources = (list: readonly SourceRecord[]) => list.map((s) => [s.note, s.url, s.asOf].filter(Boolean).join(' | ')).join(' ;; ');
const latest = (list: readonly SourceRecord[]) => list.reduce((max, s) => (s.asOf > max ? s.asOf : max), '');

/** Every exported table, rows sorted for stable diffs. */
export function exportTables(knowledge: OfflineKnowledge, infrastructure: readonly InfrastructureRow[]): Table[] {
  const entities = [...knowledge.curated.entities.values()].sort((a, b) => a.id.localeCompare(b.id));
  const graph = knowledge.entityGraph;
  const organisations: Table = {
    name: 'organisations',
    columns: ['id', 'name', 'legalName', 'country', 'headquarters', 'parent', 'ultimateParent', 'jurisdictionCandidates', 'asns', 'domains', 'aliases', 'confidence', 'asOf', 'sources'],
    rows: entities.map((e) => ({
      id: e.id, name: e.name, legalName: e.legalName, country: e.country, headquarters: e.headquarters, parent: e.parent,
      ultimateParent: graph.lineage(e.id).at(-1),
      jurisdictionCandidates: e.jurisdictionCandidates?.map((c) => `${c.country}: ${c.note.en}`).join(' ;; '),
      asns: e.asns?.join(' '), domains: e.domains?.join(' '), aliases: e.aliases?.join(' ;; '),
      confidence: e.confidence, asOf: latest(e.sources), sources: sources(e.sources),
    })),
  };
  const hostPatterns: Table = {
    name: 'host-patterns',
    columns: ['pattern', 'entity', 'service', 'categories', 'note'],
    rows: knowledge.curated.services.flatMap((s) => s.hosts.map((pattern) => ({ pattern, entity: s.entity, service: s.service, categories: s.categories.join(' '), note: s.note })))
      .sort((a, b) => a.pattern.localeCompare(b.pattern)),
  };
  const infrastructurePatterns: Table = {
    name: 'infrastructure-patterns',
    columns: ['role', 'pattern', 'entity', 'service', 'asOf', 'source'],
    rows: infrastructure.map((r) => ({ role: r.role, pattern: r.pattern, entity: r.entity, service: r.service, asOf: r.source.asOf, source: [r.source.note, r.source.url].filter(Boolean).join(' | ') })),
  };
  const laws: Table = {
    name: 'laws',
    columns: ['id', 'name', 'country', 'note_en', 'note_fr', 'asOf', 'url', 'source'],
    rows: [...knowledge.curated.laws.values()].map((law) => ({
      id: law.id, name: law.name, country: law.country,
      note_en: typeof law.note === 'string' ? law.note : law.note.en, note_fr: typeof law.note === 'string' ? undefined : law.note.fr,
      asOf: law.source.asOf, url: law.source.url, source: law.source.note,
    })),
  };
  const qualifications: Table = {
    name: 'qualifications',
    columns: ['entity', 'scheme', 'name', 'offer', 'since', 'until', 'sources'],
    rows: entities.flatMap((e) => (e.qualifications ?? []).map((q) => ({ entity: e.id, scheme: q.scheme, name: q.name, offer: q.offer, since: q.since, until: q.until, sources: sources(q.sources) }))),
  };
  const ownershipChanges: Table = {
    name: 'ownership-changes',
    columns: ['date', 'entity', 'event', 'by', 'from', 'to', 'note', 'sources'],
    rows: entities.flatMap((e) => (e.history ?? []).map((h) => ({ date: h.date, entity: e.id, event: h.event, by: h.by, from: h.from, to: h.to, note: h.note, sources: sources(h.sources) })))
      .sort((a, b) => b.date.localeCompare(a.date) || a.entity.localeCompare(b.entity)),
  };
  return [organisations, hostPatterns, infrastructurePatterns, laws, qualifications, ownershipChanges];
}

/**
 * One CSV cell (RFC 4180): quoted when needed; a cell a spreadsheet would run as a formula
 * (= + - @, tab, carriage return first) is prefixed with an apostrophe.
 */
export function csvCell(value: Cell): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.join(','), ...table.rows.map((row) => table.columns.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(table: Table): string {
  const rows = table.rows.map((row) => Object.fromEntries(table.columns.filter((c) => row[c] !== undefined && row[c] !== '').map((c) => [c, row[c]])));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** The licence file written next to the tables. */
export function licenceText(revision: string, thirdParty: readonly { name: string; licence: string; url?: string }[]): string {
  return [
    'souverain curated knowledge — open dataset',
    `Revision: ${revision}`,
    '',
    'The tables in this directory (organisations, host patterns, infrastructure patterns, laws,',
    'qualifications, ownership changes) are licensed under the Creative Commons Attribution 4.0',
    'International licence (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/',
    'Attribution: "souverain curated data" with a link to the project. Every row cites its sources;',
    'the cited documents belong to their authors.',
    '',
    'Not included, keep their own licences (souverain bundles them as npm packages):',
    ...thirdParty.map((source) => `- ${source.name}: ${source.licence}${source.url ? ` (${source.url})` : ''}`),
    '',
  ].join('\n');
}
