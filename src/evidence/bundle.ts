import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { autoconsentVersion } from '../consent/autoconsent.js';
import { LocalisedUsageError } from '../shared/errors.js';
import { loadPolicy } from '../assess/policy-file.js';
import type { Policy } from '../assess/policy-schema.js';
import type { AuditReport, PageCapture } from '../types.js';
import { renderHtml } from '../report/formats/html.js';
import type { Lang } from '../report/i18n.js';
import { terminalSafe } from '../report/text.js';
import { pageHar } from './har.js';
import { toJson, withoutCredentials } from '../shared/sanitize.js';
import { makeDirectories, writeFileAtomic } from '../shared/write-file.js';

/**
 * The evidence bundle: a folder another party can check and judge again without the network.
 *
 *   report.json          the AuditReport (collection, enrichment, assessment, site index)
 *   run.json             command line, start and end times, policy
 *   policy.json          the policy itself (source, SHA-256, content): verify judges with it
 *   versions.json        souverain, Node, Chromium, playwright-core, autoconsent, every data source
 *   dns.json             every DNS answer souverain used
 *   certificates.json    the site's certificate chain and the TLS details of each request
 *   pages/NNN.har        one HAR per page capture (consent state and journey in the page entry)
 *   screenshots/NNN.png  the screenshot of each capture
 *   report.html          the HTML report, for a reader (self-contained, loads nothing)
 *   report.pdf           the PDF dossier (Chromium's printing of the HTML report), when Chromium could print
 *   README.txt           what the files are and how to verify them, in English and French
 *   SHA256SUMS           SHA-256 of every other file, in `sha256sum -c` format
 *
 * report.json and the files derived from it are rebuilt and compared by `verify`; run.json,
 * versions.json, README.txt and the two renderings are checked by their SHA-256 only (a later
 * souverain may render differently: a reader's copy, not evidence). See docs/decisions/0006 and 0027.
 */

export const MANIFEST = 'SHA256SUMS';

/** The policy the audit was judged under, saved whole so `verify` never reads it from elsewhere. */
export const POLICY_FILE = 'policy.json';

/** Content of policy.json. */
export interface EmbeddedPolicy {
  /** Where the audit read it: `built-in:fr` or the path given to --policy. */
  source: string;
  /** SHA-256 of the JSON of `policy` (as written), identifying the policy. */
  sha256: string;
  policy: Policy;
}

/** SHA-256 of a policy's JSON text (key order as parsed; stable for a given file). */
export function policyDigest(policy: unknown): string {
  return sha256(Buffer.from(JSON.stringify(policy)));
}

/** How the audit was run, recorded in run.json. */
export interface RunRecord {
  /** The command line as typed (argv after the node binary), or a description for library use. */
  command: string[];
  startedAt: string;
  finishedAt: string;
  policy: string;
}

/** Readers' renderings of the report added to a bundle (checked by SHA-256, never rebuilt). */
export interface BundleRenderings {
  /** Language of report.html, report.pdf; default English. */
  lang?: Lang;
  /** The PDF dossier's bytes, when it could be printed. */
  pdf?: Uint8Array;
}

/** The files of a bundle, path → content, deterministic for a given report, run record, policy and renderings. */
export function bundleFiles(report: AuditReport, run: RunRecord, policy?: { policy: Policy; source: string }, renderings: BundleRenderings = {}): Map<string, Buffer> {
  const files = derivedFiles(report);
  const embedded = policy ? { source: policy.source, sha256: policyDigest(policy.policy), policy: policy.policy } : undefined;
  // The command line as typed may hold a password in the target URL: never in the evidence.
  files.set('run.json', json({ ...run, command: run.command.map(withoutCredentials), ...(embedded ? { policySha256: embedded.sha256 } : {}) }));
  if (embedded) files.set(POLICY_FILE, json(embedded));
  files.set('versions.json', json(versionsOf(report)));
  files.set('report.html', Buffer.from(renderHtml(report, { lang: renderings.lang ?? 'en', color: false })));
  if (renderings.pdf) files.set('report.pdf', Buffer.from(renderings.pdf));
  files.set(README, Buffer.from(bundleReadme(report, renderings.pdf !== undefined)));
  return files;
}

export const README = 'README.txt';

/** What the bundle holds and how to check it, in both languages (plain text: it is read before anything is trusted). */
export function bundleReadme(report: AuditReport, withPdf: boolean): string {
  const pdfEn = withPdf ? '  report.pdf          the same report as a PDF dossier (printed by Chromium)\n' : '';
  const pdfFr = withPdf ? '  report.pdf          le même rapport en dossier PDF (imprimé par Chromium)\n' : '';
  return `souverain evidence bundle — ${terminalSafe(report.target)}
Made by ${report.tool.name} ${report.tool.version}, report schema ${report.schemaVersion}.

Files
  report.json         the whole audit: what the browser saw, who the hosts belong to, the verdict
  report.html         the report to read (self-contained: opening it loads nothing)
${pdfEn}  pages/*.har         every request of each page, in HAR format
  screenshots/*.png   what each page looked like
  dns.json, certificates.json   the DNS answers and TLS certificates used
  run.json, versions.json       how the audit was run, with which versions of souverain, Chromium and the data
  policy.json         the policy the verdict applied (when the bundle holds it)
  SHA256SUMS          the SHA-256 of every other file

How to verify
  1. sha256sum -c SHA256SUMS        every file is as written (any change, removal or addition shows)
  2. souverain verify <this folder>  the same check, plus: the files derived from report.json are rebuilt
     and compared, and the saved evidence is judged again offline; exit 0 intact, 3 a file was changed.
  The SHA-256 of SHA256SUMS identifies the whole bundle: publish it so others can check they hold the same.
  report.html and report.pdf are renderings for readers; verify checks their SHA-256, the evidence is report.json.

---

Dossier de preuves souverain — ${terminalSafe(report.target)}
Produit par ${report.tool.name} ${report.tool.version}, schéma du rapport ${report.schemaVersion}.

Fichiers
  report.json         l’audit complet : ce que le navigateur a vu, à qui sont les hôtes, le verdict
  report.html         le rapport à lire (autonome : l’ouvrir ne charge rien)
${pdfFr}  pages/*.har         chaque requête de chaque page, au format HAR
  screenshots/*.png   l’aspect de chaque page
  dns.json, certificates.json   les réponses DNS et certificats TLS utilisés
  run.json, versions.json       comment l’audit a été lancé, avec quelles versions de souverain, Chromium et des données
  policy.json         la politique que le verdict a appliquée (quand le dossier la contient)
  SHA256SUMS          le SHA-256 de chaque autre fichier

Vérifier
  1. sha256sum -c SHA256SUMS        chaque fichier est tel qu’écrit (toute modification, suppression ou ajout apparaît)
  2. souverain verify <ce dossier>   la même vérification, et en plus : les fichiers dérivés de report.json sont
     reconstruits et comparés, et les preuves sont jugées à nouveau hors ligne ; code 0 intact, 3 fichier modifié.
  Le SHA-256 de SHA256SUMS identifie tout le dossier : publiez-le pour que d’autres vérifient qu’ils ont le même.
  report.html et report.pdf sont des rendus pour les lecteurs ; verify contrôle leur SHA-256, la preuve est report.json.
`;
}

/** The files that are pure functions of report.json (verify rebuilds these). */
export function derivedFiles(report: AuditReport): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('report.json', Buffer.from(toJson(report)));
  files.set('dns.json', json(report.collection.dns));
  files.set('certificates.json', json(certificatesOf(report)));
  report.collection.pages.forEach((page, index) => {
    const name = pageFileName(page, index);
    files.set(`pages/${name}.har`, json(pageHar(page, report.collection.browser, report.tool.version)));
    if (page.screenshot) files.set(`screenshots/${name}.png`, Buffer.from(page.screenshot, 'base64'));
  });
  return files;
}

/**
 * Writes the bundle into `dir` (created; must be empty or absent) and returns the SHA-256 of the
 * manifest, which identifies the whole bundle (publish it to let others check they hold the same one).
 *
 * @example const digest = await writeBundle('evidence/', report, { command: process.argv.slice(2), … });
 */
export async function writeBundle(dir: string, report: AuditReport, run: RunRecord, policy?: { policy: Policy; source: string }, renderings: BundleRenderings = {}): Promise<{ manifestSha256: string; files: number }> {
  await prepareDirectory(dir);
  const files = bundleFiles(report, run, policy ?? (await policyOf(report)), renderings);
  const lines: string[] = [];
  for (const [path, content] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    await writeFileAtomic(join(dir, path), content);
    lines.push(`${sha256(content)}  ${path}`);
  }
  const manifest = Buffer.from(`${lines.join('\n')}\n`);
  // The manifest last: a bundle interrupted while being written has none, and verify says so.
  await writeFileAtomic(join(dir, MANIFEST), manifest);
  return { manifestSha256: sha256(manifest), files: files.size };
}

/**
 * The policy named in the report, read again when the caller did not hand it over (the audit read
 * the same file moments before). Undefined when it can no longer be read: the bundle then carries no
 * policy and verify asks for --policy.
 */
async function policyOf(report: AuditReport): Promise<{ policy: Policy; source: string } | undefined> {
  const source = report.assessment.policy.source;
  const builtIn = /^built-?in:(.+)$/.exec(source);
  try {
    const loaded = await loadPolicy(builtIn ? builtIn[1]! : source);
    return { policy: loaded.policy, source };
  } catch {
    return undefined;
  }
}

async function prepareDirectory(dir: string): Promise<void> {
  try {
    await makeDirectories(dir);
    const existing = await readdir(dir);
    if (existing.length > 0) {
      throw new LocalisedUsageError(
        { en: `evidence directory ${dir} is not empty`, fr: `le dossier de preuves ${dir} n’est pas vide` },
        { en: 'give a new or empty directory to --evidence, so no old file is mixed into the bundle', fr: 'donnez à --evidence un dossier nouveau ou vide, pour qu’aucun ancien fichier ne se mêle aux preuves' },
      );
    }
  } catch (error) {
    if (error instanceof LocalisedUsageError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new LocalisedUsageError(
      { en: `cannot create evidence directory ${dir} (${reason})`, fr: `impossible de créer le dossier de preuves ${dir} (${reason})` },
      { en: 'choose a writable --evidence path', fr: 'choisissez pour --evidence un chemin accessible en écriture' },
    );
  }
}

/** "001-www.site.fr-produits-42-reject": order, host and path, consent state, journey. */
export function pageFileName(page: PageCapture, index: number): string {
  let where = page.requestedUrl;
  try {
    const url = new URL(page.requestedUrl);
    where = `${url.hostname}${url.pathname}`;
  } catch {
    // keep the raw text, cleaned below
  }
  const parts = [String(index + 1).padStart(3, '0'), where, page.journey ? `journey-${page.journey.name}` : '', page.consent && page.consent.mode !== 'none' ? page.consent.mode : ''];
  return parts.filter(Boolean).join('-').replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/-$/, '').slice(0, 120);
}

function certificatesOf(report: AuditReport): object {
  const site = report.collection.infrastructure?.tls;
  const perHost = new Map<string, object>();
  for (const page of report.collection.pages) {
    for (const request of page.requests) if (request.tls && !perHost.has(request.host)) perHost.set(request.host, { host: request.host, ...request.tls });
  }
  return { site: site ?? null, requests: [...perHost.values()] };
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function versionsOf(report: AuditReport): object {
  return {
    souverain: report.tool.version,
    reportSchema: report.schemaVersion,
    node: process.version,
    chromium: report.collection.browser?.version ?? null,
    'playwright-core': packageVersion('playwright-core'),
    '@duckduckgo/autoconsent': autoconsentVersion(),
    dataSources: report.enrichment.dataSources.map(({ id, name, version, builtAt }) => ({ id, name, version, ...(builtAt ? { builtAt } : {}) })),
  };
}

function json(value: unknown): Buffer {
  return Buffer.from(toJson(value));
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
