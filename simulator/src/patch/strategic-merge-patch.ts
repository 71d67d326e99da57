/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), what client-side `kubectl apply`,
 * `kubectl edit` and `kubectl label` send for built-in kinds: a merge patch whose keyed lists (containers,
 * ports, env) merge item by item, with the `$patch`, `$setElementOrder`, `$deleteFromPrimitiveList` and
 * `$retainKeys` directives.
 */
import { cloneJson, isRecord } from '../model/kube-object';
import { itemKey, type ListSemantics } from '../apply/list-semantics';

export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
  lists: ListSemantics,
  schemaPath = '',
): unknown {
  if (!isRecord(patch)) return cloneJson(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  const retainKeys = Array.isArray(patch.$retainKeys) ? patch.$retainKeys.map(String) : undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const removed = Array.isArray(value) ? value : [];
      if (Array.isArray(result[field]))
        result[field] = (result[field] as unknown[]).filter((item) => !removed.includes(item));
      continue;
    }
    const childPath = schemaPath ? `${schemaPath}.${key}` : key;
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(result[key], value, childPath, lists);
    else {
      const merged = applyStrategicMergePatch(result[key], value, lists, childPath);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    }
  }
  if (retainKeys) for (const key of Object.keys(result)) if (!retainKeys.includes(key)) delete result[key];
  return result;
}

function mergeList(live: unknown, patch: unknown[], schemaPath: string, lists: ListSemantics): unknown[] {
  const current = Array.isArray(live) ? live : [];
  const keys = lists.keysAt(schemaPath);
  if (patch.some((item) => isRecord(item) && item.$patch === 'replace')) {
    return patch.filter((item) => !(isRecord(item) && item.$patch === 'replace')).map(stripDirectives);
  }
  if (keys) {
    const result = [...current];
    for (const item of patch) {
      const key = itemKey(item, keys);
      const index = key === undefined ? -1 : result.findIndex((existing) => itemKey(existing, keys) === key);
      if (isRecord(item) && item.$patch === 'delete') {
        if (index >= 0) result.splice(index, 1);
      } else if (index >= 0) {
        result[index] = applyStrategicMergePatch(result[index], item, lists, `${schemaPath}[]`);
      } else {
        result.push(stripDirectives(item));
      }
    }
    return result;
  }
  if (lists.isSet(schemaPath)) return [...current, ...patch.filter((item) => !current.includes(item))];
  return patch.map(stripDirectives);
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('$'))
      .map(([key, child]) => [key, stripDirectives(child)]),
  );
}
