/**
 * The SARIF 2.1.0 validator the tests use: the OASIS schema (errata 01, JSON Schema draft-04),
 * vendored in test/fixtures/sarif/ with its licence note, compiled by ajv's draft-04 build with
 * format checks (uri, uri-reference, date-time).
 */
import { readFileSync } from 'node:fs';
import AjvDraft04Module from 'ajv-draft-04';
import ajvFormatsModule from 'ajv-formats';

// Both packages are CommonJS with a default export: under NodeNext the class is `.default`.
const AjvDraft04 = (AjvDraft04Module as unknown as { default: typeof AjvDraft04Module.default }).default;
const addFormats = (ajvFormatsModule as unknown as { default: typeof ajvFormatsModule.default }).default;

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new AjvDraft04({ allErrors: true, strict: false });
addFormats(ajv);

const validate = ajv.compile(schema);

/** What makes a parsed SARIF log invalid (the first few schema errors), or undefined when it is valid. */
export function sarifProblems(log: unknown): string | undefined {
  return validate(log) ? undefined : JSON.stringify(validate.errors?.slice(0, 5), null, 2);
}
