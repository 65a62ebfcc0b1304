import { assess } from '../assess/assess.js';
import { loadPolicy, type Policy } from '../assess/policy-file.js';
import { launchBrowser, type AuditBrowser } from '../collect/browser.js';
import { capturePage } from '../collect/capture-page.js';
import { connectTarget, parseConnectTo, type ConnectToRule } from '../collect/connect-to.js';
import { LocalisedUsageError } from '../shared/errors.js';
import { createDnsClient, resolveHost, type DnsClient } from '../collect/dns.js';
import { collectInfrastructure } from '../collect/infrastructure.js';
import { enrich } from '../enrich/enrich.js';
import { loadInfrastructurePatterns, type InfrastructurePatternIndex } from '../enrich/infrastructure.js';
import { loadKnowledge, type Knowledge } from '../enrich/knowledge.js';
import {
  REPORT_SCHEMA_VERSION,
  type AuditReport,
  type Collection,
  type CollectorError,
  type InfrastructureCollection,
  type PageCapture,
  type WaitSettings,
} from '../types.js';
import { TOOL_VERSION } from '../version.js';

/** Kept here too: callers of the pipeline find every stage in one place. */
export { enrich };
import { hostOfUrl } from '../shared/url.js';
import { readRegularText } from '../shared/regular-file.js';
import { parseTargetWithCredentials, type TargetCredentials } from './target.js';

/** Steps reported while an audit runs, for progress displays. */
export type AuditStep = 'policy' | 'browser' | 'capture' | 'dns' | 'enrich' | 'assess' | 'done';

export interface AuditOptions {
  /**
   * Stops the audit early (SIGINT/SIGTERM in the CLI): the browser is closed, no new page starts, and
   * the report holds what was collected, with `partial: true` and a verdict no better than inconclusive.
   */
  signal?: AbortSignal;
  /** The page to audit (http or https). */
  url: string;
  /** `fr`, `eu` or the path of a policy file. Default `fr`. */
  policy?: string;
  /** --connect-to values: `ADDRESS` or `[HOST]:PORT:ADDRESS:PORT`. */
  connectTo?: string[];
  /** Resolver for souverain's own DNS look-ups, `IP[:PORT]`. Default: the system's resolvers. */
  dnsServer?: string;
  /** Accept TLS certificates that do not verify (recorded in the report). */
  insecure?: boolean;
  /** Set by `souverain demo`: the fixture world's test CA, not a user's --insecure (no warning). */
  insecureReason?: 'fixture-world';
  /**
   * Extra root certificates (PEM) souverain's own TLS check trusts besides the system's: a private CA,
   * or the demo's fixture CAs. The browser is not affected.
   */
  trustedCertificates?: string;
  /** Per-page timeout in seconds. Default 30. */
  timeoutSeconds?: number;
  /** Infrastructure audit (hosting, CDN, DNS, mail, CA). Default true. */
  infra?: boolean;
  /** Chromium executable; default: SOUVERAIN_CHROMIUM or found on PATH. */
  executablePath?: string;
  /** Extra user data files (entities, services, infrastructure patterns). */
  dataFiles?: string[];
  /** Wait strategy overrides (ms). */
  wait?: Partial<Omit<WaitSettings, 'timeoutMs'>>;
  /** Reuse an already launched browser (the caller closes it). */
  browser?: AuditBrowser;
  onProgress?: (step: AuditStep, detail?: string) => void;
}

const DEFAULT_WAIT = { minDwellMs: 1000, quietWindowMs: 750 };
const DNS_TIMEOUT_MS = 2000;
const DNS_CONCURRENCY = 16;

let knowledgePromise: Promise<Knowledge> | undefined;
let knowledgeKey = '';

/** Offline data is loaded once per process and shared by audits with the same extra data files. */
export function sharedKnowledge(dataFiles: string[]): Promise<Knowledge> {
  const key = dataFiles.join('\0');
  if (!knowledgePromise || key !== knowledgeKey) {
    knowledgeKey = key;
    knowledgePromise = loadKnowledge({ extraDataFiles: dataFiles });
  }
  return knowledgePromise;
}

/**
 * Audits one page: capture in real Chromium, attribute every host offline, judge under a policy.
 * Resolves with the report even when the page failed to load (the failure is in the evidence and the
 * verdict is then inconclusive); rejects only with a UsageError for bad input.
 *
 * @example
 * import { audit } from 'souverain';
 * const report = await audit({ url: 'https://www.example.fr', policy: 'eu' });
 * console.log(report.assessment.verdict);
 */
export async function audit(options: AuditOptions): Promise<AuditReport> {
  const progress = options.onProgress ?? (() => {});
  const run = await startAuditRun(options, progress);
  const page = await captureWithBrowser(options, run, progress);
  try {
    progress('dns');
    if (!options.signal?.aborted) await resolveHosts(run.dns, hostsOf(page, run.target));
    const collection = await collectionOf(run, options, { browser: page.browser, pages: [page.capture] });
    return await judgeCollection(collection, await run.knowledge, { ...run, partial: options.signal?.aborted === true }, progress);
  } finally {
    // Chromium closes while the hosts are resolved and judged (decision 0040); the profile is gone before we return.
    await page.closed;
  }
}

/** What every audit, of one page or of a whole site, sets up before the browser starts. */
export interface AuditRun {
  /** The URL to audit, without credentials. */
  target: string;
  /** User name and password taken out of the URL, sent by the browser to the target's origin only. */
  credentials?: TargetCredentials;
  connectTo: ConnectToRule[];
  policy: Policy;
  policySource: string;
  dataFiles: string[];
  knowledge: Promise<Knowledge>;
  /** The infrastructure patterns (bundled + --data), loading since the run started. */
  patterns: Promise<InfrastructurePatternIndex>;
  dns: DnsClient;
  timeoutMs: number;
  startedAt: string;
  errors: CollectorError[];
  /** Infrastructure look-ups, started at once: they overlap with the page loads. */
  infrastructure: Promise<InfrastructureCollection | undefined>;
}

/** Validates the input, loads the policy and the offline data, and starts the infrastructure look-ups. */
export async function startAuditRun(options: Omit<AuditOptions, 'onProgress'>, progress: (step: 'policy') => void = () => {}): Promise<AuditRun> {
  const { url: targetUrl, credentials } = parseTargetWithCredentials(options.url);
  const target = targetUrl.href;
  const connectTo = (options.connectTo ?? []).map(parseConnectTo);
  progress('policy');
  const { policy, source: policySource } = await loadPolicy(options.policy ?? 'fr');
  const dataFiles = options.dataFiles ?? [];
  const timeoutMs = checkedTimeoutMs(options.timeoutSeconds ?? 30);
  const knowledge = sharedKnowledge(dataFiles);
  const patterns = loadInfrastructurePatterns(dataFiles);
  // The knowledge base loads while the browser starts; the user's own data files are checked first,
  // so a wrong --data fails in a second, before any browser (and never as an unhandled rejection).
  knowledge.catch(() => undefined);
  patterns.catch(() => undefined);
  if (dataFiles.length > 0) await checkDataFiles(dataFiles, knowledge, patterns);
  const dns = createDnsClient({ timeoutMs: DNS_TIMEOUT_MS, ...(options.dnsServer ? { server: options.dnsServer } : {}) });
  if (options.dnsServer) await checkTargetResolves(dns, new URL(target), connectTo);
  const errors: CollectorError[] = [];
  const infrastructure = options.infra !== false
    ? collectInfrastructure(target, dns, { connectTo, timeoutMs: Math.min(timeoutMs, 10_000), ...(options.trustedCertificates ? { ca: options.trustedCertificates } : {}) }).catch((error: unknown) => {
        errors.push({ collector: 'infrastructure', message: messageOf(error) });
        return undefined;
      })
    : Promise.resolve(undefined);
  return { target, ...(credentials ? { credentials } : {}), connectTo, policy, policySource, dataFiles, knowledge, patterns, dns, timeoutMs, startedAt: new Date().toISOString(), errors, infrastructure };
}

/** Node timers hold at most 2^31-1 ms; a longer timeout would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function checkedTimeoutMs(seconds: number): number {
  const ms = Math.round(seconds * 1000);
  if (Number.isFinite(ms) && ms > 0 && ms <= MAX_TIMEOUT_MS) return ms;
  throw new LocalisedUsageError(
    { en: `timeout ${seconds} s is out of range`, fr: `le délai ${seconds} s est hors limites` },
    { en: 'give a number of seconds greater than 0 and at most 2147483 (2^31-1 ms)', fr: 'donnez un nombre de secondes supérieur à 0 et d’au plus 2147483 (2^31-1 ms)' },
  );
}

/** Every --data file must be a regular, readable file, and the data must load (schema, size). */
async function checkDataFiles(files: readonly string[], knowledge: Promise<Knowledge>, patterns: Promise<InfrastructurePatternIndex>): Promise<void> {
  for (const file of files) await readRegularText(file, { what: { en: 'data file', fr: 'fichier de données' } });
  await knowledge;
  await patterns;
}

/**
 * Launches the browser and, while Chromium starts (most of it in its own processes), prepares every
 * table the judging will read: the knowledge base, the infrastructure patterns and the IPv4 look-up
 * tables, which are otherwise read on first use — after the capture (decision 0040). A failure to
 * prepare is left for the judging to report; the launch's own failure is the one thrown.
 */
export async function launchWhileLoading(run: Pick<AuditRun, 'knowledge' | 'patterns'>, launch: () => Promise<AuditBrowser>): Promise<AuditBrowser> {
  const prepare = (async () => {
    (await run.knowledge).preloadAddressTables();
    await run.patterns;
  })().catch(() => undefined);
  const [browser] = await Promise.all([launch(), prepare]);
  return browser;
}

/** The Collection of a run once its pages are captured and their hosts resolved. */
export async function collectionOf(run: AuditRun, options: Omit<AuditOptions, 'onProgress'>, captured: Pick<Collection, 'browser' | 'pages' | 'crawl'>): Promise<Collection> {
  // Interrupted: the infrastructure look-ups may still be running; they are not waited for.
  const infra = options.signal?.aborted ? await Promise.race([run.infrastructure, Promise.resolve(undefined)]) : await run.infrastructure;
  return {
    target: run.target,
    startedAt: run.startedAt,
    finishedAt: new Date().toISOString(),
    options: {
      ...(options.connectTo?.length ? { connectTo: options.connectTo.join(' ') } : {}),
      ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
      insecure: options.insecure ?? false,
      ...(options.insecure && options.insecureReason ? { insecureReason: options.insecureReason } : {}),
      ...(run.credentials ? { credentialsGiven: true } : {}),
      timeoutMs: run.timeoutMs,
      infra: options.infra !== false,
    },
    ...captured,
    dns: run.dns.answers,
    ...(infra ? { infrastructure: infra } : {}),
    errors: run.errors,
  };
}

/**
 * enrich → assess → report, from a collection only: the same for one page and for a whole site.
 */
export async function judgeCollection(
  collection: Collection,
  knowledge: Knowledge,
  judging: { policy: Policy; policySource: string; dataFiles: string[]; partial?: boolean; patterns?: Promise<InfrastructurePatternIndex> },
  progress: (step: 'enrich' | 'assess' | 'done', detail?: string) => void = () => {},
): Promise<AuditReport> {
  progress('enrich');
  const enrichment = await enrich(collection, knowledge, judging.dataFiles, judging.patterns);
  progress('assess');
  const assessment = assess(collection, enrichment, judging.policy, judging.policySource);
  // Evidence cut short by an interruption can hide a foreign host: it never yields "sovereign".
  const judged = judging.partial && assessment.verdict === 'sovereign' ? { ...assessment, verdict: 'inconclusive' as const } : assessment;
  progress('done', judged.verdict);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'souverain', version: TOOL_VERSION },
    generatedAt: new Date().toISOString(),
    target: collection.target,
    ...(judging.partial ? { partial: true } : {}),
    collection,
    enrichment,
    assessment: judged,
  };
}

async function captureWithBrowser(
  options: AuditOptions,
  run: AuditRun,
  progress: NonNullable<AuditOptions['onProgress']>,
): Promise<{ capture: PageCapture; browser: AuditBrowser['info']; closed: Promise<void> }> {
  const { target, connectTo, timeoutMs } = run;
  progress('browser');
  const browser = options.browser ?? await launchWhileLoading(run, () => launchBrowser({
    connectTo,
    insecure: options.insecure ?? false,
    ...(run.credentials ? { httpCredentials: run.credentials } : {}),
    ...(options.signal ? { callerHandlesSignals: true } : {}),
    ...(options.executablePath ? { executablePath: options.executablePath } : {}),
  }));
  const stop = closeOnAbort(options.signal, browser, !options.browser);
  const close = (): Promise<void> => (options.browser ? Promise.resolve() : browser.close());
  try {
    progress('capture', target);
    const wait: WaitSettings = { timeoutMs, ...DEFAULT_WAIT, ...options.wait };
    const capture = await capturePage(browser, target, { wait, screenshot: true });
    stop();
    // Not awaited here: the caller awaits it once the report is judged.
    const closed = close();
    closed.catch(() => undefined);
    return { capture, browser: browser.info, closed };
  } catch (error) {
    stop();
    await close();
    throw error;
  }
}

/**
 * Closes our own browser as soon as `signal` aborts, so a page load in progress ends at once (its
 * capture records the failure). Returns the function that removes the listener.
 */
export function closeOnAbort(signal: AbortSignal | undefined, browser: AuditBrowser, owned: boolean): () => void {
  if (!signal || !owned) return () => {};
  const close = (): void => void browser.close().catch(() => undefined);
  if (signal.aborted) close();
  signal.addEventListener('abort', close, { once: true });
  return () => signal.removeEventListener('abort', close);
}

/** Every host name the page contacted, hinted at or ended on, plus the target's own. */
export function hostsOf(page: { capture: PageCapture }, target: string): string[] {
  const hosts = new Set<string>([new URL(target).hostname]);
  const { capture } = page;
  if (capture.finalUrl) hosts.add(safeHostname(capture.finalUrl));
  for (const request of capture.requests) {
    hosts.add(request.host);
    // Redirect hops (e.g. a tracking bounce) are kept in the final request's chain only.
    for (const hop of request.redirectChain ?? []) hosts.add(safeHostname(hop));
  }
  for (const socket of capture.websockets) hosts.add(socket.host);
  for (const hint of capture.hints) hosts.add(hint.host);
  hosts.delete('');
  return [...hosts];
}

/** Resolves every host with souverain's own resolver (answers kept as evidence), a few at a time. */
export async function resolveHosts(dns: DnsClient, hosts: string[]): Promise<void> {
  const queue = [...hosts];
  const worker = async () => {
    for (let host = queue.shift(); host !== undefined; host = queue.shift()) await resolveHost(dns, host).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: Math.min(DNS_CONCURRENCY, queue.length) }, worker));
}

/**
 * With --dns-server and no --connect-to for the target, a name the resolver does not know fails at
 * once, before a browser starts. (With --connect-to the name may not exist yet: staging before a DNS switch.)
 */
async function checkTargetResolves(dns: DnsClient, target: URL, connectTo: ConnectToRule[]): Promise<void> {
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  if (connectTarget(connectTo, target.hostname, port) || isIpLiteral(target.hostname)) return;
  const { addresses } = await resolveHost(dns, target.hostname);
  if (addresses.length > 0) return;
  const statuses = dns.answers.filter((a) => a.name === target.hostname && ['A', 'AAAA', 'CNAME'].includes(a.type)).map((a) => a.status);
  // A resolver that times out or fails says nothing about the name: let the browser try.
  const failure = statuses.includes('nxdomain') ? { en: 'NXDOMAIN', fr: 'NXDOMAIN' }
    : statuses.length > 0 && statuses.every((s) => s === 'nodata') ? { en: 'no address record', fr: 'aucun enregistrement d’adresse' } : undefined;
  if (!failure) return;
  throw new LocalisedUsageError(
    { en: `unknown host ${target.hostname} (${failure.en} from ${dns.resolver})`, fr: `hôte inconnu ${target.hostname} (${failure.fr} de ${dns.resolver})` },
    { en: 'check the host name, or use --connect-to ADDRESS to reach a server that is not in DNS yet', fr: 'vérifiez le nom d’hôte, ou utilisez --connect-to ADRESSE pour joindre un serveur qui n’est pas encore dans le DNS' },
  );
}

function isIpLiteral(hostname: string): boolean {
  return /^[\d.]+$/.test(hostname) || hostname.startsWith('[');
}

function safeHostname(url: string): string {
  return hostOfUrl(url) ?? '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
