/**
 * Turns stored objects into what a request asked for: the requested version of the object (Istio's
 * versions share one schema, so conversion rewrites `apiVersion`), a List, a `meta.k8s.io/v1` Table with
 * the resource's columns, or PartialObjectMetadata.
 */
import { apiVersionOf, type KubeObject } from '../model/kube-object';
import { NAME_DESCRIPTION } from '../registry/builtin-column-definitions';
import { type ResourceType } from '../registry/resource-type';
import {
  type BucketSelection,
  JsonBytes,
  inVersion,
  listBytes,
  partialMetadataBytes,
} from './serialized-objects';

const NAME_COLUMN = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: NAME_DESCRIPTION,
  priority: 0,
};

export { inVersion } from './serialized-objects';

/** Where a list page stands: its resourceVersion, and when more follow, how to go on and how many. */
export interface ListPage {
  resourceVersion: string;
  continueToken?: string;
  /** Set like the API server sets it: on a page with more after it, when no selector was given. */
  remainingItemCount?: number;
}

/**
 * `unstructured`: a list of a custom resource, which the API server builds as an UnstructuredList whose
 * `continue` is always set (`""` on the last page); typed lists leave it out when empty.
 */
function listMetadata(page: ListPage, unstructured = false): object {
  return {
    resourceVersion: page.resourceVersion,
    ...(page.continueToken ? { continue: page.continueToken } : unstructured ? { continue: '' } : {}),
    ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
  };
}

/** A List of the resource in `version`, assembled from the items' cached JSON. */
export function listDocument(
  resource: ResourceType,
  version: string,
  items: BucketSelection,
  page: ListPage,
): JsonBytes {
  return listBytes(
    {
      kind: resource.listKind,
      apiVersion: apiVersionOf(resource.group, version),
      metadata: listMetadata(page, resource.custom),
    },
    items,
    resource,
    version,
    'item',
  );
}

function partialMetadata(object: KubeObject): object {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function partialMetadataDocument(object: KubeObject, resource: ResourceType): JsonBytes {
  return new JsonBytes([partialMetadataBytes(object, resource)]);
}

export function partialMetadataListDocument(
  resource: ResourceType,
  items: BucketSelection,
  page: ListPage,
): JsonBytes {
  return listBytes(
    {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: listMetadata(page),
    },
    items,
    resource,
    resource.storageVersion,
    'partial',
  );
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function tableDocument(
  resource: ResourceType,
  version: string,
  items: KubeObject[],
  options: { page: ListPage; includeObject: IncludeObject; now: Date },
): object {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata(options.page),
    columnDefinitions: [NAME_COLUMN, ...resource.table.columns],
    rows: items.map((item) => ({
      cells: [item.metadata.name, ...resource.table.cells(item, options.now)],
      object:
        options.includeObject === 'None'
          ? null
          : options.includeObject === 'Object'
            ? inVersion(item, resource, version)
            : partialMetadata(item),
    })),
  };
}
