/**
 * GET of one object and LIST of a collection, with label and field selectors, `limit`/`continue` paging
 * and the representation the client asked for (object, Table, PartialObjectMetadata).
 */
import { type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import { type ClusterContext } from '../cluster/cluster-context';
import { matchesFields, parseFieldSelector, pinnedName } from '../selectors/field-selector';
import { matchesLabels, parseLabelSelector, SelectorSyntaxError } from '../selectors/label-selector';
import { ApiError, badRequest, gone, invalidOptions, notFound } from './api-status';
import { type Representation } from './content-negotiation';
import { type ResourceRequest } from './request-info';
import { JsonBytes, serializedObject } from './serialized-objects';
import {
  listDocument,
  partialMetadataDocument,
  partialMetadataListDocument,
  tableDocument,
  type IncludeObject,
  type ListPage,
} from './representations';

export interface ObjectFilter {
  matches(object: KubeObject): boolean;
  namespace?: string;
  name?: string;
}

/** The namespace, label selector and field selector of a list or watch, parsed (400 on bad syntax). */
export function objectFilter(
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
): ObjectFilter {
  try {
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'), resource);
    const name = pinnedName(fields);
    return {
      ...(info.namespace !== undefined ? { namespace: info.namespace } : {}),
      ...(name !== undefined ? { name } : {}),
      matches: (object) =>
        (info.namespace === undefined || object.metadata.namespace === info.namespace) &&
        matchesLabels(labels, object.metadata.labels) &&
        matchesFields(fields, object),
    };
  } catch (error) {
    if (error instanceof SelectorSyntaxError) throw badRequest(error.message);
    throw error;
  }
}

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

export function getObject(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  representation: Representation,
): object {
  const name = info.name as string;
  const object = context.store.get(resource, info.namespace, name);
  if (!object) throw notFound(resource, name);
  switch (representation.as) {
    case 'Table':
      return tableDocument(resource, info.version, [object], {
        page: { resourceVersion: String(context.store.currentResourceVersion) },
        includeObject: includeObject(query),
        now: new Date(),
      });
    case 'PartialObjectMetadata':
    case 'PartialObjectMetadataList':
      return partialMetadataDocument(object, resource);
    default:
      return new JsonBytes([serializedObject(object, resource, info.version, 'object')]);
  }
}

interface ContinueToken {
  resourceVersion: string;
  after: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof decoded.after === 'string' && typeof decoded.resourceVersion === 'string') return decoded;
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: illegal base64 data');
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/**
 * 410 for a continue token older than the history: the API server's Status carries a token that goes on
 * from the same place at the current resourceVersion, for clients that accept an inconsistent list.
 */
function continueExpired(context: ClusterContext, token: ContinueToken): ApiError {
  const error = gone(
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
  );
  const inconsistent = { ...token, resourceVersion: String(context.store.currentResourceVersion) };
  return new ApiError({ ...error.status, metadata: { continue: encodeContinue(inconsistent) } });
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** The index of the first object (of objects sorted by key) whose key comes after `key`. */
function firstAfter(objects: readonly KubeObject[], key: string): number {
  let low = 0;
  let high = objects.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyOf(objects[middle] as KubeObject) > key) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The objects a list looks at, in key order: the sorted bucket, or the one object a name pins down. */
function listCandidates(
  context: ClusterContext,
  resource: ResourceType,
  filter: ObjectFilter,
): readonly KubeObject[] {
  if (filter.name === undefined || filter.namespace === undefined)
    return context.store.sortedBucket(resource);
  const pinned = context.store.get(resource, filter.namespace, filter.name);
  return pinned ? [pinned] : [];
}

/** What the API server refuses in a list's or watch's options before it looks at any object. */
export function validateListOptions(query: URLSearchParams): void {
  // A watch list (sendInitialEvents) may leave resourceVersion out: it starts from the current state.
  if (
    query.get('resourceVersionMatch') &&
    !query.get('resourceVersion') &&
    query.get('sendInitialEvents') !== 'true'
  ) {
    throw invalidOptions('ListOptions', [
      {
        reason: 'FieldValueForbidden',
        message: 'Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
        field: 'resourceVersionMatch',
      },
    ]);
  }
}

/** The resourceVersion of `resourceVersionMatch=Exact`, if asked. */
function exactResourceVersion(query: URLSearchParams): number | undefined {
  if (query.get('resourceVersionMatch') !== 'Exact') return undefined;
  const value = query.get('resourceVersion') ?? '';
  const number = Number(value);
  if (!/^[0-9]+$/.test(value))
    throw badRequest(`resourceVersion: Invalid value: "${value}": must be a non-negative integer`);
  return number;
}

function stateAt(
  context: ClusterContext,
  resource: ResourceType,
  resourceVersion: number,
): readonly KubeObject[] {
  const state = context.store.stateAt(resource, resourceVersion);
  if (state === 'expired') throw gone('The resourceVersion for the provided list is too old.');
  return state;
}

export function listObjects(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  representation: Representation,
): object {
  validateListOptions(query);
  const filter = objectFilter(resource, info, query);
  const continueParam = query.get('continue');
  const token = continueParam ? decodeContinue(continueParam) : undefined;
  if (token && Number(token.resourceVersion) < context.store.oldestWatchableResourceVersion) {
    throw continueExpired(context, token);
  }
  // Later pages show the state of the first page's resourceVersion, as an API server's do.
  const snapshot = token ? Number(token.resourceVersion) : exactResourceVersion(query);
  const candidates =
    snapshot === undefined ? listCandidates(context, resource, filter) : stateAt(context, resource, snapshot);
  const resourceVersion = String(snapshot ?? context.store.currentResourceVersion);
  let start = token ? firstAfter(candidates, token.after) : 0;
  const requested = Number(query.get('limit') ?? 0);
  const limit = Number.isInteger(requested) && requested > 0 ? requested : Infinity;
  // A namespace's objects are consecutive in key order: start at its first one, stop after its last.
  // (every key of the namespace sorts right after `namespace/`).
  if (filter.namespace !== undefined) start = Math.max(start, firstAfter(candidates, `${filter.namespace}/`));
  // A page is the first `limit` matches after the continue key.
  const indices: number[] = [];
  let more = false;
  for (let index = start; index < candidates.length; index += 1) {
    const object = candidates[index] as KubeObject;
    if (filter.namespace !== undefined && object.metadata.namespace !== filter.namespace) break;
    if (!filter.matches(object)) continue;
    if (indices.length === limit) {
      more = true;
      break;
    }
    indices.push(index);
  }
  const page: ListPage = { resourceVersion };
  if (more) {
    const last = candidates[indices[indices.length - 1] as number] as KubeObject;
    page.continueToken = encodeContinue({ resourceVersion, after: keyOf(last) });
    if (!query.get('labelSelector') && !query.get('fieldSelector')) {
      const after = (indices[indices.length - 1] as number) + 1;
      page.remainingItemCount = candidates
        .slice(after)
        .filter(
          (object) => filter.namespace === undefined || object.metadata.namespace === filter.namespace,
        ).length;
    }
  }
  const selection = { bucket: candidates, indices };

  switch (representation.as) {
    case 'Table':
      return tableDocument(
        resource,
        info.version,
        indices.map((index) => candidates[index] as KubeObject),
        {
          page,
          includeObject: includeObject(query),
          now: new Date(),
        },
      );
    case 'PartialObjectMetadata':
    case 'PartialObjectMetadataList':
      return partialMetadataListDocument(resource, selection, page);
    default:
      return listDocument(resource, info.version, selection, page);
  }
}
