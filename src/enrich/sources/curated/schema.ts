/**
 * The formats of souverain's curated data files (data/entities/*.yaml, data/services.yaml,
 * data/laws.yaml, data/alternatives.yaml) and of user data files given with `extraDataFiles`.
 * The TypeScript types come from these schemas; the JSON Schemas in schemas/ are generated from
 * them by scripts/write-schemas.ts, so editors can validate the YAML as it is typed.
 */
import { z } from 'zod';
import { QUALIFICATION_SCHEMES, type Category } from '../../../types.js';

export { QUALIFICATION_SCHEMES };

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
  note: z.string().min(3).describe('Citation: readable prose naming the document the fact was checked against.'),
  url: z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URL').optional().describe('Address of the document, so a reader can open it.'),
  title: z.string().min(1).optional().describe('Title of the document, when it helps to cite it.'),
  asOf: isoDate.describe('Date the fact was last checked (YYYY-MM-DD).'),
}).strict();

export const sourceSchema = source;

const localisedText = z.object({ en: z.string().min(1), fr: z.string().min(1) }).strict();

/** A registrable domain the organisation owns (no wildcard: every sub-domain is covered). */
const ownedDomain = z.string()
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/, 'a lower-case domain name without wildcard, e.g. hetzner.de')
  .describe('Registrable domain the organisation owns; every name under it is that organisation unless a more specific pattern says otherwise.');


export const qualificationSchemeSchema = z.enum(QUALIFICATION_SCHEMES)
  .describe('secnumcloud (ANSSI), hds (French health-data hosting), eucs (EU cloud scheme), c5 (BSI), iso27001, other.');

const jurisdictionCandidate = z.object({
  country: countryCode,
  note: localisedText.describe('The condition under which this country would be the jurisdiction, in English and French.'),
  sources: z.array(source).min(1),
}).strict();

const qualification = z.object({
  scheme: qualificationSchemeSchema,
  name: z.string().min(1).optional().describe('Name of the scheme when `scheme` is "other".'),
  offer: z.string().min(1).describe('The qualified or certified offer (a qualification covers an offer, not a company).'),
  since: isoDate.optional(),
  until: isoDate.optional(),
  sources: z.array(source).min(1),
}).strict();

export const HISTORY_EVENTS = ['acquired', 'merged', 'renamed', 'redomiciled', 'divested'] as const;

const historyEvent = z.object({
  date: isoDate,
  event: z.enum(HISTORY_EVENTS),
  by: entityId.optional().describe('Id of the organisation that acquired, merged with or bought the entity.'),
  from: z.string().min(1).optional().describe('Former name, country or owner.'),
  to: z.string().min(1).optional().describe('New name, country or owner.'),
  note: z.string().min(1).optional(),
  sources: z.array(source).min(1),
}).strict();

const thirdPartyWebLink = z.object({
  company: z.string().min(1).describe('The company name third-party-web uses.'),
  override: z.union([entityId, z.literal('none')]).optional()
    .describe('Curated answer where third-party-web is wrong: the entity that really runs its hosts, or "none".'),
  note: z.string().min(1).describe('Why, with the source.'),
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
  domains: z.array(ownedDomain).optional()
    .describe('Registrable domains the organisation owns: any host, NS, MX, SPF or DKIM name under them is this organisation.'),
  confidence: confidenceSchema,
  sources: z.array(source).min(1),
  jurisdictionCandidates: z.array(jurisdictionCandidate).min(2).optional()
    .describe('Only when control is in flux: every country that may be the jurisdiction. `country` stays the last confirmed one; a policy judges sovereign only if every candidate is allowed.'),
  qualifications: z.array(qualification).optional()
    .describe('Security qualifications and certifications held for named offers (SecNumCloud, HDS, EUCS…).'),
  history: z.array(historyEvent).optional().describe('Ownership changes: acquisitions, mergers, renamings, re-domiciliations.'),
  thirdPartyWeb: thirdPartyWebLink.optional().describe('Audit trail of the third-party-web company mapped to this organisation.'),
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
  note: z.union([z.string().min(1), localisedText]).describe('What the law allows, in one or two sentences (English, or { en, fr }).'),
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

export const alternativeSchema = z.object({
  categories: z.array(z.enum(CATEGORIES)).min(1),
  entity: entityId.optional().describe('Only for services of this organisation (more specific than category).'),
  text: localisedText,
}).strict();

export const alternativesFileSchema = z.object({
  alternatives: z.array(alternativeSchema),
}).strict();

/**
 * The French/European ecosystem list (data/ecosystem/fr-eu.yaml): services French and European
 * sites really load, used only by bench/coverage.ts and `souverain data stats` to measure coverage.
 * The attribution itself comes from entities and services.
 */
export const ecosystemFileSchema = z.object({
  services: z.array(z.object({
    name: z.string().min(1),
    category: z.string().min(1).describe('What the service does (a Category name where one fits).'),
    hosts: z.array(z.string().min(1)).min(1).describe('Host names the service loads from.'),
    entity: entityId.describe('Id of the curated organisation expected to be behind the hosts.'),
    country: countryCode.optional(),
    note: z.string().optional(),
  }).strict()),
}).strict();

const infrastructureNames = z.array(z.string().min(1).max(200)).min(1).optional();

/**
 * The infrastructure providers most common in Europe (data/ecosystem/infrastructure.yaml, decision
 * 0055): each provider's names as they appear in DNS and TLS, used only by coverage line (f).
 */
export const infrastructureListFileSchema = z.object({
  providers: z.array(z.object({
    name: z.string().min(1),
    entity: entityId.describe('Id of the curated organisation expected behind every name (or one of its group).'),
    roles: z.array(z.enum(['dns', 'mail', 'mail-sending', 'mail-security', 'certificate-authority'])).min(1),
    countries: z.array(countryCode).optional().describe('Markets where the provider is among the most common.'),
    nameServers: infrastructureNames.describe('NS host names.'),
    mailExchangers: infrastructureNames.describe('MX host names.'),
    spf: infrastructureNames.describe('SPF include:/redirect= domains customers publish.'),
    dkim: infrastructureNames.describe('DKIM key CNAME targets, return-path, bounce and relay hosts.'),
    certificateIssuers: infrastructureNames.describe('The issuer O= strings of the provider\'s certificates.'),
    source,
  }).strict()).min(1),
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

export type EcosystemFile = z.infer<typeof ecosystemFileSchema>;
export type InfrastructureListFile = z.infer<typeof infrastructureListFileSchema>;
export type SourceRecord = z.infer<typeof source>;
export type QualificationRecord = z.infer<typeof qualification>;
export type HistoryRecord = z.infer<typeof historyEvent>;
export type JurisdictionCandidateRecord = z.infer<typeof jurisdictionCandidate>;
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
  ecosystem: ecosystemFileSchema,
  'infrastructure-list': infrastructureListFileSchema,
  'user-data': userDataFileSchema,
} as const;
