/**
 * CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark; comma-separated, or semicolon-separated with
 * --csv-separator semicolon for French spreadsheets): one row per host the page contacted — vendor, operator,
 * their ultimate parents and jurisdictions, server country, categories and the findings about the
 * host — then one row per infrastructure component of the site (DNS, mail, CA…). The column names
 * are stable identifiers (docs/ci.md); the values are in the report's language.
 *
 * The `sources` column names the data sources each row's facts came from, with their version and
 * build date (their licences require the attribution to travel with the data). Cells that a
 * spreadsheet would run as a formula (starting with = + - @) are prefixed with a quote.
 */
import { findingKey } from '../findings.js';
import type { Attribution, AuditReport, Control, DataSourceInfo, Finding, HostAttribution, Provenance } from '../../types.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { type Lang, categoryLabel, roleLabel, t } from '../i18n.js';
import { sortedHosts } from '../model.js';
import { csvCell } from '../../shared/sanitize.js';

/** UTF-8 byte-order mark, first character of every CSV souverain writes (docs/decisions/0029). */
export const CSV_BOM = '\ufeff';

/** The columns, in order. */
export const CSV_COLUMNS = [
  'host', 'registrable_domain', 'party', 'vendor', 'service', 'vendor_parent', 'vendor_jurisdiction',
  'operator', 'asn', 'operator_parent', 'operator_jurisdiction', 'server_country', 'categories',
  'findings', 'blocking', 'messages', 'sources',
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string>>;

export { csvCell };

function known<T>(attribution: Attribution<T> | undefined): T | undefined {
  return attribution?.status === 'known' ? attribution.value : undefined;
}

function entityName(report: AuditReport, id: string | undefined): string {
  return id ? report.enrichment.entities[id]?.name ?? id : '';
}

function sourcesOf(report: AuditReport, provenance: Provenance[]): string {
  const ids = [...new Set(provenance.map((entry) => entry.source))];
  const described = ids.map((id) => {
    const source: DataSourceInfo | undefined = report.enrichment.dataSources.find((candidate) => candidate.id === id);
    if (!source) return id;
    return `${source.id} ${source.version}${source.builtAt ? ` (${source.builtAt})` : ''} ${source.licence}`;
  });
  return described.join('; ');
}

function findingColumns(findings: Finding[], lang: Lang, options: RenderOptions): Row {
  if (findings.length === 0) return { findings: '', blocking: '', messages: '' };
  const accepted = (finding: Finding): boolean => options.baseline?.acceptedKeys.has(findingKey(finding)) ?? false;
  return {
    findings: [...new Set(findings.map((finding) => finding.rule))].join('; '),
    blocking: t(lang, findings.some((finding) => finding.blocking && !accepted(finding)) ? 'value.yes' : 'value.no'),
    messages: [...new Set(findings.map((finding) => finding.message[lang]))].join(' | '),
  };
}

function controlColumns(control: Control | undefined, prefix: 'vendor' | 'operator', unknown: string): Row {
  if (!control) return { [`${prefix}_parent`]: unknown, [`${prefix}_jurisdiction`]: unknown };
  return { [`${prefix}_parent`]: control.ultimateParentName, [`${prefix}_jurisdiction`]: control.jurisdiction };
}

function hostRow(report: AuditReport, host: HostAttribution, findings: Finding[], options: RenderOptions): Row {
  const { lang } = options;
  const unknown = t(lang, 'value.unknown');
  const vendor = known(host.vendor);
  const network = known(host.network);
  const operator = known(host.operator);
  const provenance = [host.vendor, host.vendorControl, host.network, host.operator, host.operatorControl, host.serverLocation]
    .flatMap((attribution) => (attribution.status === 'known' ? attribution.provenance : []));
  return {
    host: host.host,
    registrable_domain: host.registrableDomain,
    party: t(lang, host.firstParty ? 'host.firstParty' : 'host.thirdParty'),
    vendor: vendor ? entityName(report, vendor.entity) : unknown,
    service: vendor?.service ?? '',
    ...controlColumns(known(host.vendorControl), 'vendor', unknown),
    operator: operator ? entityName(report, operator.entity) : network ? network.asOrganisation : unknown,
    asn: network ? `AS${network.asn}` : '',
    ...controlColumns(known(host.operatorControl), 'operator', unknown),
    server_country: known(host.serverLocation)?.country ?? unknown,
    categories: (vendor?.categories ?? []).map((category) => categoryLabel(lang, category)).join('; '),
    ...findingColumns(findings, lang, options),
    sources: sourcesOf(report, provenance),
  };
}

function infrastructureRows(report: AuditReport, findings: Finding[], options: RenderOptions): Row[] {
  const infra = report.enrichment.infrastructure;
  if (!infra) return [];
  const unknown = t(options.lang, 'value.unknown');
  return infra.components.map((component): Row => {
    const operator = known(component.operator);
    const control = known(component.control);
    const provenance = [component.operator, component.control, ...(component.serverLocation ? [component.serverLocation] : [])]
      .flatMap((attribution) => (attribution.status === 'known' ? attribution.provenance : []));
    const own = findings.filter((finding) => finding.subject.type === 'infrastructure' && finding.subject.detail === component.subject && finding.role === component.role);
    return {
      host: component.subject,
      registrable_domain: infra.registrableDomain,
      party: roleLabel(options.lang, component.role),
      operator: operator ? entityName(report, operator.entity) : unknown,
      ...controlColumns(control, 'operator', unknown),
      server_country: known(component.serverLocation)?.country ?? '',
      ...findingColumns(own, options.lang, options),
      sources: sourcesOf(report, provenance),
    };
  });
}

function csvTable(report: AuditReport, options: RenderOptions): string {
  const findings = report.assessment.rules.flatMap((rule) => rule.findings);
  const hostFindings = (host: string): Finding[] => findings.filter((finding) => finding.subject.type !== 'infrastructure' && finding.subject.host === host);
  const rows = [
    ...sortedHosts(report).map((host) => hostRow(report, host, hostFindings(host.host), options)),
    ...infrastructureRows(report, findings, options),
  ];
  const separator = options.csvSeparator ?? ',';
  const lines = [CSV_COLUMNS.join(separator), ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column] ?? '', separator)).join(separator))];
  // The byte-order mark makes spreadsheets (Excel, LibreOffice) read UTF-8: "→ é §" stay intact.
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** CSV format: `*.csv`, one row per host and per infrastructure component. */
export const csv: Renderer = {
  id: 'csv',
  extension: 'csv',
  render: csvTable,
};
