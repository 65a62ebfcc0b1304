/**
 * Runs the command line in-process through `main(argv, io)`: what a subprocess test checks (exit
 * code, stdout, stderr), without the cost of a new Node process. For commands that fail before a
 * browser starts (help, usage errors, file checks). Runs are serialised: the working directory is
 * the process's own. Only what goes through `io` is captured: commands that print their results
 * straight to process.stdout belong in subprocess tests.
 */
import { main } from '../../src/cli/main.js';
import type { CliResult } from '../e2e/helpers.js';

let queue: Promise<unknown> = Promise.resolve();

export function runInProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const run = queue.then(() => runOnce(args, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(args: string[], options: { cwd?: string; env?: Record<string, string> }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const env = { ...process.env, NO_COLOR: '1', CI: '1', LANG: 'C', LC_ALL: 'C', ...options.env };
  const previousCwd = process.cwd();
  try {
    if (options.cwd) process.chdir(options.cwd);
    const code = await main(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env,
      cwd: process.cwd(),
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(previousCwd);
  }
}
