/**
 * The `tag=value; tag=value` syntax DKIM key records (RFC 6376 §3.2) and DMARC records (RFC 7489
 * §6.4) share. The record comes from outside: malformed parts and repeated tags are skipped (the
 * first one counts), never thrown.
 */

/**
 * "v=DKIM1; p=abc" → Map { v → DKIM1, p → abc } (tag names lower-cased, values trimmed).
 *
 * @example tagList('v=DMARC1; P=reject; =x; p=none').get('p') // 'reject'
 */
export function tagList(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim().toLowerCase();
    if (!/^[a-z][a-z0-9_]*$/.test(name) || tags.has(name)) continue;
    tags.set(name, part.slice(at + 1).trim());
  }
  return tags;
}
