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

/**
 * What GitHub code scanning requires beyond the OASIS schema (its documented "SARIF support for code
 * scanning" subset, docs/decisions/0031): per result a ruleId, a message text, 1 to 10 locations each
 * with a repository-relative artifactLocation.uri (no scheme: GitHub rejects https:// page URLs)
 * and region.startLine ≥ 1, and partialFingerprints; per rule descriptor an id and texts; at most
 * 25,000 results per run. GitLab's SARIF import applies the same location rules.
 */
export function githubProblems(log: unknown): string[] {
  const problems: string[] = [];
  const root = log as { version?: string; runs?: Array<Record<string, any>> };
  if (root.version !== '2.1.0') problems.push('version must be 2.1.0');
  for (const [runIndex, run] of (root.runs ?? []).entries()) {
    if (typeof run.tool?.driver?.name !== 'string') problems.push(`runs[${runIndex}].tool.driver.name missing`);
    for (const rule of run.tool?.driver?.rules ?? []) {
      if (!rule.id || !rule.shortDescription?.text || !rule.fullDescription?.text || !rule.help?.text) problems.push(`rule ${rule.id}: id and texts required`);
    }
    const results: Array<Record<string, any>> = run.results ?? [];
    if (results.length > 25_000) problems.push('more than 25,000 results');
    for (const [index, result] of results.entries()) {
      const where = `runs[${runIndex}].results[${index}]`;
      if (typeof result.ruleId !== 'string' || result.ruleId === '') problems.push(`${where}.ruleId missing`);
      if (typeof result.message?.text !== 'string' || result.message.text === '') problems.push(`${where}.message.text missing`);
      if (!result.partialFingerprints || Object.keys(result.partialFingerprints).length === 0) problems.push(`${where}.partialFingerprints missing`);
      const locations: Array<Record<string, any>> = result.locations ?? [];
      if (locations.length < 1 || locations.length > 10) problems.push(`${where}: 1 to 10 locations required, got ${locations.length}`);
      for (const location of locations) {
        const uri: unknown = location.physicalLocation?.artifactLocation?.uri;
        if (typeof uri !== 'string' || uri === '' || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(uri) || uri.startsWith('/')) problems.push(`${where}: artifactLocation.uri must be repository-relative, got ${String(uri)}`);
        const line: unknown = location.physicalLocation?.region?.startLine;
        if (!Number.isInteger(line) || (line as number) < 1) problems.push(`${where}: region.startLine must be ≥ 1`);
      }
    }
  }
  return problems;
}
