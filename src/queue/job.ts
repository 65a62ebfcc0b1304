import type { SiteCommandOptions } from '../cli/audit-options.js';

/**
 * An audit job: everything a worker on any machine needs to audit one target, serialisable as JSON.
 * The key names the result: one job key, at most one stored audit (unique constraint).
 */
export interface AuditJob {
  /** `batch:<batchId>:<position>` or `site:<siteId>:<id>`; unique across the queue and the audits table. */
  key: string;
  url: string;
  options: AuditJobOptions;
  batchId?: string;
  siteId?: string;
  /**
   * The SSRF guard (decision 0037) for jobs whose targets come from a server's users: every worker,
   * in the server or on another machine, refuses non-public addresses before and during the audit.
   */
  guard?: JobGuard;
  /** Extra root certificates (PEM text) for souverain's own TLS check (`serve --ca-file`). */
  trustedCertificates?: string;
}

/** How a job's audit is fenced: `allowPrivate` switches the guard off, `allow` lists exact ADDRESS:PORT pairs. */
export interface JobGuard {
  allowPrivate: boolean;
  allow: string[];
}

/**
 * The `audit` options a job carries: the CLI's own option object (so that the worker maps it to core
 * options through the one mapping, cli/audit-options.ts), without what only makes sense on the machine
 * that enqueued it (outputs, evidence directory, Chromium path, language). File paths are absolute.
 */
export type AuditJobOptions = Omit<SiteCommandOptions, 'lang' | 'debug' | 'format' | 'output' | 'outputDir' | 'evidence' | 'chromium'>;

/** A job a worker holds under a lease. */
export interface ClaimedJob {
  /** The queue's own id of this job. */
  id: string;
  job: AuditJob;
  /** 1 for the first try; more after a worker died holding it. */
  attempt: number;
}

/** What a worker stores when it finishes a job (complete or failed). */
export interface AuditOutcome {
  status: 'complete' | 'failed';
  url: string;
  policy: string;
  verdict: string | null;
  failureReason: string | null;
  /** AuditSummary JSON-able object. */
  summary: unknown;
  /** AuditReport, when there is one (also for failures with partial evidence). */
  report: unknown | null;
  startedAt: string;
  finishedAt: string;
  worker: string;
  /** Requests the job's SSRF guard refused (guarded jobs only). */
  refused?: { url: string; reason: string }[];
}

export interface EnqueueOptions {
  /** How long a worker may hold a job before another may take it (the worker is presumed dead). */
  leaseSeconds: number;
  /** Tries before the job is given up with a "worker died" failure. */
  maxAttempts: number;
}

export interface QueueCounts {
  queued: number;
  active: number;
  done: number;
}

/**
 * The job queue shared by `batch`, `worker` and the server. Two implementations (decision 0034):
 * the embedded lease table on SQLite, pg-boss on PostgreSQL.
 */
export interface JobQueue {
  readonly kind: 'sqlite-lease' | 'pg-boss';
  /** Adds jobs; a key already queued, active or done is skipped (resume). Returns how many were added. */
  enqueue(jobs: AuditJob[], options: EnqueueOptions): Promise<number>;
  /** Takes the next job under a lease, or undefined when none is ready. */
  claim(worker: string): Promise<ClaimedJob | undefined>;
  /**
   * Stores the outcome and completes the job in one transaction. Returns false when the job key
   * already had a result (another worker finished it after a lease expired): nothing is stored twice.
   */
  complete(claimed: ClaimedJob, outcome: AuditOutcome): Promise<boolean>;
  /** Hands a job back without a result (worker stopping): claimable again at once. */
  release(claimed: ClaimedJob): Promise<void>;
  /**
   * At start-up, after kill -9 of a process of this machine: its jobs still held are queued again
   * now rather than when their lease ends. Returns how many (0 where leases are the only way back).
   */
  reclaimFromDeadLocalWorkers(): Promise<number>;
  /**
   * Jobs among `keys` the queue gave up on (every holder died) get a failed result, so whoever waits
   * for them ends. Returns how many were recorded (0 where claim() already records them).
   */
  giveUpFailed(worker: string, keys: Set<string>): Promise<number>;
  close(): Promise<void>;
}

/** The queue name audit jobs use (pg-boss queue; `queue` column of the embedded table). */
export const AUDIT_QUEUE = 'souverain-audit';
