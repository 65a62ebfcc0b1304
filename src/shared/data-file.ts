/**
 * The one data-file reader: user and bundled files (policies, configuration, baselines, journeys,
 * --data files) read against a zod schema, with errors that say which file, which line, which field
 * and what is wrong, in English and French; bounded in size and in YAML aliases (no "billion laughs").
 *
 * YAML and JSON go through the same YAML parser (JSON is YAML 1.2), so both get line numbers: the
 * parsed document keeps each node's character range, and a LineCounter turns it into a line.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { LocalisedUsageError, type LocalisedText } from './errors.js';
import { notRegularReason, tryReadRegularFile } from './regular-file.js';

/** At most this many problems are listed in the one-line error; the rest are counted. */
const MAX_LISTED_PROBLEMS = 4;

/** Limits of a data file: its size, and how many alias expansions YAML may do (an alias bomb is refused). */
export interface DataFileLimits {
  /** Largest file accepted, in bytes. Default 16 MiB. */
  maxBytes?: number;
  /** Most alias nodes resolved while building the data. Default 100 (yaml's own default: 100). */
  maxAliasCount?: number;
}

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_ALIASES = 100;

/**
 * Reads a data file as UTF-8 text: a regular file only (not a FIFO, a device or a directory, which
 * could hang or never end), at most `maxBytes`. Errors name the file and the fix, in both languages.
 */
export async function readDataText(path: string, kind: FileKind, limits: DataFileLimits = {}): Promise<string> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const read = await tryReadRegularFile(path, { maxBytes });
  if (read.ok) return read.content.toString('utf8');
  const why = notRegularReason(read.reason, maxBytes);
  throw new LocalisedUsageError(
    { en: `${kind.name.en} ${path} ${why.en}`, fr: `${kind.name.fr} ${path} ${why.fr}` },
    { en: 'give the path of a readable YAML or JSON file', fr: 'donnez le chemin d’un fichier YAML ou JSON lisible' },
  );
}

/** Reads and validates a data file (see {@link readDataText} and {@link parseDataFile}); returns its text too (for hashes). */
export async function readDataFile<S extends z.ZodType>(path: string, schema: S, kind: FileKind, limits: DataFileLimits = {}): Promise<{ data: z.output<S>; text: string }> {
  const text = await readDataText(path, kind, limits);
  return { data: parseDataFile(text, path, schema, kind, limits), text };
}

/** What kind of file is read, for messages: "policy file" / « fichier de politique ». */
export interface FileKind {
  name: LocalisedText;
  /** How to find out what the file may contain, e.g. "see schemas/policy.schema.json". */
  reference: LocalisedText;
}

/** How a curated or user data file (data/, --data) is named in messages, and where its fields are described. */
export function dataFileKind(schemaName: string): FileKind {
  return {
    name: { en: 'data file', fr: 'fichier de données' },
    reference: { en: `see schemas/${schemaName}.schema.json for the expected fields`, fr: `les champs attendus sont décrits dans schemas/${schemaName}.schema.json` },
  };
}

/** Messages the schemas use for custom checks, with their French wording (keyed by the English). */
const customMessages = new Map<string, LocalisedText>();

/**
 * Registers the French wording of a message a schema passes to zod (regex, refine), and returns
 * the English text to give zod.
 *
 * @example z.string().regex(/^[A-Z]{2}$/, customMessage({ en: 'an ISO code', fr: 'un code ISO' }))
 */
export function customMessage(text: LocalisedText): string {
  customMessages.set(text.en, text);
  return text.en;
}

/**
 * Parses YAML or JSON text and validates it; throws a LocalisedUsageError naming the file, the line
 * and every field that is wrong.
 *
 * @example parseDataFile('id: x\n', 'p.yaml', PolicySchema, POLICY_FILE)
 */
export function parseDataFile<S extends z.ZodType>(text: string, origin: string, schema: S, kind: FileKind, limits: DataFileLimits = {}): z.output<S> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    throw new LocalisedUsageError(
      { en: `${kind.name.en} ${origin} is too large (over ${maxBytes} bytes)`, fr: `${kind.name.fr} ${origin} est trop grand (plus de ${maxBytes} octets)` },
      { en: 'give a smaller file', fr: 'donnez un fichier plus petit' },
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line;
    const where = line ? `:${line}` : '';
    const detail = firstLine(syntax.message);
    throw new LocalisedUsageError(
      { en: `${kind.name.en} ${origin}${where} does not parse (${detail})`, fr: `${kind.name.fr} ${origin}${where} illisible (${detail})` },
      { en: 'fix the YAML/JSON syntax', fr: 'corrigez la syntaxe YAML/JSON' },
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.maxAliasCount ?? DEFAULT_MAX_ALIASES });
  } catch (error) {
    // yaml throws a ReferenceError past maxAliasCount: an alias bomb, or a file that overuses aliases.
    throw new LocalisedUsageError(
      { en: `${kind.name.en} ${origin} does not parse (${firstLine(error instanceof Error ? error.message : String(error))})`, fr: `${kind.name.fr} ${origin} illisible (${firstLine(error instanceof Error ? error.message : String(error))})` },
      { en: 'expand the YAML aliases (&anchor / *alias) in the file', fr: 'remplacez les alias YAML (&ancre / *alias) par leur contenu' },
    );
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data as z.output<S>;
  const problems = result.error.issues
    .flatMap((issue) => describeIssue(issue, data, schema))
    .map((problem) => ({ ...problem, line: lineOf(doc, lineCounter, problem.path, problem.key) }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  throw new LocalisedUsageError(
    {
      en: `${kind.name.en} ${origin}: ${listProblems(problems, 'en')}`,
      fr: `${kind.name.fr} ${origin} : ${listProblems(problems, 'fr')}`,
    },
    kind.reference,
  );
}

interface Problem {
  path: PropertyKey[];
  /** For an unknown field: its name (the path is its parent's). */
  key?: string;
  what: LocalisedText;
  line?: number;
}

function listProblems(problems: Problem[], lang: 'en' | 'fr'): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => {
    const path = formatPath(problem.key === undefined ? problem.path : [...problem.path, problem.key], lang);
    const line = problem.line ? (lang === 'fr' ? ` (ligne ${problem.line})` : ` (line ${problem.line})`) : '';
    return `${path}${lang === 'fr' ? ' :' : ':'} ${problem.what[lang]}${line}`;
  });
  const more = problems.length - listed.length;
  if (more > 0) listed.push(lang === 'fr' ? `et ${more} autre(s) problème(s)` : `and ${more} more problem(s)`);
  return listed.join('; ');
}

/** "allowedJurisdictions.0", or "(top level)" for the document itself. */
export function formatPath(path: readonly PropertyKey[], lang: 'en' | 'fr'): string {
  if (path.length === 0) return lang === 'fr' ? '(racine)' : '(top level)';
  return path.map(String).join('.');
}

const TYPE_NAMES: Record<string, LocalisedText> = {
  string: { en: 'a string', fr: 'une chaîne de caractères' },
  number: { en: 'a number', fr: 'un nombre' },
  int: { en: 'a whole number', fr: 'un nombre entier' },
  boolean: { en: 'true or false', fr: 'true ou false' },
  array: { en: 'a list', fr: 'une liste' },
  object: { en: 'a mapping of fields', fr: 'un ensemble de champs' },
  record: { en: 'a mapping of fields', fr: 'un ensemble de champs' },
};

function describeIssue(issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): Problem[] {
  const path = issue.path;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      const list = known.length > 0 ? known.join(', ') : '';
      return issue.keys.map((key) => ({
        path,
        key,
        what: list
          ? { en: `unknown field (known: ${list})`, fr: `champ inconnu (champs connus : ${list})` }
          : { en: 'unknown field', fr: 'champ inconnu' },
      }));
    }
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? { en: issue.expected, fr: issue.expected };
      if (path.length === 0 && (data === null || data === undefined)) return [{ path, what: { en: 'the file is empty', fr: 'le fichier est vide' } }];
      if (valueAt(data, path) === undefined) {
        return [{ path, what: { en: `is required (${expected.en})`, fr: `est obligatoire (${expected.fr})` } }];
      }
      return [{ path, what: { en: `expected ${expected.en}`, fr: `attendu : ${expected.fr}` } }];
    }
    case 'invalid_value': {
      const values = issue.values.map(String).join(', ');
      return [{ path, what: { en: `must be one of: ${values}`, fr: `valeurs possibles : ${values}` } }];
    }
    case 'too_small':
      return [{ path, what: tooSmall(issue) }];
    case 'too_big': {
      const maximum = String(issue.maximum);
      return [{ path, what: { en: `must be at most ${maximum}`, fr: `doit valoir au plus ${maximum}` } }];
    }
    case 'invalid_format': {
      const custom = customMessages.get(issue.message);
      if (custom) return [{ path, what: custom }];
      // A schema's own wording that was not registered with customMessage: better than zod's generic line.
      if (!issue.message.startsWith('Invalid')) return [{ path, what: { en: issue.message, fr: issue.message } }];
      return [{ path, what: { en: `is not a valid ${issue.format}`, fr: `format ${issue.format} invalide` } }];
    }
    case 'invalid_union':
      return [{ path, what: { en: 'has none of the accepted forms', fr: 'ne correspond à aucune des formes acceptées' } }];
    default: {
      const custom = customMessages.get(issue.message);
      return [{ path, what: custom ?? { en: issue.message, fr: issue.message } }];
    }
  }
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): LocalisedText {
  const minimum = String(issue.minimum);
  if (issue.origin === 'array' || issue.origin === 'set') {
    return { en: `needs at least ${minimum} item(s)`, fr: `il faut au moins ${minimum} élément(s)` };
  }
  if (issue.origin === 'string') {
    return issue.minimum === 1 ? { en: 'must not be empty', fr: 'ne doit pas être vide' } : { en: `needs at least ${minimum} character(s)`, fr: `il faut au moins ${minimum} caractère(s)` };
  }
  return issue.inclusive === false
    ? { en: `must be greater than ${minimum}`, fr: `doit être supérieur à ${minimum}` }
    : { en: `must be at least ${minimum}`, fr: `doit valoir au moins ${minimum}` };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cursor: unknown = data;
  for (const key of path) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<PropertyKey, unknown>)[key];
  }
  return cursor;
}

/** The 1-based line of the node at `path` (of the key `key` under it), or of its closest parent. */
function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[], key?: string): number | undefined {
  if (key !== undefined) {
    const parent = doc.getIn(path as unknown[], true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
      const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (offset !== undefined) return lineCounter.linePos(offset).line;
    }
  }
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    const offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
    if (offset !== undefined) return lineCounter.linePos(offset).line;
  }
  return undefined;
}

/** The field names a schema accepts at a path (object keys, or the enum keys of a record). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cursor: unknown = schema;
  for (const key of path) {
    cursor = unwrap(cursor);
    const def = defOf(cursor);
    if (def?.type === 'object') cursor = (def.shape as Record<string, unknown>)[String(key)];
    else if (def?.type === 'array') cursor = def.element;
    else if (def?.type === 'record') cursor = def.valueType;
    else return [];
  }
  const def = defOf(unwrap(cursor));
  if (def?.type === 'object') return Object.keys(def.shape as Record<string, unknown>).filter((key) => !key.startsWith('$'));
  if (def?.type === 'record') {
    const keys = defOf(unwrap(def.keyType));
    if (keys?.type === 'enum') return Object.values(keys.entries as Record<string, string>);
  }
  return [];
}

type Def = { type: string } & Record<string, unknown>;

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** Looks through default(), optional(), nullable() and pipes to the schema that holds the shape. */
function unwrap(schema: unknown): unknown {
  let cursor = schema;
  for (let guard = 0; guard < 10; guard += 1) {
    const def = defOf(cursor);
    if (!def) return cursor;
    if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') cursor = def.innerType;
    else if (def.type === 'pipe') cursor = def.in;
    else return cursor;
  }
  return cursor;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/**
 * A function giving the 1-based line of the value at a path of YAML/JSON text (or of its closest
 * ancestor), for checks made after validation (an unknown entity id in a user file).
 *
 * @example lineLocator('a:\n  b: 1\n')(['a', 'b']) // 2
 */
export function lineLocator(text: string): (path: readonly PropertyKey[]) => number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return (path) => lineOf(doc, lineCounter, path);
}
