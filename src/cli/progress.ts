import ora, { type Ora } from 'ora';
import type { AuditStep } from '../core/run-audit.js';

const LABELS: Record<AuditStep, string> = {
  policy: 'loading policy',
  browser: 'starting Chromium',
  capture: 'loading the page and recording every request',
  dns: 'resolving every host',
  enrich: 'tracing hosts to operators, parents and jurisdictions',
  assess: 'judging under the policy',
  done: 'done',
};

/** A spinner on stderr while an audit runs; silent when stderr is not a terminal. */
export function progressReporter(prefix = ''): { onProgress: (step: AuditStep, detail?: string) => void; stop: () => void } {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  const spinner: Ora = ora({ stream: process.stderr, isEnabled: interactive, isSilent: !interactive });
  return {
    onProgress(step, detail) {
      if (step === 'done') {
        spinner.stop();
        return;
      }
      spinner.text = `${prefix}${LABELS[step]}${detail && step === 'capture' ? ` ${detail}` : ''}`;
      if (!spinner.isSpinning) spinner.start();
    },
    stop: () => spinner.stop(),
  };
}
