/**
 * Generates schemas/report.schema.json (JSON Schema draft 2020-12) from the AuditReport type in
 * src/types.ts, so the schema cannot drift from the contract: test/report/json-schema.test.ts fails
 * when the committed file differs from what this produces.
 *
 * Run after changing src/types.ts:  node --import tsx scripts/write-schemas.ts
 *
 * Development tool only (ts-json-schema-generator is a devDependency); the library never imports it.
 */
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { REPORT_SCHEMA_VERSION } from '../../src/types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Where the committed schema lives. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../schemas/report.schema.json', import.meta.url));

const TYPES_FILE = fileURLToPath(new URL('../../src/types.ts', import.meta.url));
const TSCONFIG_FILE = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A readable, stable name for a definition: "Attribution<VendorFact>" becomes
 * "AttributionOfVendorFact"; an inline object type (named by the generator after its source offsets,
 * which move at every edit) is named after its properties: "Attribution<{ entity }>" becomes
 * "AttributionOfEntityRef".
 */
function stableName(name: string, definition: Json | undefined): string {
  const generic = /^(\w+)<(.+)>$/.exec(name);
  if (!generic) return name;
  const [, outer = '', inner = ''] = generic;
  if (!inner.startsWith('structure-')) return `${outer}Of${inner}`;
  const variants = isObject(definition) && Array.isArray(definition.anyOf) ? definition.anyOf : [];
  const value = variants.map((variant) => (isObject(variant) && isObject(variant.properties) ? variant.properties.value : undefined)).find(isObject);
  const keys = value && isObject(value.properties) ? Object.keys(value.properties) : ['Anonymous'];
  return `${outer}Of${keys.map((key) => key[0]?.toUpperCase() + key.slice(1)).join('And')}Ref`;
}

/** Rewrites every "$ref" with the renamed definitions, under $defs. */
function rewriteRefs(node: Json, renames: Map<string, string>): Json {
  if (Array.isArray(node)) return node.map((child) => rewriteRefs(child, renames));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const name = decodeURIComponent(value.replace('#/definitions/', ''));
      out[key] = `#/$defs/${encodeURIComponent(renames.get(name) ?? name)}`;
    } else {
      out[key] = rewriteRefs(value, renames);
    }
  }
  return out;
}

/** The AuditReport schema, draft 2020-12, generated from src/types.ts. */
export function buildReportSchema(): JsonObject {
  const generated = createGenerator({
    path: TYPES_FILE, tsconfig: TSCONFIG_FILE, type: 'AuditReport', expose: 'export', topRef: true,
    jsDoc: 'extended', additionalProperties: false, skipTypeCheck: true, sortProps: true,
  }).createSchema('AuditReport') as unknown as JsonObject;
  const definitions = isObject(generated.definitions) ? generated.definitions : {};
  const renames = new Map(Object.entries(definitions).map(([name, definition]) => [name, stableName(name, definition)]));
  const defs: JsonObject = {};
  for (const name of [...renames.keys()].sort((a, b) => (renames.get(a) ?? a).localeCompare(renames.get(b) ?? b))) {
    defs[renames.get(name) ?? name] = rewriteRefs(definitions[name] ?? {}, renames);
  }
  pinMajorVersion(defs);
  const major = REPORT_SCHEMA_VERSION.split('.')[0];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:souverain:report-schema:${major}`,
    title: 'souverain audit report',
    description: `The JSON report of souverain (schemaVersion ${REPORT_SCHEMA_VERSION}): what was collected, how each host was attributed, and the verdict under a policy. Generated from src/types.ts; see docs/report-format.md.`,
    $ref: '#/$defs/AuditReport',
    $defs: defs,
  };
}

/** A report of another major version is a different format: the schema says so. */
function pinMajorVersion(defs: JsonObject): void {
  const report = defs.AuditReport;
  if (!isObject(report) || !isObject(report.properties)) throw new Error('AuditReport definition missing');
  const major = REPORT_SCHEMA_VERSION.split('.')[0];
  report.properties.schemaVersion = {
    type: 'string',
    pattern: `^${major}\\.\\d+\\.\\d+$`,
    description: `Semantic version of the report format; this schema accepts ${major}.x.y (see docs/report-format.md).`,
  };
}

/** The schema as written to disk. */
export function reportSchemaText(): string {
  return `${JSON.stringify(buildReportSchema(), null, 2)}\n`;
}
