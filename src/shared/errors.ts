/**
 * Known failures, and the two languages they (and every user-facing text) are written in.
 *
 * A UsageError is one line naming the problem and the fix, exit code 2, no stack trace unless
 * --debug. A LocalisedUsageError also carries its French wording: code that only knows UsageError
 * prints the English text; the CLI prints the user's language.
 */

import { forTerminal } from './sanitize.js';

/** Languages of the command-line interface and of the reports: the one `Lang` type of the project. */
export type Lang = 'en' | 'fr';

/** A text in both languages. */
export interface LocalisedText {
  en: string;
  fr: string;
}

/**
 * A known failure: one line naming the problem and the fix.
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

/** The one line printed for a known error, in English. */
export function formatUsageError(error: UsageError): string {
  return `souverain: ${forTerminal(error.message)} — ${forTerminal(error.hint)}`;
}

/**
 * A known user error in English and French.
 *
 * @example
 * throw new LocalisedUsageError(
 *   { en: 'baseline file x.json does not exist', fr: 'le fichier de référence x.json n’existe pas' },
 *   { en: 'create it with souverain baseline URL', fr: 'créez-le avec souverain baseline URL' },
 * );
 */
export class LocalisedUsageError extends UsageError {
  readonly problem: LocalisedText;
  readonly fix: LocalisedText;
  constructor(problem: LocalisedText, fix: LocalisedText) {
    super(problem.en, fix.en);
    this.name = 'LocalisedUsageError';
    this.problem = problem;
    this.fix = fix;
  }
}

/**
 * The one line printed for a known error, in the user's language when the error has it
 * ("souverain: problem — fix", « souverain : problème — correctif »).
 */
export function formatErrorLine(error: UsageError, lang: Lang): string {
  // Error lines quote paths, URLs and values from outside: no escape sequence may reach the terminal.
  if (error instanceof LocalisedUsageError && lang === 'fr') return `souverain : ${forTerminal(error.problem.fr)} — ${forTerminal(error.fix.fr)}`;
  return `souverain: ${forTerminal(error.message)} — ${forTerminal(error.hint)}`;
}
