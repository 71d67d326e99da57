/**
 * One simulated cluster's objects, with etcd's ordering guarantees: every write takes the next value of a
 * single monotonic resourceVersion counter, and a bounded history of change events lets watches resume
 * from a recent resourceVersion (older ones are "compacted": the watch gets 410 Gone).
 *
 * Stored objects are never mutated; writers pass new objects. Listeners get events in resourceVersion
 * order, even when a listener writes while handling one (the endpoints controller does).
 */
import { type KubeObject } from '../model/kube-object';
import { resourceKey, type ResourceType } from '../registry/resource-type';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: StoreEventType;
  resourceVersion: number;
  resource: ResourceType;
  /** The object after the change (for DELETED: its last state, with the deletion's resourceVersion). */
  object: KubeObject;
  /** The object before the change (null for ADDED). */
  previous: KubeObject | null;
}

export type StoreListener = (event: StoreEvent) => void;

export class ObjectStore {
  private resourceVersion: number;
  private compactedResourceVersion: number;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly sortedCache = new Map<string, readonly KubeObject[]>();
  /** Per resource, the last past state rebuilt: the pages of one list all ask for the same one. */
  private readonly pastStates = new Map<
    string,
    { resourceVersion: number; objects: readonly KubeObject[] }
  >();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();
  private readonly pending: StoreEvent[] = [];
  private dispatching = false;

  constructor(
    private readonly historySize: number,
    initialResourceVersion = 1,
  ) {
    this.resourceVersion = initialResourceVersion;
    this.compactedResourceVersion = initialResourceVersion;
  }

  get currentResourceVersion(): number {
    return this.resourceVersion;
  }

  /** Watches may start at this resourceVersion or later; earlier ones get 410 Gone. */
  get oldestWatchableResourceVersion(): number {
    return this.compactedResourceVersion;
  }

  get(resource: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resourceKey(resource))?.get(objectKey(namespace, name));
  }

  /** Objects of a resource (in one namespace, or all), sorted by namespace then name like etcd keys. */
  list(resource: ResourceType, namespace?: string): KubeObject[] {
    const all = this.sortedBucket(resource);
    return namespace === undefined
      ? [...all]
      : all.filter((object) => object.metadata.namespace === namespace);
  }

  /**
   * Every object of a resource, sorted like `list`: the same array until a write touches the resource
   * (paged lists of big collections ask for the same order once per page; serialized-objects.ts caches
   * the bucket's JSON by this array).
   */
  sortedBucket(resource: ResourceType): readonly KubeObject[] {
    const key = resourceKey(resource);
    let sorted = this.sortedCache.get(key);
    if (!sorted) {
      sorted = [...(this.objects.get(key)?.values() ?? [])].sort(compareObjects);
      this.sortedCache.set(key, sorted);
    }
    return sorted;
  }

  count(resource: ResourceType): number {
    return this.objects.get(resourceKey(resource))?.size ?? 0;
  }

  /** Loads an object of the initial state: it gets a resourceVersion but no event. */
  seed(resource: ResourceType, object: KubeObject): KubeObject {
    const stored = this.stamp(object);
    this.bucket(resource).set(objectKey(object.metadata.namespace, object.metadata.name), stored);
    this.compactedResourceVersion = this.resourceVersion;
    return stored;
  }

  create(resource: ResourceType, object: KubeObject): KubeObject {
    const stored = this.stamp(object);
    this.bucket(resource).set(objectKey(object.metadata.namespace, object.metadata.name), stored);
    this.record({
      type: 'ADDED',
      resourceVersion: this.resourceVersion,
      resource,
      object: stored,
      previous: null,
    });
    return stored;
  }

  replace(resource: ResourceType, object: KubeObject): KubeObject {
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    const previous = this.bucket(resource).get(key) ?? null;
    const stored = this.stamp(object);
    this.bucket(resource).set(key, stored);
    this.record({
      type: 'MODIFIED',
      resourceVersion: this.resourceVersion,
      resource,
      object: stored,
      previous,
    });
    return stored;
  }

  remove(resource: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const previous = this.bucket(resource).get(key);
    if (!previous) return undefined;
    this.bucket(resource).delete(key);
    const last = this.stamp(previous);
    this.record({ type: 'DELETED', resourceVersion: this.resourceVersion, resource, object: last, previous });
    return last;
  }

  /**
   * Events of a resource after `resourceVersion`, oldest first, or 'expired' when the history no longer
   * reaches back that far.
   */
  eventsAfter(resource: ResourceType, resourceVersion: number): StoreEvent[] | 'expired' {
    if (resourceVersion < this.compactedResourceVersion) return 'expired';
    return this.history.filter(
      (event) => event.resource === resource && event.resourceVersion > resourceVersion,
    );
  }

  /**
   * The objects of a resource as they were at `resourceVersion` (sorted like `sortedBucket`), rebuilt by
   * undoing the later changes; 'expired' when the history no longer reaches back that far.
   */
  stateAt(resource: ResourceType, resourceVersion: number): readonly KubeObject[] | 'expired' {
    const later = this.eventsAfter(resource, resourceVersion);
    if (later === 'expired') return 'expired';
    if (later.length === 0) return this.sortedBucket(resource);
    const cached = this.pastStates.get(resourceKey(resource));
    if (cached?.resourceVersion === resourceVersion) return cached.objects;
    const objects = new Map(this.objects.get(resourceKey(resource)) ?? []);
    for (const event of later.reverse()) {
      const key = objectKey(event.object.metadata.namespace, event.object.metadata.name);
      if (event.previous === null) objects.delete(key);
      else objects.set(key, event.previous);
    }
    const past = [...objects.values()].sort(compareObjects);
    this.pastStates.set(resourceKey(resource), { resourceVersion, objects: past });
    return past;
  }

  /** Drops the history: only the current resourceVersion and later ones stay watchable. */
  compact(): void {
    this.history.length = 0;
    this.pastStates.clear();
    this.compactedResourceVersion = this.resourceVersion;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The objects of a resource, for a write: the sorted copy is dropped. */
  private bucket(resource: ResourceType): Map<string, KubeObject> {
    const key = resourceKey(resource);
    this.sortedCache.delete(key);
    let bucket = this.objects.get(key);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(key, bucket);
    }
    return bucket;
  }

  private stamp(object: KubeObject): KubeObject {
    this.resourceVersion += 1;
    return { ...object, metadata: { ...object.metadata, resourceVersion: String(this.resourceVersion) } };
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historySize) {
      const evicted = this.history.shift();
      if (evicted) this.compactedResourceVersion = evicted.resourceVersion;
    }
    this.pending.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        for (const listener of [...this.listeners]) listener(next);
      }
    } finally {
      this.dispatching = false;
    }
  }
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Byte order of `namespace/name`, like the etcd keys a real server lists from. */
function compareObjects(a: KubeObject, b: KubeObject): number {
  const keyA = objectKey(a.metadata.namespace, a.metadata.name);
  const keyB = objectKey(b.metadata.namespace, b.metadata.name);
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}
