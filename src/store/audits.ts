import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditJob, AuditOutcome } from '../queue/job.js';
import type { AuditsTable, StoreTables } from './schema.js';

/**
 * Stores one audit outcome unless its job key already has one (unique constraint, ON CONFLICT DO
 * NOTHING — the same statement on SQLite and PostgreSQL). Returns true when this call stored it.
 * Callers run it in the transaction that completes the job.
 */
export async function insertAuditOnce(db: Kysely<StoreTables> | Transaction<StoreTables>, job: AuditJob, outcome: AuditOutcome): Promise<boolean> {
  const row = auditRow(job, outcome);
  const result = await db.insertInto('audits').values(row).onConflict((conflict) => conflict.column('job_key').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The `audits` row of a job's outcome (the report serialised once, here). */
export function auditRow(job: AuditJob, outcome: AuditOutcome): AuditsTable {
  return {
    id: randomUUID(),
    job_key: job.key,
    site_id: job.siteId ?? null,
    batch_id: job.batchId ?? null,
    url: outcome.url,
    status: outcome.status,
    verdict: outcome.verdict,
    failure_reason: outcome.failureReason,
    summary: JSON.stringify(outcome.summary ?? {}),
    report: outcome.report === null || outcome.report === undefined ? null : JSON.stringify(outcome.report),
    report_path: null,
    policy: outcome.policy,
    started_at: outcome.startedAt,
    finished_at: outcome.finishedAt,
    duration_ms: Math.max(0, Date.parse(outcome.finishedAt) - Date.parse(outcome.startedAt)) || 0,
    worker: outcome.worker,
    refused: outcome.refused ? JSON.stringify(outcome.refused) : null,
  };
}

/** Whether a job key already has a stored result. */
export async function hasAudit(db: Kysely<StoreTables>, jobKey: string): Promise<boolean> {
  const row = await db.selectFrom('audits').select('id').where('job_key', '=', jobKey).executeTakeFirst();
  return row !== undefined;
}
