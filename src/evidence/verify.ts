import { readdir, stat } from 'node:fs/promises';
import { join, normalize, relative, sep } from 'node:path';
import { assess } from '../assess/assess.js';
import { loadPolicy, parsePolicy } from '../assess/policy-file.js';
import type { Policy } from '../assess/policy-schema.js';
import { notRegularReason, tryReadRegularFile } from '../shared/regular-file.js';
import { summariseSite } from '../report/site-summary.js';
import { enrich } from '../enrich/enrich.js';
import { loadKnowledge } from '../enrich/knowledge.js';
import { LocalisedUsageError } from '../shared/errors.js';
import { REPORT_SCHEMA_VERSION, type Assessment, type AuditReport, type Verdict } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { derivedFiles, type EmbeddedPolicy, MANIFEST, POLICY_FILE, policyDigest, sha256 } from './bundle.js';

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
  /** SHA-256 of the policy saved in the bundle, when the bundle's own policy was used. */
  policySha256?: string;
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
  const present = await listEntries(dir, problems);
  let checked = 0;
  for (const [path, expected] of listed) {
    // Never follow a symbolic link, never open a FIFO or device (it would block or never end).
    const read = await tryReadRegularFile(join(dir, path), { maxBytes: MAX_BUNDLE_FILE_BYTES, noFollow: true });
    if (!read.ok) {
      problems.push(read.reason === 'missing' ? `${path}: listed in ${MANIFEST} but missing` : `${path}: listed in ${MANIFEST} but ${notRegularReason(read.reason, MAX_BUNDLE_FILE_BYTES).en}`);
      continue;
    }
    checked++;
    if (sha256(read.content) !== expected) problems.push(`${path}: SHA-256 does not match ${MANIFEST} (the file was changed)`);
  }
  for (const path of present) if (path !== MANIFEST && !listed.has(path)) problems.push(`${path}: not listed in ${MANIFEST} (a file was added)`);
  const manifestSha256 = sha256(Buffer.from(manifestText));
  if (problems.length > 0) return { intact: false, checked, problems, manifestSha256 };

  const report = await readReport(dir, problems);
  if (!report) return { intact: false, checked, problems, manifestSha256 };
  if (report.tool.version === TOOL_VERSION) checkDerived(report, listed, problems);
  const embedded = listed.has(POLICY_FILE) ? await readEmbeddedPolicy(dir, problems) : undefined;
  if (problems.length > 0) return { intact: false, checked, problems, manifestSha256, report };
  return { intact: true, checked, problems, manifestSha256, report, reassessment: await reassess(report, embedded, options) };
}

/** A file of a bundle larger than this is not read (screenshots and HARs stay far below). */
const MAX_BUNDLE_FILE_BYTES = 512 * 1024 * 1024;

async function readManifest(dir: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new LocalisedUsageError({ en: `${dir} is not an evidence bundle directory`, fr: `${dir} n’est pas un dossier de preuves` }, GIVE_A_BUNDLE);
  const manifest = join(dir, MANIFEST);
  const read = await tryReadRegularFile(manifest, { maxBytes: 16 * 1024 * 1024, noFollow: true });
  if (read.ok) return read.content.toString('utf8');
  if (read.reason === 'missing') {
    throw new LocalisedUsageError({ en: `${manifest} is missing: ${dir} is not a complete evidence bundle`, fr: `${manifest} manque : ${dir} n’est pas un dossier de preuves complet` }, GIVE_A_BUNDLE);
  }
  const why = notRegularReason(read.reason, 16 * 1024 * 1024);
  throw new LocalisedUsageError({ en: `${manifest} ${why.en}`, fr: `${manifest} ${why.fr}` }, GIVE_A_BUNDLE);
}

function parseManifest(text: string, problems: string[]): Map<string, string> {
  const listed = new Map<string, string>();
  text.split('\n').filter((line) => line.trim() !== '').forEach((line, index) => {
    const match = /^([0-9a-fA-F]+) [ *](.+)$/.exec(line);
    const path = match?.[2] ?? '';
    const safe = match && HEX64.test(match[1]!.toLowerCase()) && !path.startsWith('/') && !normalize(path).split(sep).includes('..');
    if (!safe) problems.push(`${MANIFEST}: line ${index + 1} is not "<sha256>  <relative path>"`);
    else if (listed.has(path)) problems.push(`${MANIFEST}: line ${index + 1} lists ${path} a second time`);
    else listed.set(path, match[1]!.toLowerCase());
  });
  return listed;
}

/**
 * Every regular file of the bundle, relative, "/"-separated. Anything else — a symbolic link, a
 * FIFO, a device, a socket, an empty directory — is a problem: a bundle holds only files.
 */
async function listEntries(dir: string, problems: string[]): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const nonEmptyDirectories = new Set<string>();
  const directories: string[] = [];
  for (const entry of entries) {
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    nonEmptyDirectories.add(relative(dir, entry.parentPath).split(sep).join('/'));
    if (entry.isFile()) files.push(path);
    else if (entry.isDirectory()) directories.push(path);
    else if (entry.isSymbolicLink()) problems.push(`${path}: is a symbolic link (a bundle holds only files; not followed)`);
    else problems.push(`${path}: is a special file (FIFO, device or socket; not opened)`);
  }
  for (const path of directories) if (!nonEmptyDirectories.has(path)) problems.push(`${path}: an empty directory was added`);
  return files;
}

/** The policy the audit was judged under, as saved in the bundle (policy.json). */
async function readEmbeddedPolicy(dir: string, problems: string[]): Promise<{ policy: Policy; source: string; sha256: string } | undefined> {
  const read = await tryReadRegularFile(join(dir, POLICY_FILE), { noFollow: true });
  try {
    if (!read.ok) throw new Error(notRegularReason(read.reason).en);
    const saved = JSON.parse(read.content.toString('utf8')) as Partial<EmbeddedPolicy>;
    if (typeof saved.source !== 'string' || typeof saved.sha256 !== 'string' || !saved.policy) throw new Error('not a saved policy');
    const policy = parsePolicy(JSON.stringify(saved.policy), `${POLICY_FILE} of the bundle`);
    if (policyDigest(saved.policy) !== saved.sha256) throw new Error('its sha256 does not match the policy it holds');
    return { policy, source: saved.source, sha256: saved.sha256 };
  } catch (error) {
    problems.push(`${POLICY_FILE}: ${((error as Error).message.split('\n')[0] ?? '')}`);
    return undefined;
  }
}

async function readReport(dir: string, problems: string[]): Promise<AuditReport | undefined> {
  try {
    const read = await tryReadRegularFile(join(dir, 'report.json'), { maxBytes: MAX_BUNDLE_FILE_BYTES, noFollow: true });
    if (!read.ok) throw new Error(notRegularReason(read.reason, MAX_BUNDLE_FILE_BYTES).en);
    const report = JSON.parse(read.content.toString('utf8')) as AuditReport;
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

async function reassess(report: AuditReport, embedded: { policy: Policy; source: string; sha256: string } | undefined, options: { policy?: string; dataFiles?: string[] }): Promise<Reassessment> {
  const savedPolicy = report.assessment.policy;
  const builtIn = /^built-?in:(.+)$/.exec(savedPolicy.source);
  const { policy, source } = await judgingPolicy(savedPolicy.source, embedded, options.policy);
  const fromSaved = assess(report.collection, report.enrichment, policy, source);
  const knowledge = await loadKnowledge({ extraDataFiles: options.dataFiles ?? [] });
  const enrichment = await enrich(report.collection, knowledge, options.dataFiles ?? []);
  const fromCurrent = assess(report.collection, enrichment, policy, source);
  const savedVersions = new Map(report.enrichment.dataSources.map((d) => [d.id, d.version]));
  const dataChanges = enrichment.dataSources.filter((d) => savedVersions.get(d.id) !== d.version).map((d) => `${d.id} ${savedVersions.get(d.id) ?? '(absent)'} → ${d.version}`);
  const samePolicy = source === savedPolicy.source || (builtIn !== null && source === `built-in:${builtIn[1]}`);
  return {
    policy: source,
    ...(embedded && options.policy === undefined ? { policySha256: embedded.sha256 } : {}),
    saved: { verdict: report.assessment.verdict, policy: savedPolicy.source },
    fromSavedEnrichment: fromSaved.verdict,
    fromCurrentData: fromCurrent.verdict,
    ...(samePolicy ? { reproduced: reproduces(fromSaved, report.assessment) } : {}),
    dataChanges,
    assessment: fromSaved,
  };
}

/**
 * The policy to judge with: the one given with --policy; else the one the bundle carries (never a
 * file of the same name in the verifier's working directory); else, for bundles written before
 * policies were embedded, a built-in policy by id. A file policy that is not embedded is refused.
 */
async function judgingPolicy(savedSource: string, embedded: { policy: Policy; source: string } | undefined, requested: string | undefined): Promise<{ policy: Policy; source: string }> {
  if (requested !== undefined) return loadPolicy(requested);
  if (embedded) return { policy: embedded.policy, source: embedded.source };
  const builtIn = /^built-?in:(.+)$/.exec(savedSource);
  if (builtIn) return loadPolicy(builtIn[1]!);
  throw new LocalisedUsageError(
    { en: `the bundle does not carry the policy file ${savedSource} it was judged under (written by an older souverain)`, fr: `le dossier de preuves ne contient pas le fichier de politique ${savedSource} sous lequel il a été jugé (écrit par une version antérieure de souverain)` },
    { en: 'name the policy to judge it with: --policy FILE, --policy fr or --policy eu', fr: 'indiquez la politique à appliquer : --policy FICHIER, --policy fr ou --policy eu' },
  );
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
