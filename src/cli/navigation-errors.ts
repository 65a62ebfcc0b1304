import { LocalisedUsageError } from '../shared/errors.js';
import type { AuditReport, LocalisedText, NavigationError } from '../types.js';

const HINTS: Record<NavigationError['code'], LocalisedText> = {
  'unknown-host': {
    en: 'check the host name, or point souverain at a resolver with --dns-server or at a server with --connect-to',
    fr: 'vérifiez le nom d’hôte, ou indiquez un résolveur avec --dns-server ou un serveur avec --connect-to',
  },
  'connection-refused': { en: 'check the address and port, and that the service is running', fr: 'vérifiez l’adresse et le port, et que le service tourne' },
  tls: {
    en: 'the certificate does not verify; add --insecure to audit anyway (it is recorded in the report)',
    fr: 'le certificat n’est pas valide ; ajoutez --insecure pour auditer quand même (c’est noté dans le rapport)',
  },
  'http-status': { en: 'audit a page that exists and answers 2xx/3xx', fr: 'auditez une page qui existe et répond 2xx/3xx' },
  timeout: { en: 'the page did not answer in time; raise --timeout', fr: 'la page n’a pas répondu à temps ; augmentez --timeout' },
  'not-html': { en: 'audit an HTML page (the address returns another kind of document)', fr: 'auditez une page HTML (l’adresse renvoie un autre type de document)' },
  network: { en: 'check the address and your network', fr: 'vérifiez l’adresse et votre réseau' },
};

/** The navigation failure of a report as a usage error (one line, exit 2), or undefined. */
export function navigationFailure(report: AuditReport): LocalisedUsageError | undefined {
  const failed = report.collection.pages.find((page) => page.navigationError);
  if (!failed?.navigationError) return undefined;
  const { code, message } = failed.navigationError;
  const problem = `${failed.requestedUrl}: ${message}`;
  return new LocalisedUsageError({ en: problem, fr: `${failed.requestedUrl} : ${message}` }, HINTS[code]);
}
