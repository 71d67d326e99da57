/**
 * One YAML document (a segment, see yaml-segments.ts) parsed with positions. A ParsedSegment does not
 * know where it sits in its file: ranges are relative to the segment's first line, and the caller shifts
 * them by the segment's start line. That is what makes parses reusable across edits: SegmentParser
 * caches them by text, so an edit re-parses only the documents whose text changed.
 *
 * Two parsers, one meaning:
 * - Positions, and every document with a problem, use the `yaml` package (the parser yaml-language-server
 *   uses), tolerant: duplicate keys, tabs, bad indentation leave `hasErrors` set (the schema service
 *   reports them as MESH001) while every node it could read stays usable.
 * - The value of a well-formed document without anchors comes from js-yaml (core-yaml-values.ts: YAML 1.2
 *   core scalars as `yaml` reads them), about ten times faster; positions are then computed by `yaml` only when a diagnostic needs
 *   one. Most documents never do, which is what keeps a 1,000-document analysis within its time budget.
 *
 * Before either, the text is checked against the bounds of yaml-bounds.ts (nesting, key nesting, then
 * merge keys once composed): a document over one is not read at all, it has no objects and one problem,
 * `exceededBound`, which the analysis reports on every document, authored or a cluster's.
 */
import { type Document, LineCounter, parseDocument } from 'yaml';
import { type Range } from '../mesh/diagnostic';
import { loadCoreValue } from './core-yaml-values';
import { type FieldPath, type LocateOptions, locateNode } from './node-locator';
import { mergeBoundExceeded, nestingBoundExceeded } from './yaml-bounds';

/** One Kubernetes object found in a document: the document itself, or one item of a `kind: List`. */
export interface SegmentObject {
  /** Where the object sits in the document: `[]`, or `['items', 3]` for an item of a List. */
  readonly basePath: FieldPath;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** `metadata.namespace` as written; the namespace the object lands in also depends on a default. */
  readonly namespace: string | undefined;
  readonly value: Readonly<Record<string, unknown>>;
}

export interface SegmentProblem {
  readonly message: string;
  readonly range: Range;
}

export interface ParsedSegment {
  readonly text: string;
  /** True when the parser reported errors; the objects are then best-effort. */
  readonly hasErrors: boolean;
  readonly problems: readonly SegmentProblem[];
  /** Set when the document exceeds a bound on what reading it may cost: it was not read, has no objects. */
  readonly exceededBound: SegmentProblem | undefined;
  /** The objects with an apiVersion, a kind and a name. Documents without them yield none. */
  readonly objects: readonly SegmentObject[];
  /** Range (relative to the segment) of the node at `path`, or of its nearest existing ancestor. */
  locate(path: FieldPath, options?: LocateOptions): Range;
}

/** Aliases expanded beyond this count are an alias bomb: the document's value is dropped, not expanded. */
const MAX_ALIAS_COUNT = 1000;

export function parseSegment(text: string): ParsedSegment {
  const overNesting = nestingBoundExceeded(text);
  if (overNesting) return unreadSegment(text, overNesting);
  const fast = fastValue(text);
  if (fast.ok) {
    let positions: PositionedDocument | undefined;
    return {
      text,
      hasErrors: false,
      problems: [],
      exceededBound: undefined,
      objects: objectsOf(fast.value),
      locate: (path, options) => (positions ??= positionedDocument(text)).locate(path, options),
    };
  }
  const positioned = positionedDocument(text);
  const overMerging = mergeBoundExceeded(positioned.document, text);
  if (overMerging) return unreadSegment(text, overMerging);
  return {
    text,
    hasErrors: positioned.problems.length > 0,
    problems: positioned.problems,
    exceededBound: undefined,
    objects: objectsOf(plainValue(positioned.document)),
    locate: positioned.locate,
  };
}

/** A document over a bound: nothing in it is read; every position is its first line. */
function unreadSegment(text: string, exceeded: SegmentProblem): ParsedSegment {
  return {
    text,
    hasErrors: true,
    problems: [],
    exceededBound: exceeded,
    objects: [],
    locate: () => exceeded.range,
  };
}

/** An anchor (`&name`) after a separator: such documents take the `yaml` path and its alias limits. */
const ANCHOR = /(?:^|[\s[{,:-])&[^\s]/;

function fastValue(text: string): { ok: true; value: unknown } | { ok: false } {
  if (ANCHOR.test(text)) return { ok: false };
  return loadCoreValue(text);
}

interface PositionedDocument {
  readonly document: Document;
  readonly problems: readonly SegmentProblem[];
  locate(path: FieldPath, options?: LocateOptions): Range;
}

function positionedDocument(text: string): PositionedDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    merge: true,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const toRange = (start: number, end: number): Range => ({
    start: toPosition(lineCounter, start),
    end: toPosition(lineCounter, Math.max(start, end)),
  });
  return {
    document,
    problems: document.errors.map((error) => ({
      message: error.message,
      range: toRange(error.pos[0], error.pos[1]),
    })),
    locate: (path, options) => {
      const span = locateNode(document, text, path, options);
      return toRange(span.start, span.end);
    },
  };
}

function toPosition(lineCounter: LineCounter, offset: number): { line: number; character: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

function plainValue(document: Document): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // An alias bomb or an unresolvable alias: the document has no usable value, the schema service says why.
    return undefined;
  }
}

function objectsOf(value: unknown): SegmentObject[] {
  const root = asObject(value);
  if (!root) return [];
  const kind = root.kind;
  // `kubectl get ... -o yaml` writes a `kind: List` (or `ServiceList`, ...) holding the objects in `items`.
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(root.items)) {
    return root.items.flatMap((item, index) => {
      const object = asObject(item);
      const found = object && identifiedObject(object, ['items', index]);
      return found ? [found] : [];
    });
  }
  const found = identifiedObject(root, []);
  return found ? [found] : [];
}

function identifiedObject(value: Record<string, unknown>, basePath: FieldPath): SegmentObject | undefined {
  const { apiVersion, kind } = value;
  const metadata = asObject(value.metadata);
  const name = metadata?.name;
  const namespace = metadata?.namespace;
  if (typeof apiVersion !== 'string' || !apiVersion) return undefined;
  if (typeof kind !== 'string' || !kind) return undefined;
  // Without a name the object cannot be referenced or reported on by name; the schema check reports it.
  if (typeof name !== 'string' || !name) return undefined;
  return {
    basePath,
    apiVersion,
    kind,
    name,
    namespace: typeof namespace === 'string' && namespace ? namespace : undefined,
    value,
  };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Parses segments, reusing the parse of any text seen before. Owned by whoever owns the documents (an
 * analysis session), never global, so two sessions never share or evict each other's entries.
 */
export class SegmentParser {
  private readonly cache = new Map<string, ParsedSegment>();

  constructor(private readonly capacity: number = 50_000) {}

  parse(text: string): ParsedSegment {
    const cached = this.cache.get(text);
    if (cached) {
      // Re-insert so the most recently used parses survive eviction (Map keeps insertion order).
      this.cache.delete(text);
      this.cache.set(text, cached);
      return cached;
    }
    const parsed = parseSegment(text);
    this.cache.set(text, parsed);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return parsed;
  }

  get size(): number {
    return this.cache.size;
  }
}
