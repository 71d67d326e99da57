/**
 * Field sets as server-side apply tracks them (structured-merge-diff's `fieldpath.Set`): which fields of
 * an object a manager owns, written to `metadata.managedFields[].fieldsV1` as `f:`, `k:{...}`, `v:` and
 * `i:` path elements with `.` for "this node itself".
 *
 * A path is a string of path elements joined by NUL (JSON-encoded elements never contain NUL), so sets
 * are plain `Set<string>` and set algebra is cheap.
 */
import { isRecord, type JsonObject, type KubeObject, deepEqual } from '../model/kube-object';
import { itemKey, type ListSemantics } from './list-semantics';

export const SEPARATOR = '\u0000';

/** Metadata the server owns; never part of a manager's fields. */
const SERVER_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

export interface ObjectFieldSet {
  /** Every owned path: leaves, list items and map entries. */
  paths: Set<string>;
  /** The paths whose value is compared as a whole (scalars, atomic lists, empty maps). */
  leaves: Set<string>;
}

/** The fields an object sets, as server-side apply would record them for its manager. */
export function fieldSetOf(object: KubeObject, lists: ListSemantics, ignoreStatus: boolean): ObjectFieldSet {
  const result: ObjectFieldSet = { paths: new Set(), leaves: new Set() };
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || value === undefined) continue;
    if (key === 'status' && ignoreStatus) continue;
    if (key === 'metadata' && isRecord(value)) {
      // Keys first: reading a server-owned field could run a lazy getter (seeded managedFields).
      for (const field of Object.keys(value)) {
        const fieldValue = SERVER_METADATA.has(field) ? undefined : value[field];
        if (fieldValue === undefined) continue;
        visit(fieldValue, `f:metadata${SEPARATOR}f:${field}`, `metadata.${field}`, lists, result);
      }
      continue;
    }
    visit(value, `f:${key}`, key, lists, result);
  }
  return result;
}

function visit(
  value: unknown,
  path: string,
  schemaPath: string,
  lists: ListSemantics,
  result: ObjectFieldSet,
): void {
  result.paths.add(path);
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    if (entries.length === 0) result.leaves.add(path);
    for (const [key, child] of entries)
      visit(child, `${path}${SEPARATOR}f:${key}`, `${schemaPath}.${key}`, lists, result);
    return;
  }
  if (Array.isArray(value)) {
    const keys = lists.keysAt(schemaPath);
    if (keys) {
      value.forEach((item, index) => {
        const key = itemKey(item, keys);
        visit(
          item,
          `${path}${SEPARATOR}${key === undefined ? `i:${index}` : `k:${key}`}`,
          `${schemaPath}[]`,
          lists,
          result,
        );
      });
      return;
    }
    if (lists.isSet(schemaPath)) {
      for (const item of value) {
        result.paths.add(`${path}${SEPARATOR}v:${JSON.stringify(item)}`);
        result.leaves.add(`${path}${SEPARATOR}v:${JSON.stringify(item)}`);
      }
      return;
    }
  }
  result.leaves.add(path);
}

/**
 * `fieldsV1` of every field an object sets, built in one pass (same result as
 * `toFieldsV1(fieldSetOf(...).paths)`, without the path strings): the fast path for creates and seeds.
 */
export function fieldsV1Of(object: KubeObject, lists: ListSemantics, ignoreStatus: boolean): JsonObject {
  const root: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || value === undefined) continue;
    if (key === 'status' && ignoreStatus) continue;
    if (key === 'metadata' && isRecord(value)) {
      const metadata: JsonObject = {};
      for (const field of Object.keys(value)) {
        const fieldValue = SERVER_METADATA.has(field) ? undefined : value[field];
        if (fieldValue !== undefined)
          metadata[`f:${field}`] = fieldsNode(fieldValue, `metadata.${field}`, lists);
      }
      if (Object.keys(metadata).length > 0) root['f:metadata'] = sorted(metadata);
      continue;
    }
    root[`f:${key}`] = fieldsNode(value, key, lists);
  }
  return sorted(root);
}

function fieldsNode(value: unknown, schemaPath: string, lists: ListSemantics): JsonObject {
  const node: JsonObject = {};
  if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined) node[`f:${key}`] = fieldsNode(child, `${schemaPath}.${key}`, lists);
    }
  } else if (Array.isArray(value)) {
    const keys = lists.keysAt(schemaPath);
    if (keys) {
      value.forEach((item, index) => {
        const key = itemKey(item, keys);
        node[key === undefined ? `i:${index}` : `k:${key}`] = fieldsNode(item, `${schemaPath}[]`, lists);
      });
    } else if (lists.isSet(schemaPath)) {
      for (const item of value) node[`v:${JSON.stringify(item)}`] = {};
    }
  }
  if (Object.keys(node).length === 0) return node;
  node['.'] = {};
  return sorted(node);
}

function sorted(node: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (node['.'] !== undefined) out['.'] = {};
  for (const key of Object.keys(node)
    .filter((key) => key !== '.')
    .sort())
    out[key] = node[key] as JsonObject;
  return out;
}

/** `{"f:spec":{".":{},"f:host":{}}}` for a set of paths. */
export function toFieldsV1(paths: Iterable<string>): JsonObject {
  interface Node {
    self: boolean;
    children: Map<string, Node>;
  }
  const root: Node = { self: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const element of path.split(SEPARATOR)) {
      let child = node.children.get(element);
      if (!child) {
        child = { self: false, children: new Map() };
        node.children.set(element, child);
      }
      node = child;
    }
    node.self = true;
  }
  const serialize = (node: Node): JsonObject => {
    const out: JsonObject = {};
    if (node.self && node.children.size > 0) out['.'] = {};
    for (const element of [...node.children.keys()].sort())
      out[element] = serialize(node.children.get(element) as Node);
    return out;
  };
  return serialize(root);
}

export function fromFieldsV1(fields: unknown): Set<string> {
  const paths = new Set<string>();
  const walk = (node: unknown, prefix: string): void => {
    if (!isRecord(node)) return;
    for (const [element, child] of Object.entries(node)) {
      if (element === '.') {
        if (prefix) paths.add(prefix);
        continue;
      }
      const path = prefix ? `${prefix}${SEPARATOR}${element}` : element;
      if (isRecord(child) && Object.keys(child).length === 0) paths.add(path);
      else walk(child, path);
    }
  };
  walk(fields, '');
  return paths;
}

/** `.spec.ports[name="http"].targetPort`: how the API server names a path in conflict messages. */
export function describePath(path: string): string {
  return path
    .split(SEPARATOR)
    .map((element) => {
      const body = element.slice(2);
      if (element.startsWith('f:')) return `.${body}`;
      if (element.startsWith('i:')) return `[${body}]`;
      if (element.startsWith('v:')) return `[=${body}]`;
      const key = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join(',')}]`;
    })
    .join('');
}

/** Finds the child of a JSON node for one path element; for lists also returns the item's index. */
function step(node: unknown, element: string): { value: unknown; index?: number } | undefined {
  const body = element.slice(2);
  if (element.startsWith('f:')) return isRecord(node) && body in node ? { value: node[body] } : undefined;
  if (!Array.isArray(node)) return undefined;
  let index = -1;
  if (element.startsWith('i:')) index = Number(body);
  else if (element.startsWith('v:')) index = node.findIndex((item) => deepEqual(item, JSON.parse(body)));
  else {
    const keys = Object.keys(JSON.parse(body) as object);
    index = node.findIndex((item) => itemKey(item, keys) === body);
  }
  return index >= 0 && index < node.length ? { value: node[index], index } : undefined;
}

/** The value at a path, or undefined when the path does not exist. */
export function valueAt(object: unknown, path: string): unknown {
  let node: unknown = object;
  for (const element of path.split(SEPARATOR)) {
    const next = step(node, element);
    if (!next) return undefined;
    node = next.value;
  }
  return node;
}

/** Removes the node at a path from a (mutable) object; returns whether something was removed. */
export function removeAt(object: unknown, path: string): boolean {
  const elements = path.split(SEPARATOR);
  const last = elements.pop() as string;
  const parent = elements.length === 0 ? object : valueAt(object, elements.join(SEPARATOR));
  const target = step(parent, last);
  if (!target) return false;
  if (Array.isArray(parent) && target.index !== undefined) parent.splice(target.index, 1);
  else if (isRecord(parent)) delete parent[last.slice(2)];
  return true;
}

/**
 * What an Apply manager owns of the fields its configuration sets: the leaves and list items, not the
 * maps on the way to them (structured-merge-diff records those only for Update managers, as `.`).
 */
export function appliedPaths(set: ObjectFieldSet): Set<string> {
  return new Set(
    [...set.paths].filter(
      (path) => set.leaves.has(path) || !(path.split(SEPARATOR).pop() as string).startsWith('f:'),
    ),
  );
}

/**
 * After `path` was removed: removes the maps above it that it left empty and that no manager owns
 * themselves, as the API server does when an applier stops setting a field (top-level fields stay).
 */
export function pruneEmptyParents(object: unknown, path: string, owned: ReadonlySet<string>): void {
  const elements = path.split(SEPARATOR);
  for (let depth = elements.length - 1; depth > 1; depth -= 1) {
    const parent = elements.slice(0, depth).join(SEPARATOR);
    const value = valueAt(object, parent);
    if (!isRecord(value) || Object.keys(value).length > 0 || owned.has(parent)) return;
    removeAt(object, parent);
  }
}

export function isAncestor(ancestor: string, path: string): boolean {
  return path.length > ancestor.length && path.startsWith(ancestor + SEPARATOR);
}

export function union(...sets: Iterable<string>[]): Set<string> {
  const result = new Set<string>();
  for (const set of sets) for (const path of set) result.add(path);
  return result;
}

export function difference(set: Iterable<string>, remove: ReadonlySet<string>): Set<string> {
  return new Set([...set].filter((path) => !remove.has(path)));
}
