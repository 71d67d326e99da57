/**
 * Turns stored objects into what a request asked for: the requested version of the object (Istio's
 * versions share one schema, so conversion rewrites `apiVersion`), a List, a `meta.k8s.io/v1` Table with
 * the resource's columns, or PartialObjectMetadata.
 */
import { apiVersionOf, type KubeObject } from '../model/kube-object';
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
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
  priority: 0,
};

export { inVersion } from './serialized-objects';

/** A List of the resource in `version`, assembled from the items' cached JSON. */
export function listDocument(
  resource: ResourceType,
  version: string,
  items: BucketSelection,
  resourceVersion: string,
  continueToken?: string,
): JsonBytes {
  return listBytes(
    {
      kind: resource.listKind,
      apiVersion: apiVersionOf(resource.group, version),
      metadata: { resourceVersion, ...(continueToken ? { continue: continueToken } : {}) },
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
  resourceVersion: string,
  continueToken?: string,
): JsonBytes {
  return listBytes(
    {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion, ...(continueToken ? { continue: continueToken } : {}) },
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
  options: { resourceVersion?: string; continueToken?: string; includeObject: IncludeObject; now: Date },
): object {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      ...(options.resourceVersion ? { resourceVersion: options.resourceVersion } : {}),
      ...(options.continueToken ? { continue: options.continueToken } : {}),
    },
    columnDefinitions: [NAME_COLUMN, ...resource.table.columns],
    rows: items.map((item) => ({
      cells: [item.metadata.name, ...resource.table.cells(item, options.now)],
      ...(options.includeObject === 'None'
        ? {}
        : {
            object:
              options.includeObject === 'Object' ? inVersion(item, resource, version) : partialMetadata(item),
          }),
    })),
  };
}
