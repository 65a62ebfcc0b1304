import { readFile, readdir, stat } from 'node:fs/promises';
import { join, normalize, relative, sep } from 'node:path';
import { assess } from '../assess/assess.js';
import { loadPolicy } from '../assess/policy-file.js';
import { summariseSite } from '../report/site-summary.js';
import { enrich } from '../enrich/enrich.js';
import { loadKnowledge } from '../enrich/knowledge.js';
import { LocalisedUsageError } from '../shared/errors.js';
import { REPORT_SCHEMA_VERSION, type Assessment, type AuditReport, type Verdict } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { derivedFiles, MANIFEST, sha256 } from './bundle.js';

/** What `verify` found. `intact` is false as soon as one file is missing, extra, changed or inconsistent. */
export interface VerifyResult {
  intact: boolean;
  /** Files whose hash was checked. */
  checked: number;
  /** Each problem names the file. */
  problems: string[];
  /** SHA-256 of the manifest: the bundle's identity. */
  manifestSha256?: string;
  /** Present when the bundle is intact: the saved evidence judged again, offline. */
  reassessment?: Reassessment;
  report?: AuditReport;
}

export interface Reassessment {
  policy: string;
  /** The verdict saved in the bundle, and the policy it was given under. */
  saved: { verdict: Verdict; policy: string };
  /** Verdict from the saved collection and enrichment under the chosen policy (pure, no data needed). */
  fromSavedEnrichment: Verdict;
  /** Verdict after attributing the saved collection again with the data installed here (offline). */
  fromCurrentData: Verdict;
  /** True when the same policy gives back the saved assessment exactly. */
  reproduced?: boolean;
  /** Data sources whose version differs from the bundle's (their facts may have changed). */
  dataChanges: string[];
  assessment: Assessment;
}

const HEX64 = /^[0-9a-f]{64}$/;

const GIVE_A_BUNDLE = { en: 'give the directory written by souverain audit --evidence DIR', fr: 'donnez le dossier écrit par souverain audit --evidence RÉP' };

/**
 * Checks an evidence bundle: every file listed in SHA256SUMS exists and has its hash, no file was
 * added, the derived files (HARs, screenshots, DNS, certificates) agree with report.json; then judges
 * the saved collection again offline, under the saved policy or another one. No network is used.
 *
 * @example const result = await verifyBundle('evidence/', { policy: 'eu' }); result.intact // true
 */
export async function verifyBundle(dir: string, options: { policy?: string; dataFiles?: string[] } = {}): Promise<VerifyResult> {
  const manifestText = await readManifest(dir);
  const problems: string[] = [];
  const listed = parseManifest(manifestText, problems);
  const present = await listFiles(dir);
  let checked = 0;
  for (const [path, expected] of listed) {
    const content = await readFile(join(dir, path)).catch(() => undefined);
    if (!content) {
      problems.push(`${path}: listed in ${MANIFEST} but missing`);
      continue;
    }
    checked++;
    if (sha256(content) !== expected) problems.push(`${path}: SHA-256 does not match ${MANIFEST} (the file was changed)`);
  }
  for (const path of present) if (path !== MANIFEST && !listed.has(path)) problems.push(`${path}: not listed in ${MANIFEST} (a file was added)`);
  const manifestSha256 = sha256(Buffer.from(manifestText));
  if (problems.length > 0) return { intact: false, checked, problems, manifestSha256 };

  const report = await readReport(dir, problems);
  if (!report) return { intact: false, checked, problems, manifestSha256 };
  if (report.tool.version === TOOL_VERSION) checkDerived(report, listed, problems);
  if (problems.length > 0) return { intact: false, checked, problems, manifestSha256, report };
  return { intact: true, checked, problems, manifestSha256, report, reassessment: await reassess(report, options) };
}

async function readManifest(dir: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new LocalisedUsageError({ en: `${dir} is not an evidence bundle directory`, fr: `${dir} n’est pas un dossier de preuves` }, GIVE_A_BUNDLE);
  try {
    return await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    const manifest = join(dir, MANIFEST);
    throw new LocalisedUsageError({ en: `${manifest} is missing: ${dir} is not a complete evidence bundle`, fr: `${manifest} manque : ${dir} n’est pas un dossier de preuves complet` }, GIVE_A_BUNDLE);
  }
}

function parseManifest(text: string, problems: string[]): Map<string, string> {
  const listed = new Map<string, string>();
  text.split('\n').filter((line) => line.trim() !== '').forEach((line, index) => {
    const match = /^([0-9a-fA-F]+) [ *](.+)$/.exec(line);
    const path = match?.[2] ?? '';
    const safe = match && HEX64.test(match[1]!.toLowerCase()) && !path.startsWith('/') && !normalize(path).split(sep).includes('..');
    if (!safe) problems.push(`${MANIFEST}: line ${index + 1} is not "<sha256>  <relative path>"`);
    else listed.set(path, match[1]!.toLowerCase());
  });
  return listed;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

async function readReport(dir: string, problems: string[]): Promise<AuditReport | undefined> {
  try {
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as AuditReport;
    if (!report.collection || !report.enrichment || !report.assessment) throw new Error('not a souverain report');
    if (report.schemaVersion.split('.')[0] !== REPORT_SCHEMA_VERSION.split('.')[0]) throw new Error(`report schema ${report.schemaVersion}, this souverain reads ${REPORT_SCHEMA_VERSION}`);
    return report;
  } catch (error) {
    problems.push(`report.json: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** The derived files must be exactly what report.json gives (same souverain version only). */
function checkDerived(report: AuditReport, listed: Map<string, string>, problems: string[]): void {
  for (const [path, content] of derivedFiles(report)) {
    const hash = listed.get(path);
    if (!hash) problems.push(`${path}: missing from the bundle although report.json holds it`);
    else if (hash !== sha256(content)) problems.push(`${path}: does not agree with report.json`);
  }
  // The site index is derived from the collection: one edited by hand no longer agrees with it.
  if (report.site && JSON.stringify(report.site) !== JSON.stringify(summariseSite(report.collection, report.enrichment))) {
    problems.push('report.json: the site index does not agree with the collection it summarises');
  }
}

async function reassess(report: AuditReport, options: { policy?: string; dataFiles?: string[] }): Promise<Reassessment> {
  const savedPolicy = report.assessment.policy;
  const builtIn = /^built-?in:(.+)$/.exec(savedPolicy.source);
  const policyName = options.policy ?? builtIn?.[1] ?? savedPolicy.source;
  const { policy, source } = await loadPolicy(policyName);
  const fromSaved = assess(report.collection, report.enrichment, policy, source);
  const knowledge = await loadKnowledge({ extraDataFiles: options.dataFiles ?? [] });
  const enrichment = await enrich(report.collection, knowledge, options.dataFiles ?? []);
  const fromCurrent = assess(report.collection, enrichment, policy, source);
  const savedVersions = new Map(report.enrichment.dataSources.map((d) => [d.id, d.version]));
  const dataChanges = enrichment.dataSources.filter((d) => savedVersions.get(d.id) !== d.version).map((d) => `${d.id} ${savedVersions.get(d.id) ?? '(absent)'} → ${d.version}`);
  const samePolicy = source === savedPolicy.source || (builtIn !== null && source === `built-in:${builtIn[1]}`);
  return {
    policy: source,
    saved: { verdict: report.assessment.verdict, policy: savedPolicy.source },
    fromSavedEnrichment: fromSaved.verdict,
    fromCurrentData: fromCurrent.verdict,
    ...(samePolicy ? { reproduced: reproduces(fromSaved, report.assessment) } : {}),
    dataChanges,
    assessment: fromSaved,
  };
}

/**
 * Same verdict, and the same status and findings for every rule the saved assessment ran (a report
 * written by a souverain without the site rules has fewer rules; that is not a difference of evidence).
 */
function reproduces(again: Assessment, saved: Assessment): boolean {
  const byId = new Map(again.rules.map((r) => [r.id, r]));
  const digest = (r: Assessment['rules'][number]) => JSON.stringify([r.status, r.blocking, r.findings.map((f) => [f.kind, f.subject, f.blocking])]);
  return again.verdict === saved.verdict && saved.rules.every((rule) => {
    const other = byId.get(rule.id);
    return other !== undefined && digest(other) === digest(rule);
  });
}
