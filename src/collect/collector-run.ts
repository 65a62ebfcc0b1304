/**
 * Drives the registered collectors through one capture (the contract: collector.ts): attaches them,
 * fans the CDP events of every target out to each, runs their end-of-capture reads in parallel, then
 * their finishes, and merges what they found.
 */
import type { CollectorError } from '../types.js';
import type { TargetNode, TargetObserver } from './cdp-tree.js';
import type {
  AttachedCollector, Collector, CollectorContext, CollectorEnd, CollectorOutput, MainDocument, TargetListener,
} from './collector.js';

/** What the capture tells the collectors at the end (CollectorEnd without the per-collector helpers). */
export type EndState = Omit<CollectorEnd, 'bounded' | 'resultOf'>;

interface Attached {
  id: string;
  collector: Collector<unknown>;
  run: AttachedCollector<unknown>;
}

/** The collectors of one capture, attached. */
export class CollectorRun {
  private readonly attached: Attached[];

  constructor(collectors: readonly Collector<unknown>[], ctx: CollectorContext) {
    this.attached = collectors.map((collector) => ({ id: collector.id, collector, run: collector.attach(ctx) }));
  }

  /** One target observer that fans every target's setup and events out to each collector's `cdp`. */
  targetObserver(): TargetObserver {
    return fanOut(this.attached.flatMap(({ run }) => (run.cdp ? [run.cdp] : [])));
  }

  /** What answered the navigation, from the collector that sees the main document. */
  mainDocument(finalUrl: string): MainDocument | undefined {
    for (const { run } of this.attached) {
      if (run.mainDocument) return run.mainDocument(finalUrl);
    }
    return undefined;
  }

  /**
   * Reads (in parallel), then finishes (in parallel; a finish may wait for another's result). Errors
   * come back in registry order: each collector's own, then its failed reads.
   */
  async finish(state: EndState): Promise<{ outputs: Map<string, CollectorOutput<unknown>>; errors: CollectorError[] }> {
    const readErrors = new Map<string, CollectorError[]>(this.attached.map(({ id }) => [id, []]));
    const finishes = new Map<Collector<unknown>, Promise<CollectorOutput<unknown>>>();
    const endOf = (id: string): CollectorEnd => ({
      ...state,
      bounded: (name, read) => bounded(name, read, state.readTimeoutMs, readErrors.get(id)!),
      resultOf: async <Shared>(other: Collector<Shared>): Promise<Shared> => {
        // Every finish has started before any of them asks (they are all started in one go).
        await undefined;
        const finished = finishes.get(other as Collector<unknown>);
        if (!finished) throw new Error(`collector ${id} needs ${other.id}, which is not registered`);
        return (await finished).shared as Shared;
      },
    });
    await Promise.all(this.attached.map(({ id, run }) => run.read?.(endOf(id))));
    for (const { id, collector, run } of this.attached) finishes.set(collector, run.finish(endOf(id)));
    const finished = await Promise.all(this.attached.map(({ collector }) => finishes.get(collector)!));
    const outputs = new Map<string, CollectorOutput<unknown>>();
    const errors: CollectorError[] = [];
    finished.forEach((output, index) => {
      outputs.set(this.attached[index]!.id, output);
      errors.push(...(output.errors ?? []));
    });
    for (const { id } of this.attached) errors.push(...readErrors.get(id)!);
    return { outputs, errors };
  }
}

/**
 * The setup commands of every listener, in order, and each event to every listener. A setup command
 * that fails is reported to the listener(s) that asked for it, or to all when none did.
 */
export function fanOut(listeners: readonly TargetListener[]): TargetObserver {
  return {
    setup: (node: TargetNode) => listeners.flatMap((listener) => listener.setup?.(node) ?? []),
    event: (node, method, params) => {
      for (const listener of listeners) listener.event?.(node, method, params);
    },
    error: (node, method, error) => {
      const askers = listeners.filter((listener) => listener.setup?.(node).some(([asked]) => asked === method));
      // A command no collector asked for (the SSRF guard's Fetch.enable) is never dropped: every collector hears of it.
      for (const listener of askers.length > 0 ? askers : listeners) listener.error?.(node, method, error);
    },
  };
}

async function bounded<T>(name: string, read: () => Promise<T>, timeoutMs: number, errors: CollectorError[]): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([read(), timeout]);
  } catch (error) {
    errors.push({ collector: name, message: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
