/**
 * List + watch of one resource type in one cluster, kept as a map of slimmed objects: list (paged), then
 * watch from the list's resourceVersion with bookmarks; a clean end of the stream re-watches from the last
 * resourceVersion, 410 Gone relists, other failures are reported to the cluster and retried after an
 * exponential backoff. A type the server does not serve (404: Istio CRDs not installed) is "absent", not an
 * error, and is looked for again now and then; a type with older versions (the Gateway API's) is listed
 * at the first of its versions the server serves, and watched at that one.
 */
import { type KubeApiClient } from './kube-api/kube-api-client';
import { KubeApiError, toApiError } from './kube-api/kube-api-errors';
import { type BackoffSettings, RetryBackoff, waitOrAbort } from './retry-backoff';
import { type KubeObject } from '../mesh/snapshot';
import { type WatchedResource, collectionPath, objectKey } from './watched-resources';

export interface ResourceReadSettings {
  /** Deadline of each request (a list page, the opening of a watch). */
  readonly requestTimeoutMs: number;
  readonly pageSize: number;
}

export interface ResourceWatcherSettings extends ResourceReadSettings {
  /** The server ends each watch after this long (randomised ±25% so watches do not end together). */
  readonly watchTimeoutSeconds: number;
  readonly backoff: BackoffSettings;
  /** How often a type the server does not serve is looked for again. */
  readonly absentRetryMs: number;
}

export type FailurePhase = 'list' | 'watch' | 'stream';

export interface ResourceWatcherEvents {
  /** Objects were added, changed or removed (their keys). */
  changed(keys: readonly string[]): void;
  /** A list finished (the first one completes this type's initial sync). */
  listed(): void;
  /** The server answered (a list page, a watch opening, an event): the cluster is in contact. */
  contact(): void;
  /** A request failed. The cluster decides what it means; it may stop this watcher (cluster down). */
  failed(error: KubeApiError, phase: FailurePhase): void;
  /**
   * Resolves when watches may open. The cluster holds them until every type is listed: the lists
   * (the first complete snapshot) get the connections and the CPU first, the watches follow from the
   * lists' resourceVersions, so nothing is missed.
   */
  watchesAllowed(): Promise<void>;
}

export interface ListResult {
  readonly objects: KubeObject[];
  readonly resourceVersion: string;
  /** `resource` at the version that was read: its own, or the first of its `olderVersions` served. */
  readonly served: WatchedResource;
}

/**
 * Lists every object of the type (following `continue` pages), keeping what the resource entry keeps. A
 * 404 at one version tries the next of `olderVersions`; the last 404 is thrown (the type is not served).
 */
export async function listResource(
  client: KubeApiClient,
  resource: WatchedResource,
  settings: ResourceReadSettings,
  signal?: AbortSignal,
  onPage: () => void = () => undefined,
): Promise<ListResult> {
  const versions = [resource.version, ...(resource.olderVersions ?? [])];
  for (const [index, version] of versions.entries()) {
    const served = version === resource.version ? resource : { ...resource, version };
    try {
      return { ...(await listVersion(client, served, settings, signal, onPage)), served };
    } catch (error) {
      const notServed = error instanceof KubeApiError && error.kind === 'not-found';
      if (!notServed || index === versions.length - 1) throw error;
    }
  }
  throw new Error(`${resource.id} has no version to list`);
}

async function listVersion(
  client: KubeApiClient,
  resource: WatchedResource,
  settings: ResourceReadSettings,
  signal: AbortSignal | undefined,
  onPage: () => void,
): Promise<Omit<ListResult, 'served'>> {
  for (let attempt = 0; ; attempt += 1) {
    const objects: KubeObject[] = [];
    let token: string | undefined;
    try {
      for (;;) {
        const query = new URLSearchParams({ limit: String(settings.pageSize) });
        addSelectors(query, resource);
        if (token) query.set('continue', token);
        const page = (await client.getJson(`${collectionPath(resource)}?${query}`, {
          timeoutMs: settings.requestTimeoutMs,
          metadataOnly: resource.metadataOnly,
          pruner: resource.pruner,
          signal,
        })) as { items?: unknown[]; metadata?: { resourceVersion?: string; continue?: string } };
        onPage();
        for (const item of page.items ?? []) {
          const kept = ingest(resource, item);
          if (kept) objects.push(kept);
        }
        token = page.metadata?.continue || undefined;
        if (!token) return { objects, resourceVersion: page.metadata?.resourceVersion ?? '' };
      }
    } catch (error) {
      // A continue token that expired mid-list: start the list again (twice at most).
      if (error instanceof KubeApiError && error.kind === 'gone' && token && attempt < 2) continue;
      throw error;
    }
  }
}

/**
 * An item from the wire as stored: kind and apiVersion filled in (typed lists omit them), slimmed. The item
 * was just parsed and belongs to nobody else, so it is completed in place rather than copied.
 */
function ingest(resource: WatchedResource, item: unknown): KubeObject | null {
  if (typeof item !== 'object' || item === null) return null;
  const raw = item as { apiVersion?: string; kind?: string; metadata?: { name?: unknown } };
  if (typeof raw.metadata?.name !== 'string') return null;
  raw.apiVersion = apiVersionOf(resource);
  raw.kind = resource.kind;
  return resource.keep(raw as KubeObject);
}

function apiVersionOf(resource: WatchedResource): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

function addSelectors(query: URLSearchParams, resource: WatchedResource): void {
  if (resource.labelSelector) query.set('labelSelector', resource.labelSelector);
  if (resource.fieldSelector) query.set('fieldSelector', resource.fieldSelector);
}

export class ResourceWatcher {
  private readonly objects = new Map<string, KubeObject>();
  private resourceVersion: string | null = null;
  private controller: AbortController | null = null;
  private readonly backoff: RetryBackoff;
  /** True once a list has completed (this type is part of the initial sync). */
  listed = false;
  /** The type is not served by this cluster (404). */
  absent = false;
  /** The last failure, cleared by the next success. */
  lastError: KubeApiError | null = null;
  /** `resource` at the version last listed, which the watch follows. */
  private served: WatchedResource;

  constructor(
    readonly resource: WatchedResource,
    private readonly client: KubeApiClient,
    private readonly settings: ResourceWatcherSettings,
    private readonly events: ResourceWatcherEvents,
  ) {
    this.backoff = new RetryBackoff(settings.backoff);
    this.served = resource;
  }

  /** The version read: `resource.version` unless the server serves only one of its older versions. */
  get servedVersion(): string {
    return this.served.version;
  }

  get running(): boolean {
    return this.controller !== null;
  }

  values(): IterableIterator<KubeObject> {
    return this.objects.values();
  }

  /** Objects by key (`objectKey`). */
  entries(): IterableIterator<[string, KubeObject]> {
    return this.objects.entries();
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  has(key: string): boolean {
    return this.objects.has(key);
  }

  get size(): number {
    return this.objects.size;
  }

  /** Starts (or resumes from the last resourceVersion) the list/watch loop. */
  start(): void {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    void this.run(controller.signal);
  }

  /** Stops the loop and aborts the request in flight; the objects stay (the last known state). */
  stop(): void {
    this.controller?.abort();
    this.controller = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let quickEnds = 0;
    while (!signal.aborted) {
      // An object, so the callbacks' updates are visible to TypeScript's flow analysis below.
      const progress: { phase: FailurePhase } = { phase: 'list' };
      try {
        if (this.resourceVersion === null) await this.relist(signal);
        await this.events.watchesAllowed();
        if (signal.aborted) return;
        progress.phase = 'watch';
        const started = Date.now();
        let events = 0;
        await this.watchOnce(
          signal,
          () => (progress.phase = 'stream'),
          () => (events += 1),
        );
        // A clean end is normal (the server's timeout); one that comes at once, again and again, is not.
        quickEnds = events === 0 && Date.now() - started < 1_000 ? quickEnds + 1 : 0;
        if (quickEnds > 2) await waitOrAbort(this.backoff.next(), signal);
      } catch (error) {
        if (signal.aborted) return;
        const failure = toApiError(error, this.client.address, this.settings.requestTimeoutMs);
        if (failure.kind === 'gone') {
          this.resourceVersion = null;
          continue;
        }
        const phase = progress.phase;
        if (failure.kind === 'not-found' && phase === 'list') {
          this.markAbsent();
          await waitOrAbort(this.settings.absentRetryMs, signal);
          continue;
        }
        // A broken stream is retried at once and is no news unless the retry fails too.
        if (phase !== 'stream') this.lastError = failure;
        this.events.failed(failure, phase);
        if (signal.aborted) return;
        // A stream that broke after it was open is retried at once; a refused request waits.
        if (phase !== 'stream') await waitOrAbort(this.backoff.next(), signal);
      }
    }
  }

  private async relist(signal: AbortSignal): Promise<void> {
    const { objects, resourceVersion, served } = await listResource(
      this.client,
      this.resource,
      this.settings,
      signal,
      () => this.events.contact(),
    );
    if (signal.aborted) return;
    this.served = served;
    const changed: string[] = [];
    const fresh = new Map<string, KubeObject>();
    for (const object of objects) {
      const key = objectKey(object);
      fresh.set(key, object);
      const old = this.objects.get(key);
      if (!old || old.metadata.resourceVersion !== object.metadata.resourceVersion) changed.push(key);
    }
    for (const key of this.objects.keys()) if (!fresh.has(key)) changed.push(key);
    this.objects.clear();
    for (const [key, object] of fresh) this.objects.set(key, object);
    this.resourceVersion = resourceVersion;
    this.absent = false;
    this.lastError = null;
    this.backoff.reset();
    this.listed = true;
    if (changed.length > 0) this.events.changed(changed);
    this.events.listed();
  }

  private async watchOnce(signal: AbortSignal, opened: () => void, counted: () => void): Promise<void> {
    const timeoutSeconds = Math.round(this.settings.watchTimeoutSeconds * (0.75 + Math.random() * 0.5));
    const query = new URLSearchParams({
      watch: 'true',
      resourceVersion: this.resourceVersion ?? '',
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(timeoutSeconds),
    });
    addSelectors(query, this.served);
    await this.client.watch(
      `${collectionPath(this.served)}?${query}`,
      {
        timeoutMs: this.settings.requestTimeoutMs,
        idleTimeoutMs: (timeoutSeconds + 30) * 1_000,
        metadataOnly: this.resource.metadataOnly,
        signal,
      },
      (event) => {
        counted();
        this.apply(event);
      },
      () => {
        opened();
        this.lastError = null;
        this.backoff.reset();
        this.events.contact();
      },
    );
  }

  private apply(event: unknown): void {
    const { type, object } = (event ?? {}) as {
      type?: string;
      object?: KubeObject & { code?: number; message?: string };
    };
    if (!object) return;
    this.events.contact();
    if (type === 'ERROR') {
      const code = typeof object.code === 'number' ? object.code : 500;
      throw new KubeApiError(
        code === 410 ? 'gone' : 'server-error',
        code,
        String(object.message ?? 'watch error'),
      );
    }
    const version = object.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (type === 'BOOKMARK') return;
    const kept = type === 'DELETED' ? null : ingest(this.served, object);
    const key = objectKey(
      kept ?? { ...object, apiVersion: apiVersionOf(this.served), kind: this.resource.kind },
    );
    if (kept) this.objects.set(key, kept);
    else if (!this.objects.delete(key)) return;
    this.events.changed([key]);
  }

  private markAbsent(): void {
    this.absent = true;
    this.listed = true;
    this.lastError = null;
    this.resourceVersion = null;
    const keys = [...this.objects.keys()];
    this.objects.clear();
    if (keys.length > 0) this.events.changed(keys);
    this.events.listed();
  }
}
