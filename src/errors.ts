/** Kept so older imports keep working: the errors live in shared/errors.ts. */
export { UsageError, formatUsageError } from './shared/errors.js';
