/**
 * The runtime values of our CEL subset and how JSON (a parsed Kubernetes object) becomes them.
 *
 * CEL type  -> TypeScript representation
 *   int      -> bigint (64-bit range enforced by the arithmetic)
 *   uint     -> CelUint
 *   double   -> number
 *   string / bool / null -> string / boolean / null
 *   list / map -> CelList / CelMap (JSON arrays and objects are wrapped lazily, so a rule that looks at
 *                 one field of `spec` does not convert the whole spec)
 *   google.protobuf.Duration -> CelDuration (nanoseconds), kubernetes.URL -> CelUrl
 * Errors are values (CelError) rather than exceptions because CEL's `&&`, `||` and `all`/`exists`
 * absorb an error when the other side decides the result.
 */
import type { GoUrl } from './go-url';

export class CelUint {
  constructor(readonly value: bigint) {}
}

export class CelDuration {
  constructor(readonly nanos: bigint) {}
}

export class CelUrl {
  constructor(readonly url: GoUrl) {}
}

export class CelError {
  constructor(readonly message: string) {}
}

export abstract class CelList {
  abstract readonly size: number;
  /** The element at `index` (0 <= index < size). */
  abstract at(index: number): CelResult;

  *[Symbol.iterator](): IterableIterator<CelResult> {
    for (let i = 0; i < this.size; i++) yield this.at(i);
  }
}

export abstract class CelMap {
  abstract readonly size: number;
  /** The value under `key`, or undefined when the map has no such key. */
  abstract get(key: CelValue): CelResult | undefined;
  abstract keys(): Iterable<CelValue>;
}

export type CelValue =
  null | boolean | bigint | number | string | CelUint | CelDuration | CelUrl | CelList | CelMap;

export type CelResult = CelValue | CelError;

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;

export function isError(value: CelResult | undefined): value is CelError {
  return value instanceof CelError;
}

export function celTypeName(value: CelResult): string {
  if (value === null) return 'null_type';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
  }
  if (value instanceof CelUint) return 'uint';
  if (value instanceof CelDuration) return 'google.protobuf.Duration';
  if (value instanceof CelUrl) return 'kubernetes.URL';
  if (value instanceof CelList) return 'list';
  if (value instanceof CelMap) return 'map';
  return 'error';
}

export function noSuchOverload(functionName: string, ...operands: CelResult[]): CelError {
  return new CelError(`no such overload: ${functionName}(${operands.map(celTypeName).join(', ')})`);
}

/** A list built by the evaluator (literals, `map`, `filter`, concatenation). */
export class ArrayCelList extends CelList {
  constructor(private readonly elements: readonly CelValue[]) {
    super();
  }
  get size(): number {
    return this.elements.length;
  }
  at(index: number): CelValue {
    return this.elements[index] as CelValue;
  }
}

/**
 * A map built by the evaluator. CEL map keys are int, uint, string or bool, and numeric keys compare by
 * value (`{1: 'a'}[1u]` finds the entry), so keys are normalised into a tagged string.
 */
export class EntriesCelMap extends CelMap {
  private readonly byKey = new Map<string, { key: CelValue; value: CelValue }>();

  /** Returns an error for an unsupported key type or a repeated key, as CEL does for map literals. */
  static of(entries: readonly (readonly [CelValue, CelValue])[]): EntriesCelMap | CelError {
    const map = new EntriesCelMap();
    for (const [key, value] of entries) {
      const normalised = mapKeyOf(key);
      if (normalised === undefined) return new CelError(`unsupported map key type: ${celTypeName(key)}`);
      if (map.byKey.has(normalised)) return new CelError(`repeated map key: ${displayValue(key)}`);
      map.byKey.set(normalised, { key, value });
    }
    return map;
  }

  get size(): number {
    return this.byKey.size;
  }
  get(key: CelValue): CelValue | undefined {
    const normalised = mapKeyOf(key);
    return normalised === undefined ? undefined : this.byKey.get(normalised)?.value;
  }
  *keys(): Iterable<CelValue> {
    for (const entry of this.byKey.values()) yield entry.key;
  }
}

function mapKeyOf(key: CelValue): string | undefined {
  if (typeof key === 'string') return `s${key}`;
  if (typeof key === 'boolean') return `b${key}`;
  if (typeof key === 'bigint') return `n${key}`;
  if (key instanceof CelUint) return `n${key.value}`;
  if (typeof key === 'number' && Number.isInteger(key)) return `n${BigInt(key)}`;
  return undefined;
}

/**
 * A JSON object seen as a CEL map. Null-valued fields count as absent: the API server prunes nulls from
 * fields that are not `nullable` before validation, and no field any Istio rule tests is nullable.
 */
class JsonObjectCelMap extends CelMap {
  private cachedKeys: string[] | undefined;

  constructor(private readonly object: Readonly<Record<string, unknown>>) {
    super();
  }
  private presentKeys(): string[] {
    this.cachedKeys ??= Object.keys(this.object).filter((key) => this.object[key] != null);
    return this.cachedKeys;
  }
  get size(): number {
    return this.presentKeys().length;
  }
  get(key: CelValue): CelResult | undefined {
    if (typeof key !== 'string' || !Object.hasOwn(this.object, key)) return undefined;
    const value = this.object[key];
    return value == null ? undefined : celValueFromJson(value);
  }
  keys(): Iterable<CelValue> {
    return this.presentKeys();
  }
}

class JsonArrayCelList extends CelList {
  private readonly converted: (CelResult | undefined)[] = [];

  constructor(private readonly array: readonly unknown[]) {
    super();
  }
  get size(): number {
    return this.array.length;
  }
  at(index: number): CelResult {
    let value = this.converted[index];
    if (value === undefined) {
      value = celValueFromJson(this.array[index]);
      this.converted[index] = value;
    }
    return value;
  }
}

/**
 * Wraps a JSON value (what a YAML parser produces) as a CEL value. Whole JSON numbers are CEL ints and
 * the others doubles: without the schema at hand that is the best guess, and CEL's cross-type numeric
 * comparisons make `1 == 1.0` hold either way.
 */
export function celValueFromJson(value: unknown): CelResult {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'bigint':
      return value;
    case 'number':
      if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value);
      return value;
  }
  if (Array.isArray(value)) return new JsonArrayCelList(value);
  if (isPlainObject(value)) return new JsonObjectCelMap(value);
  return new CelError(`unsupported value in the document: ${Object.prototype.toString.call(value)}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A short rendering for error messages: strings quoted, containers summarised. */
export function displayValue(value: CelResult): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
    case 'bigint':
    case 'number':
      return String(value);
  }
  if (value instanceof CelUint) return `${value.value}u`;
  if (value instanceof CelDuration) return `duration of ${value.nanos}ns`;
  if (value instanceof CelUrl) return 'url';
  if (value instanceof CelList) return `list of ${value.size}`;
  if (value instanceof CelMap) return `map of ${value.size}`;
  return value.message;
}
