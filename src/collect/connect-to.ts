import { isIP } from 'node:net';
import { LocalisedUsageError } from '../shared/errors.js';

const CONNECT_TO_FORMS = {
  en: 'use ADDRESS or [HOST]:PORT:ADDRESS:PORT, e.g. --connect-to 127.0.0.1 or --connect-to :443:127.0.0.1:8443',
  fr: 'utilisez ADRESSE ou [HÔTE]:PORT:ADRESSE:PORT, par exemple --connect-to 127.0.0.1 ou --connect-to :443:127.0.0.1:8443',
};

/**
 * A --connect-to rule, like curl's: connections for HOST:PORT go to ADDRESS:PORT2 while the host
 * name stays the original for Host, SNI and attribution. An absent host matches every host; an
 * absent port matches every port; an absent target port keeps the original port.
 */
export interface ConnectToRule {
  host?: string;
  port?: number;
  toAddress: string;
  toPort?: number;
}

const PORT = /^\d{1,5}$/;

function parsePort(text: string, whole: string): number | undefined {
  if (text === '') return undefined;
  const port = Number(text);
  if (!PORT.test(text) || port < 1 || port > 65535) {
    throw new LocalisedUsageError({ en: `--connect-to "${whole}": "${text}" is not a port`, fr: `--connect-to « ${whole} » : « ${text} » n’est pas un port` }, CONNECT_TO_FORMS);
  }
  return port;
}

/**
 * Parses one --connect-to value: `ADDRESS` (every host, ports unchanged) or curl's
 * `HOST1:PORT1:HOST2:PORT2` form where HOST1 and PORT2 may be empty. IPv6 addresses go in brackets.
 *
 * @example parseConnectTo('127.0.0.1') // [{ toAddress: '127.0.0.1' }]
 * @example parseConnectTo(':443:127.0.0.1:8443') // [{ port: 443, toAddress: '127.0.0.1', toPort: 8443 }]
 */
export function parseConnectTo(value: string): ConnectToRule {
  const fields = splitOutsideBrackets(value.trim());
  if (fields.length === 1 && fields[0]) return { toAddress: checkedAddress(fields[0], value) };
  if (fields.length === 4 && fields[2]) {
    const [host, port, toAddress, toPort] = fields as [string, string, string, string];
    const rule: ConnectToRule = { toAddress: checkedAddress(toAddress, value) };
    if (host !== '') rule.host = checkedHostName(host, value, host).toLowerCase();
    const from = parsePort(port, value);
    if (from !== undefined) rule.port = from;
    const to = parsePort(toPort, value);
    if (to !== undefined) rule.toPort = to;
    return rule;
  }
  throw new LocalisedUsageError({ en: `--connect-to "${value}" is not understood`, fr: `--connect-to « ${value} » n’est pas compris` }, CONNECT_TO_FORMS);
}

/** A DNS host name: letters, digits, hyphens and underscores in dot-separated labels. */
const HOST_NAME = /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/**
 * The value ends up inside Chromium's --host-resolver-rules, a comma-separated list: anything but
 * a plain host name or IP address (a comma, a space, "MAP", "EXCLUDE"…) could add rules of its own.
 */
function checkedHostName(text: string, whole: string, shown: string): string {
  if (HOST_NAME.test(text)) return text;
  throw new LocalisedUsageError(
    { en: `--connect-to "${whole}": "${shown}" is not a host name or IP address`, fr: `--connect-to « ${whole} » : « ${shown} » n’est ni un nom d’hôte ni une adresse IP` },
    CONNECT_TO_FORMS,
  );
}

/** Chromium's own "this name does not resolve" target: a fixed token, so it cannot carry extra rules. */
const NOT_FOUND = '~NOTFOUND';

function checkedAddress(text: string, whole: string): string {
  if (text === NOT_FOUND) return text;
  const address = stripBrackets(text);
  // IPv6 only in brackets (the colon is the field separator); IPv4 and host names as they are.
  if (address !== text ? isIP(address) === 6 : isIP(address) === 4) return address;
  return checkedHostName(address, whole, text);
}

function splitOutsideBrackets(text: string): string[] {
  if (!text.includes(':') || /^\[[^\]]*\]$/.test(text)) return [text];
  const fields: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of text) {
    if (char === '[') depth++;
    if (char === ']') depth--;
    if (char === ':' && depth === 0) {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}

function stripBrackets(address: string): string {
  return address.replace(/^\[(.*)\]$/, '$1');
}

/** Where a connection to host:port really goes, or undefined when no rule matches. First match wins. */
export function connectTarget(rules: readonly ConnectToRule[], host: string, port: number): { address: string; port: number } | undefined {
  const name = host.toLowerCase();
  const rule = rules.find((r) => (r.host === undefined || r.host === name) && (r.port === undefined || r.port === port));
  return rule ? { address: rule.toAddress, port: rule.toPort ?? port } : undefined;
}

/**
 * Chromium --host-resolver-rules for the rules. Chromium's MAP rule remaps host and port while
 * Host and SNI stay the original (measured, shared/design/BROWSER-NOTES.md).
 */
export function hostResolverRules(rules: readonly ConnectToRule[]): string | undefined {
  if (rules.length === 0) return undefined;
  const maps = rules.map((r) => {
    const pattern = `${r.host ?? '*'}${r.port !== undefined ? `:${r.port}` : ''}`;
    const address = r.toAddress.includes(':') ? `[${r.toAddress}]` : r.toAddress;
    return `MAP ${pattern} ${address}${r.toPort !== undefined ? `:${r.toPort}` : ''}`;
  });
  return [...maps, 'EXCLUDE localhost'].join(', ');
}
