/**
 * CEL equality and ordering, as cel-go implements them with Kubernetes' options: heterogeneous equality
 * (values of different types are simply unequal, `1 == 1.0` holds) and cross-type numeric ordering
 * (`1 < 1.5` works). An int or uint meets a double the way cel-go compares them: as two doubles, so
 * beyond 2^53 the integer is rounded first (`9007199254740993 == 9007199254740992.0` holds), which is
 * what the API server computes and what the CEL conformance data expects.
 */
import {
  CelDuration,
  type CelError,
  CelList,
  CelMap,
  type CelResult,
  CelUint,
  CelUrl,
  type CelValue,
  isError,
  noSuchOverload,
} from './cel-values';
import { sameJson } from '../../text/same-json';

type Numeric = bigint | number | CelUint;

function isNumeric(value: CelValue): value is Numeric {
  return typeof value === 'bigint' || typeof value === 'number' || value instanceof CelUint;
}

/** -1, 0 or 1; NaN when a double NaN is involved (then every ordering relation is false). */
function compareNumeric(left: Numeric, right: Numeric): number {
  const a = left instanceof CelUint ? left.value : left;
  const b = right instanceof CelUint ? right.value : right;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'bigint') return -compareDoubleWithInteger(b as number, a);
  return compareDoubleWithInteger(a, b as bigint);
}

function compareDoubleWithInteger(double: number, integer: bigint): number {
  if (Number.isNaN(double)) return NaN;
  // Number() rounds to nearest, ties to even, as Go's float64() conversion does.
  const rounded = Number(integer);
  return double < rounded ? -1 : double > rounded ? 1 : 0;
}

/** Compares code points, as Go compares UTF-8 strings (JS `<` compares UTF-16 units instead). */
function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // A surrogate (an astral code point) sorts after every BMP code point in code point order.
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * The ordering behind `<`, `<=`, `>`, `>=`: a number (negative, zero, positive, or NaN for unordered),
 * or an error for types CEL does not order.
 */
export function celCompare(left: CelValue, right: CelValue, operator: string): number | CelError {
  if (isNumeric(left) && isNumeric(right)) return compareNumeric(left, right);
  if (typeof left === 'string' && typeof right === 'string') return compareStrings(left, right);
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  if (left instanceof CelDuration && right instanceof CelDuration) {
    return left.nanos < right.nanos ? -1 : left.nanos > right.nanos ? 1 : 0;
  }
  return noSuchOverload(operator, left, right);
}

/** `==` with heterogeneous equality: never an error for well-formed values, only true or false. */
export function celEquals(left: CelResult, right: CelResult): boolean {
  if (isError(left) || isError(right)) return false;
  if (isNumeric(left) && isNumeric(right)) return compareNumeric(left, right) === 0;
  if (left === null || right === null) return left === right;
  if (typeof left !== 'object' || typeof right !== 'object') return left === right;
  if (left instanceof CelDuration && right instanceof CelDuration) return left.nanos === right.nanos;
  if (left instanceof CelUrl && right instanceof CelUrl) {
    return sameJson(left.url, right.url);
  }
  if (left instanceof CelList && right instanceof CelList) return listsEqual(left, right);
  if (left instanceof CelMap && right instanceof CelMap) return mapsEqual(left, right);
  return false;
}

function listsEqual(left: CelList, right: CelList): boolean {
  if (left.size !== right.size) return false;
  for (let i = 0; i < left.size; i++) {
    if (!celEquals(left.at(i), right.at(i))) return false;
  }
  return true;
}

function mapsEqual(left: CelMap, right: CelMap): boolean {
  if (left.size !== right.size) return false;
  for (const key of left.keys()) {
    const other = right.get(key);
    if (other === undefined || !celEquals(left.get(key) ?? null, other)) return false;
  }
  return true;
}
