/** `souverain verify BUNDLE`: checks an evidence bundle and judges its saved evidence again. */
import { formatErrorLine, LocalisedUsageError, type Lang } from '../shared/errors.js';
import { verifyBundle, type VerifyResult } from '../evidence/verify.js';
import { exitCodeFor } from './exit-codes.js';
import { both, msg } from './messages.js';
import { forTerminal, toJson } from '../shared/sanitize.js';

/** Exit code of `verify` when a bundle fails its checks (0/1 keep their verdict meaning). */
export const EXIT_TAMPERED = 3;

/**
 * `souverain verify BUNDLE [--policy P]`: checks every hash of an evidence bundle and judges the saved
 * evidence again, offline. Exit 3 when a file is missing, added, changed or inconsistent (named on
 * stderr); otherwise 0 sovereign, 1 not sovereign or inconclusive under the chosen policy.
 */
export async function runVerifyCommand(bundle: string, options: { policy?: string; format: string; data?: string[]; lang: Lang }): Promise<number> {
  const result = await verifyBundle(bundle, { ...(options.policy ? { policy: options.policy } : {}), ...(options.data ? { dataFiles: options.data } : {}) });
  if (options.format === 'json') process.stdout.write(toJson(verifyJson(result)));
  // File names and paths in a bundle are anyone's choice: no escape sequence reaches the terminal.
  else process.stdout.write(forTerminal(verifyText(bundle, result, options.lang), { keepNewlines: true }));
  if (!result.intact) {
    const failed = new LocalisedUsageError(both('verify.failed', { bundle, problem: result.problems[0] ?? '' }), both('verify.failedFix'));
    process.stderr.write(`${formatErrorLine(failed, options.lang)}\n`);
    return EXIT_TAMPERED;
  }
  return exitCodeFor(result.reassessment!.assessment.verdict);
}

function verifyJson(result: VerifyResult): object {
  const { report: _report, reassessment, ...rest } = result;
  if (!reassessment) return rest;
  const { assessment, ...summary } = reassessment;
  return { ...rest, reassessment: { ...summary, rules: assessment.rules.map((r) => ({ id: r.id, status: r.status, blocking: r.blocking, findings: r.findings.length })) } };
}

/** The verify summary for people. Verdicts stay as their report values (sovereign, not-sovereign…), and each problem as verify.ts names it. */
function verifyText(bundle: string, result: VerifyResult, lang: Lang): string {
  if (!result.intact) return `${msg(lang, 'verify.notIntact', { bundle, checked: result.checked })}\n${result.problems.map((p) => `  ✗ ${p}`).join('\n')}\n`;
  const r = result.reassessment!;
  const reproduced = r.reproduced === true ? msg(lang, 'verify.reproduced') : r.reproduced === false ? msg(lang, 'verify.differs') : '';
  const data = r.dataChanges.length ? msg(lang, 'verify.dataChanged', { changes: r.dataChanges.join('; ') }) : msg(lang, 'verify.sameData');
  const lines = [
    msg(lang, 'verify.intact', { bundle, checked: result.checked, sha256: result.manifestSha256 ?? '' }),
    msg(lang, 'verify.saved', { verdict: r.saved.verdict, policy: r.saved.policy }),
    `${msg(lang, 'verify.reassessed', { policy: r.policy, verdict: r.fromSavedEnrichment })}${reproduced}`,
    `${msg(lang, 'verify.currentData', { verdict: r.fromCurrentData })}${data}`,
  ];
  return `${lines.join('\n')}\n`;
}
