import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { filterCompactRules } from '@duckduckgo/autoconsent';
import type { Frame } from 'playwright-core';
import type { PageSession } from '../collect/browser.js';
import type { CaptureHooks, CaptureTiming } from '../collect/capture-page.js';
import type { ConsentMode, ConsentRecord } from '../types.js';

/**
 * Answers cookie banners with DuckDuckGo's autoconsent (MPL-2.0): its content script is injected in
 * every frame before any page script runs (as its own Playwright runner and puppeteer guide do), it
 * asks Node for its configuration and rules over an exposed binding, and reports what it found and
 * did. Node keeps the last word on timing: autoconsent retries detection until the DOM changes, which
 * on a quiet page never happens, so souverain waits a bounded time and then states what it saw.
 */

const require = createRequire(import.meta.url);
// package.json is not exported; rules/rules.json is, one level below the package root.
const PACKAGE_DIR = dirname(dirname(require.resolve('@duckduckgo/autoconsent/rules/rules.json')));
let contentScript: string | undefined;
let fullRules: { autoconsent: AutoconsentRule[] } | undefined;
let compactRules: Parameters<typeof filterCompactRules>[0] | undefined;

/** The autoconsent version, recorded with the other tool versions in evidence bundles. */
export function autoconsentVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}

interface AutoconsentRule {
  name: string;
  runContext?: { main?: boolean; frame?: boolean; urlPattern?: string };
}

function script(): string {
  contentScript ??= readFileSync(join(PACKAGE_DIR, 'dist', 'autoconsent.playwright.js'), 'utf8');
  return contentScript;
}

/** Rules for one frame: compact opt-out rules (what autoconsent's own runner uses), full rules for opt-in. */
function rulesFor(mode: 'reject' | 'accept', url: string, mainFrame: boolean): object {
  if (mode === 'reject') {
    compactRules ??= JSON.parse(readFileSync(join(PACKAGE_DIR, 'rules', 'compact-rules.json'), 'utf8')) as Parameters<typeof filterCompactRules>[0];
    return { compact: filterCompactRules(compactRules, { url, mainFrame }) };
  }
  fullRules ??= JSON.parse(readFileSync(join(PACKAGE_DIR, 'rules', 'rules.json'), 'utf8')) as { autoconsent: AutoconsentRule[] };
  return { autoconsent: fullRules.autoconsent.filter((rule) => appliesTo(rule, url, mainFrame)) };
}

function appliesTo(rule: AutoconsentRule, url: string, mainFrame: boolean): boolean {
  const context = rule.runContext ?? {};
  if (mainFrame ? context.main === false : context.frame !== true) return false;
  if (!context.urlPattern) return true;
  try {
    return new RegExp(context.urlPattern).test(url);
  } catch {
    return false;
  }
}

function configFor(mode: 'reject' | 'accept'): object {
  return {
    enabled: true,
    autoAction: mode === 'reject' ? 'optOut' : 'optIn',
    disabledCmps: [],
    // No prehiding or cosmetic hiding: a banner hidden is not a banner answered, and the screenshot must show the page as served.
    enablePrehide: false,
    enableCosmeticRules: false,
    enableGeneratedRules: true,
    detectRetries: 20,
    isMainWorld: true,
    prehideTimeout: 2000,
    // The heuristic detector may click "accept" when it finds no reject button (tier2): only allow it to reject.
    enableHeuristicDetection: true,
    heuristicMode: mode === 'reject' ? 'reject' : 'off',
    enablePopupMutationObserver: false,
    visualTest: false,
    performanceLoggingEnabled: false,
    heuristicPopupSearchTimeout: 1000,
    logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
  };
}

/**
 * Stamps each message with the page's clock when it is sent: the binding delivers it to Node later,
 * after autoconsent has already clicked, and "what loaded after the answer" needs the page-side time.
 */
const STAMP_MESSAGES = `(() => {
  const send = window.autoconsentSendMessage;
  if (typeof send !== 'function' || send.souverainStamped) return;
  const stamped = (message) => send(Object.assign({}, message, { sentAt: Date.now() }));
  stamped.souverainStamped = true;
  window.autoconsentSendMessage = stamped;
})();`;

export interface ConsentOptions {
  /** How long to look for a banner on a page that shows none (ms). Default 3000. */
  detectMs?: number;
  /** How long a found banner may take to be answered (ms). Default 10000. */
  answerMs?: number;
}

/** What happened on the page, as autoconsent reported it. */
interface Observed {
  cmp?: string;
  popupFound: boolean;
  result?: boolean;
  /** Date.now() when autoconsent found the open banner and started answering it (its first click follows at once). */
  answeringAt?: number;
  resultAt?: number;
  heuristicPatterns: string[];
  error?: string;
}

/** A consent state for one capture: hooks to give to capturePage, and the record once it is done. */
export interface ConsentSession {
  hooks: CaptureHooks;
  record(): ConsentRecord;
}

/**
 * Consent handling for one capture in `mode`. For 'none' it does nothing (the page as a visitor sees
 * it before touching anything).
 *
 * @example
 * const consent = consentSession('reject');
 * const capture = await capturePage(browser, url, { wait, hooks: consent.hooks });
 * capture.consent = consent.record(); // { mode: 'reject', outcome: 'handled', cmp: 'cookieyes', answeredAtMs: 812 }
 */
export function consentSession(mode: ConsentMode, options: ConsentOptions = {}): ConsentSession {
  if (mode === 'none') return { hooks: {}, record: () => ({ mode, outcome: 'not-attempted' }) };
  const observed: Observed = { popupFound: false, heuristicPatterns: [] };
  let startedAtMs = 0;
  let ran = false;
  const hooks: CaptureHooks = {
    beforeNavigation: async (session) => {
      await session.context.exposeBinding('autoconsentSendMessage', ({ frame }: { frame: Frame }, message: unknown) => onMessage(mode, frame, message, observed));
      await session.context.addInitScript({ content: STAMP_MESSAGES });
      await session.context.addInitScript({ content: script() });
    },
    afterLoad: async (session, timing) => {
      ran = true;
      startedAtMs = timing.startedAtMs;
      await waitForAnswer(session, timing, observed, options);
    },
  };
  return { hooks, record: () => toRecord(mode, observed, ran, startedAtMs) };
}

async function onMessage(mode: 'reject' | 'accept', frame: Frame, message: unknown, observed: Observed): Promise<void> {
  if (!message || typeof message !== 'object') return;
  const m = message as { type: string; sentAt?: number; cmp?: string; result?: boolean; id?: string; code?: string; url?: string; state?: { heuristicPatterns?: string[] }; mainFrame?: boolean; details?: unknown };
  switch (m.type) {
    case 'init': {
      const reply = { type: 'initResp', config: configFor(mode), rules: rulesFor(mode, frame.url(), frame.parentFrame() === null) };
      await frame.evaluate(`window.autoconsentReceiveMessage(${JSON.stringify(reply)})`).catch(() => undefined);
      return;
    }
    case 'eval': {
      const result = await frame.evaluate(m.code ?? 'false').catch(() => false);
      await frame.evaluate(`window.autoconsentReceiveMessage(${JSON.stringify({ type: 'evalResp', id: m.id, result })})`).catch(() => undefined);
      return;
    }
    case 'cmpDetected':
      observed.cmp ??= m.cmp;
      return;
    case 'popupFound':
      observed.cmp = m.cmp;
      observed.popupFound = true;
      observed.answeringAt ??= m.sentAt ?? Date.now();
      return;
    case 'optOutResult':
    case 'optInResult':
      observed.cmp = m.cmp ?? observed.cmp;
      observed.result = m.result === true;
      observed.resultAt = m.sentAt ?? Date.now();
      return;
    case 'report':
      if (m.mainFrame && m.state?.heuristicPatterns?.length) observed.heuristicPatterns = m.state.heuristicPatterns;
      return;
    case 'autoconsentError':
      observed.error = JSON.stringify(m.details).slice(0, 300);
      return;
  }
}

/**
 * Waits until the banner was answered, or nothing was found within detectMs, or a found banner was
 * not answered within answerMs — never past the capture deadline.
 */
async function waitForAnswer(session: PageSession, timing: CaptureTiming, observed: Observed, options: ConsentOptions): Promise<void> {
  // A page that committed before the init script ran (rare) gets the script now, as autoconsent's runner does.
  await session.page.evaluate(`window.autoconsentReceiveMessage ? undefined : (${JSON.stringify(script())}, undefined)`).catch(() => undefined);
  const start = Date.now();
  const detectUntil = start + (options.detectMs ?? 3000);
  const answerUntil = start + (options.answerMs ?? 10_000);
  for (;;) {
    const now = Date.now();
    if (observed.result !== undefined || now >= timing.deadline) return;
    if (!observed.cmp && now >= detectUntil) return;
    if (now >= answerUntil) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function toRecord(mode: ConsentMode, observed: Observed, ran: boolean, startedAtMs: number): ConsentRecord {
  const cmp = observed.cmp ? { cmp: observed.cmp } : {};
  if (!ran) return { mode, outcome: 'failed', detail: 'the page did not load, no banner could be answered' };
  if (observed.result === true) {
    // The choice counts from the moment autoconsent started answering: the click that loads (or should stop) trackers follows within milliseconds.
    const answeredAt = observed.answeringAt ?? observed.resultAt ?? startedAtMs;
    return { mode, outcome: 'handled', ...cmp, answeredAtMs: Math.max(0, answeredAt - startedAtMs) };
  }
  if (observed.result === false) return { mode, outcome: 'failed', ...cmp, detail: `the ${observed.cmp ?? 'consent'} banner was found but the "${mode} all" steps did not succeed` };
  if (observed.popupFound) return { mode, outcome: 'failed', ...cmp, detail: `the ${observed.cmp} banner was found but not answered in time` };
  if (observed.heuristicPatterns.length > 0) {
    return { mode, outcome: 'failed', ...cmp, detail: `the page mentions cookie consent (${observed.heuristicPatterns.slice(0, 3).join(', ')}) but no known banner could be answered` };
  }
  if (observed.cmp) return { mode, outcome: 'no-banner', ...cmp, detail: `the ${observed.cmp} consent tool is present but showed no banner` };
  return { mode, outcome: 'no-banner' };
}
