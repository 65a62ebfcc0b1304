import { UsageError } from '../errors.js';
import type { AuditReport, NavigationError } from '../types.js';

const HINTS: Record<NavigationError['code'], string> = {
  'unknown-host': 'check the host name, or point souverain at a resolver with --dns-server or at a server with --connect-to',
  'connection-refused': 'check the address and port, and that the service is running',
  tls: 'the certificate does not verify; add --insecure to audit anyway (it is recorded in the report)',
  'http-status': 'audit a page that exists and answers 2xx/3xx',
  timeout: 'the page did not answer in time; raise --timeout',
  'not-html': 'audit an HTML page (the address returns another kind of document)',
  network: 'check the address and your network',
};

/** The navigation failure of a report as a UsageError (one line, exit 2), or undefined. */
export function navigationFailure(report: AuditReport): UsageError | undefined {
  const failed = report.collection.pages.find((page) => page.navigationError);
  if (!failed?.navigationError) return undefined;
  const { code, message } = failed.navigationError;
  return new UsageError(`${failed.requestedUrl}: ${message}`, HINTS[code]);
}
