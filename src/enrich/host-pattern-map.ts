/**
 * Host name → value, by domain suffix, in a trie of labels walked from the TLD leftwards.
 *
 * Patterns are domain names matched with all their sub-domains (`google-analytics.com` matches
 * `www.google-analytics.com`). A label may be `*` (exactly one label: `s3.*.amazonaws.com`) or a
 * prefix ending with `*` (`s3-*.amazonaws.com` matches `s3-eu-west-1.amazonaws.com`). A pattern can
 * also be exact-only (third-party-web lists some hosts without their sub-domains).
 *
 * The most specific pattern wins: the one that matched the most labels; at equal depth a literal
 * label beats a prefix, which beats `*`. A look-up splits the host once and visits a handful of
 * nodes, so millions of look-ups per second need no cache.
 */

/** A pattern's end in the trie; returned as is by a match (no allocation per look-up). */
interface Terminal<T> {
  value: T;
  pattern: string;
  /** Labels in the pattern: how specific a match through it is. */
  depth: number;
  /** A slot for the caller to keep what it derives from this match (e.g. the answer it builds). */
  memo?: unknown;
}

interface TrieNode<T> {
  children?: Map<string, TrieNode<T>>;
  /** Children for labels that end with `*`: [prefix without the star, node]. */
  prefixChildren?: [string, TrieNode<T>][];
  anyChild?: TrieNode<T>;
  /** Matches a host that ends here or continues with more labels. */
  suffix?: Terminal<T>;
  /** Matches only a host that ends exactly here. */
  exact?: Terminal<T>;
}

/**
 * A successful match: the value, the pattern that gave it, and how many labels it covered. The
 * same object is returned for every match through the pattern; `memo` is the caller's cache slot.
 */
export interface PatternMatch<T> {
  readonly value: T;
  readonly pattern: string;
  readonly depth: number;
  memo?: unknown;
}

export class HostPatternMap<T> {
  private readonly root: TrieNode<T> = {};
  private count = 0;
  /** Whether any pattern has a `*` label: without one, a match is a plain loop (third-party-web, owned domains). */
  private wildcards = false;
  private readonly best: Best<T> = { terminal: undefined, depth: 0 };

  /** Number of patterns added. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds a pattern. A later `add` of the same pattern replaces the earlier value (user data files
   * override the bundled data this way).
   */
  add(pattern: string, value: T, options: { exactOnly?: boolean } = {}): void {
    let node = this.root;
    const labels = pattern.split('.');
    if (pattern.includes('*')) this.wildcards = true;
    for (let i = labels.length - 1; i >= 0; i--) node = childFor(node, labels[i] as string);
    const terminal: Terminal<T> = { value, pattern, depth: labels.length };
    if (options.exactOnly) node.exact = terminal;
    else node.suffix = terminal;
    this.count++;
  }

  /** The most specific pattern matching `host` (lower-case, no trailing dot), if any. */
  match(host: string): PatternMatch<T> | undefined {
    return this.matchLabels(host.split('.'));
  }

  /** As `match`, for a host already split into labels (callers that query several maps split once). */
  matchLabels(labels: readonly string[]): PatternMatch<T> | undefined {
    if (!this.wildcards) return matchLiteral(this.root, labels);
    // One scratch record per map instead of one per look-up: a match runs to its end synchronously.
    const best = this.best;
    best.terminal = undefined;
    best.depth = 0;
    matchFrom(this.root, labels, labels.length - 1, 0, best);
    const found = best.terminal;
    best.terminal = undefined;
    return found;
  }
}

/** The deepest terminal found so far during one match (mutated in place: no allocation per node). */
interface Best<T> {
  terminal: Terminal<T> | undefined;
  depth: number;
}

function childFor<T>(node: TrieNode<T>, label: string): TrieNode<T> {
  if (label === '*') return (node.anyChild ??= {});
  if (label.endsWith('*')) {
    const prefix = label.slice(0, -1);
    node.prefixChildren ??= [];
    const found = node.prefixChildren.find(([existing]) => existing === prefix);
    if (found) return found[1];
    const created: TrieNode<T> = {};
    node.prefixChildren.push([prefix, created]);
    return created;
  }
  node.children ??= new Map();
  let child = node.children.get(label);
  if (!child) node.children.set(label, (child = {}));
  return child;
}

/** The deepest terminal along the one path of literal labels (no wildcard in the trie). */
function matchLiteral<T>(root: TrieNode<T>, labels: readonly string[]): Terminal<T> | undefined {
  let best: Terminal<T> | undefined;
  let node: TrieNode<T> | undefined = root;
  for (let index = labels.length - 1; index >= 0; index--) {
    node = node.children?.get(labels[index] as string);
    if (!node) return best;
    if (node.suffix) best = node.suffix;
  }
  return node.exact ?? best;
}

/**
 * Records in `best` the deepest terminal below `node`, where labels[index] is the next label to
 * consume and `depth` labels were consumed already. Literal children are tried before prefixes and
 * `*`, and only a strictly deeper match replaces the best, so literals win ties.
 */
function matchFrom<T>(node: TrieNode<T>, labels: readonly string[], index: number, depth: number, best: Best<T>): void {
  if (index < 0) {
    const terminal = node.exact ?? node.suffix;
    if (terminal && depth > best.depth) { best.terminal = terminal; best.depth = depth; }
    return;
  }
  if (node.suffix && depth > best.depth) { best.terminal = node.suffix; best.depth = depth; }
  const label = labels[index] as string;
  const literal = node.children?.get(label);
  if (literal) matchFrom(literal, labels, index - 1, depth + 1, best);
  if (node.prefixChildren) {
    for (const [prefix, child] of node.prefixChildren) if (label.startsWith(prefix)) matchFrom(child, labels, index - 1, depth + 1, best);
  }
  if (node.anyChild) matchFrom(node.anyChild, labels, index - 1, depth + 1, best);
}
