/**
 * Finds the text span of a field in a parsed YAML document from its path
 * (`['spec', 'http', 0, 'route', 1, 'destination', 'subset']`), so a diagnostic points at the node at
 * fault and not at the whole document. Through aliases and `<<` merge keys alike.
 *
 * When the node is absent (a required field is missing), the span is that of the nearest existing
 * ancestor: the key of the last map entry on the path, so "destination has no port" underlines
 * `destination`. Collections are underlined by their key, or by their first line when they have no key
 * (a list item), never over many lines.
 */
import { type Document, type Node, type Pair, isAlias, isMap, isScalar, isSeq } from 'yaml';

export type FieldPath = readonly (string | number)[];

export interface LocateOptions {
  /** `key`: the key of the field (`subset:`), `value` (default): its value. */
  readonly target?: 'value' | 'key';
}

export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export function locateNode(
  document: Document,
  text: string,
  path: FieldPath,
  options: LocateOptions = {},
): TextSpan {
  let node: unknown = document.contents;
  let key: Node | null = null;
  for (const step of path) {
    const current = resolveAlias(document, node);
    let next: { key: Node | null; value: unknown } | undefined;
    if (isMap(current)) next = findEntry(document, current.items as Pair[], step);
    else if (isSeq(current) && typeof step === 'number') {
      const item: unknown = current.items[step];
      next = item === undefined ? undefined : { key: null, value: item };
    }
    if (!next) return ancestorSpan(document, text, key, current);
    key = next.key;
    node = next.value;
  }

  if (options.target === 'key' && key) return spanOf(key);
  if (node === null || node === undefined) return key ? spanOf(key) : documentStart(text);
  if (isScalar(node) || isAlias(node)) {
    // A `key:` with nothing after it holds an empty scalar with no width: underline the key instead.
    const span = spanOf(node as Node);
    return span.end > span.start || !key ? span : spanOf(key);
  }
  if (key) return spanOf(key);
  return firstLine(text, node as Node);
}

function findEntry(
  document: Document,
  pairs: readonly Pair[],
  step: string | number,
): { key: Node | null; value: unknown } | undefined {
  const wanted = String(step);
  for (const pair of pairs) {
    if (isScalar(pair.key) && !isMergeKey(pair.key) && String(pair.key.value) === wanted) {
      return { key: pair.key as Node, value: pair.value };
    }
  }
  // `<<: *defaults` (or a list of aliases) contributes the fields the map does not set itself.
  for (const pair of pairs) {
    if (!isMergeKey(pair.key)) continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const merged = resolveAlias(document, source);
      if (isMap(merged)) {
        const found = findEntry(document, merged.items as Pair[], step);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** With merge keys enabled `yaml` gives `<<` a value of its own (not the string '<<'); its source stays. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || (key as { source?: unknown }).source === '<<');
}

function resolveAlias(document: Document, node: unknown): unknown {
  // A self-referencing alias chain is an error the parser reports; stop after a few hops.
  let current = node;
  for (let hops = 0; hops < 8 && isAlias(current); hops++) current = current.resolve(document);
  return current;
}

function ancestorSpan(document: Document, text: string, key: Node | null, current: unknown): TextSpan {
  if (key) return spanOf(key);
  const node = resolveAlias(document, current);
  return node && typeof node === 'object' && 'range' in node
    ? firstLine(text, node as Node)
    : documentStart(text);
}

function spanOf(node: Node): TextSpan {
  const range = node.range;
  if (!range) return { start: 0, end: 0 };
  // range = [start, valueEnd, nodeEnd]: the value without its trailing comment or line break.
  return { start: range[0], end: range[1] };
}

/** The first line of a node, trimmed: enough to show which item is meant without painting a block. */
function firstLine(text: string, node: Node): TextSpan {
  const range = node.range;
  if (!range) return documentStart(text);
  const start = range[0];
  const newline = text.indexOf('\n', start);
  let end = Math.min(range[1], newline === -1 ? text.length : newline);
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start, end };
}

/** The first meaningful line of the document (skipping `---`, comments and blank lines). */
function documentStart(text: string): TextSpan {
  let offset = 0;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(offset, end).trim();
    if (line && !line.startsWith('#') && !line.startsWith('---') && !line.startsWith('%')) {
      return { start: offset, end: offset + text.slice(offset, end).trimEnd().length };
    }
    offset = end + 1;
  }
  return { start: 0, end: 0 };
}
