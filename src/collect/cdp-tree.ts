import type { CDPSession } from 'playwright-core';
import type { AttachedToTarget, TargetInfo } from './cdp-types.js';

/** Anything CDP commands can be sent through: a Playwright CDPSession or a nested target session. */
export interface CdpChannel {
  send(method: string, params?: object): Promise<unknown>;
}

/** One target (page, iframe, worker, service worker, shared worker) reached by the capture. */
export interface TargetNode {
  readonly info: TargetInfo;
  readonly channel: CdpChannel;
  readonly parent?: TargetNode;
}

/** What the capture does with each target: the commands that prepare it, and its events. */
export interface TargetObserver {
  /** Commands sent to a new target while it is still paused, in order (e.g. Network.enable). */
  setup(node: TargetNode): Array<[method: string, params?: object]>;
  event(node: TargetNode, method: string, params: unknown): void;
  /** A setup command failed on a target that is still attached. */
  error(node: TargetNode, method: string, error: Error): void;
}

/**
 * Playwright's client only speaks to one CDP session per target and hides the flat child sessions
 * it uses itself, so child targets are reached the older "non-flat" way: commands travel wrapped in
 * Target.sendMessageToTarget and answers come back in Target.receivedMessageFromTarget.
 */
class ChildChannel implements CdpChannel {
  private lastId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private closed = false;

  constructor(private readonly parent: CdpChannel, readonly sessionId: string) {}

  send(method: string, params: object = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error(`${method}: target detached`));
    const id = ++this.lastId;
    const message = JSON.stringify({ id, method, params });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.parent.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message }).catch((error: Error) => {
        if (this.pending.delete(id)) reject(error);
      });
    });
  }

  /** Settles the command a message answers, or returns the event it carries. */
  receive(message: string): { method: string; params: unknown } | undefined {
    const parsed = JSON.parse(message) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
    if (parsed.id !== undefined) {
      const waiter = this.pending.get(parsed.id);
      this.pending.delete(parsed.id);
      if (parsed.error) waiter?.reject(new Error(parsed.error.message));
      else waiter?.resolve(parsed.result);
      return undefined;
    }
    return parsed.method ? { method: parsed.method, params: parsed.params } : undefined;
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.pending.values()) waiter.reject(new Error('target detached'));
    this.pending.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

class Node implements TargetNode {
  readonly children = new Map<string, { node: Node; channel: ChildChannel }>();
  constructor(
    readonly info: TargetInfo,
    readonly channel: CdpChannel,
    readonly observer: TargetObserver | undefined,
    readonly parent?: Node,
  ) {}
}

/** Errors that only mean the target went away first (a short-lived iframe or worker): not evidence lost. */
const GONE = /No session with given id|Target closed|target detached|Session closed|not found/i;

/** Auto-attach settings for every target: pause new children until their setup commands ran. */
const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: false };

/**
 * The tree of targets under one CDP session, attached recursively (page → out-of-process iframes
 * → their workers …). Each new target is paused at start, prepared by the observer, then resumed,
 * so a worker's first request is not missed.
 */
export class TargetTree {
  readonly root: TargetNode;
  private readonly rootNode: Node;
  private readonly adoptions = new Map<string, TargetObserver>();
  private readonly listener: (event: { method: string; params?: unknown }) => void;

  constructor(private readonly session: CDPSession, rootInfo: TargetInfo, observer?: TargetObserver) {
    this.rootNode = new Node(rootInfo, session as unknown as CdpChannel, observer);
    this.root = this.rootNode;
    this.listener = ({ method, params }) => this.handle(this.rootNode, method, params);
    session.on('event', this.listener);
  }

  /** Prepares the root target and starts auto-attaching its children; resolves once all answered. */
  async start(): Promise<void> {
    await this.prepare(this.rootNode, false);
  }

  /**
   * Attaches a target this session does not auto-attach (a shared worker seen through browser-level
   * discovery) and observes it and its children with `observer`.
   */
  async adopt(info: TargetInfo, observer: TargetObserver): Promise<void> {
    this.adoptions.set(info.targetId, observer);
    try {
      const { sessionId } = (await this.session.send('Target.attachToTarget', { targetId: info.targetId, flatten: false })) as { sessionId: string };
      if (!this.rootNode.children.has(sessionId)) this.attach(this.rootNode, { sessionId, targetInfo: info }, observer);
    } finally {
      this.adoptions.delete(info.targetId);
    }
  }

  /** Stops listening; pending commands to children are rejected. */
  dispose(): void {
    this.session.off('event', this.listener);
    closeAll(this.rootNode);
  }

  private handle(node: Node, method: string, params: unknown): void {
    if (method === 'Target.attachedToTarget') return this.onAttached(node, params as AttachedToTarget);
    if (method === 'Target.receivedMessageFromTarget') return this.onMessage(node, params as { sessionId: string; message: string });
    if (method === 'Target.detachedFromTarget') return this.onDetached(node, params as { sessionId: string });
    node.observer?.event(node, method, params);
  }

  private onAttached(parent: Node, attached: AttachedToTarget): void {
    const observer = parent.observer ?? this.adoptions.get(attached.targetInfo.targetId);
    if (observer) this.attach(parent, attached, observer);
  }

  private onMessage(parent: Node, { sessionId, message }: { sessionId: string; message: string }): void {
    const child = parent.children.get(sessionId);
    const event = child?.channel.receive(message);
    if (child && event) this.handle(child.node, event.method, event.params);
  }

  private onDetached(parent: Node, { sessionId }: { sessionId: string }): void {
    const child = parent.children.get(sessionId);
    if (!child) return;
    closeAll(child.node);
    child.channel.close();
    parent.children.delete(sessionId);
  }

  private attach(parent: Node, attached: Pick<AttachedToTarget, 'sessionId' | 'targetInfo'>, observer: TargetObserver): void {
    const channel = new ChildChannel(parent.channel, attached.sessionId);
    const node = new Node(attached.targetInfo, channel, observer, parent);
    parent.children.set(attached.sessionId, { node, channel });
    void this.prepare(node, true);
  }

  /** Sends the setup commands without waiting between them: one session executes them in order. */
  private async prepare(node: Node, paused: boolean): Promise<void> {
    const observer = node.observer;
    if (!observer) return;
    const commands: Array<[string, object?, boolean?]> = [
      ...observer.setup(node).map(([m, p]): [string, object?, boolean?] => [m, p, true]),
      // Workers cannot auto-attach in every Chromium version: optional, failures are expected.
      ['Target.setAutoAttach', AUTO_ATTACH, false],
    ];
    if (paused) commands.push(['Runtime.runIfWaitingForDebugger', {}, false]);
    await Promise.all(
      commands.map(([method, params, required]) =>
        node.channel.send(method, params).catch((error: Error) => {
          const detached = (node.channel instanceof ChildChannel && node.channel.isClosed) || GONE.test(error.message);
          if (required && !detached) observer.error(node, method, error);
        }),
      ),
    );
  }
}

function closeAll(node: Node): void {
  for (const child of node.children.values()) {
    closeAll(child.node);
    child.channel.close();
  }
  node.children.clear();
}
