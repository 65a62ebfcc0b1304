import ora, { type Ora } from 'ora';
import type { Lang } from '../shared/errors.js';
import type { AuditStep } from '../core/run-audit.js';
import { msg } from './messages.js';

/** A spinner on stderr while an audit runs; silent when stderr is not a terminal. */
export function progressReporter(prefix = '', lang: Lang = 'en'): { onProgress: (step: AuditStep, detail?: string) => void; stop: () => void } {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  const spinner: Ora = ora({ stream: process.stderr, isEnabled: interactive, isSilent: !interactive });
  return {
    onProgress(step, detail) {
      if (step === 'done') {
        spinner.stop();
        return;
      }
      spinner.text = `${prefix}${msg(lang, `progress.${step}`)}${detail && step === 'capture' ? ` ${detail}` : ''}`;
      if (!spinner.isSpinning) spinner.start();
    },
    stop: () => spinner.stop(),
  };
}
