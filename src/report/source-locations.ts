/**
 * Where a finding lives in the repository, for code-scanning tools (SARIF): GitHub and GitLab only
 * accept results located in a repository file, by a path relative to the repository root. A web
 * page is not a file, so souverain anchors each finding to:
 *
 * 1. with `--source-dir DIR`: the first line of a template or source file under DIR that names the
 *    host (or the host that brought it in, for a host a script loads) — the line to change;
 * 2. else the baseline file, at the line of the finding's accepted entry when there is one;
 * 3. else the policy file;
 * 4. else a stable virtual path `souverain/<target host>` (line 1): the alert shows, without code.
 *
 * Paths are relative to `root` (the working directory: CI runs at the repository root), with "/"
 * separators. Reading files happens here, before rendering; renderers stay pure.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { findingKey } from './findings.js';
import type { AuditReport, Finding } from '../types.js';

/** One repository position. */
export interface SourcePosition {
  /** Relative to the repository root, "/" separated. */
  uri: string;
  /** 1-based. */
  startLine: number;
}

/** How findings map to repository positions. */
export interface SourceLocations {
  /** Where a finding without a better place points. */
  fallback: SourcePosition;
  /** Host → first source line that names it (with --source-dir). */
  byHost: Map<string, SourcePosition>;
  /** Finding key → line of its entry in the baseline file. */
  byFindingKey: Map<string, SourcePosition>;
}

export interface SourceLocationInputs {
  /** Policy file path as given (absent or "built-in:…" for a built-in policy). */
  policySource?: string;
  baselineFile?: string;
  sourceDir?: string;
  /** Repository root; default: the working directory. */
  root?: string;
}

/** Bounds: a source tree is read at most this far, so a huge monorepo cannot stall the report. */
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1_000_000;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'vendor', '.next', '.cache', 'coverage']);
const SOURCE_EXTENSIONS = /\.(html?|xhtml|js|mjs|cjs|jsx|ts|tsx|vue|svelte|astro|php|phtml|twig|erb|ejs|hbs|handlebars|mustache|njk|liquid|jinja2?|j2|jsp|aspx?|cshtml|razor|tpl|tmpl|gohtml|pug|haml|slim|css|scss|sass|less|json|ya?ml|toml|xml|md|py|rb|go|java|kt|cs|conf|txt)$/i;

/**
 * Repository-relative, "/"-separated form of a path; undefined for a path outside the root (code
 * scanning only shows files of the repository).
 */
export function repositoryPath(path: string, root: string): string | undefined {
  const relativePath = relative(root, path).split(sep).join('/');
  if (relativePath === '' || relativePath === '..' || relativePath.startsWith('../') || /^[a-zA-Z]:|^\//.test(relativePath)) return undefined;
  return relativePath;
}

/** Reads what the SARIF writer needs to place each finding in the repository. */
export async function resolveSourceLocations(report: AuditReport, inputs: SourceLocationInputs): Promise<SourceLocations> {
  const root = inputs.root ?? process.cwd();
  const fallback = fallbackPosition(report, inputs, root);
  const byFindingKey = inputs.baselineFile ? await baselineLines(inputs.baselineFile, root) : new Map<string, SourcePosition>();
  const byHost = inputs.sourceDir ? await hostLines(hostsOf(report), inputs.sourceDir, root) : new Map<string, SourcePosition>();
  return { fallback, byHost, byFindingKey };
}

function fallbackPosition(report: AuditReport, inputs: SourceLocationInputs, root: string): SourcePosition {
  const baseline = inputs.baselineFile ? repositoryPath(inputs.baselineFile, root) : undefined;
  if (baseline) return { uri: baseline, startLine: 1 };
  const policy = inputs.policySource && !inputs.policySource.startsWith('built-in:') ? repositoryPath(inputs.policySource, root) : undefined;
  if (policy) return { uri: policy, startLine: 1 };
  return { uri: virtualPath(report.target), startLine: 1 };
}

/** "souverain/www.example.fr": stable across runs, so GitHub's fingerprints stay stable. */
export function virtualPath(target: string): string {
  let host = target;
  try { host = new URL(target).hostname || target; } catch { /* a target that is not a URL keeps its text */ }
  return `souverain/${host.replace(/[^a-zA-Z0-9.-]/g, '_')}`;
}

/** The position where a finding is best shown. */
export function positionOf(locations: SourceLocations, finding: Finding): SourcePosition {
  const fromSource = locations.byHost.get(finding.subject.host) ?? broughtInByPosition(locations, finding);
  return fromSource ?? locations.byFindingKey.get(findingKey(finding)) ?? locations.fallback;
}

/** For a host a script loaded: the innermost script host of its chain that the sources name. */
function broughtInByPosition(locations: SourceLocations, finding: Finding): SourcePosition | undefined {
  for (const url of [...finding.broughtInBy].reverse()) {
    const host = hostOf(url);
    const position = host ? locations.byHost.get(host) : undefined;
    if (position) return position;
  }
  return undefined;
}

function hostOf(url: string): string | undefined {
  try { return new URL(url).hostname; } catch { return undefined; }
}

/** Every host a finding names or that brought one in. */
function hostsOf(report: AuditReport): Set<string> {
  const hosts = new Set<string>();
  for (const finding of report.assessment.rules.flatMap((rule) => rule.findings)) {
    hosts.add(finding.subject.host);
    for (const url of finding.broughtInBy) {
      const host = hostOf(url);
      if (host) hosts.add(host);
    }
  }
  return hosts;
}

/** Line of each finding key in the baseline file (the JSON is written one entry field per line). */
async function baselineLines(file: string, root: string): Promise<Map<string, SourcePosition>> {
  const lines = new Map<string, SourcePosition>();
  let text: string;
  try { text = await readFile(file, 'utf8'); } catch { return lines; }
  const uri = repositoryPath(file, root);
  if (!uri) return lines;
  text.split('\n').forEach((line, index) => {
    const match = /"key"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(line);
    if (match) {
      try { lines.set(JSON.parse(`"${match[1]}"`) as string, { uri, startLine: index + 1 }); } catch { /* not a key line */ }
    }
  });
  return lines;
}

/** The first line naming each host, over the source files under `dir` (sorted walk: stable output). */
export async function hostLines(hosts: ReadonlySet<string>, dir: string, root: string): Promise<Map<string, SourcePosition>> {
  const found = new Map<string, SourcePosition>();
  const wanted = [...hosts].filter((host) => host.includes('.'));
  if (wanted.length === 0) return found;
  const patterns = wanted.map((host) => ({ host, pattern: hostPattern(host) }));
  for (const file of await sourceFiles(dir)) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (!patterns.some(({ host }) => !found.has(host) && text.includes(host))) continue;
    const lines = text.split('\n');
    for (const { host, pattern } of patterns) {
      if (found.has(host)) continue;
      const index = lines.findIndex((line) => pattern.test(line));
      const uri = repositoryPath(file, root);
      if (index >= 0 && uri) found.set(host, { uri, startLine: index + 1 });
    }
    if (found.size === wanted.length) break;
  }
  return found;
}

/** A host as a whole name: "google.com" does not match inside "notgoogle.com" or "google.com.evil". */
function hostPattern(host: string): RegExp {
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-zA-Z0-9.-])${escaped}($|[^a-zA-Z0-9-]|\\.[^a-zA-Z0-9])`, 'i');
}

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (current: string): Promise<void> => {
    if (files.length >= MAX_FILES) return;
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= MAX_FILES) return;
      const path = join(current, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(path);
      else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && (await stat(path)).size <= MAX_FILE_BYTES) files.push(path);
    }
  };
  await walk(dir);
  return files;
}
