/**
 * Field ownership for ordinary writes (create, update, patch): the writing manager takes the fields it
 * added or changed, other managers lose them, and removed fields leave every manager. This is how a
 * later server-side apply learns that `kubectl-client-side-apply` owns `.spec.host`.
 */
import { deepEqual, type KubeObject, type ManagedFieldsEntry } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import {
  difference,
  fieldSetOf,
  fieldsV1Of,
  fromFieldsV1,
  toFieldsV1,
  union,
  valueAt,
  type ObjectFieldSet,
} from './field-set';
import { listSemanticsOf } from './list-semantics';

export interface ManagerFields {
  entry: ManagedFieldsEntry;
  paths: Set<string>;
}

export function decodeManagedFields(object: KubeObject | null | undefined): ManagerFields[] {
  const entries = object?.metadata.managedFields;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((entry) => typeof entry?.manager === 'string' || typeof entry?.operation === 'string')
    .map((entry) => ({ entry, paths: fromFieldsV1(entry.fieldsV1) }));
}

export function encodeManagedFields(managers: readonly ManagerFields[]): ManagedFieldsEntry[] {
  return managers
    .filter((manager) => manager.paths.size > 0)
    .map((manager) => ({ ...manager.entry, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(manager.paths) }));
}

export function objectFieldSet(object: KubeObject, resource: ResourceType): ObjectFieldSet {
  return fieldSetOf(object, listSemanticsOf(resource), resource.statusSubresource);
}

/** Paths of `after` that are new, or leaves whose value differs from `before`. */
export function changedPaths(
  before: KubeObject | null,
  beforeSet: ObjectFieldSet | null,
  after: KubeObject,
  afterSet: ObjectFieldSet,
): Set<string> {
  const changed = new Set<string>();
  for (const path of afterSet.paths) {
    if (!beforeSet?.paths.has(path)) changed.add(path);
    else if (afterSet.leaves.has(path) && !deepEqual(valueAt(before, path), valueAt(after, path)))
      changed.add(path);
  }
  return changed;
}

/** The single entry of a new object: its creator owns every field it set. */
export function creatorEntry(write: Omit<UpdateOwnership, 'live'>): ManagedFieldsEntry {
  return {
    manager: write.manager,
    operation: 'Update',
    apiVersion: write.apiVersion,
    time: write.time,
    fieldsType: 'FieldsV1',
    fieldsV1: fieldsV1Of(write.updated, listSemanticsOf(write.resource), write.resource.statusSubresource),
    ...(write.subresource ? { subresource: write.subresource } : {}),
  };
}

export interface UpdateOwnership {
  live: KubeObject | null;
  updated: KubeObject;
  resource: ResourceType;
  manager: string;
  apiVersion: string;
  time: string;
  subresource?: string;
}

/** managedFields after a create, update or non-apply patch by `manager`. */
export function managedFieldsAfterUpdate(write: UpdateOwnership): ManagedFieldsEntry[] {
  const { live, updated, resource } = write;
  // Like the API server: managedFields sent by the client replace the stored ones; none sent keeps them.
  const sent = decodeManagedFields(updated);
  if (live === null && sent.length === 0) {
    // An object that sets no field of its own (a bare ServiceAccount) gets no entry, as on a server.
    const entry = creatorEntry(write);
    return Object.keys(entry.fieldsV1 ?? {}).length > 0 ? [entry] : [];
  }
  const managers = sent.length > 0 ? sent : decodeManagedFields(live);
  const liveSet = live ? objectFieldSet(live, resource) : null;
  const updatedSet = objectFieldSet(updated, resource);
  const changed = changedPaths(live, liveSet, updated, updatedSet);
  const removed = liveSet ? difference(liveSet.paths, updatedSet.paths) : new Set<string>();
  const taken = union(changed, removed);

  const isWriter = (entry: ManagedFieldsEntry): boolean =>
    entry.manager === write.manager &&
    entry.operation === 'Update' &&
    entry.apiVersion === write.apiVersion &&
    (entry.subresource ?? '') === (write.subresource ?? '');
  const result = managers.map((manager) =>
    isWriter(manager.entry) ? manager : { entry: manager.entry, paths: difference(manager.paths, taken) },
  );
  const writer = result.find((manager) => isWriter(manager.entry));
  const writerPaths = union(difference(writer?.paths ?? [], removed), changed);
  if (changed.size === 0 && writer === undefined) return encodeManagedFields(result);
  const entry: ManagedFieldsEntry = {
    manager: write.manager,
    operation: 'Update',
    apiVersion: write.apiVersion,
    time: changed.size > 0 ? write.time : (writer?.entry.time ?? write.time),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(write.subresource ? { subresource: write.subresource } : {}),
  };
  if (writer) {
    writer.entry = entry;
    writer.paths = writerPaths;
  } else {
    result.push({ entry, paths: writerPaths });
  }
  return encodeManagedFields(result);
}
