/**
 * `souverain audit … --upload URL --token T`: pushes the JSON report to a `souverain serve` server
 * (POST URL/api/reports with a write token). Checked before the audit starts; a failed upload is one
 * line and exit 2, after the report files were written.
 */
import { LocalisedUsageError } from '../shared/errors.js';
import type { AuditReport } from '../types.js';

export interface UploadTarget {
  endpoint: string;
  token: string;
}

const UPLOAD_TIMEOUT_MS = 60_000;

/** The endpoint and token, or undefined without --upload; throws a usage error on bad input. */
export function uploadTarget(upload: string | undefined, token: string | undefined, env: NodeJS.ProcessEnv = process.env): UploadTarget | undefined {
  if (!upload) return undefined;
  let url: URL;
  try {
    url = new URL(upload);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LocalisedUsageError({ en: `--upload "${upload}" is not an http(s) address`, fr: `--upload « ${upload} » n’est pas une adresse http(s)` }, { en: 'give the server address, e.g. --upload https://souverain.example.fr', fr: 'donnez l’adresse du serveur, par exemple --upload https://souverain.example.fr' });
  }
  const secret = token ?? env.SOUVERAIN_TOKEN;
  if (!secret) {
    throw new LocalisedUsageError({ en: '--upload needs an API token', fr: '--upload demande un jeton d’API' }, { en: 'give --token T or set SOUVERAIN_TOKEN (souverain serve token create --scope write)', fr: 'indiquez --token T ou SOUVERAIN_TOKEN (souverain serve token create --scope write)' });
  }
  const endpoint = new URL('api/reports', url.href.endsWith('/') ? url.href : `${url.href}/`).href;
  return { endpoint, token: secret };
}

/** Sends the report; resolves with the stored audit's id, or throws a usage error naming the cause. */
export async function uploadReport(report: AuditReport, target: UploadTarget): Promise<number> {
  const where = new URL(target.endpoint).origin;
  let response: Response;
  try {
    response = await fetch(target.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
      body: JSON.stringify(report),
      redirect: 'error',
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as Error).message;
    throw new LocalisedUsageError({ en: `upload to ${where} failed: ${cause}`, fr: `l’envoi à ${where} a échoué : ${cause}` }, { en: 'check --upload and that the server is running; the report files were written', fr: 'vérifiez --upload et que le serveur tourne ; les fichiers du rapport sont écrits' });
  }
  const body = await response.json().catch(() => ({})) as { id?: number; error?: string };
  if (response.status !== 201 || typeof body.id !== 'number') {
    const cause = `HTTP ${response.status}${body.error ? ` (${String(body.error).slice(0, 200)})` : ''}`;
    throw new LocalisedUsageError({ en: `upload to ${where} refused: ${cause}`, fr: `envoi à ${where} refusé : ${cause}` }, { en: 'check the token (scope write) and the server address; the report files were written', fr: 'vérifiez le jeton (portée write) et l’adresse du serveur ; les fichiers du rapport sont écrits' });
  }
  return body.id;
}
