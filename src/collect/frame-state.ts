import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { ResourceHint, StorageRecord } from '../types.js';
import { toHint, uniqueHints } from './resource-hints.js';

/** What one frame holds: its origin's storage keys and the hint links in its DOM. */
export interface FrameState {
  origin: string;
  url: string;
  localStorage: string[] | null;
  sessionStorage: string[] | null;
  indexedDB: string[] | null;
  links: Array<[rel: string, href: string]>;
}

/** Keys kept per origin and kind: enough to show what is stored, bounded against hostile pages. */
const MAX_KEYS = 200;

/**
 * Runs in the page. A string rather than a function: the TypeScript loader may add helpers to a
 * compiled function that do not exist in the page. Storage access throws in opaque origins and
 * sandboxed frames, so each read is guarded; indexedDB.databases() is bounded in time.
 */
const READ_FRAME_STATE = `(async () => {
  const keysOf = (storage) => { const keys = []; for (let i = 0; i < storage.length && i < ${MAX_KEYS}; i++) keys.push(storage.key(i)); return keys; };
  const state = { origin: location.origin, url: location.href, localStorage: null, sessionStorage: null, indexedDB: null, links: [] };
  try { state.localStorage = keysOf(localStorage); } catch {}
  try { state.sessionStorage = keysOf(sessionStorage); } catch {}
  try {
    if (indexedDB.databases) {
      const dbs = await Promise.race([indexedDB.databases(), new Promise((resolve) => setTimeout(() => resolve(null), 500))]);
      if (dbs) state.indexedDB = dbs.map((db) => db.name).filter(Boolean).slice(0, ${MAX_KEYS});
    }
  } catch {}
  for (const link of document.querySelectorAll('link[rel][href]')) state.links.push([String(link.rel), String(link.href)]);
  return state;
})()`;

/**
 * Reads storage keys and DOM hints from every frame of the pages, in parallel, each frame bounded
 * by `timeoutMs` (a frame stuck in a loop never answers). Frames that fail are skipped.
 *
 * The reading runs in an isolated world (Page.createIsolatedWorld, as extensions' content scripts
 * do), never in the page's own JavaScript context: there a page could redefine localStorage,
 * Storage.prototype or querySelectorAll and hide its trackers' keys or invent hint hosts. An
 * isolated world shares the DOM and the storage but none of the page's JavaScript objects.
 */
export async function readFrameStates(context: BrowserContext, pages: readonly Page[], timeoutMs: number): Promise<FrameState[]> {
  const sessions = await frameSessions(context, pages);
  try {
    const read = Promise.all(sessions.map((session) => readSessionFrames(session, timeoutMs)));
    const states = await Promise.race([read, delay(timeoutMs + 500).then(() => [] as FrameState[][])]);
    return states.flat();
  } finally {
    await Promise.all(sessions.map((session) => session.detach().catch(() => undefined)));
  }
}

/**
 * One CDP session per frame that has a target of its own (the main frame, out-of-process iframes);
 * frames in the same process are reached through their parent's session.
 */
async function frameSessions(context: BrowserContext, pages: readonly Page[]): Promise<CDPSession[]> {
  const frames = pages.flatMap((page) => page.frames());
  const sessions = await Promise.all(frames.map((frame) => context.newCDPSession(frame).catch(() => undefined)));
  return sessions.filter((session): session is CDPSession => session !== undefined);
}

interface CdpFrameTree { frame: { id: string }; childFrames?: CdpFrameTree[] }

async function readSessionFrames(session: CDPSession, timeoutMs: number): Promise<FrameState[]> {
  let tree: CdpFrameTree;
  try {
    ({ frameTree: tree } = await session.send('Page.getFrameTree') as { frameTree: CdpFrameTree });
  } catch {
    return [];
  }
  const ids: string[] = [];
  const walk = (node: CdpFrameTree): void => { ids.push(node.frame.id); node.childFrames?.forEach(walk); };
  walk(tree);
  const states = await Promise.all(ids.map((frameId) => readFrameIsolated(session, frameId, timeoutMs)));
  return states.filter((state): state is FrameState => state !== undefined);
}

/** A frame of another process (an out-of-process iframe listed in its parent's tree) fails here and is read through its own session. */
async function readFrameIsolated(session: CDPSession, frameId: string, timeoutMs: number): Promise<FrameState | undefined> {
  try {
    const { executionContextId } = await session.send('Page.createIsolatedWorld', { frameId, worldName: 'souverain-evidence' }) as { executionContextId: number };
    const answer = await session.send('Runtime.evaluate', {
      expression: READ_FRAME_STATE, contextId: executionContextId, awaitPromise: true, returnByValue: true, timeout: timeoutMs,
    }) as { result?: { value?: FrameState }; exceptionDetails?: unknown };
    return answer.exceptionDetails ? undefined : answer.result?.value;
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => { setTimeout(resolve, ms).unref(); });
}

/** Non-empty storage key lists per origin and kind; frames of one origin are merged. */
export function storageRecords(states: readonly FrameState[]): StorageRecord[] {
  const byKey = new Map<string, StorageRecord>();
  for (const state of states) {
    if (!state.origin || state.origin === 'null') continue;
    addKeys(byKey, state.origin, 'localStorage', state.localStorage);
    addKeys(byKey, state.origin, 'sessionStorage', state.sessionStorage);
    addKeys(byKey, state.origin, 'indexedDB', state.indexedDB);
  }
  return [...byKey.values()];
}

function addKeys(byKey: Map<string, StorageRecord>, origin: string, kind: StorageRecord['kind'], keys: string[] | null): void {
  if (!keys || keys.length === 0) return;
  const id = `${origin} ${kind}`;
  const record = byKey.get(id) ?? { origin, kind, keys: [] };
  for (const key of keys) if (!record.keys.includes(key)) record.keys.push(key);
  byKey.set(id, record);
}

/** Hint links of every frame (rel may list several relations). */
export function domHints(states: readonly FrameState[]): ResourceHint[] {
  const hints: ResourceHint[] = [];
  for (const state of states) {
    for (const [rels, href] of state.links) {
      for (const rel of rels.trim().split(/\s+/)) {
        const hint = toHint(rel, href, state.url);
        if (hint) hints.push(hint);
      }
    }
  }
  return uniqueHints(hints);
}
