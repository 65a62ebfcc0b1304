import { accessSync, constants, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { LocalisedUsageError } from '../shared/errors.js';
import type { BrowserInfo } from '../types.js';
import type { TargetInfo } from './cdp-types.js';
import { TargetTree, type TargetObserver } from './cdp-tree.js';
import { chromiumArgs } from './chromium-flags.js';
import type { ConnectToRule } from './connect-to.js';

export interface BrowserOptions {
  /** Chromium binary; else $SOUVERAIN_CHROMIUM, else /usr/bin/chromium, else chromium, chromium-browser or google-chrome on PATH. */
  executablePath?: string;
  /** --connect-to rules, applied with --host-resolver-rules (Host and SNI stay the original). */
  connectTo?: ConnectToRule[];
  /** Accept any certificate (self-signed test worlds, staging servers). */
  insecure?: boolean;
  /**
   * The caller handles SIGINT/SIGTERM (it closes the browser itself and writes a partial report):
   * Playwright must not kill the browser and exit on its own.
   */
  callerHandlesSignals?: boolean;
  /** HTTP authentication for one origin (from a target URL with user:password), sent nowhere else. */
  httpCredentials?: { username: string; password: string; origin: string };
  /** Log capture internals (requests, CDP failures) to stderr. */
  debug?: boolean;
  /**
   * Checked before every request any target of the page sends (documents, subresources, workers,
   * every redirect hop): a returned reason makes Chromium fail the request (net::ERR_ACCESS_DENIED).
   * The server's SSRF guard (src/server/ssrf-guard.ts, decision 0037).
   */
  requestGuard?: RequestGuard;
}

/** Returns why a request must not leave the browser, or undefined to let it go. Must not reject. */
export type RequestGuard = (url: string) => Promise<string | undefined>;

/**
 * One page's private browser state: a fresh incognito context (own cookie jar, storage, cache and
 * service workers) with one page and a CDP session on it. See docs/decisions/0003-browser-state.md.
 */
export interface PageSession {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly cdp: CDPSession;
  /** The page target (its id is also the main frame's id). */
  readonly target: TargetInfo;
  /**
   * Observes the page and every target it creates, recursively: out-of-process iframes, dedicated,
   * service and shared workers, popups. Each new target is paused until the observer's setup ran.
   */
  observe(observer: TargetObserver): Promise<void>;
  close(): Promise<void>;
}

/** One Chromium for a whole audit; every page capture gets its own PageSession. */
export interface AuditBrowser {
  info: BrowserInfo;
  newPageSession(): Promise<PageSession>;
  close(): Promise<void>;
  /** Writes a debug line when BrowserOptions.debug was set. */
  debug?: (message: string) => void;
}

// The most common desktop size: the report's screenshot is taken at this width (decision 0028).
const VIEWPORT = { width: 1366, height: 768 };

/**
 * The profile preference that lets third-party cookies through, as on the real web: Chromium 156
 * blocks them by default (BROWSER-NOTES.md, "Cookies and storage"). Incognito contexts created
 * from this profile inherit it (measured: docs/decisions/0003-browser-state.md).
 */
// alternate_error_pages off: otherwise a DNS error page makes Chromium probe google.com through the
// system resolver and 8.8.8.8 (DnsProbeService) — traffic to neither the audited service nor the
// configured resolver (seen with tcpdump on these machines).
const PROFILE_PREFERENCES = { profile: { cookie_controls_mode: 0 }, alternate_error_pages: { enabled: false } };

const INSTALL_CHROMIUM = {
  en: 'install it: apt-get install chromium, or set --chromium PATH / SOUVERAIN_CHROMIUM',
  fr: 'installez-le : apt-get install chromium, ou indiquez --chromium CHEMIN / SOUVERAIN_CHROMIUM',
};

/**
 * Finds the Chromium binary: the explicit path, $SOUVERAIN_CHROMIUM, /usr/bin/chromium, then
 * chromium, chromium-browser, google-chrome on PATH.
 *
 * @example findChromium() // '/usr/bin/chromium'
 */
export function findChromium(explicitPath?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicitPath ?? env.SOUVERAIN_CHROMIUM;
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new LocalisedUsageError({ en: `Chromium not found at ${chosen}`, fr: `Chromium introuvable à ${chosen}` }, INSTALL_CHROMIUM);
  }
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = ['/usr/bin/chromium', ...['chromium', 'chromium-browser', 'google-chrome'].flatMap((name) => onPath.map((dir) => join(dir, name)))];
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new LocalisedUsageError(
    {
      en: 'Chromium not found (looked for /usr/bin/chromium, chromium, chromium-browser, google-chrome)',
      fr: 'Chromium introuvable (cherché : /usr/bin/chromium, chromium, chromium-browser, google-chrome)',
    },
    INSTALL_CHROMIUM,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A browser that does not start (not Chromium, crashes, missing libraries) is the user's to fix: one line. */
function launchFailure(executablePath: string, error: unknown): LocalisedUsageError {
  const detail = ((error as Error).message ?? String(error)).split('\n')[0]!.replace(/^browserType\.launchPersistentContext: /, '').slice(0, 200);
  return new LocalisedUsageError(
    { en: `Chromium ${executablePath} did not start (${detail})`, fr: `Chromium ${executablePath} n’a pas démarré (${detail})` },
    { en: 'give a working Chromium with --chromium or $SOUVERAIN_CHROMIUM (run it with --version to check); --debug shows more', fr: 'indiquez un Chromium qui fonctionne avec --chromium ou $SOUVERAIN_CHROMIUM (lancez-le avec --version pour vérifier) ; --debug en montre plus' },
  );
}

/**
 * Starts the audit browser: a persistent profile (for the cookie preference) whose incognito
 * contexts give each page a clean state; Chromium's own phone-home diverted to a refusing port.
 *
 * @example
 * const browser = await launchBrowser({ connectTo: [parseConnectTo('127.0.0.1')] });
 * try { const capture = await capturePage(browser, 'https://site.test/', { wait }); } finally { await browser.close(); }
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<AuditBrowser> {
  const executablePath = findChromium(options.executablePath);
  const userDataDir = await mkdtemp(join(tmpdir(), 'souverain-chromium-'));
  const debug = options.debug ? (message: string) => process.stderr.write(`[browser] ${message}\n`) : undefined;
  // If the process dies without close(), the profile must not pile up in /tmp.
  const removeProfile = () => rmSync(userDataDir, { recursive: true, force: true });
  process.once('exit', removeProfile);
  try {
    await mkdir(join(userDataDir, 'Default'));
    await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(PROFILE_PREFERENCES));
    const profile = await chromium.launchPersistentContext(userDataDir, {
      executablePath, args: chromiumArgs(options), headless: true, viewport: VIEWPORT,
      ...(options.callerHandlesSignals ? { handleSIGINT: false, handleSIGTERM: false } : {}),
    })
      .catch((error: unknown) => Promise.reject(launchFailure(executablePath, error)));
    const browser = profile.browser();
    if (!browser) throw new Error('Chromium gave no browser handle for the persistent context');
    const sharedWorkers = await watchSharedWorkers(browser, debug);
    let closing: Promise<void> | undefined;
    const userAgent = ordinaryUserAgent(browser.version());
    return {
      info: { executablePath, version: browser.version() },
      debug,
      newPageSession: () => openPageSession(browser, {
        userAgent, insecure: options.insecure ?? false, sharedWorkers,
        ...(options.httpCredentials ? { httpCredentials: options.httpCredentials } : {}),
        ...(options.requestGuard ? { requestGuard: options.requestGuard } : {}),
      }),
      // Once only: an interruption and the normal end may both close the browser.
      close: () => (closing ??= (async () => {
        sharedWorkers.dispose();
        await profile.close().catch(() => undefined);
        process.off('exit', removeProfile);
        // Chromium's last writes may still land while the tree is removed: retry.
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      })()),
    };
  } catch (error) {
    process.off('exit', removeProfile);
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Headless Chromium says "HeadlessChrome" in its user agent, which some sites answer with a bot
 * wall instead of the page a visitor gets; souverain presents the ordinary desktop string.
 */
export function ordinaryUserAgent(version: string): string {
  const major = version.split('.')[0] ?? version;
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

interface SharedWorkerWatch {
  /** Routes the shared workers of a browser context to an observer. */
  register(browserContextId: string, observer: TargetObserver): void;
  unregister(browserContextId: string): void;
  dispose(): void;
}

/**
 * Shared workers belong to no page, so a page's auto-attach never reaches them (measured:
 * BROWSER-NOTES.md); browser-level discovery does, early enough in practice to see their first
 * requests (Chromium creates the target before fetching the worker script).
 */
async function watchSharedWorkers(browser: Browser, debug?: (message: string) => void): Promise<SharedWorkerWatch> {
  const session = await browser.newBrowserCDPSession();
  const tree = new TargetTree(session, { targetId: 'browser', type: 'browser', url: '' });
  const observers = new Map<string, TargetObserver>();
  session.on('Target.targetCreated', ({ targetInfo }) => {
    const observer = observers.get(targetInfo.browserContextId ?? '');
    if (targetInfo.type !== 'shared_worker' || !observer) return;
    tree.adopt(targetInfo, observer).catch((error: Error) => debug?.(`shared worker ${targetInfo.url}: ${error.message}`));
  });
  await session.send('Target.setDiscoverTargets', { discover: true, filter: [{ type: 'shared_worker' }, { exclude: true }] });
  return {
    register: (id, observer) => observers.set(id, observer),
    unregister: (id) => observers.delete(id),
    dispose: () => tree.dispose(),
  };
}

async function openPageSession(browser: Browser, settings: { userAgent: string; insecure: boolean; sharedWorkers: SharedWorkerWatch; httpCredentials?: BrowserOptions['httpCredentials']; requestGuard?: RequestGuard }): Promise<PageSession> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    userAgent: settings.userAgent,
    ignoreHTTPSErrors: settings.insecure,
    ...(settings.httpCredentials ? { httpCredentials: settings.httpCredentials } : {}),
    acceptDownloads: false,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    const target: TargetInfo = { targetId: targetInfo.targetId, type: targetInfo.type, url: targetInfo.url, browserContextId: targetInfo.browserContextId };
    return pageSession(context, page, cdp, target, settings.sharedWorkers, settings.requestGuard);
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

function pageSession(context: BrowserContext, page: Page, cdp: CDPSession, target: TargetInfo, sharedWorkers: SharedWorkerWatch, guard?: RequestGuard): PageSession {
  const trees: TargetTree[] = [];
  const contextId = target.browserContextId ?? '';
  return {
    context,
    page,
    cdp,
    target,
    observe: async (recorder) => {
      const observer = guard ? guardedObserver(recorder, guard) : recorder;
      const tree = new TargetTree(cdp, target, observer);
      trees.push(tree);
      sharedWorkers.register(contextId, observer);
      context.on('page', (popup) => void observePopup(context, popup, observer, trees));
      await tree.start();
    },
    close: async () => {
      sharedWorkers.unregister(contextId);
      for (const tree of trees) tree.dispose();
      await context.close().catch(() => undefined);
    },
  };
}

/** Popups (window.open) are separate page targets; they are attached as soon as Playwright reports them. */
async function observePopup(context: BrowserContext, popup: Page, observer: TargetObserver, trees: TargetTree[]): Promise<void> {
  try {
    const cdp = await context.newCDPSession(popup);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    const tree = new TargetTree(cdp, { targetId: targetInfo.targetId, type: 'popup', url: targetInfo.url }, observer);
    trees.push(tree);
    await tree.start();
  } catch {
    // The popup closed before it could be observed: nothing more to record.
  }
}

/**
 * Adds request interception to every target the observer sees: the Fetch domain pauses each request
 * (redirect hops included: each hop is paused again) until the guard has answered. Requests the guard
 * refuses fail with AccessDenied, so the capture records them as failed, never as sent.
 */
function guardedObserver(observer: TargetObserver, guard: RequestGuard): TargetObserver {
  return {
    setup: (node) => [...observer.setup(node), ['Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] }]],
    error: (node, method, error) => observer.error(node, method, error),
    event: (node, method, params) => {
      if (method !== 'Fetch.requestPaused') return observer.event(node, method, params);
      const { requestId, request } = params as { requestId: string; request: { url: string } };
      void guard(request.url)
        .catch((error: Error) => `guard failed: ${error.message}`)
        .then((refusal) => node.channel.send(refusal ? 'Fetch.failRequest' : 'Fetch.continueRequest', refusal ? { requestId, errorReason: 'AccessDenied' } : { requestId }))
        .catch(() => undefined); // the target went away: nothing left to release
    },
  };
}
