/**
 * The field defaults of the CRDs (schemas/cel-rules.json `defaults`): the API server sets them before it
 * validates, so the CEL rules of a kind are judged on the defaulted object. Without them a Gateway API
 * rule such as `self.group == ''` fails on every reference that leaves `group` to its default.
 */
import { isPlainObject } from './cel-values';

/** One entry of schemas/cel-rules.json `defaults`: `field` of the objects at `path` defaults to `value`. */
export interface FieldDefaultRecord {
  readonly apiVersion: string;
  readonly kind: string;
  /** Path of the object that holds the field; `[]` for array items and `{}` for map values. */
  readonly path: readonly string[];
  readonly field: string;
  readonly value: unknown;
}

/** A node of the defaults tree: the fields defaulted in the objects here, and the paths below. */
export interface DefaultsNode {
  readonly fields: ReadonlyMap<string, unknown>;
  readonly children: ReadonlyMap<string, DefaultsNode>;
}

interface MutableDefaultsNode {
  readonly fields: Map<string, unknown>;
  readonly children: Map<string, MutableDefaultsNode>;
}

/** Builds the defaults tree of each kind (`apiVersion kind`) from well-formed entries; others are skipped. */
export function indexDefaults(entries: readonly unknown[]): Map<string, DefaultsNode> {
  const roots = new Map<string, MutableDefaultsNode>();
  for (const entry of entries) {
    const record = asDefaultRecord(entry);
    if (!record) continue;
    const key = `${record.apiVersion} ${record.kind}`;
    let node: MutableDefaultsNode | undefined = roots.get(key);
    if (!node) {
      node = emptyNode();
      roots.set(key, node);
    }
    for (const segment of record.path) {
      let child: MutableDefaultsNode | undefined = node.children.get(segment);
      if (!child) {
        child = emptyNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    node.fields.set(record.field, record.value);
  }
  return roots;
}

/**
 * `value` with the defaults of `node` applied as the API server does: a field that is absent (or null) in
 * an object that exists gets its default, outer objects first, so defaults inside a defaulted value apply
 * too. The input is not changed; only the objects on defaulted paths are copied.
 */
export function applyDefaults(value: unknown, node: DefaultsNode): unknown {
  if (Array.isArray(value)) {
    const items = node.children.get('[]');
    return items ? value.map((item) => applyDefaults(item, items)) : value;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [field, fieldDefault] of node.fields) {
    if (out[field] === undefined || out[field] === null) out[field] = structuredClone(fieldDefault);
  }
  for (const [segment, child] of node.children) {
    if (segment === '[]') continue;
    if (segment === '{}') {
      for (const key of Object.keys(out)) out[key] = applyDefaults(out[key], child);
    } else if (out[segment] !== undefined && out[segment] !== null) {
      out[segment] = applyDefaults(out[segment], child);
    }
  }
  return out;
}

function emptyNode(): MutableDefaultsNode {
  return { fields: new Map(), children: new Map() };
}

function asDefaultRecord(entry: unknown): FieldDefaultRecord | undefined {
  if (!isPlainObject(entry)) return undefined;
  const { apiVersion, kind, path, field } = entry;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof field !== 'string')
    return undefined;
  if (!Array.isArray(path) || !path.every((segment) => typeof segment === 'string')) return undefined;
  if (!('value' in entry)) return undefined;
  return { apiVersion, kind, path: path as string[], field, value: entry.value };
}
