/**
 * Objects as JSON bytes, serialised once and reused by every list page, get and watch event that sends
 * them, as a real API server's watch cache does. Stored objects are immutable (a write stores a new
 * object), so a cache keyed by the stored object is never stale and empties itself when the object goes.
 *
 * List responses are sent from these bytes (JsonBytes), not re-serialised. The items of a sorted bucket
 * (ObjectStore keeps one sorted array per resource until its next write) are also joined into one buffer,
 * comma-separated, so that a page of consecutive items is a single slice of it: big generated meshes are
 * served without copying or allocating per request, which keeps benchmarks measuring the client rather
 * than this simulator's memory traffic. `warmSerialization` builds both ahead of the first request.
 */
import { apiVersionOf, type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';

/** A response body that is JSON text already, in parts sent one after the other. */
export class JsonBytes {
  readonly length: number;

  constructor(readonly parts: readonly Buffer[]) {
    this.length = parts.reduce((sum, part) => sum + part.length, 0);
  }
}

/**
 * `object`: the whole object in a version; `item`: as an item of a typed (built-in) list, without
 * apiVersion and kind; `partial`: its metadata as a PartialObjectMetadata document.
 */
export type Rendering = 'object' | 'item' | 'partial';

/** Items of a sorted bucket (`ObjectStore.sorted`), at ascending indices. */
export interface BucketSelection {
  readonly bucket: readonly KubeObject[];
  readonly indices: readonly number[];
}

/** A bucket's items joined: item `i` is `bytes[starts[i], starts[i + 1] - 1)` (a comma follows each). */
interface JoinedBucket {
  readonly bytes: Buffer;
  readonly starts: Uint32Array;
}

const caches = new Map<string, WeakMap<KubeObject, Buffer>>();
const joinedBuckets = new WeakMap<readonly KubeObject[], Map<string, JoinedBucket>>();
/** Joining a bucket copies all of it: worth it for pages this big, or once joined ahead (warm). */
const JOIN_FROM_ITEMS = 100;
const COMMA = Buffer.from(',');
const LIST_END = Buffer.from(']}');

/** The object's JSON in `version` as `rendering`, from the cache or serialised now. */
export function serializedObject(
  object: KubeObject,
  resource: ResourceType,
  version: string,
  requested: Rendering,
): Buffer {
  const key = renderingKey(resource, version, requested);
  let cache = caches.get(key);
  if (!cache) {
    cache = new WeakMap();
    caches.set(key, cache);
  }
  let bytes = cache.get(object);
  if (!bytes) {
    bytes = Buffer.from(
      JSON.stringify(renderingOf(object, resource, version, effective(resource, requested))),
    );
    cache.set(object, bytes);
  }
  return bytes;
}

/**
 * Serialises the form lists send in the storage version, and joins the bucket, so the first list is as
 * fast as the next. `bucket` is the store's sorted array of the resource.
 */
export function warmSerialization(bucket: readonly KubeObject[], resource: ResourceType): void {
  if (bucket.length > 0) joinedBucket(bucket, resource, resource.storageVersion, 'item');
}

/** The object in `version`: Istio's versions share one schema, so conversion rewrites `apiVersion`. */
export function inVersion(object: KubeObject, resource: ResourceType, version: string): KubeObject {
  const apiVersion = apiVersionOf(resource.group, version);
  return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
}

/** `{...head, items: [...]}` with the items' cached JSON: head's keys first, `items` last. */
export function listBytes(
  head: object,
  selection: BucketSelection,
  resource: ResourceType,
  version: string,
  rendering: Rendering,
): JsonBytes {
  const start = JSON.stringify(head);
  return new JsonBytes([
    Buffer.from(`${start.slice(0, -1)},"items":[`),
    ...itemParts(selection, resource, version, rendering),
    LIST_END,
  ]);
}

/** A PartialObjectMetadata document around the object's metadata. */
export function partialMetadataBytes(object: KubeObject, resource: ResourceType): Buffer {
  return serializedObject(object, resource, resource.storageVersion, 'partial');
}

/** The selected items' JSON, comma-separated: a slice of the joined bucket per run of consecutive items. */
function itemParts(
  selection: BucketSelection,
  resource: ResourceType,
  version: string,
  rendering: Rendering,
): Buffer[] {
  const { bucket, indices } = selection;
  const joined =
    joinedBuckets.get(bucket)?.get(renderingKey(resource, version, rendering)) ??
    (indices.length >= JOIN_FROM_ITEMS ? joinedBucket(bucket, resource, version, rendering) : undefined);
  const parts: Buffer[] = [];
  for (let at = 0; at < indices.length;) {
    if (at > 0) parts.push(COMMA);
    const first = indices[at] as number;
    if (!joined) {
      parts.push(serializedObject(bucket[first] as KubeObject, resource, version, rendering));
      at += 1;
      continue;
    }
    let last = first;
    while (at + 1 < indices.length && indices[at + 1] === last + 1) {
      at += 1;
      last += 1;
    }
    at += 1;
    parts.push(joined.bytes.subarray(joined.starts[first], (joined.starts[last + 1] as number) - 1));
  }
  return parts;
}

/**
 * The bucket's items joined in one buffer (built once per bucket array and rendering). Each item's
 * cached JSON becomes a view into it, so the join does not double the memory the cache holds.
 */
function joinedBucket(
  bucket: readonly KubeObject[],
  resource: ResourceType,
  version: string,
  rendering: Rendering,
): JoinedBucket {
  const key = renderingKey(resource, version, rendering);
  let joined = joinedBuckets.get(bucket);
  if (!joined) {
    joined = new Map();
    joinedBuckets.set(bucket, joined);
  }
  const existing = joined.get(key);
  if (existing) return existing;
  const items = bucket.map((object) => serializedObject(object, resource, version, rendering));
  const starts = new Uint32Array(items.length + 1);
  const parts: Buffer[] = [];
  let offset = 0;
  items.forEach((item, index) => {
    starts[index] = offset;
    parts.push(item, COMMA);
    offset += item.length + 1;
  });
  starts[items.length] = offset;
  const bytes = Buffer.concat(parts, offset);
  const cache = caches.get(key);
  bucket.forEach((object, index) =>
    cache?.set(object, bytes.subarray(starts[index], (starts[index + 1] as number) - 1)),
  );
  const built = { bytes, starts };
  joined.set(key, built);
  return built;
}

/** Items of unstructured (CRD) lists are whole objects: one cached copy serves both. */
function effective(resource: ResourceType, rendering: Rendering): Rendering {
  return rendering === 'item' && resource.custom ? 'object' : rendering;
}

function renderingKey(resource: ResourceType, version: string, requested: Rendering): string {
  const rendering = effective(resource, requested);
  return rendering === 'partial' ? rendering : `${rendering} ${apiVersionOf(resource.group, version)}`;
}

function renderingOf(
  object: KubeObject,
  resource: ResourceType,
  version: string,
  rendering: Rendering,
): unknown {
  if (rendering === 'partial')
    return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
  const converted = inVersion(object, resource, version);
  if (rendering === 'object') return converted;
  // Typed (built-in) lists carry no apiVersion/kind per item.
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = converted;
  return rest;
}
