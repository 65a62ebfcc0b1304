/**
 * The infrastructure pattern tables as plain rows (bundled file, then the `infrastructure:` section
 * of user files), for `souverain data` — the look-up index (infrastructure-patterns.ts) keeps no rows.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { infrastructurePatternsSchema, type InfrastructurePatterns } from '../infrastructure-schema.js';

export const INFRASTRUCTURE_FILE = fileURLToPath(new URL('../../../data/infrastructure.yaml', import.meta.url));

/** One pattern of any role, flattened. */
export interface InfrastructureRow {
  role: 'cname' | 'headers' | 'nameServers' | 'mailExchangers' | 'spf' | 'certificateAuthorities';
  /** The suffix, header regex or CA organisation. */
  pattern: string;
  entity: string;
  service: string;
  source: { note: string; asOf: string; url?: string };
  file: string;
}

/** Reads the rows of the bundled file and of the user files that have an `infrastructure:` section. */
export async function readInfrastructureRows(extraFiles: readonly string[] = []): Promise<InfrastructureRow[]> {
  const rows: InfrastructureRow[] = [];
  for (const file of [INFRASTRUCTURE_FILE, ...extraFiles]) {
    const data = parseYaml(await readFile(file, 'utf8')) as unknown;
    const section = file === INFRASTRUCTURE_FILE ? data : (data as { infrastructure?: unknown } | null)?.infrastructure;
    if (section === undefined) continue;
    rows.push(...rowsOf(infrastructurePatternsSchema.parse(section), file));
  }
  return rows;
}

function rowsOf(patterns: InfrastructurePatterns, file: string): InfrastructureRow[] {
  const common = (p: { entity: string; service: string; source: InfrastructureRow['source'] }) => ({ entity: p.entity, service: p.service, source: p.source, file });
  return [
    ...patterns.cname.map((p) => ({ role: 'cname' as const, pattern: p.suffix, ...common(p) })),
    ...patterns.headers.map((p) => ({ role: 'headers' as const, pattern: `${p.header}: ${p.pattern}`, ...common(p) })),
    ...patterns.nameServers.map((p) => ({ role: 'nameServers' as const, pattern: p.suffix, ...common(p) })),
    ...patterns.mailExchangers.map((p) => ({ role: 'mailExchangers' as const, pattern: p.suffix, ...common(p) })),
    ...patterns.spf.map((p) => ({ role: 'spf' as const, pattern: p.suffix, ...common(p) })),
    ...patterns.certificateAuthorities.map((p) => ({ role: 'certificateAuthorities' as const, pattern: p.organisation, ...common(p) })),
  ];
}

/** Rows grouped by role, as the coverage figures count them. */
export function byRole(rows: readonly InfrastructureRow[]): Record<string, { entity: string }[]> {
  const grouped: Record<string, { entity: string }[]> = {};
  for (const row of rows) (grouped[row.role] ??= []).push({ entity: row.entity });
  return grouped;
}
