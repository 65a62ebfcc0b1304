/**
 * The one message-table helper: texts in English and French with {placeholders}. The command line
 * (cli/messages.ts), report labels (report/i18n.ts) and the formats' own words use it.
 */
import type { Lang, LocalisedText } from './errors.js';

/** Values for a template's {placeholders}. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Fills the {placeholders} of a template; a placeholder without a value stays as written (so a
 * missing parameter shows in tests instead of vanishing).
 *
 * @example fill('{count} host(s)', { count: 3 }) // '3 host(s)'
 */
export function fill(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/**
 * Functions over one table of texts: `text(lang, key, params)` in one language, `both(key, params)`
 * in both (for errors that carry their French wording).
 *
 * @example
 * const { text } = messageTable({ done: { en: '{n} done', fr: '{n} faits' } });
 * text('fr', 'done', { n: 2 }) // '2 faits'
 */
export function messageTable<K extends string>(table: Readonly<Record<K, LocalisedText>>): {
  text(lang: Lang, key: K, params?: MessageParams): string;
  both(key: K, params?: MessageParams): LocalisedText;
} {
  const text = (lang: Lang, key: K, params: MessageParams = {}): string => fill(table[key][lang], params);
  return { text, both: (key, params = {}) => ({ en: text('en', key, params), fr: text('fr', key, params) }) };
}
