/**
 * The pipeline contract: collect → enrich → assess → report.
 *
 * Every value here is plain JSON (no classes, Maps or Dates: ISO strings and records), so a
 * Collection can be saved, re-enriched and re-assessed without a browser, and the JSON report is
 * exactly an AuditReport. Bump REPORT_SCHEMA_VERSION on any incompatible change and update
 * schemas/report.schema.json.
 */
import type { LocalisedText } from './shared/errors.js';

export const REPORT_SCHEMA_VERSION = '1.0.0';

/** ISO 3166-1 alpha-2 country code, upper case ("FR", "US"). */
export type CountryCode = string;

/** Where a fact came from: a data source id, its version or build date, and a human note. */
export interface Provenance {
  /** Data source id, e.g. "curated-entities", "ip-location-db/asn", "third-party-web", "dns". */
  source: string;
  /** Version of the data source (package version, build date, file revision). */
  version?: string;
  /** The date the fact was last checked (YYYY-MM-DD). */
  asOf?: string;
  /** A citation: URL or document name the fact was checked against. */
  note?: string;
  /** Address of the cited document (curated facts since report 1.1: reports number and link them). */
  url?: string;
  /** Title of the cited document, when the data gives one. */
  title?: string;
}

/**
 * Unknown is a value. An attribution is either known, with the sources that gave it, or unknown,
 * with the sources that were tried. An unknown never yields "sovereign".
 */
export type Attribution<T> =
  | { status: 'known'; value: T; provenance: Provenance[] }
  | { status: 'unknown'; triedSources: string[]; reason?: string };

// ───────────────────────────── collect ─────────────────────────────

export interface Initiator {
  /** CDP initiator type: parser, script, preload, preflight, redirect, SignedExchange, other. */
  type: string;
  /** The document or script URL that caused the request (top of the (async) stack for scripts). */
  url?: string;
  /** Script URLs on the (async) call stack, innermost first, de-duplicated. */
  stack?: string[];
}

export interface TlsDetails {
  protocol?: string;
  subjectName?: string;
  issuer?: string;
  validFrom?: string;
  validTo?: string;
}

export interface RequestRecord {
  /** Stable id within the page capture. */
  id: string;
  url: string;
  host: string;
  method: string;
  /** document, script, stylesheet, image, font, xhr, fetch, ping, beacon, websocket, preflight, other… */
  resourceType: string;
  /** Where the request came from: the frame URL, or the worker script URL. */
  frameUrl?: string;
  /** main-frame, sub-frame, dedicated-worker, shared-worker, service-worker. */
  context?: string;
  status?: number;
  /** Network error text when the request failed (net::ERR_…). */
  failure?: string;
  remoteIp?: string;
  remotePort?: number;
  initiator?: Initiator;
  /** URLs of the redirect hops that led to this request, first hop first. */
  redirectChain?: string[];
  /** Lower-cased response headers worth keeping as evidence (server, via, x-cache, cf-ray, …). */
  responseHeaders?: Record<string, string>;
  /** Raw Set-Cookie header lines seen on the response (attempted cookies). */
  setCookieHeaders?: string[];
  tls?: TlsDetails;
  /** Milliseconds since navigation start. */
  startMs?: number;
  /** The Referer header the browser sent (the page's address, whole or cut to its origin by the referrer policy). */
  referrer?: string;
  /** The request's referrer policy as the browser applied it (strict-origin-when-cross-origin, no-referrer…). */
  referrerPolicy?: string;
  /** Where else the page's full address (path and query) travelled in this request: its URL, body or other headers. */
  pageAddressIn?: Array<'url' | 'body' | 'header'>;
  /**
   * Journeys: the fields (selectors) whose typed value this request carried — raw, URL-encoded,
   * JSON, base64 or SHA-256 — never the values themselves.
   */
  typedFields?: string[];
}

export interface WebSocketRecord {
  url: string;
  host: string;
  frameUrl?: string;
}

export interface CookieRecord {
  name: string;
  domain: string;
  path: string;
  /** ISO date, or null for a session cookie. */
  expires: string | null;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: string;
  /** "stored": in the jar at the end; "attempted": a Set-Cookie seen but not stored. */
  state: 'stored' | 'attempted';
  /** "http" when a Set-Cookie header set it, "js" when only document.cookie can explain it. */
  setBy: 'http' | 'js' | 'unknown';
  /** The host of the response that set it, when set by HTTP. */
  setByHost?: string;
}

export interface StorageRecord {
  origin: string;
  kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  keys: string[];
}

export interface ResourceHint {
  rel: string;
  href: string;
  host: string;
}

export interface CollectorError {
  collector: string;
  message: string;
}

export interface WaitSettings {
  timeoutMs: number;
  minDwellMs: number;
  quietWindowMs: number;
}

export interface PageCapture {
  requestedUrl: string;
  finalUrl: string;
  title: string;
  /** HTTP status of the main document. */
  status?: number;
  contentType?: string;
  /** True when the page never settled before the timeout: evidence is what was seen until then. */
  partial: boolean;
  partialReason?: string;
  startedAt: string;
  durationMs: number;
  wait: WaitSettings;
  requests: RequestRecord[];
  websockets: WebSocketRecord[];
  cookies: CookieRecord[];
  storage: StorageRecord[];
  hints: ResourceHint[];
  /** PNG screenshot, base64. */
  screenshot?: string;
  /** Why navigation failed (DNS, refused, TLS, HTTP status, timeout, not HTML), when it did. */
  navigationError?: NavigationError;
  errors: CollectorError[];
  /** Site audits: the consent state the page was captured in, and how the banner was answered. */
  consent?: ConsentRecord;
  /** Site audits: the journey this capture followed, step by step. */
  journey?: JourneyRecord;
  /** Site audits: where the journey's forms and data-carrying requests were sent. */
  formSubmissions?: FormSubmission[];
  /** Site audits: how many times the page was loaded (2 when the first attempt failed). */
  attempts?: number;
}

/** none: no interaction; reject: "reject all" answered; accept: "accept all" answered. */
export type ConsentMode = 'none' | 'reject' | 'accept';

export interface ConsentRecord {
  mode: ConsentMode;
  /**
   * not-attempted (mode none); handled: a banner was found and answered; no-banner: none was found;
   * failed: a banner (or a consent tool) was found but could not be answered.
   */
  outcome: 'not-attempted' | 'handled' | 'no-banner' | 'failed';
  /** The consent tool recognised (autoconsent rule name), when one was. */
  cmp?: string;
  /** Milliseconds since navigation start when the answer was given: later requests came after the choice. */
  answeredAtMs?: number;
  detail?: string;
}

export type JourneyAction = 'goto' | 'click' | 'fill' | 'select' | 'submit' | 'wait-for';

export interface JourneyStepRecord {
  /** 1 for the first step. */
  index: number;
  action: JourneyAction;
  /** The URL (goto) or the CSS selector the step acts on. */
  target: string;
  /** Milliseconds since navigation start: requests started between startMs and the next step's startMs belong to this step. */
  startMs: number;
  endMs: number;
  /** The page URL once the step was done. */
  url: string;
  status: 'ok' | 'failed' | 'not-run';
  error?: string;
}

/** What a typed field holds, judged from its selector and the shape of the value typed (never stored). */
export type TypedFieldKind = 'email' | 'name' | 'phone' | 'postcode' | 'address' | 'birth-date' | 'other';

export interface JourneyRecord {
  name: string;
  steps: JourneyStepRecord[];
  /** The fields the journey typed in, by selector, with the kind of data each held (the values are never kept). */
  typedFields?: { field: string; kind: TypedFieldKind }[];
  /** The step that failed, when one did: the steps after it did not run. */
  error?: { step: number; message: string };
}

export interface FormSubmission {
  /** The journey step during which the data was sent. */
  step?: number;
  /** form: a form submitted by the journey; the others: data-carrying requests seen on the network. */
  via: 'form' | 'xhr' | 'fetch' | 'beacon' | 'document' | 'other';
  method: string;
  url: string;
  host: string;
  /** Names of the form fields sent (never their values). */
  fields?: string[];
}

export interface CrawlPageRecord {
  url: string;
  status: 'audited' | 'failed' | 'skipped';
  reason?: string;
  /** Link distance from the start page (sitemap URLs count as 1). */
  depth: number;
  foundIn: 'start' | 'link' | 'sitemap' | 'journey';
  /** The URL template the page was counted under (bounded pages per pattern). */
  pattern?: string;
}

export interface CrawlSummary {
  start: string;
  limits: {
    maxPages: number;
    maxDepth?: number;
    perPattern: number;
    concurrency: number;
    include: string[];
    exclude: string[];
    robots: boolean;
    consent: ConsentMode[];
  };
  /** Distinct candidate URLs seen (links and sitemaps, after normalisation). */
  discovered: number;
  audited: number;
  failed: number;
  skipped: number;
  /** Every URL considered, audited first (bounded: the first 1000 skipped ones are listed). */
  pages: CrawlPageRecord[];
  sitemaps: { url: string; status: 'ok' | 'error'; urls: number; problem?: string }[];
  robots?: { url: string; status: 'ok' | 'missing' | 'error' | 'ignored'; problem?: string };
}

export type NavigationErrorCode =
  | 'unknown-host' | 'connection-refused' | 'tls' | 'http-status' | 'timeout' | 'not-html' | 'network';

export interface NavigationError {
  code: NavigationErrorCode;
  message: string;
}

export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'NS' | 'MX' | 'TXT';

/** One DNS question and its answer, as evidence. */
export interface DnsAnswer {
  name: string;
  type: DnsRecordType;
  status: 'ok' | 'nodata' | 'nxdomain' | 'servfail' | 'refused' | 'timeout' | 'error';
  /** Answer values (addresses, targets, "10 mx.example." for MX, joined strings for TXT). */
  values: string[];
  ttl?: number;
  /** "system" or the IP[:PORT] of the configured resolver. */
  resolver: string;
  error?: string;
  at: string;
}

export interface BrowserInfo {
  executablePath: string;
  version: string;
}

export interface CollectOptionsRecord {
  connectTo?: string;
  dnsServer?: string;
  insecure: boolean;
  /**
   * Why certificate errors were ignored when the user did not ask: "fixture-world" for `souverain
   * demo`, whose loopback servers use a test CA. Reports warn about `insecure` only without a reason.
   */
  insecureReason?: 'fixture-world';
  /** True when the target URL held a user name or password: they were used, never recorded. */
  credentialsGiven?: boolean;
  timeoutMs: number;
  infra: boolean;
}

/** Everything observed, nothing judged. Saved as-is in the report; can be assessed again offline. */
export interface Collection {
  target: string;
  startedAt: string;
  finishedAt: string;
  options: CollectOptionsRecord;
  browser?: BrowserInfo;
  pages: PageCapture[];
  /** Every DNS answer souverain used (A/AAAA/CNAME for hosts; NS/MX/TXT for infrastructure). */
  dns: DnsAnswer[];
  /** The site's own infrastructure evidence (issue: infrastructure audit). */
  infrastructure?: InfrastructureCollection;
  errors: CollectorError[];
  /** Site audits: what the crawler found, audited, skipped, and why. */
  crawl?: CrawlSummary;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** Organisation (O=) of the issuer, the CA's name as it presents itself. */
  issuerOrganisation?: string;
  validFrom: string;
  validTo: string;
  selfSigned: boolean;
  fingerprintSha256: string;
}

export interface TlsObservation {
  host: string;
  port: number;
  status: 'ok' | 'error';
  error?: string;
  /** Leaf first. */
  chain: CertificateSummary[];
  /** Whether the chain verified against the system trust store. */
  authorized: boolean;
  authorizationError?: string;
}

export interface InfrastructureCollection {
  host: string;
  registrableDomain: string;
  tls?: TlsObservation;
  /** The site host as souverain resolved it: CNAME chain and addresses (the answers are in Collection.dns). */
  site?: InfraHostResolution;
  /** Name servers of the closest zone between the site host and its registrable domain. */
  nameServers?: InfraNameServers;
  /** MX of the registrable domain, and of the site host when it differs, with the MX hosts' addresses. */
  mail?: InfraMailDomain[];
  /** SPF policies of the same domains, include:/redirect= followed (RFC 7208 bounds). */
  spf?: SpfObservation[];
  /** DKIM keys found under a bounded list of common selectors: the registrable domain, and the site host when it has mail records of its own. */
  dkim?: DkimObservation[];
  /** DMARC policies (`_dmarc.`) of the same domains, with their report addresses. */
  dmarc?: DmarcObservation[];
  /** Look-ups that failed or were cut short, in plain words. */
  problems?: string[];
}

export interface InfraHostResolution {
  host: string;
  /** CNAME targets, first target first. */
  cnameChain: string[];
  addresses: string[];
  /** Why the resolution is incomplete (NXDOMAIN, SERVFAIL, timeout, CNAME loop, chain too long). */
  problem?: string;
}

export interface InfraNameServers {
  /** The name whose NS answer was used (or the registrable domain when none answered). */
  zone: string;
  status: DnsAnswer['status'];
  hosts: InfraHostResolution[];
}

export interface InfraMailDomain {
  domain: string;
  /** Status of the MX question: 'nodata'/'nxdomain' means the domain receives no mail. */
  status: DnsAnswer['status'];
  exchanges: (InfraHostResolution & { priority: number })[];
}

export interface SpfObservation {
  domain: string;
  /** found: one v=spf1 record; none: no SPF record; multiple: several (a permerror, RFC 7208 §4.5); failed: the TXT look-up failed. */
  status: 'found' | 'none' | 'multiple' | 'failed';
  record?: string;
  /** Every sender the policy authorises, depth-first, as found while following include:/redirect=. */
  senders: SpfSender[];
  problems: string[];
}

export interface SpfSender {
  mechanism: 'include' | 'redirect' | 'ip4' | 'ip6';
  /** The domain named by include:/redirect=, or the address range of ip4:/ip6:. */
  value: string;
  /** The domain whose record names it. */
  from: string;
  /** 1 for the site's own record, 2 for an include of an include… */
  depth: number;
  /** Status of the TXT look-up of an include/redirect domain; 'loop' when it was already on the path. */
  status?: DnsAnswer['status'] | 'loop' | 'not-followed';
}

export interface DkimObservation {
  domain: string;
  /** Every selector asked, so "none found" says what it covers. */
  tried: string[];
  /** Selectors with a DKIM key record (through their CNAME chain). */
  found: DkimSelectorObservation[];
  problems: string[];
}

export interface DkimSelectorObservation {
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  /** CNAME targets from the selector name, first first: empty when the key is in the domain's own zone. */
  cnameChain: string[];
  /** key: a public key answers; revoked: an empty p= (RFC 6376 §3.6.1). */
  key: 'key' | 'revoked';
}

export interface DmarcObservation {
  domain: string;
  /** found: one v=DMARC1 record; none; multiple (receivers then apply none); failed: the look-up failed. */
  status: 'found' | 'none' | 'multiple' | 'failed';
  /** The record(s) as published, bounded. */
  record?: string;
  /** p= and sp=: none, quarantine or reject. */
  policy?: string;
  subdomainPolicy?: string;
  /** rua= addresses: who receives the aggregate reports. */
  aggregate: DmarcReportAddress[];
  /** ruf= addresses: who receives the failure (forensic) reports. */
  failure: DmarcReportAddress[];
  problems: string[];
}

export interface DmarcReportAddress {
  /** The URI as published (bounded). */
  uri: string;
  /** The mailbox, lower-case, when the URI is a readable mailto:. */
  address?: string;
  /** Its mail domain: the receiver enrichment attributes. */
  domain?: string;
  /** The "!size" limit, e.g. "10m". */
  maxSize?: string;
}

// ───────────────────────────── enrich ─────────────────────────────

export type Category =
  | 'analytics' | 'advertising' | 'captcha' | 'cdn' | 'fonts' | 'tag-manager' | 'video' | 'social'
  | 'hosting' | 'object-storage' | 'consent' | 'payment' | 'support' | 'library-cdn' | 'maps'
  | 'marketing' | 'monitoring' | 'ab-testing' | 'search' | 'dns' | 'mail' | 'certificate-authority'
  | 'other';

/** A law with extraterritorial reach that applies to a jurisdiction's companies. */
export interface LawRef {
  id: string;
  name: string;
  country: CountryCode;
  /** What the law allows, in English. */
  note: string;
  /** The same in English and French, when the data gives both. */
  text?: LocalisedText;
  provenance: Provenance;
}

/**
 * An organisation as the curated table knows it. Facts are per field-group with their provenance.
 * `ultimateParent` is the id of the top of the ownership chain (itself when independent).
 */
export interface EntityFacts {
  id: string;
  name: string;
  legalName?: string;
  /** Country where this entity is incorporated. */
  country: CountryCode | 'unknown';
  parent?: string;
  ultimateParent: string;
  /** How well country and parent link are established; a low-confidence fact decides nothing (decision 0002). */
  confidence?: 'high' | 'medium' | 'low';
  provenance: Provenance[];
  /** Registrable domains the organisation owns (every name under them is attributed to it). */
  domains?: string[];
  /** When control is in flux: every country that may be the jurisdiction (`country` stays the last confirmed one). */
  jurisdictionCandidates?: JurisdictionCandidate[];
  /** Qualifications and certifications held for named offers (information: an offer, not a host). */
  qualifications?: Qualification[];
  /** Ownership changes (acquisitions, mergers, renamings, re-domiciliations), oldest first. */
  history?: OwnershipEvent[];
}

/** A country that may be an organisation's jurisdiction, and the condition under which it would be. */
export interface JurisdictionCandidate {
  country: CountryCode;
  note: LocalisedText;
  /** Laws with extraterritorial reach that apply if this country is the jurisdiction. */
  laws: string[];
  provenance: Provenance[];
}

/** Qualification schemes souverain records (data) and a policy may require (`requireQualifications`). */
export const QUALIFICATION_SCHEMES = ['secnumcloud', 'hds', 'eucs', 'c5', 'iso27001', 'other'] as const;

/** A security qualification or certification held for a named offer. */
export interface Qualification {
  /** secnumcloud, hds, eucs, c5, iso27001, other. */
  scheme: string;
  /** Name of the scheme when `scheme` is "other". */
  name?: string;
  offer: string;
  since?: string;
  until?: string;
  provenance: Provenance[];
}

/** One ownership change of an organisation. */
export interface OwnershipEvent {
  date: string;
  event: 'acquired' | 'merged' | 'renamed' | 'redomiciled' | 'divested';
  /** Entity id of the acquirer or merger partner. */
  by?: string;
  from?: string;
  to?: string;
  note?: string;
  provenance: Provenance[];
}

/** Who controls an organisation, and whose law reaches it. */
export interface Control {
  entity: string;
  entityName: string;
  ultimateParent: string;
  ultimateParentName: string;
  /** The chain from the entity to its ultimate parent, names, e.g. ["YouTube", "Google", "Alphabet"]. */
  chain: string[];
  /** Jurisdiction of the ultimate parent (decision 0001). */
  jurisdiction: CountryCode | 'unknown';
  laws: string[];
  /**
   * Present only when a link of the chain has control in flux (decision 0019): every country that
   * may be the jurisdiction, `jurisdiction` included. A policy judges sovereign only if every
   * candidate is allowed, not sovereign if none is, otherwise inconclusive.
   */
  jurisdictionCandidates?: JurisdictionCandidate[];
}

export interface VendorFact {
  entity: string;
  service?: string;
  categories: Category[];
}

export interface NetworkFact {
  ip: string;
  asn: number;
  asOrganisation: string;
}

export interface HostAttribution {
  host: string;
  registrableDomain: string;
  firstParty: boolean;
  /** Who provides the service behind this host name (domain → entity). */
  vendor: Attribution<VendorFact>;
  vendorControl: Attribution<Control>;
  /** Addresses used, and where they came from. */
  addresses: { ip: string; source: 'browser' | 'dns' }[];
  /** IP → ASN (→ AS organisation name). */
  network: Attribution<NetworkFact>;
  /** ASN → operating entity. */
  operator: Attribution<{ entity: string }>;
  operatorControl: Attribution<Control>;
  /** IP → country: where the server probably is. A separate fact from who controls it. */
  serverLocation: Attribution<{ country: CountryCode }>;
  /** CNAME chain souverain resolved for this host, first target first. */
  cnameChain: string[];
  /** When a first-party name CNAMEs to a third-party vendor (CNAME cloaking). */
  cloakedBy?: { target: string; entity: string };
  /**
   * The CDN/infrastructure in front of this host, recognised from its CNAME chain or response headers
   * (data/infrastructure.yaml), so a report can say "vendor X (FR) on infrastructure Y (US)".
   */
  cdn?: Attribution<{ entity: string; evidence: string }>;
  /** The sovereign alternative for what this host provides (from data/alternatives.yaml). */
  alternative?: LocalisedText;
}

export interface DataSourceInfo {
  id: string;
  name: string;
  version: string;
  /** Build date of the data (e.g. ip-location-db's build), printed in every report. */
  builtAt?: string;
  licence: string;
  url?: string;
  /** Attribution text the licence requires (e.g. CC BY 4.0 for DB-IP, RouteViews), printed verbatim in every report. */
  attribution?: string;
}

export interface InfraComponent {
  /** web-hosting, cdn, dns, mail, mail-sender (SPF includes, DKIM signers), mail-reports (DMARC report receivers), certificate-authority. */
  role: 'web-hosting' | 'cdn' | 'dns' | 'mail' | 'mail-sender' | 'mail-reports' | 'certificate-authority';
  /** What was observed: the NS host, MX host, SPF include, CNAME target, header, CA name. */
  subject: string;
  /** How it was recognised (pattern id, header name, ASN). */
  evidence: string;
  operator: Attribution<{ entity: string }>;
  control: Attribution<Control>;
  serverLocation?: Attribution<{ country: CountryCode }>;
  alternative?: LocalisedText;
}

/** The category of service each infrastructure role counts as (for policies' `categories` and alternatives). */
export const INFRA_ROLE_CATEGORY: Readonly<Record<InfraComponent['role'], Category>> = {
  'web-hosting': 'hosting',
  cdn: 'cdn',
  dns: 'dns',
  mail: 'mail',
  'mail-sender': 'mail',
  'mail-reports': 'mail',
  'certificate-authority': 'certificate-authority',
};

export interface InfrastructureEnrichment {
  host: string;
  registrableDomain: string;
  components: InfraComponent[];
  /** Look-ups that failed or found nothing, reported plainly (never as sovereign). */
  problems: string[];
}

export interface Enrichment {
  hosts: HostAttribution[];
  /** Every entity a host or component was attributed to, with its facts and sources. */
  entities: Record<string, EntityFacts>;
  laws: Record<string, LawRef>;
  infrastructure?: InfrastructureEnrichment;
  dataSources: DataSourceInfo[];
  /** The most recent as-of date of the curated facts this enrichment used (YYYY-MM-DD): "knowledge as of". */
  knowledgeAsOf?: string;
}

// ───────────────────────────── assess ─────────────────────────────

export type Verdict = 'sovereign' | 'not-sovereign' | 'inconclusive';

export type { Lang, LocalisedText } from './shared/errors.js';

export interface Finding {
  rule: string;
  /** blocking findings decide the verdict; the others are reported. */
  blocking: boolean;
  /** not-sovereign: a fact breaks the policy; unknown: a fact is missing. */
  kind: 'violation' | 'unknown';
  subject: { type: 'host' | 'cookie' | 'infrastructure'; host: string; detail?: string };
  /** Short statement of the finding, in both languages. */
  message: LocalisedText;
  /** Initiator chain URLs that brought the host in, outermost first. */
  broughtInBy: string[];
  /** Example request URLs (bounded) and pages where the host appeared. */
  evidence: string[];
  /** Controlling chain and law of the vendor and/or operator concerned. */
  control?: Control;
  role?: 'vendor' | 'operator' | InfraComponent['role'];
  provenance: Provenance[];
  alternative?: LocalisedText;
}

export interface RuleResult {
  id: string;
  title: LocalisedText;
  status: 'pass' | 'fail' | 'unknown';
  blocking: boolean;
  findings: Finding[];
}

export interface PolicySummary {
  id: string;
  name: string;
  /** The name in French, when the policy file gives one (nameFr). */
  nameFr?: string;
  description: string;
  /** The description in French, when the policy file gives one (descriptionFr). */
  descriptionFr?: string;
  allowedJurisdictions: CountryCode[];
  source: string;
}

export interface Assessment {
  policy: PolicySummary;
  verdict: Verdict;
  rules: RuleResult[];
}

// ───────────────────────────── report ─────────────────────────────

export interface AuditReport {
  schemaVersion: string;
  tool: { name: 'souverain'; version: string };
  generatedAt: string;
  target: string;
  /**
   * True when the run was interrupted (SIGINT/SIGTERM): the collection holds only what was captured
   * before, and the verdict is at best inconclusive.
   */
  partial?: boolean;
  collection: Collection;
  enrichment: Enrichment;
  assessment: Assessment;
  /** Site audits: the site-level index (third parties ↔ pages, consent differences, journeys), derived from the rest. */
  site?: SiteSummary;
}

export interface SitePageSummary {
  url: string;
  consent: ConsentMode;
  journey?: string;
  status: 'ok' | 'failed';
  /** Third-party hosts this page contacted, sorted. */
  thirdParties: string[];
}

export interface SiteThirdParty {
  host: string;
  registrableDomain: string;
  /** Vendor entity id, when attributed. */
  entity?: string;
  /** Distinct page URLs that bring it in (any consent state), sorted. */
  pages: string[];
}

export interface ConsentDiff {
  /** Third-party hosts contacted before any answer (no interaction, or before the banner was answered). */
  beforeConsent: string[];
  /** Third-party hosts still contacted after "reject all" was answered. */
  afterReject: string[];
  /** Third-party hosts seen only once "accept all" was answered. */
  onlyAfterAccept: string[];
  /**
   * Consent states that were asked for but never reached on any page: no banner was found, or it
   * could not be answered. Their lists above are empty because nothing was tested, not because
   * nothing loaded; reports say "not tested".
   */
  notTested?: { mode: 'reject' | 'accept'; reason: 'no-banner' | 'failed' }[];
  /** How each page's banner was answered, per consent state (pages with mode none are left out). */
  banners: { url: string; mode: ConsentMode; outcome: ConsentRecord['outcome']; cmp?: string; detail?: string }[];
}

export interface JourneySummary {
  name: string;
  consent: ConsentMode;
  steps: { index: number; action: JourneyAction; target: string; status: JourneyStepRecord['status']; thirdParties: string[] }[];
  submissions: (FormSubmission & { otherOrganisation: boolean; entity?: string })[];
  /** Per step and host: which typed fields' values reached it, and the organisation behind it. */
  typedData?: { step: number; host: string; entity?: string; jurisdiction?: string; fields: string[] }[];
  error?: { step: number; message: string };
}

export interface SiteSummary {
  audited: number;
  failed: number;
  skipped: number;
  pages: SitePageSummary[];
  thirdParties: SiteThirdParty[];
  consent?: ConsentDiff;
  journeys?: JourneySummary[];
}
