import type { Frame, Page } from 'playwright-core';
import type { ResourceHint, StorageRecord } from '../../types.js';
import { toHint, uniqueHints } from './hints.js';

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
 */
export async function readFrameStates(pages: readonly Page[], timeoutMs: number): Promise<FrameState[]> {
  const frames = pages.flatMap((page) => page.frames());
  const states = await Promise.all(frames.map((frame) => readFrame(frame, timeoutMs)));
  return states.filter((state): state is FrameState => state !== undefined);
}

async function readFrame(frame: Frame, timeoutMs: number): Promise<FrameState | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    const read = frame.evaluate(READ_FRAME_STATE) as Promise<FrameState>;
    return await Promise.race([read.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
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
