/**
 * (f) Coverage of the infrastructure providers most common on European domains
 * (data/ecosystem/infrastructure.yaml): for each provider, every name it shows in DNS or TLS — name
 * servers, MX hosts, SPF includes, DKIM/return-path hosts, certificate issuer names — is attributed
 * by the path the infrastructure audit takes for that role (src/enrich/infrastructure.ts), not by a
 * generic host look-up. A provider is known when every name reaches the expected organisation (or
 * one of its group) and that organisation's ultimate parent and jurisdiction are known.
 */
import { fileURLToPath } from 'node:url';
import { dataFileKind } from '../../shared/data-file.js';
import { infrastructureNameOperator, type InfrastructureNameRole, type InfrastructurePatternIndex } from '../infrastructure.js';
import type { OfflineKnowledge } from '../knowledge.js';
import { DATA_DIRECTORY } from '../sources/curated/load.js';
import { infrastructureListFileSchema, type InfrastructureListFile } from '../sources/curated/schema.js';
import { readOptionalListFile } from './list-file.js';

export type InfrastructureList = InfrastructureListFile;
type Provider = InfrastructureList['providers'][number];

export interface InfrastructureListCoverage {
  file: string;
  providers: number;
  known: number;
  percent: number;
  /** Names attributed, and how many reached the expected group with a known control. */
  names: number;
  namesKnown: number;
  /** Providers with at least one name not known, with the first reason. */
  missing: { name: string; entity: string; reason: string }[];
}

/** Which list field holds names of which role. */
const ROLE_OF_FIELD = {
  nameServers: 'name-server',
  mailExchangers: 'mail-exchanger',
  spf: 'spf-include',
  dkim: 'dkim',
  certificateIssuers: 'certificate-issuer',
} as const satisfies Record<string, InfrastructureNameRole>;

export const INFRASTRUCTURE_LIST_FILE = fileURLToPath(new URL('ecosystem/infrastructure.yaml', DATA_DIRECTORY));

/** The provider list, or undefined when the file does not exist; a malformed file is a UsageError naming file, line and field. */
export async function readInfrastructureList(file = INFRASTRUCTURE_LIST_FILE): Promise<InfrastructureList | undefined> {
  return readOptionalListFile(file, infrastructureListFileSchema, dataFileKind('infrastructure-list'));
}

/** One name of one role: undefined when it reaches the expected group with a known control, else why not. */
export function nameProblem(knowledge: OfflineKnowledge, patterns: InfrastructurePatternIndex, role: InfrastructureNameRole, name: string, expected: string): string | undefined {
  const found = infrastructureNameOperator(role, name, knowledge, patterns);
  if (!found) return `${role} ${name}: no ${role === 'certificate-issuer' ? 'certificate-authority pattern or organisation of that name' : 'role pattern or owned domain'}`;
  const graph = knowledge.entityGraph;
  if (graph.lineage(found.entity).at(-1) !== graph.lineage(expected).at(-1)) return `${role} ${name} → ${found.entity}, expected ${expected}`;
  const control = knowledge.controlOf(found.entity);
  if (control.status !== 'known') return `${role} ${name} → ${found.entity}: ${control.reason ?? 'control unknown'}`;
  return undefined;
}

/** Every name of a provider, with its role. */
function namesOf(provider: Provider): { role: InfrastructureNameRole; name: string }[] {
  return Object.entries(ROLE_OF_FIELD).flatMap(([field, role]) => (provider[field as keyof typeof ROLE_OF_FIELD] ?? []).map((name) => ({ role, name })));
}

/** (f) The providers of the list whose every name is known. */
export function infrastructureListCoverage(knowledge: OfflineKnowledge, patterns: InfrastructurePatternIndex, list: InfrastructureList, file = INFRASTRUCTURE_LIST_FILE): InfrastructureListCoverage {
  let known = 0;
  let nameCount = 0;
  let namesKnown = 0;
  const missing: InfrastructureListCoverage['missing'] = [];
  for (const provider of list.providers) {
    const problems = knowledge.entity(provider.entity)
      ? namesOf(provider).map(({ role, name }) => nameProblem(knowledge, patterns, role, name, provider.entity))
      : [`the list names unknown organisation "${provider.entity}"`];
    nameCount += problems.length;
    namesKnown += problems.filter((problem) => problem === undefined).length;
    const first = problems.find((problem) => problem !== undefined);
    if (first === undefined && problems.length > 0) known++;
    else missing.push({ name: provider.name, entity: provider.entity, reason: first ?? 'no names listed' });
  }
  const total = list.providers.length;
  return { file, providers: total, known, percent: total === 0 ? 0 : Math.round((known / total) * 1000) / 10, names: nameCount, namesKnown, missing };
}
