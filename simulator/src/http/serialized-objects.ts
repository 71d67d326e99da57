/**
 * Objects as JSON bytes, serialised once and reused by every list page, get and watch event that sends
 * them, as a real API server's watch cache does. Stored objects are immutable (a write stores a new
 * object), so a cache keyed by the stored object is never stale and empties itself when the object goes.
 *
 * List responses are assembled from these bytes (JsonBytes), not re-serialised: big generated meshes are
 * served at the speed of a memory copy, which keeps benchmarks measuring the client instead of this
 * simulator. `warmSerialization` serialises an object's list form ahead of the first request.
 */
import { apiVersionOf, type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';

/** A response body that is JSON text already. */
export class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

/**
 * `object`: the whole object in a version; `item`: as an item of a typed (built-in) list, without
 * apiVersion and kind; `metadata`: its metadata (PartialObjectMetadata).
 */
export type Rendering = 'object' | 'item' | 'metadata';

const caches = new Map<string, WeakMap<KubeObject, Buffer>>();
const COMMA = Buffer.from(',');
const LIST_END = Buffer.from(']}');
const PARTIAL_METADATA_START = Buffer.from(
  '{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":',
);
const OBJECT_END = Buffer.from('}');

/** The object's JSON in `version` as `rendering`, from the cache or serialised now. */
export function serializedObject(
  object: KubeObject,
  resource: ResourceType,
  version: string,
  requested: Rendering,
): Buffer {
  // Items of unstructured (CRD) lists are whole objects: one cached copy serves both.
  const rendering = requested === 'item' && resource.custom ? 'object' : requested;
  const key = rendering === 'metadata' ? rendering : `${rendering} ${apiVersionOf(resource.group, version)}`;
  let cache = caches.get(key);
  if (!cache) {
    cache = new WeakMap();
    caches.set(key, cache);
  }
  let bytes = cache.get(object);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(renderingOf(object, resource, version, rendering)));
    cache.set(object, bytes);
  }
  return bytes;
}

/** Serialises the form lists send in the storage version, so the first list is as fast as the next. */
export function warmSerialization(object: KubeObject, resource: ResourceType): void {
  serializedObject(object, resource, resource.storageVersion, 'item');
}

/** The object in `version`: Istio's versions share one schema, so conversion rewrites `apiVersion`. */
export function inVersion(object: KubeObject, resource: ResourceType, version: string): KubeObject {
  const apiVersion = apiVersionOf(resource.group, version);
  return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
}

/** `{...head, items: [...]}` with the items' cached JSON: head's keys first, `items` last. */
export function listBytes(head: object, items: readonly Buffer[]): JsonBytes {
  const start = JSON.stringify(head);
  const parts: Buffer[] = [Buffer.from(`${start.slice(0, -1)},"items":[`)];
  items.forEach((item, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(LIST_END);
  return new JsonBytes(Buffer.concat(parts));
}

/** A PartialObjectMetadata document around the object's cached metadata. */
export function partialMetadataBytes(object: KubeObject, resource: ResourceType): Buffer {
  return Buffer.concat([
    PARTIAL_METADATA_START,
    serializedObject(object, resource, resource.storageVersion, 'metadata'),
    OBJECT_END,
  ]);
}

function renderingOf(
  object: KubeObject,
  resource: ResourceType,
  version: string,
  rendering: Rendering,
): unknown {
  if (rendering === 'metadata') return object.metadata;
  const converted = inVersion(object, resource, version);
  if (rendering === 'object') return converted;
  // Typed (built-in) lists carry no apiVersion/kind per item.
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = converted;
  return rest;
}
