import type { Store } from '../store/database.js';
import type { AuditSummary } from './summary.js';

/** One target's line of the ranking. */
export interface RankingRow {
  rank: number;
  position: number;
  url: string;
  name: string;
  group: string;
  /** sovereign | not-sovereign | inconclusive | failed | pending (not audited yet). */
  status: string;
  verdict: string;
  failureReason: string;
  policy: string;
  summary?: AuditSummary;
  reportPath: string;
  finishedAt: string;
}

export interface Ranking {
  batchId: string;
  generatedAt: string;
  rows: RankingRow[];
  totals: Record<string, number>;
  /** Organisations outside the policy, by the number of targets they reach. */
  organisations: { name: string; jurisdiction: string; targets: number; share: number }[];
  laws: { law: string; targets: number; share: number }[];
  groups: { group: string; targets: number; audited: number; sovereign: number; sovereignShare: number }[];
}

const STATUS_ORDER: Record<string, number> = { 'not-sovereign': 0, inconclusive: 1, failed: 2, pending: 3, sovereign: 4 };

/** Reads a batch's targets and stored audits into its ranking: most exposed first. */
export async function loadRanking(store: Store, batchId: string): Promise<Ranking> {
  const rows = await store.db.selectFrom('batch_targets')
    .leftJoin('audits', 'audits.job_key', 'batch_targets.job_key')
    .select([
      'batch_targets.position', 'batch_targets.url', 'batch_targets.name', 'batch_targets.group_name', 'batch_targets.policy as target_policy',
      'audits.status', 'audits.verdict', 'audits.failure_reason', 'audits.summary', 'audits.report_path', 'audits.policy', 'audits.finished_at',
    ])
    .where('batch_targets.batch_id', '=', batchId)
    .orderBy('batch_targets.position')
    .execute();
  const ranked: RankingRow[] = rows.map((row) => {
    const summary = row.summary ? parseSummary(row.summary) : undefined;
    const status = !row.status ? 'pending' : row.status === 'failed' ? 'failed' : row.verdict ?? 'inconclusive';
    return {
      rank: 0, position: row.position, url: row.url, name: row.name ?? '', group: row.group_name ?? '', status,
      verdict: row.verdict ?? '', failureReason: row.failure_reason ?? '', policy: row.policy ?? row.target_policy ?? '',
      ...(summary ? { summary } : {}), reportPath: row.report_path ?? '', finishedAt: row.finished_at ?? '',
    };
  });
  ranked.sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9)
    || (b.summary?.foreignRequestShare ?? 0) - (a.summary?.foreignRequestShare ?? 0)
    || (b.summary?.foreignOrganisations.length ?? 0) - (a.summary?.foreignOrganisations.length ?? 0)
    || a.position - b.position);
  ranked.forEach((row, index) => { row.rank = index + 1; });
  return { batchId, generatedAt: new Date().toISOString(), rows: ranked, ...aggregates(ranked) };
}

function parseSummary(text: string): AuditSummary | undefined {
  try {
    const value = JSON.parse(text) as Partial<AuditSummary>;
    return value.verdict ? (value as AuditSummary) : undefined;
  } catch {
    return undefined;
  }
}

function aggregates(rows: RankingRow[]): Pick<Ranking, 'totals' | 'organisations' | 'laws' | 'groups'> {
  const totals: Record<string, number> = { targets: rows.length, sovereign: 0, 'not-sovereign': 0, inconclusive: 0, failed: 0, pending: 0 };
  const organisations = new Map<string, { name: string; jurisdiction: string; targets: number }>();
  const laws = new Map<string, number>();
  const groups = new Map<string, { targets: number; audited: number; sovereign: number }>();
  for (const row of rows) {
    totals[row.status] = (totals[row.status] ?? 0) + 1;
    for (const org of row.summary?.foreignOrganisations ?? []) {
      const entry = organisations.get(org.name) ?? { name: org.name, jurisdiction: org.jurisdiction, targets: 0 };
      entry.targets += 1;
      organisations.set(org.name, entry);
    }
    for (const law of row.summary?.laws ?? []) laws.set(law, (laws.get(law) ?? 0) + 1);
    const group = groups.get(row.group) ?? { targets: 0, audited: 0, sovereign: 0 };
    group.targets += 1;
    // % sovereign counts the targets that were audited: a failure or a pending target is no verdict.
    if (row.status !== 'failed' && row.status !== 'pending') group.audited += 1;
    if (row.status === 'sovereign') group.sovereign += 1;
    groups.set(row.group, group);
  }
  const share = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);
  return {
    totals,
    organisations: [...organisations.values()].map((o) => ({ ...o, share: share(o.targets, rows.length) })).sort((a, b) => b.targets - a.targets || a.name.localeCompare(b.name)),
    laws: [...laws].map(([law, targets]) => ({ law, targets, share: share(targets, rows.length) })).sort((a, b) => b.targets - a.targets || a.law.localeCompare(b.law)),
    groups: [...groups].map(([group, g]) => ({ group, ...g, sovereignShare: share(g.sovereign, g.audited) })).sort((a, b) => a.group.localeCompare(b.group)),
  };
}
