/**
 * CEL's string functions: the standard `contains`, `startsWith`, `endsWith`, `matches` and part of
 * the strings extension Kubernetes enables (`substring`, `split`, `lowerAscii`, `upperAscii`, `trim`).
 * Indices count code points, as cel-go does, not UTF-16 units.
 */
import { type CelFunction, type CelFunctionTable } from './cel-function-table';
import { compileRe2 } from './re2-regexp';
import { ArrayCelList, CelError, type CelResult, type CelValue, noSuchOverload } from './cel-values';

const SURROGATE = /[\ud800-\udfff]/;

function codePoints(text: string): readonly string[] {
  return SURROGATE.test(text) ? Array.from(text) : text.split('');
}

export function codePointLength(text: string): number {
  return SURROGATE.test(text) ? Array.from(text).length : text.length;
}

function indexOutOfRange(index: bigint): CelError {
  return new CelError(`index out of range: ${index}`);
}

function substring(text: string, args: readonly CelValue[]): CelResult {
  const [start, end] = args;
  if (args.length > 2 || typeof start !== 'bigint' || (end !== undefined && typeof end !== 'bigint')) {
    return noSuchOverload('substring', text, ...args);
  }
  const chars = codePoints(text);
  const length = BigInt(chars.length);
  const stop = end ?? length;
  if (start < 0n || start > length) return indexOutOfRange(start);
  if (stop < 0n || stop > length) return indexOutOfRange(stop);
  if (start > stop) return new CelError(`invalid substring range. start: ${start}, end: ${stop}`);
  return chars.slice(Number(start), Number(stop)).join('');
}

/**
 * `split(separator)` and `split(separator, limit)`, as Go's strings.SplitN: an empty separator splits
 * between code points, a negative limit keeps every part, zero gives none, n gives at most n (the last
 * one holding the rest).
 */
function split(text: string, args: readonly CelValue[]): CelResult {
  const [separator, limit] = args;
  if (
    args.length > 2 ||
    typeof separator !== 'string' ||
    (limit !== undefined && typeof limit !== 'bigint')
  ) {
    return noSuchOverload('split', text, ...args);
  }
  const parts = separator === '' ? [...codePoints(text)] : text.split(separator);
  if (limit === undefined || limit < 0n) return new ArrayCelList(parts);
  if (limit === 0n) return new ArrayCelList([]);
  const count = Number(limit);
  if (parts.length <= count) return new ArrayCelList(parts);
  const kept = parts.slice(0, count - 1);
  kept.push(parts.slice(count - 1).join(separator));
  return new ArrayCelList(kept);
}

/** Go's unicode.IsSpace, which cel-go's trim uses (no zero-width spaces, no BOM). */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\p{Z}]';
const LEADING_SPACE = new RegExp(`^${GO_SPACE}+`, 'u');
const TRAILING_SPACE = new RegExp(`${GO_SPACE}+$`, 'u');

function matches(text: CelValue, pattern: CelValue): CelResult {
  if (typeof text !== 'string' || typeof pattern !== 'string')
    return noSuchOverload('matches', text, pattern);
  const compiled = compileRe2(pattern);
  if ('error' in compiled) return new CelError(compiled.error);
  // RE2 `matches` is a search, not a full match: anchors in the pattern decide.
  return compiled.regexp.test(text);
}

function stringMember(
  name: string,
  body: (text: string, args: readonly CelValue[]) => CelResult,
): (target: CelValue, args: readonly CelValue[]) => CelResult {
  return (target, args) =>
    typeof target === 'string' ? body(target, args) : noSuchOverload(name, target, ...args);
}

function stringPredicate(name: string, test: (text: string, argument: string) => boolean) {
  return stringMember(name, (text, args) => {
    const [argument] = args;
    return typeof argument === 'string' && args.length === 1
      ? test(text, argument)
      : noSuchOverload(name, text, ...args);
  });
}

function noArguments(name: string, body: (text: string) => string) {
  return stringMember(name, (text, args) =>
    args.length === 0 ? body(text) : noSuchOverload(name, text, ...args),
  );
}

export const STRING_FUNCTIONS: CelFunctionTable = new Map<string, CelFunction>([
  ['contains', { member: stringPredicate('contains', (text, part) => text.includes(part)) }],
  ['startsWith', { member: stringPredicate('startsWith', (text, prefix) => text.startsWith(prefix)) }],
  ['endsWith', { member: stringPredicate('endsWith', (text, suffix) => text.endsWith(suffix)) }],
  [
    'matches',
    {
      member: (target, args) =>
        args.length === 1 ? matches(target, args[0] as CelValue) : noSuchOverload('matches'),
      global: (args) =>
        args.length === 2 ? matches(args[0] as CelValue, args[1] as CelValue) : noSuchOverload('matches'),
    },
  ],
  ['substring', { member: stringMember('substring', substring) }],
  ['split', { member: stringMember('split', split) }],
  [
    'lowerAscii',
    { member: noArguments('lowerAscii', (text) => text.replace(/[A-Z]+/g, (s) => s.toLowerCase())) },
  ],
  [
    'upperAscii',
    { member: noArguments('upperAscii', (text) => text.replace(/[a-z]+/g, (s) => s.toUpperCase())) },
  ],
  [
    'trim',
    { member: noArguments('trim', (text) => text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '')) },
  ],
]);
