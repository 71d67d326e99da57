/**
 * How server-side apply and strategic merge patch treat each list of a resource: merged by key
 * (containers by name, ports by port+protocol), merged as a set (finalizers), or atomic (replaced whole,
 * the default for Istio's lists, whose CRDs rarely declare list types).
 */
import { isRecord } from '../model/kube-object';
import { METADATA_ASSOCIATIVE_LISTS, METADATA_SET_LISTS, type ResourceType } from '../registry/resource-type';

export interface ListSemantics {
  /** Key fields for the list at this schema path (`spec.ports`, `spec.containers[].env`), if keyed. */
  keysAt(schemaPath: string): readonly string[] | undefined;
  isSet(schemaPath: string): boolean;
}

const cache = new WeakMap<ResourceType, ListSemantics>();

export function listSemanticsOf(resource: ResourceType): ListSemantics {
  let semantics = cache.get(resource);
  if (!semantics) {
    semantics = buildListSemantics(resource);
    cache.set(resource, semantics);
  }
  return semantics;
}

function buildListSemantics(resource: ResourceType): ListSemantics {
  const associative: Record<string, readonly string[]> = {
    ...METADATA_ASSOCIATIVE_LISTS,
    ...resource.associativeLists,
  };
  const sets = new Set([...METADATA_SET_LISTS, ...resource.setLists]);
  return {
    keysAt: (schemaPath) => associative[schemaPath],
    isSet: (schemaPath) => sets.has(schemaPath),
  };
}

/** Values the API server defaults in list keys, so `{port: 80}` and `{port: 80, protocol: TCP}` match. */
const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

/** The key of a list item as SMD writes it (`{"port":80,"protocol":"TCP"}`), or undefined if unkeyed. */
export function itemKey(item: unknown, keys: readonly string[]): string | undefined {
  if (!isRecord(item)) return undefined;
  const entries: [string, unknown][] = [];
  for (const key of [...keys].sort()) {
    const value = item[key] ?? KEY_DEFAULTS[key];
    if (value === undefined) return undefined;
    entries.push([key, value]);
  }
  return JSON.stringify(Object.fromEntries(entries));
}
