import type { Page } from 'playwright-core';
import type { CollectorError, NavigationError, PageCapture, WaitSettings } from '../types.js';
import type { AuditBrowser, PageSession } from './browser.js';
import type { Collector, CollectorOutput } from './collector.js';
import { CollectorRun } from './collector-run.js';
import { collectors as registeredCollectors } from './collectors/index.js';
import type { TypedValue } from './network/outgoing.js';
import { classifyNavigationFailure, documentProblem } from './navigation-error.js';
import { settle } from './settle.js';

export interface CaptureOptions {
  wait: WaitSettings;
  /** Take a viewport screenshot (default true). */
  screenshot?: boolean;
  /** Optional steps run inside the capture (consent banners, journeys, link reading). */
  hooks?: CaptureHooks;
  /** The collectors to run (default: every registered one, src/collect/collectors/index.ts). */
  collectors?: readonly Collector<unknown>[];
}

/** Timing of a capture in progress, for hooks that wait for the page to go quiet. */
export interface CaptureTiming {
  /** Date.now() at the start of the capture (RequestRecord.startMs counts from it). */
  startedAtMs: number;
  /** Date.now() past which the capture stops waiting. */
  deadline: number;
  /** Date.now() of the latest request start. */
  lastActivityAt(): number;
}

/**
 * Extension points of one capture. Each runs in the page's own session; a hook should not throw
 * (an error it throws ends the capture).
 */
export interface CaptureHooks {
  /** After the session is observed, before navigation: bindings and init scripts. */
  beforeNavigation?: (session: PageSession) => Promise<void>;
  /** After the load event, before the quiet window: interactions (consent banner, journey steps). */
  afterLoad?: (session: PageSession, timing: CaptureTiming) => Promise<void>;
  /** After the page settled, before the evidence is read and the session closes (e.g. read links). */
  beforeEvidence?: (session: PageSession) => Promise<void>;
  /** The values souverain typed (journeys): each request records which fields' values it carried. */
  typedValues?: () => readonly TypedValue[];
}

/** Time allowed for each end-of-capture read (cookies, frames, title, screenshot) on a busy page. */
const READ_TIMEOUT_MS = 3_000;

interface Navigation {
  /** A document is shown: frames, title and screenshot are worth reading. */
  committed: boolean;
  /** Date.now() when the load event fired. */
  loadedAt?: number;
  error?: NavigationError;
  partialReason?: string;
}

/**
 * Loads one page in a fresh browser state and records everything it causes: requests of every
 * frame and worker, WebSockets, cookies (stored and attempted), storage keys, hints, title and a
 * screenshot. Waits for load, the minimum dwell and a quiet window, never past wait.timeoutMs; a
 * page that never settles comes back with partial: true. Navigation failures (unknown host,
 * refused, TLS, HTTP ≥ 400, not HTML, timeout) are returned in navigationError, never thrown.
 *
 * @example
 * const capture = await capturePage(browser, 'https://site.test/', { wait: { timeoutMs: 30_000, minDwellMs: 1_000, quietWindowMs: 1_000 } });
 */
export async function capturePage(browser: AuditBrowser, url: string, options: CaptureOptions): Promise<PageCapture> {
  const startedAtMs = Date.now();
  const phases = new Phases(startedAtMs);
  const session = await browser.newPageSession();
  phases.end('session');
  try {
    const capture = await captureIn(session, url, options, startedAtMs, phases, browser.debug);
    browser.debug?.(`captured ${url} in ${capture.durationMs} ms: ${phases.summary()}`);
    return capture;
  } finally {
    await session.close();
  }
}

async function captureIn(session: PageSession, url: string, options: CaptureOptions, startedAtMs: number, phases: Phases, debug?: (message: string) => void): Promise<PageCapture> {
  const deadline = startedAtMs + options.wait.timeoutMs;
  let lastActivityAt = startedAtMs;
  const run = new CollectorRun(options.collectors ?? registeredCollectors, {
    session, startedAtMs, noteActivity: () => { lastActivityAt = Date.now(); }, ...(debug ? { debug } : {}),
  });
  await session.observe(run.targetObserver());
  await options.hooks?.beforeNavigation?.(session);
  phases.end('observe');
  const navigation = await navigate(session.page, url, deadline, options.wait.timeoutMs, run);
  phases.end('load');
  let partialReason = navigation.partialReason;
  if (navigation.loadedAt !== undefined) {
    await options.hooks?.afterLoad?.(session, { startedAtMs, deadline, lastActivityAt: () => lastActivityAt });
    const settled = await settle({ loadedAt: navigation.loadedAt, deadline, wait: options.wait, lastActivityAt: () => lastActivityAt });
    if (!settled.settled) partialReason = settled.reason;
  }
  if (navigation.committed) await options.hooks?.beforeEvidence?.(session);
  phases.end('settle');
  const { outputs, errors } = await run.finish({
    session, committed: navigation.committed, screenshot: options.screenshot ?? true,
    typedValues: options.hooks?.typedValues?.() ?? [], readTimeoutMs: READ_TIMEOUT_MS,
  });
  phases.end('evidence');
  const finalUrl = navigation.committed ? session.page.url() : url;
  return toPageCapture({ url, finalUrl, options, startedAtMs, navigation, partialReason, outputs, errors, main: run.mainDocument(finalUrl) });
}

interface CaptureParts {
  url: string;
  finalUrl: string;
  options: CaptureOptions;
  startedAtMs: number;
  navigation: Navigation;
  partialReason: string | undefined;
  outputs: Map<string, CollectorOutput<unknown>>;
  errors: CollectorError[];
  main: ReturnType<CollectorRun['mainDocument']>;
}

/**
 * The PageCapture of what was observed; optional fields only when known. Required collected fields
 * default to empty; optional ones (screenshot, and any a new collector adds) are copied as found.
 */
function toPageCapture(parts: CaptureParts): PageCapture {
  const { partialReason, main } = parts;
  const found: CollectorOutput<unknown>['evidence'] = Object.assign({}, ...[...parts.outputs.values()].map((output) => output.evidence));
  const { title = '', requests = [], websockets = [], cookies = [], storage = [], hints = [], ...optional } = found;
  const capture: PageCapture = {
    requestedUrl: parts.url,
    finalUrl: parts.finalUrl,
    title,
    partial: partialReason !== undefined,
    startedAt: new Date(parts.startedAtMs).toISOString(),
    durationMs: Date.now() - parts.startedAtMs,
    wait: parts.options.wait,
    requests,
    websockets,
    cookies,
    storage,
    hints,
    errors: parts.errors,
  };
  const navigationError = documentProblem(main) ?? parts.navigation.error;
  if (main?.status !== undefined) capture.status = main.status;
  if (main?.contentType) capture.contentType = main.contentType;
  if (partialReason !== undefined) capture.partialReason = partialReason;
  Object.assign(capture, optional);
  if (navigationError) capture.navigationError = navigationError;
  return capture;
}

/** Wall time of each capture phase, for --debug. */
class Phases {
  private readonly durations: string[] = [];
  constructor(private last: number) {}
  end(name: string): void {
    const now = Date.now();
    this.durations.push(`${name} ${now - this.last}`);
    this.last = now;
  }
  summary(): string {
    return this.durations.join(', ');
  }
}

/**
 * goto(waitUntil: 'load') bounded by the page deadline. A document that arrived but whose load
 * event never fired is a partial capture, not a failure; a navigation replaced by a script
 * redirect waits for the new document's load.
 */
async function navigate(page: Page, url: string, deadline: number, timeoutMs: number, witness: Pick<CollectorRun, 'mainDocument'>): Promise<Navigation> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: remaining(deadline) });
    return { committed: true, loadedAt: Date.now() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const arrived = witness.mainDocument(page.url())?.status !== undefined;
    if (/interrupted by another navigation/i.test(message)) return waitForReplacementLoad(page, deadline, timeoutMs);
    const failure = classifyNavigationFailure(message);
    if (failure.code === 'timeout' && arrived) return { committed: true, partialReason: `the load event did not fire within the ${timeoutMs} ms timeout` };
    if (failure.code === 'timeout') return { committed: false, error: { code: 'timeout', message: `no response from ${url} within ${timeoutMs} ms` }, partialReason: 'the page did not load before the timeout' };
    // A download or an HTTP error without a body still has a main document: documentProblem() names it.
    return { committed: false, error: failure };
  }
}

async function waitForReplacementLoad(page: Page, deadline: number, timeoutMs: number): Promise<Navigation> {
  try {
    await page.waitForLoadState('load', { timeout: remaining(deadline) });
    return { committed: true, loadedAt: Date.now() };
  } catch {
    return { committed: true, partialReason: `the load event did not fire within the ${timeoutMs} ms timeout` };
  }
}

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}
