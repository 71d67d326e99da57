/**
 * How deep a YAML document's nodes nest, and how deep collections used as keys nest inside one another,
 * read from the text in one linear pass without a parser. It runs before any parser sees the document:
 * the `yaml` lexer and composer recurse once per level (10,000 levels overflow the stack) and `yaml`
 * turns a collection key into a string by printing it, inner keys again at every level, which costs
 * more than exponential time in the key nesting.
 *
 * The figures are estimates that err upwards, never downwards: a level is counted wherever the parser
 * could open one (each `- `, `? ` or `: ` indicator, each deeper indentation, each `[` or `{` that
 * starts a node), so a plain scalar continued on a deeper line counts one level too many. Block scalars,
 * quoted scalars and comments are skipped: brackets in an embedded script or JSON string never count.
 */

export interface NestingMeasure {
  /** The deepest nesting seen, in levels (a top-level mapping is 1). */
  readonly depth: number;
  /** The deepest nesting of collections used as keys (`? - a` is 1; `? ? - a` is 2). */
  readonly keyNesting: number;
}

export interface NestingLimits {
  readonly depth: number;
  readonly keyNesting: number;
}

/** A block collection that may be open: where its entries start, and what it is. */
interface OpenBlock {
  readonly column: number;
  /** A block sequence: a line at its column starting with `- ` continues it. */
  readonly sequence: boolean;
  /** The node after a `? ` indicator: a key. */
  readonly key: boolean;
}

/** A flow collection (`[` or `{`) that is open. */
interface OpenFlow {
  /** Opened right after a `? ` indicator. */
  readonly key: boolean;
  /** The deepest key nesting among the collections inside it. */
  keyNesting: number;
}

/**
 * Measures the text, stopping early (with figures already over a limit) once a limit is passed: the
 * rest of a hostile document is never read.
 */
export function measureNesting(text: string, limits: NestingLimits): NestingMeasure {
  const scanner = new NestingScanner(limits);
  let start = 0;
  while (start <= text.length && !scanner.overLimit()) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    scanner.line(text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
    if (newline === -1) break;
    start = newline + 1;
  }
  return scanner.finish();
}

class NestingScanner {
  private readonly blocks: OpenBlock[] = [];
  private readonly flows: OpenFlow[] = [];
  private blockKeys = 0;
  /** A `? ` ended its line: the collection that starts next is a key. */
  private pendingKey = false;
  /** A quoted scalar left open at the end of the previous line. */
  private openQuote: '"' | "'" | null = null;
  /** Inside a block scalar: lines indented more than this are its content. */
  private blockScalarParent: number | null = null;
  private depth = 0;
  private keyNesting = 0;

  constructor(private readonly limits: NestingLimits) {}

  overLimit(): boolean {
    return this.depth > this.limits.depth || this.keyNesting > this.limits.keyNesting;
  }

  finish(): NestingMeasure {
    // An unclosed flow collection still counts its inner keys.
    while (this.flows.length > 0) this.closeFlow(false);
    return { depth: this.depth, keyNesting: this.keyNesting };
  }

  line(line: string): void {
    if (this.blockScalarParent !== null) {
      if (line.trim() === '' || leadingSpaces(line) > this.blockScalarParent) return;
      this.blockScalarParent = null;
    }
    let position = 0;
    if (this.openQuote) {
      position = skipQuoted(line, 0, this.openQuote);
      if (position < 0) return;
      this.openQuote = null;
      if (this.flows.length === 0) {
        this.afterQuotedLine(line, position);
        return;
      }
    }
    if (this.flows.length > 0) {
      const end = this.flow(line, position);
      if (end >= 0) this.afterQuotedLine(line, end);
      return;
    }
    this.blockLine(line);
  }

  private blockLine(line: string): void {
    let column = skipSpaces(line, 0);
    if (column >= line.length || line[column] === '#') return;
    if (column === 0 && line[0] === '%') return;
    if (column === 0 && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(line)) {
      // Content after `---` starts the document's top level.
      this.popBlocksTo(-1);
      column = skipSpaces(line, 3);
      if (column >= line.length || line[column] === '#') return;
    }
    const sequenceItem = isIndicator(line, column, '-');
    this.popBlocksTo(column, sequenceItem);
    const top = this.blocks[this.blocks.length - 1];
    if (!top || top.column !== column) this.pushBlock(column, sequenceItem, this.takePendingKey());
    // `key:` then `- item` at the key's own column: a sequence nested in the mapping.
    else if (sequenceItem && !top.sequence) this.pushBlock(column, true, false);
    this.node(line, column, column);
  }

  /**
   * The nodes from `position` to the end of the line: compact indicators (`- - x`, `? ? x`), properties,
   * then a flow collection, a quoted, block or plain scalar; when that was a key, its value next, and so on
   * (a loop, not recursion: a line may chain thousands). `parentColumn` is the column of the block
   * collection the first node is an entry of.
   */
  private node(line: string, position: number, parentColumn: number): void {
    let at = position;
    let parent = parentColumn;
    while (at < line.length && !this.overLimit()) {
      at = skipProperties(line, at);
      const first = line[at];
      if ((first === '-' || first === '?' || first === ':') && isIndicator(line, at, first)) {
        // The parser reads these indicators anywhere a node starts, even where they are an error (`a: - b`).
        const key = first === '?';
        parent = at;
        at = skipSpaces(line, at + 1);
        if (at >= line.length || line[at] === '#') {
          if (key) this.pendingKey = true;
          return;
        }
        this.pushBlock(at, isIndicator(line, at, '-'), key);
        continue;
      }
      if (at >= line.length || first === '#') return;
      if (first === '|' || first === '>') {
        this.blockScalarParent = parent;
        return;
      }
      const keyColumn = at;
      let end: number;
      if (first === '[' || first === '{') end = this.flow(line, at);
      else if (first === '"' || first === "'") {
        end = skipQuoted(line, at + 1, first);
        if (end < 0) this.openQuote = first;
      } else end = plainScalarEnd(line, at);
      if (end < 0) return;
      // `: ` after the node: it was a key, its value follows on this line.
      const colon = skipSpaces(line, end);
      if (!isIndicator(line, colon, ':')) return;
      parent = keyColumn;
      at = skipSpaces(line, colon + 1);
    }
  }

  /**
   * Reads flow collections from `position`: to the end of the line (returns -1) while one is open, else
   * up to the bracket that closes the outermost one (returns the position after it).
   */
  private flow(line: string, position: number): number {
    for (let index = position; index < line.length && !this.overLimit(); index++) {
      const char = line[index];
      if (char === '#' && (index === 0 || line[index - 1] === ' ' || line[index - 1] === '\t')) return -1;
      if (char === '"' || char === "'") {
        const end = skipQuoted(line, index + 1, char);
        if (end < 0) {
          this.openQuote = char;
          return -1;
        }
        index = end - 1;
      } else if (char === '[' || char === '{') {
        this.flows.push({ key: this.takePendingKey(), keyNesting: 0 });
        this.noteDepth();
      } else if (char === ']' || char === '}') {
        if (this.flows.length === 0) continue;
        this.closeFlow(line[skipSpaces(line, index + 1)] === ':');
        if (this.flows.length === 0) return index + 1;
      } else if (char === '?' && isSpaceOrEnd(line, index + 1)) {
        this.pendingKey = true;
      }
    }
    return -1;
  }

  /** The rest of a line that began inside a quoted scalar or a flow collection: maybe `: value`. */
  private afterQuotedLine(line: string, position: number): void {
    const colon = skipSpaces(line, position);
    if (isIndicator(line, colon, ':')) this.node(line, skipSpaces(line, colon + 1), leadingSpaces(line));
  }

  private closeFlow(followedByColon: boolean): void {
    const closed = this.flows.pop();
    if (!closed) return;
    const nesting = closed.keyNesting + (closed.key || followedByColon ? 1 : 0);
    const parent = this.flows[this.flows.length - 1];
    if (parent) parent.keyNesting = Math.max(parent.keyNesting, nesting);
    else this.keyNesting = Math.max(this.keyNesting, this.blockKeys + nesting);
  }

  private pushBlock(column: number, sequence: boolean, key: boolean): void {
    this.blocks.push({ column, sequence, key });
    if (key) this.blockKeys++;
    this.keyNesting = Math.max(this.keyNesting, this.blockKeys);
    this.noteDepth();
  }

  /**
   * Closes the block collections a line at `column` is not inside: those indented deeper, and a sequence
   * nested at its mapping's own column when the line is not one of its items.
   */
  private popBlocksTo(column: number, sequenceItem = false): void {
    for (;;) {
      const top = this.blocks[this.blocks.length - 1];
      if (!top) return;
      const below = this.blocks[this.blocks.length - 2];
      const deeper = top.column > column;
      const endedSequence =
        top.column === column && top.sequence && !sequenceItem && below?.column === column;
      if (!deeper && !endedSequence) return;
      this.blocks.pop();
      if (top.key) this.blockKeys--;
    }
  }

  private takePendingKey(): boolean {
    const key = this.pendingKey;
    this.pendingKey = false;
    return key;
  }

  private noteDepth(): void {
    this.depth = Math.max(this.depth, this.blocks.length + this.flows.length);
  }
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}

function skipSpaces(line: string, position: number): number {
  let at = position;
  while (line[at] === ' ' || line[at] === '\t') at++;
  return at;
}

function isSpaceOrEnd(line: string, position: number): boolean {
  return position >= line.length || line[position] === ' ' || line[position] === '\t';
}

/** `-`, `?` or `:` followed by a space or the end of the line: an indicator, not part of a scalar. */
function isIndicator(line: string, position: number, indicator: string): boolean {
  return line[position] === indicator && isSpaceOrEnd(line, position + 1);
}

/** Skips anchors (`&name`) and tags (`!tag`) before a node. */
function skipProperties(line: string, position: number): number {
  let at = skipSpaces(line, position);
  while (line[at] === '&' || line[at] === '!') {
    while (at < line.length && line[at] !== ' ' && line[at] !== '\t') at++;
    at = skipSpaces(line, at);
  }
  return at;
}

/** Where a plain scalar starting at `position` ends: at `: ` (it is a key), or -1 (it runs to a comment or the line's end). */
function plainScalarEnd(line: string, position: number): number {
  for (let index = position; index < line.length; index++) {
    const char = line[index];
    if (char === ':' && isSpaceOrEnd(line, index + 1)) return index;
    if (char === '#' && (line[index - 1] === ' ' || line[index - 1] === '\t')) return -1;
  }
  return -1;
}

/** The position after the quote that closes a scalar opened before `position`, or -1 when the line ends first. */
function skipQuoted(line: string, position: number, quote: '"' | "'"): number {
  for (let index = position; index < line.length; index++) {
    const char = line[index];
    if (quote === '"' && char === '\\') index++;
    else if (char === quote) {
      if (quote === "'" && line[index + 1] === "'") index++;
      else return index + 1;
    }
  }
  return -1;
}

/** Levels of nesting (collections within collections). The `yaml` parser recurses once per level. */
export const MAX_NESTING_DEPTH = 256;
/** Collections used as keys, nested within one another: `yaml` prints each key, inner keys again at each level. */
export const MAX_KEY_NESTING = 16;

/** Which nesting bound the text exceeds ("YAML nesting deeper than 256 levels"), or undefined. */
export function nestingBoundProblem(text: string): string | undefined {
  const measure = measureNesting(text, { depth: MAX_NESTING_DEPTH, keyNesting: MAX_KEY_NESTING });
  if (measure.depth > MAX_NESTING_DEPTH) return `YAML nesting deeper than ${MAX_NESTING_DEPTH} levels`;
  if (measure.keyNesting > MAX_KEY_NESTING) {
    return `YAML keys that are collections nested deeper than ${MAX_KEY_NESTING} levels`;
  }
  return undefined;
}
