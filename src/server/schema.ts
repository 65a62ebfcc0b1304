/** Tables of the server (migrations.ts creates them). Times are ISO-8601 UTC strings: they sort as text. */
import type { Generated } from 'kysely';
import type { AuditsTable } from '../store/schema.js';

export type Scope = 'read' | 'write';
export type AuditStatus = 'queued' | 'running' | 'done' | 'failed';

export interface UserRow { id: Generated<number>; name: string; password_hash: string; created_at: string }
export interface SessionRow { token_hash: string; user_id: number; csrf_token: string; created_at: string; expires_at: string }
export interface TokenRow { id: Generated<number>; name: string; token_hash: string; scope: Scope; created_at: string; last_used_at: string | null }
export interface SiteRow {
  id: Generated<number>;
  url: string;
  name: string;
  group_name: string;
  /** Comma-separated, lower case. */
  tags: string;
  policy: string;
  /** Consent states to audit: `none`, `reject`, `accept`, comma-separated. */
  consent: string;
  /** Journey file path on the server (an admin setting), or ''. */
  journey: string;
  /** '' (manual), 'daily', 'weekly' or a cron expression. */
  schedule: string;
  next_audit_at: string | null;
  last_audit_id: number | null;
  last_audit_at: string | null;
  last_verdict: string | null;
  created_at: string;
}
export interface AuditRow {
  id: Generated<number>;
  site_id: number;
  status: AuditStatus;
  /** 'server', 'schedule', 'upload'. */
  origin: string;
  verdict: string | null;
  error: string | null;
  /** JSON list of { url, reason } the SSRF guard refused. */
  refused: string | null;
  /** Uploaded reports only: an audit run by a worker keeps its report once, in the engine's `audits` (by job_key). */
  report_json: string | null;
  /** The shared queue's job (and engine result) key, `site:<siteId>:<uuid>`; null for uploads. */
  job_key: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}
export interface AuditOrgRow { audit_id: number; site_id: number; organisation: string; name: string; jurisdiction: string; laws: string }
export interface WebhookRow { id: Generated<number>; url: string; created_at: string }
export interface DeliveryRow {
  id: Generated<number>;
  webhook_id: number;
  audit_id: number;
  event: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  created_at: string;
  delivered_at: string | null;
}

export interface ServerTables {
  srv_users: UserRow;
  srv_sessions: SessionRow;
  srv_tokens: TokenRow;
  srv_sites: SiteRow;
  srv_audits: AuditRow;
  srv_audit_orgs: AuditOrgRow;
  srv_webhooks: WebhookRow;
  srv_deliveries: DeliveryRow;
  /** The engine's results (src/store/), in the same database: audits run through the shared queue. */
  audits: AuditsTable;
}
