/**
 * `managedFields` entries as real controllers leave them on the objects they write (the kube-controller-
 * manager on a pod it creates, the kubelet on its status, kubectl on what it applies), built from the
 * object's own members. Real entries are often half of an object's bytes, so generated meshes carry them
 * to be sized like real clusters. The field sets follow the API's list keys for the lists pods and
 * Services hold; other lists are atomic, as in FieldsV1.
 */
import { type JsonObject, type ManagedFieldsEntry } from '../model/kube-object';

/** The merge keys of the keyed lists of pods, Deployments and Services, by member name. */
const LIST_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  env: ['name'],
  ports: ['containerPort', 'protocol'],
  conditions: ['type'],
  ownerReferences: ['uid'],
  tolerations: [],
  podIPs: ['ip'],
  hostIPs: ['ip'],
  containerStatuses: [],
  initContainerStatuses: [],
};
/** A Service's ports are keyed by port and protocol, not by containerPort. */
const SERVICE_PORT_KEYS = ['port', 'protocol'];

/** The FieldsV1 set of `value`'s members (all of them, as a creator owns every field it sent). */
export function fieldsOf(value: Record<string, unknown>, servicePorts = false): JsonObject {
  const fields: JsonObject = {};
  for (const key of Object.keys(value)) fields[`f:${key}`] = memberFields(key, value[key], servicePorts);
  return fields;
}

/** The top-level members: `f:metadata`, `f:spec` and `f:status` hold their fields without a `.`. */
function objectFields(owned: Record<string, unknown>, servicePorts: boolean): JsonObject {
  const fields: JsonObject = {};
  for (const key of Object.keys(owned)) {
    const value = owned[key];
    fields[`f:${key}`] = isRecord(value) ? fieldsOf(value, servicePorts) : {};
  }
  return fields;
}

/**
 * Field sets already built, by the value they describe and its member name: generated pods share most of
 * their members (volumes, the init container, a workload's template), and so share these too.
 */
const builtFields = new WeakMap<object, Map<string, JsonObject>>();

function memberFields(key: string, value: unknown, servicePorts: boolean): JsonObject {
  if (typeof value !== 'object' || value === null) return LEAF;
  const cacheKey = `${key}${servicePorts ? ' (service)' : ''}`;
  let byKey = builtFields.get(value);
  const known = byKey?.get(cacheKey);
  if (known) return known;
  const fields = interned(newMemberFields(key, value, servicePorts));
  if (!byKey) builtFields.set(value, (byKey = new Map()));
  byKey.set(cacheKey, fields);
  return fields;
}

/**
 * One copy of each distinct field set: the sidecars of different workloads differ in their values but
 * own the same fields. Children are interned first, so a set is named by its keys and its children's ids.
 */
const internedSets = new Map<string, JsonObject>();
/** The field itself (`{}`), one object for all: no one modifies a field set once built. */
const LEAF: JsonObject = {};
const internedIds = new WeakMap<JsonObject, number>();

function interned(fields: JsonObject): JsonObject {
  let name = '';
  for (const key of Object.keys(fields)) {
    const child = fields[key] as JsonObject;
    name += `${key}\u0000${child === LEAF ? 0 : (internedIds.get(child) ?? -1)}\u0000`;
  }
  // A child not interned (a set built elsewhere) makes the set its own.
  if (name.includes('\u0000-1\u0000')) return fields;
  const known = internedSets.get(name);
  if (known) return known;
  internedSets.set(name, fields);
  internedIds.set(fields, internedSets.size);
  return fields;
}

function newMemberFields(key: string, value: object, servicePorts: boolean): JsonObject {
  if (Array.isArray(value)) {
    const listKeys = key === 'ports' && servicePorts ? SERVICE_PORT_KEYS : LIST_KEYS[key];
    if (!listKeys || listKeys.length === 0) return LEAF;
    const fields: JsonObject = { '.': LEAF };
    for (const item of value) {
      if (!isRecord(item)) continue;
      const identity: Record<string, unknown> = {};
      for (const listKey of listKeys) if (item[listKey] !== undefined) identity[listKey] = item[listKey];
      fields[`k:${JSON.stringify(identity)}`] = interned({ '.': LEAF, ...fieldsOf(item, servicePorts) });
    }
    return fields;
  }
  // Maps of labels and annotations and objects alike: `.` marks the map itself as owned.
  const record = value as Record<string, unknown>;
  return Object.keys(record).length > 0 ? { '.': LEAF, ...fieldsOf(record, servicePorts) } : LEAF;
}

export function managedFieldsEntry(
  manager: string,
  apiVersion: string,
  time: string,
  owned: Record<string, unknown>,
  options: { subresource?: string; operation?: 'Apply' | 'Update'; servicePorts?: boolean } = {},
): ManagedFieldsEntry {
  return {
    manager,
    operation: options.operation ?? 'Update',
    apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: objectFields(owned, options.servicePorts ?? false),
    ...(options.subresource ? { subresource: options.subresource } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
