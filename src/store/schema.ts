/**
 * The tables of souverain's store, the same on SQLite and PostgreSQL (decision 0033). Portable
 * column types only: text (JSON and ISO-8601 timestamps are text), integer, real. Times are ISO
 * strings in UTC so that they sort as text on both databases.
 */
export interface StoreTables {
  sites: SitesTable;
  batches: BatchesTable;
  batch_targets: BatchTargetsTable;
  audits: AuditsTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
}

/** A monitored site (server) — batch targets are not sites; they live in batch_targets. */
export interface SitesTable {
  id: string;
  url: string;
  name: string | null;
  group_name: string | null;
  /** JSON array of strings. */
  tags: string;
  /** Policy id (`fr`, `eu`) or file path; null = the default. */
  policy: string | null;
  /** JSON object: audit options for this site (consent, journeys, …), the `AuditJobOptions` shape. */
  options: string;
  created_at: string;
}

/** One `souverain batch` run, identified by its output directory (resume = same id). */
export interface BatchesTable {
  id: string;
  output_dir: string;
  targets_file: string;
  /** JSON: the AuditJobOptions every target shares. */
  options: string;
  created_at: string;
}

export interface BatchTargetsTable {
  batch_id: string;
  /** 1-based line (txt) or record number (csv) in the targets file; with batch_id the primary key. */
  position: number;
  url: string;
  name: string | null;
  group_name: string | null;
  policy: string | null;
  /** The job (and audit) key: `batch:<batch_id>:<position>`. */
  job_key: string;
}

/** Audit status: complete (a report) or failed (a reason, maybe a partial report for evidence). */
export type AuditStatus = 'complete' | 'failed';

/**
 * One audit result, stored exactly once per job: `job_key` is unique, and the insert plus the job's
 * completion happen in one transaction.
 */
export interface AuditsTable {
  id: string;
  job_key: string;
  site_id: string | null;
  batch_id: string | null;
  url: string;
  status: AuditStatus;
  /** sovereign | not-sovereign | inconclusive; null when failed. */
  verdict: string | null;
  failure_reason: string | null;
  /** JSON: the AuditSummary (foreign organisations, jurisdictions with request/host shares, operators, laws). */
  summary: string;
  /** Full AuditReport JSON; null when failed before any report. */
  report: string | null;
  /** Where the report file was written (batch), if any. */
  report_path: string | null;
  policy: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  worker: string | null;
  /** JSON list of { url, reason } the job's SSRF guard refused; null for unguarded jobs. */
  refused: string | null;
}

export type JobState = 'queued' | 'active' | 'done' | 'failed';

/** The embedded (SQLite) queue's jobs. On PostgreSQL the queue is pg-boss (its own schema). */
export interface JobsTable {
  id: string;
  /** Unique: enqueueing the same key twice is a no-op (resume). */
  job_key: string;
  queue: string;
  /** JSON: AuditJob. */
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  /** How long one claim lasts. */
  lease_seconds: number;
  /** Epoch ms; an active job whose lease expired is claimable again. */
  lease_until: number | null;
  worker: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface SchedulesTable {
  id: string;
  site_id: string;
  /** `daily`, `weekly` or a cron expression. */
  expression: string;
  next_run_at: string | null;
  last_run_at: string | null;
  enabled: number;
}
