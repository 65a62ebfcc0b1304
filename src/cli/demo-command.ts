import { join } from 'node:path';
import pc from 'picocolors';
import { launchBrowser } from '../collect/browser.js';
import { parseConnectTo } from '../collect/connect-to.js';
import { audit } from '../core/run-audit.js';
import { DEMO_SEED_URL, DEMO_TWIN_URL, demoWorldOptions } from '../fixture-world/demo.js';
import { startFixtureWorld } from '../fixture-world/index.js';
import { render, type Lang } from '../report/index.js';
import type { AuditReport, Verdict } from '../types.js';
import { EXIT_NOT_SOVEREIGN, EXIT_SOVEREIGN } from './exit-codes.js';
import { useColor, writeOutput } from './output.js';
import { progressReporter } from './progress.js';

const EXPECTED: Record<'seed' | 'twin', Verdict> = { seed: 'not-sovereign', twin: 'sovereign' };

/**
 * `souverain demo`: starts the bundled fixture world on loopback (web servers + a DNS server whose
 * answers carry the real operators' public IPs), audits the 2014 replica and its sovereign twin with
 * real Chromium, writes their reports and prints both verdicts. Exit 0 when both verdicts are the
 * expected ones.
 */
export async function runDemoCommand(options: { outputDir: string; chromium?: string; lang: Lang }): Promise<number> {
  const world = await startFixtureWorld(demoWorldOptions());
  const connectTo = world.connectTo;
  const browser = await launchBrowser({ connectTo: connectTo.map(parseConnectTo), insecure: true, ...(options.chromium ? { executablePath: options.chromium } : {}) });
  const progress = progressReporter('', options.lang);
  try {
    const reports: Record<'seed' | 'twin', AuditReport> = {} as Record<'seed' | 'twin', AuditReport>;
    for (const [name, url] of [['seed', DEMO_SEED_URL], ['twin', DEMO_TWIN_URL]] as const) {
      // The browser ignores the fixture CAs' certificates (--insecure, said in the report); souverain's own
      // certificate check trusts them, so the infrastructure section reads the chains as verified.
      reports[name] = await audit({ url, policy: 'fr', connectTo, dnsServer: world.dnsServer, insecure: true, insecureReason: 'fixture-world', trustedCertificates: world.caCertificatePem, browser, onProgress: progress.onProgress });
      progress.stop();
      await writeReports(options.outputDir, name, reports[name], options.lang);
    }
    process.stdout.write(summary(reports, options.outputDir, options.lang));
    const asExpected = (['seed', 'twin'] as const).every((name) => reports[name].assessment.verdict === EXPECTED[name]);
    return asExpected ? EXIT_SOVEREIGN : EXIT_NOT_SOVEREIGN;
  } finally {
    progress.stop();
    await browser.close();
    await world.close();
  }
}

async function writeReports(dir: string, name: string, report: AuditReport, lang: Lang): Promise<void> {
  await writeOutput(join(dir, `${name}.json`), render('json', report, { lang, color: false }));
  await writeOutput(join(dir, `${name}.html`), render('html', report, { lang, color: false }));
  await writeOutput(join(dir, `${name}.txt`), render('terminal', report, { lang, color: false }));
}

function summary(reports: Record<'seed' | 'twin', AuditReport>, dir: string, lang: Lang): string {
  const color = useColor();
  const paint = (verdict: Verdict, text: string) => (!color ? text : verdict === 'sovereign' ? pc.green(text) : pc.red(text));
  const fr = lang === 'fr';
  const lines = [
    fr ? 'souverain demo — réplique hors ligne de la page d’inscription du « cloud souverain » de 2014 et de sa jumelle corrigée'
       : 'souverain demo — offline replica of the 2014 "sovereign cloud" signup page and its fixed twin',
    '',
  ];
  for (const name of ['seed', 'twin'] as const) {
    const report = reports[name];
    const { verdict, policy } = report.assessment;
    const parents = [...new Set(report.assessment.rules.flatMap((r) => r.findings).filter((f) => f.blocking && f.control).map((f) => `${f.control!.ultimateParentName} (${f.control!.jurisdiction})`))];
    lines.push(`  ${name === 'seed' ? (fr ? '2014   ' : '2014   ') : (fr ? 'corrigé' : 'fixed  ')}  ${report.target}`);
    lines.push(`           ${paint(verdict, verdictLabel(verdict, fr))} — ${fr ? 'politique' : 'policy'} "${policy.id}" (${policy.name})${parents.length ? ` — ${parents.join(', ')}` : ''}`);
    lines.push(`           ${fr ? 'rapports' : 'reports'}: ${join(dir, `${name}.html`)}, ${join(dir, `${name}.json`)}, ${join(dir, `${name}.txt`)}`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function verdictLabel(verdict: Verdict, fr: boolean): string {
  const labels: Record<Verdict, [string, string]> = {
    sovereign: ['SOVEREIGN', 'SOUVERAIN'],
    'not-sovereign': ['NOT SOVEREIGN', 'NON SOUVERAIN'],
    inconclusive: ['INCONCLUSIVE', 'NON CONCLUANT'],
  };
  return labels[verdict][fr ? 1 : 0];
}
