/** Fakes at the collector contract's seams: a page session and the end of a capture. */
import type { PageSession } from '../../../src/collect/browser.js';
import type { Collector, CollectorEnd } from '../../../src/collect/collector.js';
import type { TargetNode } from '../../../src/collect/cdp-tree.js';
import type { CollectorError } from '../../../src/types.js';

/** A PageSession whose parts are the given fakes (only what the collector under test touches). */
export function fakeSession(parts: { context?: object; page?: object; cdp?: object }): PageSession {
  return {
    context: (parts.context ?? {}) as PageSession['context'],
    page: (parts.page ?? {}) as PageSession['page'],
    cdp: (parts.cdp ?? {}) as PageSession['cdp'],
    target: { targetId: 'T', type: 'page', url: 'about:blank' },
    observe: async () => undefined,
    close: async () => undefined,
  };
}

/** The end of a capture, with other collectors' results given by collector. */
export function fakeEnd(session: PageSession, options: { committed?: boolean; screenshot?: boolean; readTimeoutMs?: number; results?: Map<Collector<never>, unknown> } = {}): CollectorEnd & { errors: CollectorError[] } {
  const errors: CollectorError[] = [];
  const readTimeoutMs = options.readTimeoutMs ?? 1_000;
  return {
    session,
    committed: options.committed ?? true,
    screenshot: options.screenshot ?? true,
    typedValues: [],
    readTimeoutMs,
    errors,
    async bounded(name, read) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([read(), new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), readTimeoutMs); })]);
      } catch (error) {
        errors.push({ collector: name, message: (error as Error).message });
        return undefined;
      } finally {
        clearTimeout(timer);
      }
    },
    async resultOf<Shared>(other: Collector<Shared>): Promise<Shared> {
      if (!options.results?.has(other as Collector<never>)) throw new Error(`no result for ${other.id}`);
      return options.results.get(other as Collector<never>) as Shared;
    },
  };
}

/** The page target (its id is the main frame's). */
export const PAGE_NODE: TargetNode = { info: { targetId: 'T', type: 'page', url: 'about:blank' }, channel: { send: async () => ({}) } };

/** Attaches, reads and finishes one collector as the capture does. */
export async function runCollector<Shared>(collector: Collector<Shared>, session: PageSession, end: CollectorEnd) {
  const attached = collector.attach({ session, startedAtMs: Date.now(), noteActivity: () => undefined });
  await attached.read?.(end);
  return attached.finish(end);
}
