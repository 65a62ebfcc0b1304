/**
 * souverain as a library: the same AuditReport the JSON report holds.
 *
 * @example
 * import { audit } from 'souverain';
 * const report = await audit({ url: 'https://www.example.fr', policy: 'fr' });
 * if (report.assessment.verdict !== 'sovereign') process.exitCode = 1;
 */
export { audit, enrich, type AuditOptions, type AuditStep } from './core/run-audit.js';
export { auditSite, type SiteAuditOptions } from './core/run-site-audit.js';
export { assess, verdictOf } from './assess/assess.js';
export { diffReports, type ReportDiff } from './compare/diff.js';
export { compareWithBaseline, createBaseline, loadBaseline } from './compare/baseline.js';
export { verifyBundle } from './evidence/verify.js';
export { loadPolicy, parsePolicy, type Policy } from './assess/policy-file.js';
export { render, renderers } from './report/index.js';
export { UsageError } from './shared/errors.js';
export * from './types.js';
