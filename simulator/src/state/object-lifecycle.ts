/**
 * What the API server does to an object on create and update besides storing it: server-owned metadata
 * (uid, creationTimestamp, generation), name validation, defaulting, and keeping the stored status when
 * the resource has a status subresource.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { apiVersionOf, deepEqual, isRecord, kubeTimestamp, type KubeObject } from '../model/kube-object';
import { invalid, type StatusCause } from '../http/api-status';
import { type ResourceType } from '../registry/resource-type';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The object as its writer is said to have written it, for managedFields: the API server records
 * ownership before its create strategy adds a namespace's finalizers, so nobody owns those.
 */
export function asWritten(resource: ResourceType, prepared: KubeObject): KubeObject {
  if (resource.kind !== 'Namespace' || !isRecord(prepared.spec)) return prepared;
  const { finalizers: _finalizers, ...spec } = prepared.spec;
  const { spec: _spec, ...rest } = prepared;
  return Object.keys(spec).length === 0 ? (rest as KubeObject) : { ...rest, spec };
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose metadata.generation counts spec changes (CRDs always do). */
const GENERATION_KINDS = new Set([
  'Deployment',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

function tracksGeneration(resource: ResourceType): boolean {
  return resource.custom || GENERATION_KINDS.has(resource.kind);
}

export function validateName(resource: ResourceType, object: KubeObject): void {
  const name = object.metadata.name;
  const causes: StatusCause[] = [];
  const labelOnly = resource.kind === 'Namespace';
  const pattern = labelOnly ? DNS_LABEL : DNS_SUBDOMAIN;
  if (!pattern.test(name) || name.length > (labelOnly ? 63 : 253)) {
    const rule = labelOnly
      ? `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
      : `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(name)}: ${rule}`,
      field: 'metadata.name',
    });
  }
  for (const [field, map] of [
    ['metadata.labels', object.metadata.labels],
    ['metadata.annotations', object.metadata.annotations],
  ] as const) {
    if (
      map !== undefined &&
      (!isRecord(map) || Object.values(map).some((value) => typeof value !== 'string'))
    ) {
      causes.push({ reason: 'FieldValueInvalid', message: 'Invalid value: values must be strings', field });
    }
  }
  if (causes.length > 0) throw invalid(resource, name, causes);
}

/** `generateName` + 5 random characters, like the API server's name generator. */
export function generatedName(prefix: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = randomBytes(5);
  return prefix + [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** Empty metadata maps and lists vanish, as they do when the server round-trips ObjectMeta. */
function dropEmptyMetadata(object: KubeObject): void {
  for (const field of ['labels', 'annotations', 'finalizers', 'ownerReferences', 'managedFields']) {
    const value = object.metadata[field];
    if (
      value === null ||
      (Array.isArray(value) && value.length === 0) ||
      (isRecord(value) && Object.keys(value).length === 0)
    ) {
      delete object.metadata[field];
    }
  }
}

/** Built-in defaults a client reads back: ports default to TCP, namespaces are Active. */
function applyDefaults(resource: ResourceType, object: KubeObject): void {
  const defaultProtocols = (ports: unknown): void => {
    if (Array.isArray(ports))
      for (const port of ports) if (isRecord(port) && port.protocol === undefined) port.protocol = 'TCP';
  };
  if (resource.kind === 'Service' && isRecord(object.spec)) {
    defaultProtocols(object.spec.ports);
    object.spec.type ??= 'ClusterIP';
  }
  const podSpec =
    resource.kind === 'Pod'
      ? object.spec
      : resource.kind === 'Deployment' && isRecord(object.spec) && isRecord(object.spec.template)
        ? object.spec.template.spec
        : undefined;
  if (isRecord(podSpec) && Array.isArray(podSpec.containers)) {
    for (const container of podSpec.containers) if (isRecord(container)) defaultProtocols(container.ports);
  }
  if (resource.kind === 'Namespace') {
    // Every namespace carries its name as a label, so that selectors can pick namespaces by name.
    object.metadata.labels = { ...object.metadata.labels, [NAMESPACE_NAME_LABEL]: object.metadata.name };
    object.spec ??= { finalizers: ['kubernetes'] };
    object.status = { phase: 'Active' };
  }
  if (resource.kind === 'Secret' && isRecord(object.stringData)) {
    // The API server folds stringData into data (base64, stringData wins) and never returns stringData.
    const data = isRecord(object.data) ? object.data : {};
    for (const [key, value] of Object.entries(object.stringData))
      data[key] = Buffer.from(String(value)).toString('base64');
    object.data = data;
    delete object.stringData;
  }
}

/** A new object as the server stores it (the store then assigns its resourceVersion). */
export function prepareForCreate(resource: ResourceType, object: KubeObject, now: Date): KubeObject {
  const prepared: KubeObject = {
    ...object,
    apiVersion: apiVersionOf(resource.group, resource.storageVersion),
    metadata: {
      ...object.metadata,
      uid: randomUUID(),
      creationTimestamp: kubeTimestamp(now),
      ...(tracksGeneration(resource) ? { generation: 1 } : {}),
    },
  };
  delete prepared.metadata.resourceVersion;
  delete prepared.metadata.deletionTimestamp;
  if (resource.statusSubresource) delete prepared.status;
  applyDefaults(resource, prepared);
  dropEmptyMetadata(prepared);
  validateName(resource, prepared);
  return prepared;
}

/**
 * The object an update stores: server-owned metadata from the live object, status kept (main resource)
 * or only status taken (status subresource), generation bumped when anything but metadata/status changed.
 */
export function prepareForUpdate(
  resource: ResourceType,
  live: KubeObject,
  object: KubeObject,
  subresource?: string,
): KubeObject {
  let updated: KubeObject;
  if (subresource === 'status') {
    updated = {
      ...live,
      status: object.status,
      metadata: {
        ...live.metadata,
        managedFields: object.metadata.managedFields ?? live.metadata.managedFields,
      },
    };
    if (object.status === undefined) delete updated.status;
  } else {
    updated = { ...object, apiVersion: apiVersionOf(resource.group, resource.storageVersion) };
    if (resource.statusSubresource) {
      if (live.status === undefined) delete updated.status;
      else updated.status = live.status;
    }
  }
  updated.metadata = {
    ...updated.metadata,
    name: live.metadata.name,
    uid: live.metadata.uid,
    creationTimestamp: live.metadata.creationTimestamp,
    resourceVersion: live.metadata.resourceVersion,
  };
  if (live.metadata.namespace !== undefined) updated.metadata.namespace = live.metadata.namespace;
  if (live.metadata.deletionTimestamp !== undefined)
    updated.metadata.deletionTimestamp = live.metadata.deletionTimestamp;
  applyDefaults(resource, updated);
  dropEmptyMetadata(updated);
  if (resource.kind === 'Namespace') updated.status = live.status ?? { phase: 'Active' };
  if (tracksGeneration(resource)) {
    const generation = typeof live.metadata.generation === 'number' ? live.metadata.generation : 1;
    updated.metadata.generation = specChanged(live, updated) ? generation + 1 : generation;
  }
  validateName(resource, updated);
  return updated;
}

function specChanged(before: KubeObject, after: KubeObject): boolean {
  const strip = (object: KubeObject): Record<string, unknown> => {
    const { metadata: _metadata, status: _status, apiVersion: _apiVersion, ...rest } = object;
    return rest;
  };
  return !deepEqual(strip(before), strip(after));
}

/** Seed objects keep what their YAML says and get what a server would have given them. */
export function prepareSeed(resource: ResourceType, object: KubeObject, now: Date): KubeObject {
  const seeded: KubeObject = {
    ...object,
    apiVersion: apiVersionOf(resource.group, resource.storageVersion),
    metadata: {
      ...object.metadata,
      uid: object.metadata.uid ?? randomUUID(),
      creationTimestamp: object.metadata.creationTimestamp ?? kubeTimestamp(now),
      ...(tracksGeneration(resource) ? { generation: object.metadata.generation ?? 1 } : {}),
    },
  };
  delete seeded.metadata.resourceVersion;
  applyDefaults(resource, seeded);
  dropEmptyMetadata(seeded);
  if (resource.kind === 'Namespace' && isRecord(object.status)) seeded.status = object.status;
  validateName(resource, seeded);
  return seeded;
}
