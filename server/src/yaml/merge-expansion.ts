/**
 * How many nodes `<<` merge keys copy when a document's value is read. The `yaml` package builds every
 * merge source anew for every merge (its alias limit, maxAliasCount, does not see merges), so
 * `b1: &b1 {<<: [*b0, *b0, *b0, *b0]}` is four times the work of `b0`, and twelve such lines take longer
 * than anyone waits. Counted on the composed document, before its value is read: each node's count is
 * kept, so counting is linear in the document even when the total is astronomical (a double: past
 * 2^1024 it is Infinity, still over any bound).
 *
 * Recursion follows the document's nesting: call it only on a document whose depth is bounded
 * (nesting-scan.ts).
 */
import { type Document, type Node, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

/** The nodes `<<` merge keys copy when the document's value is read: those built beyond the ones written. */
export function mergedNodeCount(document: Document): number {
  const counter = new ExpansionCounter();
  const built = counter.count(document.contents);
  return built - counter.distinctNodes;
}

class ExpansionCounter {
  private readonly counts = new Map<Node, number>();
  /** The anchors defined so far, in document order (a later `&name` replaces an earlier one). */
  private readonly anchors = new Map<string, Node>();
  private readonly inProgress = new Set<Node>();
  /** Nodes as written: each counted once, however many times merges copy it. */
  distinctNodes = 0;

  count(node: unknown): number {
    if (!node || typeof node !== 'object') return 0;
    // An alias reuses the value its anchor built: nothing new.
    if (isAlias(node)) return 0;
    const known = this.counts.get(node as Node);
    if (known !== undefined) return known;
    const anchor = (node as { anchor?: unknown }).anchor;
    if (typeof anchor === 'string') this.anchors.set(anchor, node as Node);
    // An alias to a node that contains it: the parser reports it; count the node once.
    if (this.inProgress.has(node as Node)) return 1;
    this.inProgress.add(node as Node);
    this.distinctNodes++;
    let total = 1;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items)
        total += isPair(item) ? this.pair(item.key, item.value) : this.count(item);
    }
    this.inProgress.delete(node as Node);
    this.counts.set(node as Node, total);
    return total;
  }

  private pair(key: unknown, value: unknown): number {
    if (!isMergeKey(key)) return this.count(key) + this.count(value);
    // Each merge source is built again, with everything it holds (its own merges included).
    let total = this.count(value);
    const sources = isSeq(value) ? value.items : [value];
    for (const source of sources) if (isAlias(source)) total += this.count(this.anchors.get(source.source));
    return total;
  }
}

/** With merge keys enabled `yaml` gives `<<` a value of its own (a symbol); its source text stays `<<`. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value: unknown = key.value;
  return (
    value === '<<' ||
    (typeof value === 'symbol' && value.description === '<<') ||
    (key as { source?: unknown }).source === '<<'
  );
}
