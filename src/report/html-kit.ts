/**
 * Building HTML where escaping cannot be forgotten: the `html` tag escapes every interpolated value
 * unless it is already SafeHtml (made by this tag). Text in a report comes from hostile pages (URLs,
 * titles, cookie names, header values), so the only way to put raw markup in is to write it in a
 * template literal in this code.
 */
import { terminalSafe } from './text.js';

/** Markup produced by {@link html}; the only value the tag inserts without escaping. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a template may interpolate: text (escaped), numbers, markup, lists of those, or nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and quoted attribute values. Control and bidi-override characters
 * are shown as visible escapes ("\u202e"), so a page cannot hide or reverse text in the report.
 *
 * @example escapeHtml('<img src=x onerror=alert(1)>') // "&lt;img src=x onerror=alert(1)&gt;"
 */
export function escapeHtml(text: string): string {
  return terminalSafe(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

function serialise(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(serialise).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolation.
 *
 * @example html`<td>${cookie.name}</td>` // a hostile cookie name renders as text
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += serialise(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Joins markup fragments with a separator given as text (escaped). */
export function join(parts: readonly HtmlValue[], separator: string): SafeHtml {
  return new SafeHtml(parts.map(serialise).filter((part) => part !== '').join(escapeHtml(separator)));
}

/** Whether a string is base64 of a PNG file (its signature encodes to "iVBORw0KGgo"). */
export function isPngBase64(data: string): boolean {
  return data.startsWith('iVBORw0KGgo') && data.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(data);
}
