/**
 * The collector contract. A collector is one file, src/collect/collectors/<id>.ts, exporting
 * `collector: Collector`, listed in src/collect/collectors/index.ts (a test checks the list against the
 * folder and that each one has its test). The capture (capture-page.ts) drives every registered
 * collector through the same three steps, as tracker-radar-collector does (init/addTarget → postLoad →
 * getData):
 *
 * 1. `attach(ctx)` before navigation: the collector keeps its per-page state in what it returns and
 *    may listen to the CDP events of every target of the page (`cdp`: the capture fans target events
 *    out to every collector — page, out-of-process iframes, workers, popups, shared workers).
 * 2. `read(end)` once the page settled, while it is still open: reads from the page (cookie jar,
 *    frames, screenshot). The reads of all collectors run in parallel, each bounded in time.
 * 3. `finish(end)` after every read: builds the collector's part of the PageCapture (`evidence`) and
 *    what other collectors may use (`shared`, through `end.resultOf(otherCollector)`).
 */
import type { CollectorError, PageCapture } from '../types.js';
import type { PageSession } from './browser.js';
import type { TargetNode } from './cdp-tree.js';
import type { TypedValue } from './network/outgoing.js';

/** What a collector is attached with, once per page capture. */
export interface CollectorContext {
  readonly session: PageSession;
  /** Date.now() at the start of the capture (RequestRecord.startMs counts from it). */
  readonly startedAtMs: number;
  /** A request just started: the capture's quiet window waits for it. */
  noteActivity(): void;
  /** Writes a line with --debug. */
  readonly debug?: (message: string) => void;
}

/** The CDP events of every target of the page, as the capture fans them out. */
export interface TargetListener {
  /** Commands sent to a new target while it is still paused, in order (e.g. Network.enable). */
  setup?(node: TargetNode): Array<[method: string, params?: object]>;
  event?(node: TargetNode, method: string, params: unknown): void;
  /** One of this listener's setup commands failed on a target that is still attached. */
  error?(node: TargetNode, method: string, error: Error): void;
}

/** What the end of a capture offers each collector. */
export interface CollectorEnd {
  readonly session: PageSession;
  /** A document is shown: frames, title and screenshot are worth reading. */
  readonly committed: boolean;
  /** CaptureOptions.screenshot (default true). */
  readonly screenshot: boolean;
  /** The values souverain typed (journeys), for the requests that carried them. */
  readonly typedValues: readonly TypedValue[];
  /** Time allowed to each end-of-capture read. */
  readonly readTimeoutMs: number;
  /**
   * Runs one read of the page bounded by readTimeoutMs; a failure or a timeout becomes an error entry
   * of this collector (`name` says which read) and undefined.
   */
  bounded<T>(name: string, read: () => Promise<T>): Promise<T | undefined>;
  /** Another collector's `shared` result, once its finish is done (no cycles). */
  resultOf<Shared>(other: Collector<Shared>): Promise<Shared>;
}

/** What a collector adds to the capture. */
export interface CollectorOutput<Shared> {
  /** Its fields of the PageCapture (each field belongs to one collector). */
  evidence: Partial<Pick<PageCapture, CollectedField>>;
  /** For other collectors (never in the report). */
  shared?: Shared;
  /** Problems met (a failed read, a CDP command refused): become PageCapture.errors. */
  errors?: CollectorError[];
}

/** The PageCapture fields collectors fill; the others (URLs, timing, navigation) are the capture's own. */
export type CollectedField = 'title' | 'requests' | 'websockets' | 'cookies' | 'storage' | 'hints' | 'screenshot';

/** One collector attached to one page. */
export interface AttachedCollector<Shared> {
  /** Listens to every target of the page. */
  readonly cdp?: TargetListener;
  /** Reads from the page after it settled (optional). */
  read?(end: CollectorEnd): Promise<void>;
  finish(end: CollectorEnd): Promise<CollectorOutput<Shared>>;
  /**
   * Only the collector that sees the main document's network events (network): what answered the
   * navigation to `finalUrl`, for the capture's status and navigation error.
   */
  mainDocument?(finalUrl: string): MainDocument | undefined;
}

export interface Collector<Shared = unknown> {
  /** Also its file name in src/collect/collectors/ and the `collector` of its error entries. */
  readonly id: string;
  attach(ctx: CollectorContext): AttachedCollector<Shared>;
}

/** The main document as the network saw it. */
export interface MainDocument {
  url: string;
  status?: number;
  contentType?: string;
  failure?: string;
}
