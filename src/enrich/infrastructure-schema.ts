/**
 * The format of data/infrastructure.yaml and of the `infrastructure:` section of a user data file:
 * patterns that recognise who runs a piece of a site's infrastructure from what DNS and TLS show
 * (CNAME targets, response headers, NS, MX, SPF includes, certificate issuers). Every pattern names
 * a curated entity id and carries its citation, like the entity table.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const isoDate = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'a real calendar date');

const entityId = z.string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case slug such as "google" or "amazon-web-services"')
  .describe('Id of the organisation (data/entities/*.yaml) that runs what the pattern recognises.');

/** Same syntax as the services' host patterns: a domain and its sub-domains; "*" one label, "x*" a label prefix. */
const domainSuffix = z.string()
  .regex(/^(?:(?:\*|[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_*])?)\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'a lower-case domain name; a label may be "*" or end with "*"')
  .describe('Matches this domain name and all its sub-domains. "*" is one label; "s3-*" a label prefix.');

const source = z.object({
  note: z.string().min(3).describe('Citation: URL or document name the pattern was checked against.'),
  url: z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URL').optional().describe('Address of the document, so a reader can open it.'),
  title: z.string().min(1).optional().describe('Title of the document, when it helps to cite it.'),
  asOf: isoDate.describe('Date the pattern was last checked (YYYY-MM-DD).'),
}).strict();

const common = {
  entity: entityId,
  service: z.string().min(1).describe('Product name shown in reports, e.g. "Amazon CloudFront".'),
  source,
};

/** What a CNAME target reveals: a CDN or WAF in front of the name, or the platform hosting it. */
export const cnamePatternSchema = z.object({
  suffix: domainSuffix,
  kind: z.enum(['cdn', 'hosting', 'object-storage']).default('cdn')
    .describe('cdn: a CDN/WAF that terminates the visitors\' connections; hosting/object-storage: the platform serving the content.'),
  ...common,
}).strict();

export const headerPatternSchema = z.object({
  header: z.string().regex(/^[a-z0-9-]+$/, 'a lower-case header name').describe('Response header name, lower case.'),
  pattern: z.string().min(1)
    .refine((value) => { try { new RegExp(value, 'i'); return true; } catch { return false; } }, 'a valid regular expression')
    .describe('Regular expression (case-insensitive) the header value must match; ".*" for "header present".'),
  kind: z.enum(['cdn', 'hosting', 'object-storage']).default('cdn'),
  ...common,
}).strict();

const suffixPatternSchema = z.object({ suffix: domainSuffix, ...common }).strict();

export const certificateAuthorityPatternSchema = z.object({
  organisation: z.string().min(1).describe('The issuer\'s O= as the CA writes it (compared case-insensitively).'),
  match: z.enum(['exact', 'prefix']).default('exact').describe('prefix: the O= starts with `organisation`.'),
  ...common,
}).strict();

export const infrastructurePatternsSchema = z.object({
  cname: z.array(cnamePatternSchema).default([]).describe('CNAME targets → CDN/hosting operator.'),
  headers: z.array(headerPatternSchema).default([]).describe('Main-document response headers → CDN/hosting operator.'),
  nameServers: z.array(suffixPatternSchema).default([]).describe('NS host names → DNS operator.'),
  mailExchangers: z.array(suffixPatternSchema).default([]).describe('MX host names → mail operator.'),
  spf: z.array(suffixPatternSchema).default([]).describe('SPF include:/redirect= domains → mail sender.'),
  certificateAuthorities: z.array(certificateAuthorityPatternSchema).default([]).describe('Certificate issuer O= → certificate authority.'),
}).strict();

/** A user data file may carry patterns under `infrastructure:` beside its entities and services. */
export const userInfrastructureSectionSchema = z.object({ infrastructure: infrastructurePatternsSchema }).loose();

export type InfrastructurePatterns = z.infer<typeof infrastructurePatternsSchema>;
export type CnamePattern = z.infer<typeof cnamePatternSchema>;
export type HeaderPattern = z.infer<typeof headerPatternSchema>;
export type SuffixPattern = z.infer<typeof suffixPatternSchema>;
export type CertificateAuthorityPattern = z.infer<typeof certificateAuthorityPatternSchema>;

/**
 * The JSON Schema of data/infrastructure.yaml (schemas/infrastructure.schema.json; a test keeps them
 * equal). Regenerate with `node --import tsx src/enrich/infrastructure-schema.ts`.
 */
export function infrastructureJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://souverain.invalid/schemas/infrastructure.schema.json',
    title: 'souverain infrastructure patterns',
    ...z.toJSONSchema(infrastructurePatternsSchema, { io: 'input' }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(new URL('../../schemas/infrastructure.schema.json', import.meta.url), `${JSON.stringify(infrastructureJsonSchema(), null, 2)}\n`);
}
