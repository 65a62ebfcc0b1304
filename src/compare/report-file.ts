/**
 * Reading a saved JSON report (souverain audit --format json) for `assess` and `diff`, with clear
 * errors for a file that is missing, is not JSON, is not a souverain report, or was written by an
 * incompatible version of the report schema.
 */
import { LocalisedUsageError } from '../shared/errors.js';
import { MAX_INPUT_BYTES, notRegularReason, tryReadRegularFile } from '../shared/regular-file.js';
import { REPORT_SCHEMA_VERSION, type AuditReport } from '../types.js';

/** A report larger than this is refused (a whole-site report with screenshots stays well under it). */
export const MAX_REPORT_BYTES = 4 * MAX_INPUT_BYTES;

const GIVE_A_REPORT = { en: 'give a report written with --format json', fr: 'donnez un rapport écrit avec --format json' };

/** The major version of a semantic version string ("1" for "1.2.0"). */
export function majorVersion(version: string): string {
  return version.split('.')[0] ?? version;
}

/**
 * Reads and checks a JSON report. Its schema must have the major version this souverain reads.
 *
 * @throws LocalisedUsageError naming the file and what is wrong.
 */
export async function readReportFile(file: string): Promise<AuditReport> {
  const read = await tryReadRegularFile(file, { maxBytes: MAX_REPORT_BYTES });
  if (!read.ok) {
    const why = notRegularReason(read.reason, MAX_REPORT_BYTES);
    throw new LocalisedUsageError({ en: `report ${file} ${why.en}${read.code ? ` (${read.code})` : ''}`, fr: `le rapport ${file} ${why.fr}${read.code ? ` (${read.code})` : ''}` }, GIVE_A_REPORT);
  }
  const text = read.content.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0] ?? '';
    throw new LocalisedUsageError({ en: `report ${file} is not JSON (${detail})`, fr: `le rapport ${file} n’est pas du JSON (${detail})` }, GIVE_A_REPORT);
  }
  const report = (data ?? {}) as Partial<AuditReport>;
  if (typeof report !== 'object' || !report.collection || !report.enrichment || !report.assessment || typeof report.schemaVersion !== 'string') {
    throw new LocalisedUsageError({ en: `${file} is not a souverain JSON report`, fr: `${file} n’est pas un rapport JSON de souverain` }, GIVE_A_REPORT);
  }
  if (majorVersion(report.schemaVersion) !== majorVersion(REPORT_SCHEMA_VERSION)) {
    throw new LocalisedUsageError(
      {
        en: `${file} has report schema ${report.schemaVersion}, this souverain reads ${majorVersion(REPORT_SCHEMA_VERSION)}.x (${REPORT_SCHEMA_VERSION})`,
        fr: `${file} suit le schéma de rapport ${report.schemaVersion}, cette version de souverain lit ${majorVersion(REPORT_SCHEMA_VERSION)}.x (${REPORT_SCHEMA_VERSION})`,
      },
      { en: 'audit again with this version of souverain', fr: 'refaites l’audit avec cette version de souverain' },
    );
  }
  return report as AuditReport;
}
