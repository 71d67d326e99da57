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

/** Cuts a set of members out of JSON bodies; built once per set (the search patterns are kept). */
export class MemberPruner {
  private readonly keys: readonly PrunedKey[];

  /** `members` besides BULKY_MEMBERS, which every pruner cuts. */
  constructor(members: readonly PrunedMember[] = []) {
    this.keys = [...BULKY_MEMBERS, ...members].map((member) => ({
      pattern: Buffer.from(`${JSON.stringify(member.key)}:`),
      valueStart: VALUE_START[member.value],
    }));
  }

  /**
   * `body` without the pruned members. The kept bytes are moved forward within `body` itself (the result
   * is a view of its start), so pruning allocates nothing: `body` is consumed, the caller must not read
   * it afterwards. A copy into a new buffer was 80 MB of short-lived memory at fifty clusters.
   */
  prune(body: Buffer): Buffer {
    const keys = this.keys;
    /** Where the next kept byte goes; -1 while nothing has been removed (nothing moved yet). */
    let written = -1;
    let keptFrom = 0;
    const next = keys.map((key) => body.indexOf(key.pattern));
    for (;;) {
      let which = -1;
      for (let index = 0; index < next.length; index += 1) {
        const position = next[index] as number;
        if (position >= 0 && (which < 0 || position < (next[which] as number))) which = index;
      }
      if (which < 0) break;
      const start = next[which] as number;
      const removed = memberAt(body, start, keys[which] as PrunedKey, keptFrom);
      if (removed) {
        written = written < 0 ? removed.from : written + body.copy(body, written, keptFrom, removed.from);
        keptFrom = removed.to;
      }
      // Search on after this key, or after the removed member (what was inside it went with it).
      const resume = removed ? removed.to : start + 1;
      for (let index = 0; index < next.length; index += 1) {
        if ((next[index] as number) >= 0 && (next[index] as number) < resume)
          next[index] = body.indexOf((keys[index] as PrunedKey).pattern, resume);
      }
    }
    if (written < 0) return body;
    written += body.copy(body, written, keptFrom);
    return body.subarray(0, written);
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
