import ora, { type Ora } from 'ora';
import type { Lang } from '../shared/errors.js';
import type { AuditStep } from '../core/run-audit.js';
import { msg } from './messages.js';
import { forTerminal } from '../shared/sanitize.js';

/** Minimum terminal width for a spinner or progress bar: below it (0 columns, a pipe) nothing animates. */
const MIN_COLUMNS = 20;

/** True when `stream` is a real terminal, wide enough, outside CI. */
export function canAnimate(stream: { isTTY?: boolean; columns?: number }): boolean {
  return Boolean(stream.isTTY) && !process.env.CI && (stream.columns ?? 0) >= MIN_COLUMNS;
}

/** A spinner on stderr while an audit runs; silent when stderr is not a terminal. */
export function progressReporter(prefix = '', lang: Lang = 'en'): { onProgress: (step: AuditStep, detail?: string) => void; stop: () => void } {
  const interactive = canAnimate(process.stderr);
  const spinner: Ora = ora({ stream: process.stderr, isEnabled: interactive, isSilent: !interactive });
  return {
    onProgress(step, detail) {
      if (step === 'done') {
        spinner.stop();
        return;
      }
      const text = `${prefix}${msg(lang, `progress.${step}`)}${detail && step === 'capture' ? ` ${detail}` : ''}`;
      // One line, no control characters from the URL, never wider than the terminal.
      spinner.text = forTerminal(text, { max: Math.max(10, (process.stderr.columns ?? 80) - 4) });
      if (!spinner.isSpinning) spinner.start();
    },
    stop: () => spinner.stop(),
  };
}
