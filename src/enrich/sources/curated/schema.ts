/**
 * The formats of souverain's curated data files (data/entities/*.yaml, data/services.yaml,
 * data/laws.yaml, data/alternatives.yaml) and of user data files given with `extraDataFiles`.
 * The TypeScript types come from these schemas; the JSON Schemas in schemas/ are generated from
 * them by scripts/write-schemas.ts, so editors can validate the YAML as it is typed.
 */
import { z } from 'zod';
import type { Category } from '../../../types.js';

/** Every Category of the pipeline contract, in the order of src/types.ts. */
export const CATEGORIES = [
  'analytics', 'advertising', 'captcha', 'cdn', 'fonts', 'tag-manager', 'video', 'social',
  'hosting', 'object-storage', 'consent', 'payment', 'support', 'library-cdn', 'maps',
  'marketing', 'monitoring', 'ab-testing', 'search', 'dns', 'mail', 'certificate-authority',
  'other',
] as const satisfies readonly Category[];

// Fails to compile when src/types.ts gains a category this list lacks.
type MissingCategory = Exclude<Category, (typeof CATEGORIES)[number]>;
const noMissingCategory: MissingCategory extends never ? true : never = true;
void noMissingCategory;

const isoDate = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'a real calendar date');

/** ISO 3166-1 alpha-2, upper case. */
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, e.g. FR');

const entityId = z.string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case slug such as "google" or "amazon-web-services"')
  .describe('Stable identifier of the organisation (slug).');

/**
 * A host pattern: a domain name matched with all its sub-domains. A label may be `*` (exactly one
 * label) or end with `*` (a label prefix, e.g. `s3-*` for `s3-eu-west-1`).
 */
export const HOST_PATTERN = /^(?:(?:\*|[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_*])?)\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const hostPattern = z.string()
  .regex(HOST_PATTERN, 'a lower-case domain name; a label may be "*" or end with "*"')
  .describe('Matches this domain name and all its sub-domains. "*" is one label; "s3-*" a label prefix.');

const source = z.object({
  note: z.string().min(3).describe('Citation: URL or document name the fact was checked against.'),
  asOf: isoDate.describe('Date the fact was last checked (YYYY-MM-DD).'),
}).strict();

export const confidenceSchema = z.enum(['high', 'medium', 'low'])
  .describe('How well the country and the parent link are established (decision 0002: low is not used to decide).');

export const entitySchema = z.object({
  id: entityId,
  name: z.string().min(1).describe('Usual name (brand).'),
  legalName: z.string().min(1).optional().describe('Legal name of the main operating or contracting entity.'),
  country: z.union([countryCode, z.literal('unknown')])
    .describe('Country of incorporation (ISO alpha-2), or "unknown".'),
  headquarters: countryCode.optional()
    .describe('Country of the head office when it differs from incorporation; its laws also reach the entity.'),
  parent: entityId.optional().describe('Id of the controlling organisation, when there is one.'),
  asns: z.array(z.number().int().positive().max(4294967295)).optional()
    .describe('Autonomous systems this organisation operates.'),
  aliases: z.array(z.string().min(1)).optional()
    .describe('Names other data sources use for this organisation (third-party-web company, CA organisation).'),
  confidence: confidenceSchema,
  sources: z.array(source).min(1),
  comment: z.string().optional().describe('Free text for maintainers: what is uncertain, what to re-check.'),
}).strict();

export const entitiesFileSchema = z.object({
  entities: z.array(entitySchema),
}).strict();

export const serviceSchema = z.object({
  entity: entityId.describe('Id of the organisation that provides the service.'),
  service: z.string().min(1).describe('Product name, e.g. "Google Analytics".'),
  categories: z.array(z.enum(CATEGORIES)).min(1),
  hosts: z.array(hostPattern).min(1),
  note: z.string().optional().describe('Why these hosts belong to the service, or a citation.'),
}).strict();

export const servicesFileSchema = z.object({
  services: z.array(serviceSchema),
}).strict();

export const lawSchema = z.object({
  id: entityId.describe('Stable identifier, e.g. "us-cloud-act".'),
  name: z.string().min(1),
  country: countryCode.describe('Jurisdiction whose companies the law reaches.'),
  note: z.string().min(1).describe('What the law allows, in one or two sentences.'),
  source: source,
}).strict();

export const lawsFileSchema = z.object({
  laws: z.array(lawSchema),
  countryGroups: z.object({
    eu: z.array(countryCode).describe('Member states of the European Union.'),
    eea: z.array(countryCode).describe('EEA members outside the EU.'),
    source: source,
  }).strict().optional(),
}).strict();

const localisedText = z.object({ en: z.string().min(1), fr: z.string().min(1) }).strict();

export const alternativeSchema = z.object({
  categories: z.array(z.enum(CATEGORIES)).min(1),
  entity: entityId.optional().describe('Only for services of this organisation (more specific than category).'),
  text: localisedText,
}).strict();

export const alternativesFileSchema = z.object({
  alternatives: z.array(alternativeSchema),
}).strict();

/**
 * A user data file may hold any of the four kinds; its entries extend or override the bundled ones.
 * Other top-level keys belong to other stages (infrastructure patterns read the same files).
 */
export const userDataFileSchema = z.object({
  entities: z.array(entitySchema).optional(),
  services: z.array(serviceSchema).optional(),
  laws: z.array(lawSchema).optional(),
  alternatives: z.array(alternativeSchema).optional(),
}).loose();

export type EntityRecord = z.infer<typeof entitySchema>;
export type ServiceRecord = z.infer<typeof serviceSchema>;
export type LawRecord = z.infer<typeof lawSchema>;
export type AlternativeRecord = z.infer<typeof alternativeSchema>;
export type CountryGroups = NonNullable<z.infer<typeof lawsFileSchema>['countryGroups']>;
export type Confidence = z.infer<typeof confidenceSchema>;

/** The schema of each kind of data file, keyed by the name of its JSON Schema in schemas/. */
export const DATA_FILE_SCHEMAS = {
  entities: entitiesFileSchema,
  services: servicesFileSchema,
  laws: lawsFileSchema,
  alternatives: alternativesFileSchema,
  'user-data': userDataFileSchema,
} as const;
