import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { LocalisedUsageError } from '../shared/errors.js';
import { parseTarget } from '../core/target.js';
import { forTerminal } from '../shared/sanitize.js';

/** One line of a targets file, validated. */
export interface BatchTarget {
  /** Line (text file) or record line (CSV) in the file, 1-based: where a mistake is reported, and the target's key. */
  position: number;
  url: string;
  name?: string;
  group?: string;
  /** Per-row policy (`fr`, `eu` or a policy file), else the batch's --policy. */
  policy?: string;
}

/** Bigger targets files are refused: a batch is thousands of lines, not a dump. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_FIELD = 2048;

/**
 * Reads and validates a targets file before any browser starts. `.csv` files need a header with a
 * `url` column (optional `name`, `group`, `policy`); other files carry one URL or domain per line,
 * `#` comments and blank lines ignored. The first bad line is one error naming file:line.
 */
export async function readTargets(path: string): Promise<{ targets: BatchTarget[]; content: string }> {
  const content = await readTargetsFile(path);
  const targets = /\.csv$/i.test(path) ? csvTargets(path, content) : textTargets(path, content);
  if (targets.length === 0) {
    throw new LocalisedUsageError({ en: `${path} lists no target`, fr: `${path} ne liste aucune cible` }, { en: 'put one URL or domain per line', fr: 'mettez une URL ou un domaine par ligne' });
  }
  return { targets, content };
}

async function readTargetsFile(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (info.size > MAX_FILE_BYTES) {
      throw new LocalisedUsageError({ en: `${path} is larger than 20 MB`, fr: `${path} dépasse 20 Mo` }, { en: 'split it into several batches', fr: 'découpez-le en plusieurs lots' });
    }
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof LocalisedUsageError) throw error;
    throw new LocalisedUsageError(
      { en: `cannot read the targets file ${path} (${(error as { code?: string }).code ?? 'error'})`, fr: `impossible de lire le fichier de cibles ${path} (${(error as { code?: string }).code ?? 'erreur'})` },
      { en: 'give a text file with one URL per line, or a CSV file with a url column', fr: 'donnez un fichier texte avec une URL par ligne, ou un fichier CSV avec une colonne url' },
    );
  }
}

function textTargets(path: string, content: string): BatchTarget[] {
  const targets: BatchTarget[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    targets.push({ position: index + 1, url: checkedUrl(path, index + 1, line) });
  });
  return targets;
}

function csvTargets(path: string, content: string): BatchTarget[] {
  let records: { record: Record<string, string>; line: number }[];
  try {
    records = (parse(content, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, delimiter: [',', ';'], max_record_size: 64 * 1024 }) as { record: Record<string, string>; info: { lines: number } }[])
      .map((entry) => ({ record: entry.record, line: entry.info.lines }));
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw lineError(path, line, { en: `is not valid CSV (${(error as Error).message.split('\n')[0]})`, fr: `n’est pas un CSV valide (${(error as Error).message.split('\n')[0]})` });
  }
  const first = records[0]?.record;
  if (first && !('url' in first)) {
    throw lineError(path, 1, { en: 'has no "url" column in its header', fr: 'n’a pas de colonne « url » dans son en-tête' });
  }
  return records.map(({ record, line }) => ({
    position: line,
    url: checkedUrl(path, line, record.url ?? ''),
    ...field('name', path, line, record.name),
    ...field('group', path, line, record.group),
    ...field('policy', path, line, record.policy),
  }));
}

function field(key: 'name' | 'group' | 'policy', path: string, line: number, value: string | undefined): Partial<BatchTarget> {
  if (value === undefined || value === '') return {};
  if (value.length > MAX_FIELD) throw lineError(path, line, { en: `has a ${key} longer than ${MAX_FIELD} characters`, fr: `a un champ ${key} de plus de ${MAX_FIELD} caractères` });
  return { [key]: value };
}

function checkedUrl(path: string, line: number, value: string): string {
  if (value === '') throw lineError(path, line, { en: 'has no URL', fr: 'n’a pas d’URL' });
  if (value.length > MAX_FIELD) throw lineError(path, line, { en: `has a URL longer than ${MAX_FIELD} characters`, fr: `a une URL de plus de ${MAX_FIELD} caractères` });
  try {
    const url = parseTarget(value);
    // A URL from a file never holds a space or a control character; the URL parser would silently encode them.
    if (/[\s\u0000-\u001f\u007f-\u009f]/.test(value)) throw new Error('space or control character');
    return url.href;
  } catch (error) {
    const why = error instanceof LocalisedUsageError ? error.problem : { en: `"${value}" is not a valid URL`, fr: `« ${value} » n’est pas une URL valide` };
    throw lineError(path, line, why);
  }
}

function lineError(path: string, line: number, problem: { en: string; fr: string }): LocalisedUsageError {
  return new LocalisedUsageError(
    { en: shown(`${path}:${line}: ${problem.en}`), fr: shown(`${path}:${line} : ${problem.fr}`) },
    { en: 'fix that line (one http(s) URL or domain per line; CSV: url,name,group,policy)', fr: 'corrigez cette ligne (une URL http(s) ou un domaine par ligne ; CSV : url,name,group,policy)' },
  );
}

/** The file's text echoed in an error, made safe for a terminal (no control or bidi characters) and short. */
function shown(text: string): string {
  return forTerminal(text, { max: 300 });
}
