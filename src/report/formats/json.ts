/**
 * The report as JSON: exactly the AuditReport, described by schemas/report.schema.json and
 * docs/report-format.md. Language and colour do not apply.
 */
import type { Renderer } from '../renderer.js';

/** JSON format: `JSON.stringify(report, null, 2)` and a final newline. */
export const json: Renderer = {
  id: 'json',
  extension: 'json',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
