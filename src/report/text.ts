/**
 * Plain-text helpers shared by the formats: neutralising text that came from a page, shortening
 * URLs, wrapping to a width.
 */

/**
 * Makes text from a page safe to print in a terminal (see src/shared/sanitize.ts): every control or
 * bidi character becomes a visible escape such as "\x1b" or "\u202e".
 */
export { terminalSafe } from '../shared/sanitize.js';

/**
 * A URL as host + path, without scheme, cut in the middle past `max` characters.
 *
 * @example shortUrl('https://www.google.com/recaptcha/api.js?render=explicit&hl=fr', 40)
 */
export function shortUrl(url: string, max = 60): string {
  const withoutScheme = url.replace(/^https?:\/\//i, '');
  const text = withoutScheme.startsWith('data:') ? `${withoutScheme.slice(0, 20)}…` : withoutScheme;
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.65);
  const tail = max - 1 - head;
  return `${text.slice(0, head)}…${tail > 0 ? text.slice(-tail) : ''}`;
}

/**
 * An initiator chain, outermost first, shortened to its first hop and its last `keepLast` hops.
 *
 * @example shortChain(['https://a.example/', 'https://b.example/x.js', 'https://c.example/y.js'], 1)
 * // ["a.example/", "…", "c.example/y.js"]
 */
export function shortChain(urls: readonly string[], keepLast = 2, max = 60): string[] {
  const short = urls.map((url) => shortUrl(url, max));
  if (short.length <= keepLast + 1) return short;
  return [short[0] as string, '…', ...short.slice(-keepLast)];
}

/**
 * Word-wraps plain text to `width` columns: the first line starts with `firstIndent`, the others
 * with `nextIndent`. A word longer than a line (a URL) is cut, so no line ever exceeds the width.
 *
 * @example wrap('role: vendor, operator', 14, '  ', '    ') // ["  role:", "    vendor,", "    operator"]
 */
export function wrap(text: string, width: number, firstIndent = '', nextIndent = firstIndent): string[] {
  const lines: string[] = [];
  let indent = firstIndent;
  let line = indent;
  const room = (): number => width - line.length;
  for (const word of text.split(' ').filter((part) => part !== '')) {
    const separator = line === indent ? '' : ' ';
    if (separator.length + word.length <= room()) { line += separator + word; continue; }
    if (line !== indent) { lines.push(line); indent = nextIndent; line = indent; }
    let rest = word;
    while (rest.length > room()) {
      lines.push(line + rest.slice(0, Math.max(1, room())));
      rest = rest.slice(Math.max(1, room()));
      indent = nextIndent;
      line = indent;
    }
    line += rest;
  }
  if (line !== indent || lines.length === 0) lines.push(line);
  return lines;
}

/** Number of columns a string takes once ANSI SGR colour codes are removed. */
export function visibleLength(text: string): number {
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}
