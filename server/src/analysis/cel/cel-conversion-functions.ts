/**
 * CEL's standard functions that are not about strings: `size`, the type conversions `int`, `uint`,
 * `double`, `string`, `bool`, and `dyn`. Conversions follow cel-go, which parses with Go's strconv
 * and reports out-of-range values as errors rather than wrapping.
 */
import { type CelFunction, type CelFunctionTable } from './cel-function-table';
import { codePointLength } from './cel-string-functions';
import {
  CelDuration,
  CelError,
  CelList,
  CelMap,
  type CelResult,
  CelUint,
  type CelValue,
  INT64_MAX,
  INT64_MIN,
  UINT64_MAX,
  displayValue,
  noSuchOverload,
} from './cel-values';
import { formatDurationAsCelString } from './go-duration';

function size(value: CelValue): CelResult {
  if (typeof value === 'string') return BigInt(codePointLength(value));
  if (value instanceof CelList || value instanceof CelMap) return BigInt(value.size);
  return noSuchOverload('size', value);
}

function rangeError(value: CelValue, type: string): CelError {
  return new CelError(`${displayValue(value)} is out of the range of ${type}`);
}

function toInt(value: CelValue): CelResult {
  if (typeof value === 'bigint') return value;
  if (value instanceof CelUint) return value.value > INT64_MAX ? rangeError(value, 'int') : value.value;
  if (value instanceof CelDuration) return value.nanos;
  if (typeof value === 'number') {
    // cel-go excludes both bounds (its check is on doubles, where 2^63 - 1 rounds to 2^63), so -2^63,
    // although a valid int64, is out of range too.
    if (!Number.isFinite(value) || value >= 2 ** 63 || value <= -(2 ** 63)) return rangeError(value, 'int');
    return BigInt(Math.trunc(value));
  }
  if (typeof value === 'string') {
    if (!/^[+-]?[0-9]+$/.test(value)) return new CelError(`${JSON.stringify(value)} is not an integer`);
    const parsed = BigInt(value);
    return parsed < INT64_MIN || parsed > INT64_MAX ? rangeError(value, 'int') : parsed;
  }
  return noSuchOverload('int', value);
}

function toUint(value: CelValue): CelResult {
  if (value instanceof CelUint) return value;
  if (typeof value === 'bigint') return value < 0n ? rangeError(value, 'uint') : new CelUint(value);
  if (typeof value === 'number') {
    // cel-go rejects any negative double, even one that truncates to 0 (`uint(-0.5)`).
    if (!Number.isFinite(value) || value >= 2 ** 64 || value < 0) return rangeError(value, 'uint');
    return new CelUint(BigInt(Math.trunc(value)));
  }
  if (typeof value === 'string') {
    if (!/^[0-9]+$/.test(value)) return new CelError(`${JSON.stringify(value)} is not an unsigned integer`);
    const parsed = BigInt(value);
    return parsed > UINT64_MAX ? rangeError(value, 'uint') : new CelUint(parsed);
  }
  return noSuchOverload('uint', value);
}

const GO_FLOAT = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)$/i;

function toDouble(value: CelValue): CelResult {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof CelUint) return Number(value.value);
  if (typeof value === 'string') {
    if (!GO_FLOAT.test(value)) return new CelError(`${JSON.stringify(value)} is not a number`);
    const lower = value.toLowerCase().replace(/^\+/, '');
    if (lower.endsWith('nan')) return NaN;
    if (lower.endsWith('inf') || lower.endsWith('infinity'))
      return lower.startsWith('-') ? -Infinity : Infinity;
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : rangeError(value, 'double');
  }
  return noSuchOverload('double', value);
}

/** Go's `%g`: shortest exact digits, exponent form below 1e-4 and from 1e6 (`1e+06`). */
export function formatDoubleLikeGo(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

function toCelString(value: CelValue): CelResult {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof CelUint) return String(value.value);
  if (typeof value === 'number') return formatDoubleLikeGo(value);
  if (value instanceof CelDuration) return formatDurationAsCelString(value.nanos);
  return noSuchOverload('string', value);
}

const GO_BOOLEANS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

function toBool(value: CelValue): CelResult {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const parsed = GO_BOOLEANS[value];
    return parsed ?? new CelError(`${JSON.stringify(value)} is not a bool`);
  }
  return noSuchOverload('bool', value);
}

function unary(name: string, body: (value: CelValue) => CelResult) {
  return (args: readonly CelValue[]): CelResult =>
    args.length === 1 ? body(args[0] as CelValue) : noSuchOverload(name, ...args);
}

export const CONVERSION_FUNCTIONS: CelFunctionTable = new Map<string, CelFunction>([
  [
    'size',
    {
      global: unary('size', size),
      member: (target, args) => (args.length === 0 ? size(target) : noSuchOverload('size', target, ...args)),
    },
  ],
  ['int', { global: unary('int', toInt) }],
  ['uint', { global: unary('uint', toUint) }],
  ['double', { global: unary('double', toDouble) }],
  ['string', { global: unary('string', toCelString) }],
  ['bool', { global: unary('bool', toBool) }],
  ['dyn', { global: unary('dyn', (value) => value) }],
]);
