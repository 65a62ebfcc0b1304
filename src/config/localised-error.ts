/**
 * A UsageError that also carries its French wording. It is still a UsageError (one line, exit 2):
 * code that only knows UsageError prints the English text; the CLI prints the user's language.
 */
import { UsageError } from '../errors.js';
import { forTerminal } from '../shared/sanitize.js';
import type { LocalisedText } from '../types.js';

/** Languages of the command-line interface and of the reports. */
export type Lang = 'en' | 'fr';

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
