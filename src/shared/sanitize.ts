/**
 * One sanitiser per destination. Everything souverain prints or writes may come from a hostile page,
 * file or flag (titles, URLs, header values, cookie and form-field names, file names in a bundle,
 * policy text), so every writer passes outside text through the function made for where it goes:
 *
 * | destination            | function                          |
 * |------------------------|-----------------------------------|
 * | terminal / stderr line | {@link forTerminal}               |
 * | CSV cell               | {@link csvCell}                   |
 * | Markdown inline text   | {@link markdownText}, {@link markdownCode} |
 * | JSON document          | {@link wellFormed}, {@link toJson} |
 * | XML text / attribute   | {@link xmlText}, {@link xmlCdata} |
 *
 * HTML has its own tagged template (src/report/html-kit.ts), which uses {@link forTerminal} for the
 * visible-escape part. Nothing here throws: every input gives a printable string.
 */

/**
 * C0 and C1 control characters (ESC starts terminal escape sequences; CSI 0x9b and OSC 0x9d are
 * single-byte C1 forms), Unicode line/paragraph separators, and bidirectional controls (which can
 * make "moc.elgoog" read as "google.com" — "Trojan Source").
 */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A UTF-16 surrogate that is not part of a pair: invalid in UTF-8, JSON consumers and XML. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visibleEscape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text with every lone surrogate replaced by U+FFFD (the replacement character). */
export function wellFormedText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Cuts text longer than `max` characters, marking the cut with "…". */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not cut a surrogate pair in two.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, Math.max(0, end))}…`;
}

export interface TerminalOptions {
  /** Keep line breaks (for multi-line messages of our own that embed outside text). Default false. */
  keepNewlines?: boolean;
  /** Cut past this many characters. Default: no cut. */
  max?: number;
}

/**
 * Makes text safe to print on a terminal: every control, separator or bidi character becomes a
 * visible escape such as "\x1b" or "\u202e" (so an escape sequence is shown, not run, and the
 * auditor can see the page tried), lone surrogates become U+FFFD; printable Unicode is kept.
 *
 * @example forTerminal('a\u001b[2Jb') // "a\\x1b[2Jb"
 */
export function forTerminal(text: string, options: TerminalOptions = {}): string {
  const capped = options.max === undefined ? text : capLength(text, options.max);
  const safe = wellFormedText(capped).replace(UNSAFE_FOR_TERMINAL, (char) =>
    options.keepNewlines && char === '\n' ? char : visibleEscape(char));
  return safe;
}

/** Same as {@link forTerminal}; the name the report formats have used. */
export const terminalSafe = (text: string): string => forTerminal(text);

/** Control and bidi characters a spreadsheet cell should never hold. */
const UNSAFE_FOR_CSV = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"), also in their
 * full-width forms, which some spreadsheets normalise.
 */
const FORMULA_START = /^[\s]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV cell: control characters (including tab, CR and LF) become a space, lone surrogates
 * U+FFFD; text a spreadsheet would run as a formula is prefixed with an apostrophe; the cell is
 * quoted when it holds the separator, a quote, or leading/trailing space.
 *
 * @example csvCell('=HYPERLINK("http://x")') // "\"'=HYPERLINK(\"\"http://x\"\")\""
 */
export function csvCell(value: string, separator: ',' | ';' = ','): string {
  const clean = wellFormedText(value).replace(UNSAFE_FOR_CSV, ' ');
  const text = FORMULA_START.test(value) || FORMULA_START.test(clean) ? `'${clean}` : clean;
  const needsQuotes = text.includes(separator) || /["\r\n]|^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Escapes text for inline Markdown (GitHub and GitLab flavours): characters that could start
 * emphasis, code, a link or an image, HTML, a table cell, a mention (@), an issue or merge-request
 * reference (#, !), a label (~) or maths ($) are backslash-escaped; ":" is escaped and "www." broken
 * so no URL or e-mail address in page text becomes an auto-link; controls become spaces.
 *
 * @example markdownText('see https://evil.example') // "see https\\://evil.example"
 */
export function markdownText(text: string): string {
  return wellFormedText(text)
    .replace(UNSAFE_FOR_CSV, ' ')
    .replace(/[\\`*_[\]<>|~@#!$:]/g, (char) => `\\${char}`)
    .replace(/(^|[^\p{L}\p{N}])(www)\./giu, (_whole, before: string, www: string) => `${before}${www}\\.`);
}

/**
 * Text as an inline code span: nothing inside is interpreted or auto-linked. The fence is one
 * backtick longer than the longest run of backticks inside; "|" is escaped so it cannot split a
 * table cell (GFM honours "\|" inside code spans in tables).
 *
 * @example markdownCode('https://a.example/`x`') // "`` https://a.example/`x` ``"
 */
export function markdownCode(text: string): string {
  const clean = wellFormedText(text).replace(UNSAFE_FOR_CSV, ' ').replace(/\|/g, '\\|');
  if (clean.trim() === '') return markdownText(clean);
  const longestRun = Math.max(0, ...[...clean.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = longestRun > 0 || clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * A deep copy of a JSON-able value with every string (keys included) made well-formed: lone
 * surrogates become U+FFFD, so strict UTF-8 consumers (Python, Go, jq) can read the document.
 */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return wellFormedText(value) as T;
  if (Array.isArray(value)) return value.map((item) => wellFormed(item)) as T;
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[wellFormedText(key)] = wellFormed(item);
    return copy as T;
  }
  return value;
}

/** JSON text of a value, well-formed (see {@link wellFormed}), two-space indented, final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(wellFormed(value), null, 2)}\n`;
}

/** Characters XML 1.0 cannot carry, even escaped (lone surrogates included). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for an XML attribute or element, replacing characters XML cannot carry by U+FFFD. */
export function xmlText(text: string): string {
  return wellFormedText(text)
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Text inside a CDATA section: characters XML cannot carry become U+FFFD and "]]>" is split across
 * two sections, so the text cannot close the section early.
 *
 * @example xmlCdata('a]]><x/>') // "<![CDATA[a]]]]><![CDATA[><x/>]]>"
 */
export function xmlCdata(text: string): string {
  const clean = wellFormedText(text).replace(NOT_XML, '\uFFFD').replace(/]]>/g, ']]]]><![CDATA[>');
  return `<![CDATA[${clean}]]>`;
}

/**
 * Text with the user name and password of every URL in it removed ("https://me:pw@host/" →
 * "https://host/"), for command lines and messages that echo what the user typed.
 *
 * @example withoutCredentials('audit https://me:secret@intranet.example/') // "audit https://intranet.example/"
 */
export function withoutCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, '$1');
}
