/**
 * The report as JSON: exactly the AuditReport, described by schemas/report.schema.json and
 * docs/report-format.md. Language and colour do not apply.
 */
import type { Renderer } from '../renderer.js';
import { toJson } from '../../shared/sanitize.js';

/** JSON format: the report as indented JSON with a final newline; lone surrogates become U+FFFD. */
export const json: Renderer = {
  id: 'json',
  extension: 'json',
  render: (report) => toJson(report),
};
