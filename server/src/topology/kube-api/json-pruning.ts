/**
 * Cuts the members discovery never keeps out of an API server's JSON response *before* it is parsed. Of
 * every object: `managedFields` (server-side apply bookkeeping, often half of an object's bytes and most
 * of its nested objects) and the `kubectl.kubernetes.io/last-applied-configuration` annotation (a copy of
 * the whole object). A resource may name more (its `pruner` in watched-resources.ts): of a pod, what the
 * kubelet and the injector add (statuses, env, volumes, probes) is three quarters of what is left. Parsing
 * what is dropped a moment later costs time and garbage: for a mesh of a hundred thousand objects,
 * seconds of CPU and hundreds of megabytes of heap.
 *
 * Works on the bytes, in one pass over each body: a member is found by its key (a quote that no
 * backslash escapes opens a string, and a string followed by `:` is a key), its value skipped by scanning
 * brackets and strings, and the member removed with one adjacent comma. A member is taken only when its
 * value has the type named for it (an array, an object or a string, as the API defines it); anything else
 * is left alone. The result parses to the same value minus those members, wherever they stand.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** A member cut out wherever it stands, when its value is of this type. */
export interface PrunedMember {
  readonly key: string;
  readonly value: 'array' | 'object' | 'string';
}

interface PrunedKey {
  /** The key as it is written between its quotes. */
  readonly name: Buffer;
  /** `"key":` */
  readonly pattern: Buffer;
  /** The first byte its value must have: `[` (an array), `{` (an object) or `"` (a string). */
  readonly valueStart: number;
}

/** What no resource keeps of any object. */
export const BULKY_MEMBERS: readonly PrunedMember[] = [
  { key: 'managedFields', value: 'array' },
  { key: 'kubectl.kubernetes.io/last-applied-configuration', value: 'string' },
];

const VALUE_START = { array: OPEN_BRACKET, object: OPEN_BRACE, string: QUOTE } as const;

/** Cuts a set of members out of JSON bodies; built once per set. */
/**
 * Up to this many keys, each is searched for (a native scan per key, fast while keys are few); beyond,
 * the body is read once, key by key. Measured on a page of 500 realistic pods: the two bulky keys
 * searched 14 ms and read 21 ms; thirty keys searched 99 ms and read 28 ms.
 */
const SEARCHED_KEYS = 4;

/** Cuts a set of members out of JSON bodies; built once per set. */
export class MemberPruner {
  private readonly keys: readonly PrunedKey[];
  /** The pruned keys by the length of their name, for a quick refusal of every other key. */
  private readonly byLength: PrunedKey[][] = [];

  /** `members` besides BULKY_MEMBERS, which every pruner cuts. */
  constructor(members: readonly PrunedMember[] = []) {
    this.keys = [...BULKY_MEMBERS, ...members].map((member) => {
      // Keys are found by their closing quote and read back to the opening one (see keyEndingAt).
      if (/["\\]/.test(member.key))
        throw new Error(`a pruned key holds no quote or backslash: ${member.key}`);
      const name = Buffer.from(JSON.stringify(member.key).slice(1, -1));
      return {
        name,
        pattern: Buffer.from(`${JSON.stringify(member.key)}:`),
        valueStart: VALUE_START[member.value],
      };
    });
    for (const key of this.keys) (this.byLength[key.name.length] ??= []).push(key);
  }

  /**
   * `body` without the pruned members, each skipped whole with everything inside it. The kept bytes are
   * moved forward within `body` itself (the result is a view of its start), so pruning allocates
   * nothing: `body` is consumed, the caller must not read it afterwards. A copy into a new buffer was
   * 80 MB of short-lived memory at fifty clusters.
   */
  prune(body: Buffer): Buffer {
    const removal = new Removal(body);
    if (this.keys.length <= SEARCHED_KEYS) this.searchKeys(removal);
    else this.readKeys(removal);
    return removal.result();
  }

  /** Finds each key by a search of its own, the nearest first. */
  private searchKeys(removal: Removal): void {
    const { body } = removal;
    const keys = this.keys;
    const next = keys.map((key) => body.indexOf(key.pattern));
    for (;;) {
      let which = -1;
      for (let index = 0; index < next.length; index += 1) {
        const position = next[index] as number;
        if (position >= 0 && (which < 0 || position < (next[which] as number))) which = index;
      }
      if (which < 0) return;
      const start = next[which] as number;
      const removed = removal.remove(start, keys[which] as PrunedKey);
      // Search on after this key, or after the removed member (what was inside it went with it).
      const resume = removed ? removal.keptFrom : start + 1;
      for (let index = 0; index < next.length; index += 1) {
        if ((next[index] as number) >= 0 && (next[index] as number) < resume)
          next[index] = body.indexOf((keys[index] as PrunedKey).pattern, resume);
      }
    }
  }

  /** Reads the body once, hopping from key to key (the end of each is `":`). */
  private readKeys(removal: Removal): void {
    const { body } = removal;
    const last = body.length - 1;
    let at = 0;
    for (;;) {
      // A loop rather than indexOf: keys are a few dozen bytes apart, and a native call per key cost more.
      let end = at;
      while (end < last && (body[end] !== QUOTE || body[end + 1] !== COLON)) end += 1;
      if (end >= last) return;
      at = end + 2;
      const found = this.keyEndingAt(body, end);
      if (found && removal.remove(found.start, found.key)) at = removal.keptFrom;
    }
  }

  /**
   * The pruned key whose closing quote is at `end`, with the index of its opening quote; null for any
   * other key, and for a quote inside a string (escaped: no unescaped quote can be inside a string).
   */
  private keyEndingAt(body: Buffer, end: number): { key: PrunedKey; start: number } | null {
    if (body[end - 1] === BACKSLASH && escaped(body, end)) return null;
    let start = end - 1;
    // Keys are short: the opening quote is near. A quote found escaped is refused by Removal.remove.
    while (start >= 0 && body[start] !== QUOTE) start -= 1;
    if (start < 0) return null;
    const candidates = this.byLength[end - start - 1];
    if (!candidates) return null;
    // Compared here rather than by Buffer.compare: a native call per key cost a second at fifty clusters.
    for (const key of candidates) {
      const name = key.name;
      let index = 0;
      while (index < name.length && body[start + 1 + index] === name[index]) index += 1;
      if (index === name.length) return { key, start };
    }
    return null;
  }
}

/** The members removed so far from one body, the kept bytes moved forward over them. */
class Removal {
  /** Where the next kept byte goes; -1 while nothing has been removed (nothing moved yet). */
  private written = -1;
  /** Bytes from here on are kept, so far. */
  keptFrom = 0;

  constructor(readonly body: Buffer) {}

  /** Removes the member whose key starts at `start`; false when it is to be kept (see memberAt). */
  remove(start: number, key: PrunedKey): boolean {
    const removed = memberAt(this.body, start, key, this.keptFrom);
    if (!removed) return false;
    this.written =
      this.written < 0
        ? removed.from
        : this.written + this.body.copy(this.body, this.written, this.keptFrom, removed.from);
    this.keptFrom = removed.to;
    return true;
  }

  result(): Buffer {
    if (this.written < 0) return this.body;
    const length = this.written + this.body.copy(this.body, this.written, this.keptFrom);
    return this.body.subarray(0, length);
  }
}

const BULKY_PRUNER = new MemberPruner();

/** `body` without managedFields and last-applied annotations; consumes `body` (see MemberPruner.prune). */
export function pruneBulkyMembers(body: Buffer): Buffer {
  return BULKY_PRUNER.prune(body);
}

/**
 * The byte range of the member whose key starts at `start` (with one comma), or null to keep it. Bytes
 * before `keptFrom` are already removed: a comma there went with the member before, which was the first of
 * its object, so this one takes the comma after it instead.
 */
function memberAt(
  body: Buffer,
  start: number,
  key: PrunedKey,
  keptFrom: number,
): { from: number; to: number } | null {
  if (escaped(body, start)) return null;
  const valueAt = skipSpace(body, start + key.pattern.length);
  if (body[valueAt] !== key.valueStart) return null;
  const valueEnd = key.valueStart === QUOTE ? stringEnd(body, valueAt) : containerEnd(body, valueAt);
  if (valueEnd < 0) return null;
  // `,"key":value` when something precedes it in the object, else `"key":value,`.
  const before = skipSpaceBackwards(body, start - 1);
  if (body[before] === COMMA && before >= keptFrom) return { from: before, to: valueEnd };
  const after = skipSpace(body, valueEnd);
  return body[after] === COMMA ? { from: start, to: after + 1 } : { from: start, to: valueEnd };
}

/** True when the byte at `index` is preceded by an odd number of backslashes. */
function escaped(body: Buffer, index: number): boolean {
  let count = 0;
  for (let at = index - 1; at >= 0 && body[at] === BACKSLASH; at -= 1) count += 1;
  return count % 2 === 1;
}

/** The index after the string that opens at `start`, or -1 when it does not close. */
function stringEnd(body: Buffer, start: number): number {
  const length = body.length;
  for (let at = start + 1; at < length; at += 1) {
    const byte = body[at];
    if (byte === BACKSLASH) at += 1;
    else if (byte === QUOTE) return at + 1;
  }
  return -1;
}

/**
 * The index after the array or object that opens at `start`, or -1 when it does not close. One loop,
 * strings skipped inline: managedFields are mostly short keys, and this scans every byte of them.
 */
function containerEnd(body: Buffer, start: number): number {
  const length = body.length;
  let depth = 0;
  for (let at = start; at < length; at += 1) {
    const byte = body[at] as number;
    if (byte === QUOTE) {
      for (at += 1; at < length; at += 1) {
        const inString = body[at];
        if (inString === QUOTE) break;
        if (inString === BACKSLASH) at += 1;
      }
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      depth += 1;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}

function skipSpace(body: Buffer, index: number): number {
  let at = index;
  while (at < body.length && isSpace(body[at] as number)) at += 1;
  return at;
}

function skipSpaceBackwards(body: Buffer, index: number): number {
  let at = index;
  while (at >= 0 && isSpace(body[at] as number)) at -= 1;
  return at;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
