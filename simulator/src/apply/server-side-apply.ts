/**
 * Server-side apply (`PATCH` with `application/apply-patch+yaml`), after structured-merge-diff: the
 * applied configuration is merged into the live object, fields the manager applied before and no longer
 * sets are removed (unless another manager owns them), and changing a field another manager owns is a
 * conflict (409) unless `force=true`, which takes the field over.
 */
import { cloneJson, isRecord, type KubeObject, type ManagedFieldsEntry } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import {
  appliedPaths,
  describePath,
  difference,
  isAncestor,
  pruneEmptyParents,
  removeAt,
  SEPARATOR,
  union,
} from './field-set';
import { itemKey, listSemanticsOf, type ListSemantics } from './list-semantics';
import {
  changedPaths,
  decodeManagedFields,
  encodeManagedFields,
  objectFieldSet,
  type ManagerFields,
} from './managed-fields';

export interface ApplyRequest {
  live: KubeObject | null;
  applied: KubeObject;
  resource: ResourceType;
  manager: string;
  apiVersion: string;
  force: boolean;
  time: string;
}

export interface ApplyConflict {
  /** `"kubectl-client-side-apply" using networking.istio.io/v1`, as the API server prints managers. */
  manager: string;
  /** `.spec.host` */
  field: string;
}

export type ApplyOutcome = { object: KubeObject } | { conflicts: ApplyConflict[] };

/** Metadata a client may not set through apply; the server keeps its own values. */
const SERVER_OWNED_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'managedFields',
  'selfLink',
];

export function serverSideApply(request: ApplyRequest): ApplyOutcome {
  const { resource, applied } = request;
  const lists = listSemanticsOf(resource);
  const config = cloneJson(applied);
  for (const field of SERVER_OWNED_METADATA) delete config.metadata[field];
  if (resource.statusSubresource) delete config.status;

  const live: KubeObject = request.live ?? {
    apiVersion: applied.apiVersion,
    kind: applied.kind,
    metadata: {
      name: applied.metadata.name,
      ...(applied.metadata.namespace ? { namespace: applied.metadata.namespace } : {}),
    },
  };
  const managers = decodeManagedFields(request.live);
  const isApplier = (manager: ManagerFields): boolean =>
    manager.entry.manager === request.manager && manager.entry.operation === 'Apply';
  const previous = managers.find(isApplier);
  const others = managers.filter((manager) => !isApplier(manager));

  const configSet = objectFieldSet(config, resource);
  const merged = mergeValues(live, config, '', lists) as KubeObject;
  const changed = changedPaths(live, objectFieldSet(live, resource), merged, configSet);

  const conflicts: ApplyConflict[] = [];
  for (const other of others) {
    const owned = [...changed].filter((path) => other.paths.has(path));
    if (owned.length === 0) continue;
    if (request.force) other.paths = difference(other.paths, new Set(owned));
    else
      conflicts.push(
        ...owned.map((path) => ({ manager: describeManager(other.entry), field: describePath(path) })),
      );
  }
  if (conflicts.length > 0) return { conflicts };

  // Fields this manager applied last time and dropped now go away, unless someone else still owns them.
  const stillOwned = union(configSet.paths, ...others.map((other) => other.paths));
  const appliedFields = appliedPaths(configSet);
  const dropped = [...difference(previous?.paths ?? [], stillOwned)].sort(
    (a, b) => b.split(SEPARATOR).length - a.split(SEPARATOR).length,
  );
  for (const path of dropped) {
    if ([...stillOwned].some((owned) => isAncestor(path, owned))) continue;
    if (removeAt(merged, path)) pruneEmptyParents(merged, path, stillOwned);
  }

  // Like the API server, the timestamp moves only when the manager's fields change.
  const unchanged =
    previous !== undefined &&
    previous.entry.apiVersion === request.apiVersion &&
    previous.paths.size === appliedFields.size &&
    [...appliedFields].every((path) => previous.paths.has(path));
  const entry: ManagedFieldsEntry = {
    manager: request.manager,
    operation: 'Apply',
    apiVersion: request.apiVersion,
    time: unchanged ? (previous.entry.time ?? request.time) : request.time,
    fieldsType: 'FieldsV1',
    fieldsV1: {},
  };
  const applier: ManagerFields = { entry, paths: appliedFields };
  const updated = previous
    ? managers.map((manager) => (manager === previous ? applier : manager))
    : [...managers, applier];
  merged.metadata = { ...merged.metadata, managedFields: encodeManagedFields(updated) };
  return { object: merged };
}

/** How the API server names a manager in conflicts: Update managers carry their apiVersion. */
function describeManager(entry: ManagedFieldsEntry): string {
  const name = JSON.stringify(entry.manager);
  const withSubresource = entry.subresource
    ? `${name} with subresource ${JSON.stringify(entry.subresource)}`
    : name;
  return entry.operation === 'Update' ? `${withSubresource} using ${entry.apiVersion}` : withSubresource;
}

/** The message of the 409 Status, word for word like the API server's. */
export function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  if (conflicts.length === 1) {
    const [only] = conflicts as [ApplyConflict];
    return `Apply failed with 1 conflict: conflict with ${only.manager}: ${only.field}`;
  }
  const byManager = new Map<string, string[]>();
  for (const conflict of conflicts)
    byManager.set(conflict.manager, [...(byManager.get(conflict.manager) ?? []), conflict.field]);
  const lines = [...byManager.keys()]
    .sort()
    .flatMap((manager) => [
      `conflicts with ${manager}:`,
      ...(byManager.get(manager) ?? []).map((field) => `- ${field}`),
    ]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** Merges applied values into live ones: maps field by field, keyed lists item by item, sets as unions. */
function mergeValues(live: unknown, config: unknown, schemaPath: string, lists: ListSemantics): unknown {
  if (isRecord(config) && isRecord(live)) {
    const result: Record<string, unknown> = { ...live };
    for (const [key, value] of Object.entries(config)) {
      if (value === null) delete result[key];
      else result[key] = mergeValues(live[key], value, schemaPath ? `${schemaPath}.${key}` : key, lists);
    }
    return result;
  }
  if (Array.isArray(config) && Array.isArray(live)) {
    const keys = lists.keysAt(schemaPath);
    if (keys) return mergeKeyedLists(live, config, keys, `${schemaPath}[]`, lists);
    if (lists.isSet(schemaPath))
      return [
        ...live,
        ...config.filter(
          (item) => !live.some((existing) => JSON.stringify(existing) === JSON.stringify(item)),
        ),
      ];
  }
  return cloneJson(config);
}

function mergeKeyedLists(
  live: unknown[],
  config: unknown[],
  keys: readonly string[],
  itemPath: string,
  lists: ListSemantics,
): unknown[] {
  const result = [...live];
  for (const item of config) {
    const key = itemKey(item, keys);
    const index = key === undefined ? -1 : result.findIndex((existing) => itemKey(existing, keys) === key);
    if (index >= 0) result[index] = mergeValues(result[index], item, itemPath, lists);
    else result.push(cloneJson(item));
  }
  return result;
}
