/** Checks shared by every write: the body's type, namespace, dry-run and field manager parameters. */
import { type IncomingMessage } from 'node:http';
import { apiVersionOf, isRecord, type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import { type ClusterContext } from '../cluster/cluster-context';
import { badRequest, invalidOptions, namespaceNotFound } from './api-status';
import { type ResourceRequest } from './request-info';

/** The decoded body as an object of the endpoint's kind and version, or 400 like the API server. */
export function requestObject(body: unknown, resource: ResourceType, info: ResourceRequest): KubeObject {
  if (!isRecord(body)) throw badRequest('the body of the request must be a JSON object');
  const expected = apiVersionOf(resource.group, info.version);
  if (typeof body.kind !== 'string' || body.kind === '') {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body).slice(0, 200)}'`);
  }
  if (body.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== resource.kind) {
    throw badRequest(
      `the kind in the data (${body.kind}) does not match the expected kind (${resource.kind})`,
    );
  }
  const metadata = isRecord(body.metadata) ? { ...body.metadata } : {};
  return {
    ...body,
    apiVersion: expected,
    kind: resource.kind,
    metadata: { ...metadata, name: typeof metadata.name === 'string' ? metadata.name : '' },
  };
}

/** Puts the URL's namespace on the object, refusing a different one in the body. */
export function placeInNamespace(object: KubeObject, resource: ResourceType, info: ResourceRequest): void {
  if (!resource.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  const fromBody = object.metadata.namespace;
  if (fromBody && info.namespace && fromBody !== info.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const namespace = info.namespace ?? fromBody;
  if (!namespace)
    throw badRequest('the server could not find the requested resource: a namespace is required');
  object.metadata.namespace = namespace;
}

export function checkNameMatchesUrl(object: KubeObject, info: ResourceRequest): void {
  if (object.metadata.name === '') object.metadata.name = info.name ?? '';
  if (info.name !== undefined && object.metadata.name !== info.name) {
    throw badRequest(
      `the name of the object (${object.metadata.name}) does not match the name on the URL (${info.name})`,
    );
  }
}

export function ensureNamespaceExists(
  context: ClusterContext,
  resource: ResourceType,
  namespace: string | undefined,
): void {
  if (!resource.namespaced || namespace === undefined) return;
  const namespaces = context.registry.forPath('', 'v1', 'namespaces');
  if (namespaces && !context.store.get(namespaces, undefined, namespace)) throw namespaceNotFound(namespace);
}

export function isDryRun(query: URLSearchParams, body?: unknown): boolean {
  const values = [
    ...query.getAll('dryRun'),
    ...(isRecord(body) && Array.isArray(body.dryRun) ? body.dryRun.map(String) : []),
  ];
  for (const value of values) {
    if (value !== 'All') throw badRequest(`Invalid value: "${value}": supported values: "All"`);
  }
  return values.length > 0;
}

/** `fieldManager`, else the user agent's product name, like the API server's default. */
export function fieldManager(query: URLSearchParams, request: IncomingMessage, required: boolean): string {
  const explicit = query.get('fieldManager');
  if (explicit !== null && explicit !== '') {
    if (explicit.length > 128) throw badRequest('fieldManager: Too long: may not be more than 128 bytes');
    return explicit;
  }
  if (required) {
    throw invalidOptions('PatchOptions', [
      {
        reason: 'FieldValueRequired',
        message: 'Required value: is required for apply patch',
        field: 'fieldManager',
      },
    ]);
  }
  const agent = request.headers['user-agent'] ?? 'unknown';
  return agent.split('/')[0]?.slice(0, 128) || 'unknown';
}
