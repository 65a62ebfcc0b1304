import { forTerminal } from './shared/sanitize.js';

/**
 * Known failures: one line naming the problem and the fix, exit code 2, no stack trace unless --debug.
 *
 * @example
 * throw new UsageError('unsupported scheme "file:"', 'give an http:// or https:// URL');
 */
export class UsageError extends Error {
  readonly hint: string;
  constructor(problem: string, hint: string) {
    super(problem);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** The one line printed for a known error. */
export function formatUsageError(error: UsageError): string {
  return `souverain: ${forTerminal(error.message)} — ${forTerminal(error.hint)}`;
}
