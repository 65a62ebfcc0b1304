import { audit } from '../core/run-audit.js';
import { formatUsageError } from '../errors.js';
import type { Lang } from '../report/index.js';
import { EXIT_TOOL_FAILED, exitCodeFor } from './exit-codes.js';
import { navigationFailure } from './navigation-errors.js';
import { emitReport } from './output.js';
import { progressReporter } from './progress.js';

export interface AuditCommandOptions {
  format: string;
  output?: string;
  policy: string;
  connectTo?: string[];
  dnsServer?: string;
  insecure: boolean;
  timeout: number;
  infra: boolean;
  chromium?: string;
  data?: string[];
  lang: Lang;
  debug?: boolean;
}

/** `souverain audit URL`: the report is written even when the page failed (then exit 2). */
export async function runAuditCommand(url: string, options: AuditCommandOptions): Promise<number> {
  const progress = progressReporter();
  try {
    const report = await audit({
      url,
      policy: options.policy,
      insecure: options.insecure,
      timeoutSeconds: options.timeout,
      infra: options.infra,
      onProgress: progress.onProgress,
      ...(options.connectTo ? { connectTo: options.connectTo } : {}),
      ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
      ...(options.chromium ? { executablePath: options.chromium } : {}),
      ...(options.data ? { dataFiles: options.data } : {}),
    });
    progress.stop();
    await emitReport(report, options);
    const failure = navigationFailure(report);
    if (failure) {
      process.stderr.write(`${formatUsageError(failure)}\n`);
      return EXIT_TOOL_FAILED;
    }
    return exitCodeFor(report.assessment.verdict);
  } finally {
    progress.stop();
  }
}
