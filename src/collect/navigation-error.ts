import type { NavigationError } from '../types.js';
import type { MainDocument } from './collector.js';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Classifies why a navigation failed from the browser's error (net::ERR_… codes, Playwright
 * timeouts). The message keeps the net error and the URL, without Playwright's call log.
 *
 * @example classifyNavigationFailure('page.goto: net::ERR_NAME_NOT_RESOLVED at https://nowhere.test/')
 * // { code: 'unknown-host', message: 'net::ERR_NAME_NOT_RESOLVED at https://nowhere.test/' }
 */
export function classifyNavigationFailure(errorMessage: string): NavigationError {
  const message = cleanMessage(errorMessage);
  if (/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/.test(message)) return { code: 'unknown-host', message };
  if (/ERR_CONNECTION_REFUSED/.test(message)) return { code: 'connection-refused', message };
  if (/ERR_CERT_|ERR_SSL_|ERR_BAD_SSL_CLIENT_AUTH_CERT/.test(message)) return { code: 'tls', message };
  if (/Timeout \d+ms exceeded|ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT/.test(message)) return { code: 'timeout', message };
  return { code: 'network', message };
}

/**
 * What is wrong with a main document that did arrive: an HTTP error status, or a type that is not
 * a web page (the evidence of such a capture says little about the service).
 */
export function documentProblem(main: MainDocument | undefined): NavigationError | undefined {
  if (!main || main.status === undefined) return undefined;
  if (main.status >= 400) return { code: 'http-status', message: `HTTP ${main.status} for ${main.url}` };
  const type = main.contentType?.toLowerCase();
  if (type && !HTML_TYPES.has(type)) return { code: 'not-html', message: `${main.url} is ${type}, not an HTML page` };
  return undefined;
}

/** First line, without the "page.goto: " prefix and the call log. */
function cleanMessage(errorMessage: string): string {
  const firstLine = errorMessage.split('\n')[0] ?? errorMessage;
  return firstLine.replace(/^[a-zA-Z.]+: /, '').replace(/^Error: /, '').trim();
}
