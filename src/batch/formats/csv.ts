import { csvCell } from '../../shared/sanitize.js';
import type { Ranking, RankingRow } from '../ranking.js';
import { jurisdictionText } from './text.js';

/** Stable column identifiers of ranking.csv (the values are data, not prose). */
export const RANKING_CSV_COLUMNS = [
  'rank', 'position', 'url', 'name', 'group', 'status', 'policy', 'foreign_organisations', 'jurisdictions',
  'foreign_host_share', 'foreign_request_share', 'operators', 'laws', 'requests', 'hosts', 'failure_reason', 'report',
] as const;

/**
 * ranking.csv: UTF-8 with a byte-order mark (spreadsheets then read accents right), comma-separated,
 * CRLF; every cell from outside has its control characters blanked and formula prefixes neutralised.
 */
export function rankingCsv(ranking: Ranking): string {
  const lines = [RANKING_CSV_COLUMNS.join(','), ...ranking.rows.map((row) => rowCells(row).map((cell) => csvCell(cell)).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function rowCells(row: RankingRow): string[] {
  const s = row.summary;
  return [
    String(row.rank), String(row.position), row.url, row.name, row.group, row.status, row.policy,
    (s?.foreignOrganisations ?? []).map((o) => `${o.name} (${o.jurisdiction})`).join('; '),
    s ? jurisdictionText(s) : '',
    s ? s.foreignHostShare.toFixed(3) : '', s ? s.foreignRequestShare.toFixed(3) : '',
    (s?.operators ?? []).map((o) => `${o.name} (${o.jurisdiction}; ${o.roles.join(', ')})`).join('; '),
    (s?.laws ?? []).join('; '),
    s ? String(s.requestCount) : '', s ? String(s.hostCount) : '',
    row.failureReason, row.reportPath,
  ];
}
