/**
 * The bridge between the conformance data's values (`cel.expr.Value` protobuf messages) and our CEL
 * value model: converting bindings and expected results, and comparing a result with an expectation
 * exactly. Values our model has no room for (bytes, types, timestamps, protobuf messages) come back as
 * `unrepresentable`, so a case needing them is never mistaken for a pass.
 */
import type { Value } from '@bufbuild/cel-spec/cel/expr/value_pb.js';
import { type Any, anyUnpack } from '@bufbuild/protobuf/wkt';
import { DurationSchema, ListValueSchema, StructSchema, ValueSchema } from '@bufbuild/protobuf/wkt';
import { type JsonValue, toJson } from '@bufbuild/protobuf';
import {
  ArrayCelList,
  CelDuration,
  CelError,
  CelList,
  CelMap,
  type CelResult,
  CelUint,
  type CelValue,
  EntriesCelMap,
} from '../../../../server/src/analysis/cel/cel-values';

export interface Unrepresentable {
  readonly unrepresentable: string;
}

export type ConvertedValue = CelValue | Unrepresentable;

export function isUnrepresentable(value: ConvertedValue): value is Unrepresentable {
  return typeof value === 'object' && value !== null && 'unrepresentable' in value;
}

/** A `cel.expr.Value` as our runtime value, or why it has no counterpart in our model. */
export function celValueOfProto(value: Value | undefined): ConvertedValue {
  if (value === undefined) return { unrepresentable: 'missing value' };
  const { kind } = value;
  switch (kind.case) {
    case 'nullValue':
      return null;
    case 'boolValue':
    case 'stringValue':
    case 'doubleValue':
      return kind.value;
    case 'int64Value':
      return kind.value;
    case 'uint64Value':
      return new CelUint(kind.value);
    case 'listValue': {
      const elements: CelValue[] = [];
      for (const element of kind.value.values) {
        const converted = celValueOfProto(element);
        if (isUnrepresentable(converted)) return converted;
        elements.push(converted);
      }
      return new ArrayCelList(elements);
    }
    case 'mapValue': {
      const entries: [CelValue, CelValue][] = [];
      for (const entry of kind.value.entries) {
        const key = celValueOfProto(entry.key);
        if (isUnrepresentable(key)) return key;
        const item = celValueOfProto(entry.value);
        if (isUnrepresentable(item)) return item;
        entries.push([key, item]);
      }
      const map = EntriesCelMap.of(entries);
      return map instanceof CelError ? { unrepresentable: map.message } : map;
    }
    case 'objectValue':
      return celValueOfAny(kind.value);
    case 'bytesValue':
    case 'enumValue':
    case 'typeValue':
      return { unrepresentable: kind.case };
    case undefined:
      return { unrepresentable: 'empty value' };
  }
}

/** The well-known messages that have a CEL meaning without protobuf: Duration and JSON (Struct, Value). */
function celValueOfAny(any: Any): ConvertedValue {
  const duration = anyUnpack(any, DurationSchema);
  if (duration !== undefined) {
    return new CelDuration(duration.seconds * 1_000_000_000n + BigInt(duration.nanos));
  }
  for (const schema of [ValueSchema, StructSchema, ListValueSchema] as const) {
    const message = anyUnpack(any, schema);
    if (message !== undefined) return celValueOfProtobufJson(toJson(schema, message));
  }
  return { unrepresentable: `message ${any.typeUrl}` };
}

/** google.protobuf.Value is JSON whose numbers are all doubles (unlike a Kubernetes object's). */
function celValueOfProtobufJson(json: JsonValue): CelValue {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return new ArrayCelList(json.map(celValueOfProtobufJson));
  const map = EntriesCelMap.of(
    Object.entries(json).map(([key, item]) => [key, celValueOfProtobufJson(item ?? null)]),
  );
  // JSON object keys are distinct strings, so building the map cannot fail.
  return map instanceof CelError ? null : map;
}

/**
 * Exact equality as the conformance suite defines it: same type and same value (no `1 == 1.0`
 * heterogeneity), maps regardless of order, any NaN equal to any NaN.
 */
export function sameCelValue(actual: CelResult, expected: CelValue): boolean {
  if (actual instanceof CelError) return false;
  if (typeof expected === 'number') {
    return (
      typeof actual === 'number' && (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected)))
    );
  }
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (expected instanceof CelUint) return actual instanceof CelUint && actual.value === expected.value;
  if (expected instanceof CelDuration)
    return actual instanceof CelDuration && actual.nanos === expected.nanos;
  if (expected instanceof CelList) return actual instanceof CelList && sameLists(actual, expected);
  if (expected instanceof CelMap) return actual instanceof CelMap && sameMaps(actual, expected);
  return false;
}

function sameLists(actual: CelList, expected: CelList): boolean {
  if (actual.size !== expected.size) return false;
  for (let index = 0; index < expected.size; index++) {
    const item = expected.at(index);
    if (item instanceof CelError || !sameCelValue(actual.at(index), item)) return false;
  }
  return true;
}

function sameMaps(actual: CelMap, expected: CelMap): boolean {
  if (actual.size !== expected.size) return false;
  const actualKeys = [...actual.keys()];
  for (const key of expected.keys()) {
    // Keys must match in type too: our maps find `1u` under `1`, the suite's equality does not.
    const actualKey = actualKeys.find((candidate) => sameCelValue(candidate, key));
    const item = expected.get(key);
    if (actualKey === undefined || item === undefined || item instanceof CelError) return false;
    if (!sameCelValue(actual.get(actualKey) ?? new CelError('missing'), item)) return false;
  }
  return true;
}

/** A short rendering for failure reports: `1`, `1u`, `1.0`, `"s"`, `[1, 2]`, `{"a": 1}`, `error(...)`. */
export function describeCelResult(value: CelResult | Unrepresentable): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'number':
      return Number.isInteger(value) ? value.toFixed(1) : String(value);
  }
  if (value instanceof CelError) return `error(${value.message})`;
  if (value instanceof CelUint) return `${value.value}u`;
  if (value instanceof CelDuration) return `duration(${value.nanos}ns)`;
  if (value instanceof CelList) return `[${[...value].map(describeCelResult).join(', ')}]`;
  if (value instanceof CelMap) {
    const entries = [...value.keys()].map(
      (key) => `${describeCelResult(key)}: ${describeCelResult(value.get(key) ?? null)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  if ('unrepresentable' in value) return `<${value.unrepresentable}>`;
  return `<${value.constructor.name}>`;
}
