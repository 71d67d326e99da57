/**
 * PATCH: JSON patch, JSON merge patch, strategic merge patch (built-in kinds only, as on a real server)
 * and server-side apply, which may create the object and answers 409 with the API server's conflict
 * Status when another manager owns a changed field.
 */
import { type IncomingMessage } from 'node:http';
import { apiVersionOf, cloneJson, kubeTimestamp, type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import { listSemanticsOf } from '../apply/list-semantics';
import { conflictMessage, serverSideApply } from '../apply/server-side-apply';
import { type ClusterContext } from '../cluster/cluster-context';
import { applyJsonPatch, PatchError } from '../patch/json-patch';
import { applyMergePatch } from '../patch/json-merge-patch';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch';
import { badRequest, failure, notFound, unsupportedPatchType } from './api-status';
import { defaultObject, validateFields } from './field-validation';
import { decodeBody } from './request-body';
import { inVersion } from './representations';
import { type ResourceRequest } from './request-info';
import { commitUpdate, prepareCreate, storeCreated, type WriteResult } from './write-handlers';
import {
  checkNameMatchesUrl,
  ensureNamespaceExists,
  fieldManager,
  isDryRun,
  placeInNamespace,
  requestObject,
} from './write-support';

const APPLY = 'application/apply-patch+yaml';
const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

function acceptedPatchTypes(resource: ResourceType): string[] {
  return resource.custom ? [JSON_PATCH, MERGE_PATCH, APPLY] : [JSON_PATCH, MERGE_PATCH, STRATEGIC, APPLY];
}

export function patchObject(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  request: IncomingMessage,
  text: string,
  type: string,
): WriteResult {
  if (!acceptedPatchTypes(resource).includes(type)) throw unsupportedPatchType();
  if (type === APPLY) return applyPatch(context, resource, info, query, request, decodeBody(text, 'yaml'));
  const name = info.name as string;
  const live = context.store.get(resource, info.namespace, name);
  if (!live) throw notFound(resource, name);
  const patch = decodeBody(text, 'json');
  const current = inVersion(cloneJson(live), resource, info.version);
  let patched: unknown;
  try {
    if (type === JSON_PATCH) patched = applyJsonPatch(current, patch);
    else if (type === MERGE_PATCH) patched = applyMergePatch(current, patch);
    else patched = applyStrategicMergePatch(current, patch, listSemanticsOf(resource));
  } catch (error) {
    if (error instanceof PatchError) throw failure(422, 'Invalid', error.message);
    throw error;
  }
  const object = requestObject(patched, resource, info);
  placeInNamespace(object, resource, info);
  checkNameMatchesUrl(object, info);
  const { warnings } = validateFields(resource, info.version, object, query, false);
  const stored = commitUpdate(context, resource, live, object, {
    dryRun: isDryRun(query),
    manager: fieldManager(query, request, false),
    apiVersion: apiVersionOf(resource.group, info.version),
    ...(info.subresource ? { subresource: info.subresource } : {}),
  });
  return { code: 200, body: inVersion(stored, resource, info.version), warnings };
}

function applyPatch(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  request: IncomingMessage,
  body: unknown,
): WriteResult {
  const manager = fieldManager(query, request, true);
  const force = query.get('force') === 'true';
  if (query.has('force') && !['true', 'false'].includes(query.get('force') ?? '')) {
    throw badRequest(`Invalid value for force: ${String(query.get('force'))}`);
  }
  const applied = requestObject(body, resource, info);
  placeInNamespace(applied, resource, info);
  checkNameMatchesUrl(applied, info);
  const { warnings } = validateFields(resource, info.version, applied, query, true);
  const dryRun = isDryRun(query);
  const apiVersion = apiVersionOf(resource.group, info.version);
  const live = context.store.get(resource, info.namespace, applied.metadata.name) ?? null;
  if (!live) ensureNamespaceExists(context, resource, applied.metadata.namespace);

  const outcome = serverSideApply({
    live: live && inVersion(live, resource, info.version),
    applied,
    resource,
    manager,
    apiVersion,
    force,
    time: kubeTimestamp(new Date()),
  });
  if ('conflicts' in outcome) {
    throw failure(409, 'Conflict', conflictMessage(outcome.conflicts), {
      causes: outcome.conflicts.map((conflict) => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${conflict.manager}`,
        field: conflict.field,
      })),
    });
  }
  const merged: KubeObject = outcome.object;
  defaultObject(resource, info.version, merged);
  if (!live) {
    const created = prepareCreate(context, resource, merged, { dryRun, manager, apiVersion });
    created.metadata.managedFields = merged.metadata.managedFields;
    defaultObject(resource, info.version, created);
    const stored = storeCreated(context, resource, created, dryRun);
    return { code: 201, body: inVersion(stored, resource, info.version), warnings };
  }
  const stored = commitUpdate(
    context,
    resource,
    live,
    { ...merged, metadata: { ...merged.metadata, resourceVersion: '' } },
    { dryRun, manager, apiVersion },
    true,
  );
  return { code: 200, body: inVersion(stored, resource, info.version), warnings };
}
