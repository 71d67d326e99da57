/**
 * POST (create), PUT (update) and DELETE, with the API server's preconditions (resourceVersion and uid),
 * `dryRun=All`, managed-field bookkeeping, no-op updates that keep the resourceVersion, and namespace
 * deletion that removes the namespace's contents.
 */
import { type IncomingMessage } from 'node:http';
import { apiVersionOf, deepEqual, isRecord, kubeTimestamp, type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import { managedFieldsAfterUpdate } from '../apply/managed-fields';
import { type ClusterContext } from '../cluster/cluster-context';
import { asWritten, generatedName, prepareForCreate, prepareForUpdate } from '../state/object-lifecycle';
import { defaultObject, validateFields } from './field-validation';
import { alreadyExists, failure, modifiedConflict, notFound, success } from './api-status';
import { objectFilter } from './read-handlers';
import { inVersion } from './representations';
import { type ResourceRequest } from './request-info';
import {
  checkNameMatchesUrl,
  ensureNamespaceExists,
  fieldManager,
  isDryRun,
  placeInNamespace,
  requestObject,
} from './write-support';

export interface WriteResult {
  code: number;
  body: object;
  /** `Warning` headers (pruned unknown fields). */
  warnings?: string[];
}

export interface WriteOptions {
  dryRun: boolean;
  manager: string;
  /** The request's apiVersion, recorded in managedFields. */
  apiVersion: string;
  subresource?: string;
}

/** A new object as it will be stored, with the creating manager's fields; 409 if it exists. */
export function prepareCreate(
  context: ClusterContext,
  resource: ResourceType,
  object: KubeObject,
  options: WriteOptions,
): KubeObject {
  const now = new Date();
  const prepared = prepareForCreate(resource, object, now);
  prepared.metadata.managedFields = managedFieldsAfterUpdate({
    live: null,
    updated: asWritten(resource, prepared),
    resource,
    manager: options.manager,
    apiVersion: options.apiVersion,
    time: kubeTimestamp(now),
  });
  if (context.store.get(resource, prepared.metadata.namespace, prepared.metadata.name)) {
    throw alreadyExists(resource, prepared.metadata.name);
  }
  return prepared;
}

/** Stores a prepared new object (dry-run: only returns it), allocating a Service's addresses first. */
export function storeCreated(
  context: ClusterContext,
  resource: ResourceType,
  prepared: KubeObject,
  dryRun: boolean,
): KubeObject {
  if (dryRun) return prepared;
  if (resource.kind === 'Service') context.serviceAddresses.assign(prepared);
  return context.store.create(resource, prepared);
}

/**
 * Stores the new state of an existing object. `candidate` is the full object the client wants; its
 * resourceVersion, when set, must match. Unchanged objects are not written (same resourceVersion).
 */
export function commitUpdate(
  context: ClusterContext,
  resource: ResourceType,
  live: KubeObject,
  candidate: KubeObject,
  options: WriteOptions,
  managedFieldsAlreadySet = false,
): KubeObject {
  const requested = candidate.metadata.resourceVersion;
  if (requested && requested !== live.metadata.resourceVersion)
    throw modifiedConflict(resource, live.metadata.name);
  if (candidate.metadata.uid && candidate.metadata.uid !== live.metadata.uid) {
    throw failure(
      409,
      'Conflict',
      `Precondition failed: UID in precondition: ${candidate.metadata.uid}, UID in object meta: ${live.metadata.uid}`,
    );
  }
  const updated = prepareForUpdate(resource, live, candidate, options.subresource);
  if (!managedFieldsAlreadySet) {
    updated.metadata.managedFields = managedFieldsAfterUpdate({
      live,
      updated,
      resource,
      manager: options.manager,
      apiVersion: options.apiVersion,
      time: kubeTimestamp(new Date()),
      ...(options.subresource ? { subresource: options.subresource } : {}),
    });
  }
  if (deepEqual(updated, live)) return live;
  return options.dryRun ? updated : context.store.replace(resource, updated);
}

function writeOptions(
  info: ResourceRequest,
  resource: ResourceType,
  query: URLSearchParams,
  request: IncomingMessage,
  body?: unknown,
): WriteOptions {
  return {
    dryRun: isDryRun(query, body),
    manager: fieldManager(query, request, false),
    apiVersion: apiVersionOf(resource.group, info.version),
    ...(info.subresource ? { subresource: info.subresource } : {}),
  };
}

export function createObject(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  request: IncomingMessage,
  body: unknown,
): WriteResult {
  const object = requestObject(body, resource, info);
  placeInNamespace(object, resource, info);
  const { warnings } = validateFields(resource, info.version, object, query, false);
  if (!object.metadata.name && typeof object.metadata.generateName === 'string') {
    object.metadata.name = generatedName(object.metadata.generateName);
  }
  ensureNamespaceExists(context, resource, object.metadata.namespace);
  const options = writeOptions(info, resource, query, request);
  const prepared = prepareCreate(context, resource, object, options);
  defaultObject(resource, info.version, prepared);
  const stored = storeCreated(context, resource, prepared, options.dryRun);
  return { code: 201, body: inVersion(stored, resource, info.version), warnings };
}

export function updateObject(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  request: IncomingMessage,
  body: unknown,
): WriteResult {
  const object = requestObject(body, resource, info);
  placeInNamespace(object, resource, info);
  checkNameMatchesUrl(object, info);
  const { warnings } = validateFields(resource, info.version, object, query, false);
  const live = context.store.get(resource, info.namespace, info.name as string);
  if (!live) throw notFound(resource, info.name as string);
  const stored = commitUpdate(context, resource, live, object, writeOptions(info, resource, query, request));
  return { code: 200, body: inVersion(stored, resource, info.version), warnings };
}

/** Deletes one object; a namespace takes its contents with it. */
export function deleteStored(
  context: ClusterContext,
  resource: ResourceType,
  live: KubeObject,
  dryRun: boolean,
): KubeObject {
  if (dryRun) return live;
  if (resource.kind === 'Namespace') {
    for (const contained of context.registry.resources.filter((candidate) => candidate.namespaced)) {
      for (const object of context.store.list(contained, live.metadata.name)) {
        context.store.remove(contained, object.metadata.namespace, object.metadata.name);
      }
    }
  }
  return context.store.remove(resource, live.metadata.namespace, live.metadata.name) ?? live;
}

function deleteResponse(resource: ResourceType, deleted: KubeObject, version: string): object {
  // Custom resources and pods answer with the deleted object; other built-ins with a Status.
  if (resource.custom || resource.kind === 'Pod') return inVersion(deleted, resource, version);
  // A namespace's finalizer keeps it Terminating until its contents are gone: the API server answers
  // with it in that state. The simulator empties and removes it at once, as a fast controller would.
  if (resource.kind === 'Namespace') {
    return {
      ...deleted,
      metadata: { ...deleted.metadata, deletionTimestamp: kubeTimestamp(new Date()) },
      status: { phase: 'Terminating' },
    };
  }
  return success({
    name: deleted.metadata.name,
    ...(resource.group ? { group: resource.group } : {}),
    kind: resource.plural,
    ...(deleted.metadata.uid ? { uid: deleted.metadata.uid } : {}),
  });
}

export function deleteObject(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  body: unknown,
): WriteResult {
  const name = info.name as string;
  const live = context.store.get(resource, info.namespace, name);
  if (!live) throw notFound(resource, name);
  const preconditions = isRecord(body) && isRecord(body.preconditions) ? body.preconditions : {};
  if (typeof preconditions.uid === 'string' && preconditions.uid !== live.metadata.uid) {
    throw failure(
      409,
      'Conflict',
      `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${String(live.metadata.uid)}`,
    );
  }
  if (
    typeof preconditions.resourceVersion === 'string' &&
    preconditions.resourceVersion !== live.metadata.resourceVersion
  ) {
    throw failure(
      409,
      'Conflict',
      `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${String(live.metadata.resourceVersion)}`,
    );
  }
  const deleted = deleteStored(context, resource, live, isDryRun(query, body));
  return { code: 200, body: deleteResponse(resource, deleted, info.version) };
}

export function deleteCollection(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  body: unknown,
): WriteResult {
  const filter = objectFilter(resource, info, query);
  const dryRun = isDryRun(query, body);
  const deleted = context.store
    .list(resource, filter.namespace)
    .filter((object) => filter.matches(object))
    .map((object) => deleteStored(context, resource, object, dryRun));
  return {
    code: 200,
    body: {
      kind: resource.listKind,
      apiVersion: apiVersionOf(resource.group, info.version),
      metadata: { resourceVersion: String(context.store.currentResourceVersion) },
      items: deleted.map((object) => inVersion(object, resource, info.version)),
    },
  };
}
