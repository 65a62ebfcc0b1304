import { readFile } from 'node:fs/promises';
import { assess } from '../assess/assess.js';
import { loadPolicy } from '../assess/policy.js';
import { UsageError } from '../errors.js';
import type { Lang } from '../report/index.js';
import { REPORT_SCHEMA_VERSION, type AuditReport } from '../types.js';
import { exitCodeFor } from './exit-codes.js';
import { emitReport } from './output.js';

/** `souverain assess report.json --policy eu`: a new verdict from saved evidence, no network. */
export async function runAssessCommand(file: string, options: { format: string; output?: string; policy: string; lang: Lang }): Promise<number> {
  const report = await readReport(file);
  const { policy, source } = await loadPolicy(options.policy);
  const reassessed: AuditReport = { ...report, generatedAt: new Date().toISOString(), assessment: assess(report.collection, report.enrichment, policy, source) };
  await emitReport(reassessed, options);
  return exitCodeFor(reassessed.assessment.verdict);
}

async function readReport(file: string): Promise<AuditReport> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read report ${file} (${(error as Error).message.split('\n')[0]})`, 'give a report written with --format json');
  }
  const report = data as Partial<AuditReport>;
  if (!report.collection || !report.enrichment || typeof report.schemaVersion !== 'string') {
    throw new UsageError(`${file} is not a souverain JSON report`, 'give a report written with --format json');
  }
  if (report.schemaVersion.split('.')[0] !== REPORT_SCHEMA_VERSION.split('.')[0]) {
    throw new UsageError(`${file} has report schema ${report.schemaVersion}, this souverain reads ${REPORT_SCHEMA_VERSION}`, 'audit again with this version of souverain');
  }
  return report as AuditReport;
}
