/**
 * Keeps one cluster in sync: a ResourceWatcher per watched type (each lists, then watches), plus one per
 * gateway namespace for the gateway credential Secrets (credential-secrets.ts; those namespaces follow the
 * gateway pods), and the cluster's health. When a request cannot reach the API server (refused, reset,
 * timed out) or the credentials are refused (401), the whole cluster is "down": its watchers stop, its
 * last known objects stay, and a single probe retries with backoff until the server answers; then every
 * watcher resumes from its resourceVersion. An RBAC refusal (403) or server error on one type degrades
 * that type only.
 */
import { type ClusterHealth, describeHealth } from './cluster-health';
import { GatewayPods, credentialSecretsResource, isMetadataOnlySecrets } from './credential-secrets';
import { type KubeApiClient } from './kube-api/kube-api-client';
import { type KubeApiError, isClusterWide } from './kube-api/kube-api-errors';
import { type ClusterEndpoint } from './kube-api/kubeconfig-loader';
import { type FailurePhase, ResourceWatcher, type ResourceWatcherSettings } from './resource-watcher';
import { type BackoffSettings, RetryBackoff, waitOrAbort } from './retry-backoff';
import { type KubeObject } from '../mesh/snapshot';
import { type WatchGate } from './watch-gate';
import { type WatchedResource } from './watched-resources';

export interface ClusterWatcherSettings extends ResourceWatcherSettings {
  /** Backoff of the probe while the cluster is down. */
  readonly probeBackoff: BackoffSettings;
}

export interface ClusterListener {
  /** Objects changed (keys as `objectKey` makes them). */
  objectsChanged(cluster: string, keys: readonly string[]): void;
  /** State, stale reason or reachability changed. */
  healthChanged(cluster: string): void;
}

const PROBE_PATH = '/api/v1/namespaces?limit=1';

export class ClusterWatcher {
  readonly name: string;
  /** The watched types, then the credential Secrets of each gateway namespace. */
  private readonly watchers: ResourceWatcher[];
  private readonly fixedWatchers: number;
  private readonly credentialWatchers = new Map<string, ResourceWatcher>();
  private readonly gatewayPods = new GatewayPods();
  /** Gateway credentials are read once the fixed types are (the gateway pods are known then). */
  private credentialsStarted = false;
  private readonly attempted = new Set<ResourceWatcher>();
  private down: KubeApiError | null = null;
  private retryAt: number | null = null;
  private contacted = false;
  private lastSyncAt: number | null = null;
  private probeController: AbortController | null = null;
  private readonly probeBackoff: RetryBackoff;
  private stopped = true;
  /** Objects as last released to the snapshot; null = rebuild from the watchers on the next read. */
  private cachedObjects: readonly KubeObject[] | null = Object.freeze([]);
  /**
   * During the first sync, changes are held back and released together when it ends: intermediate
   * snapshots of a half-read cluster would cost a facts derivation each and tell nobody anything.
   */
  private heldKeys: Set<string> | null = new Set();
  private allowWatches: () => void = () => undefined;
  private readonly watchesAllowed = new Promise<void>((resolve) => (this.allowWatches = resolve));
  private healthKey = '';
  /** The last health worked out names types that could not be read. */
  private showsFailures = false;
  /** Increases whenever changed objects are released; lets the snapshot builder reuse unchanged clusters. */
  revision = 0;

  constructor(
    private readonly endpoint: ClusterEndpoint,
    private readonly client: KubeApiClient | null,
    private readonly resources: readonly WatchedResource[],
    private readonly settings: ClusterWatcherSettings,
    private readonly listener: ClusterListener,
    /** When the watches may open after the first sync (watch-gate.ts: the discovery's other clusters). */
    private readonly watchGate: WatchGate,
  ) {
    this.name = endpoint.name;
    this.probeBackoff = new RetryBackoff(settings.probeBackoff);
    this.watchers = client ? resources.map((resource) => this.watcherFor(resource, client)) : [];
    this.fixedWatchers = this.watchers.length;
  }

  /** The API server URL the kubeconfig gives (remote secrets are compared with it). */
  get server(): string | undefined {
    return this.endpoint.server ?? undefined;
  }

  /** Every type has been read or has failed once: the first sync is over, whatever its outcome. */
  get settled(): boolean {
    return this.endpoint.refused !== null || this.down !== null || this.heldKeys === null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.watchers.forEach((watcher) => watcher.start());
    this.healthMaybeChanged();
  }

  stop(): void {
    this.stopped = true;
    this.probeController?.abort();
    this.probeController = null;
    this.watchers.forEach((watcher) => watcher.stop());
    this.client?.dispose();
  }

  /**
   * Renewed credentials for the same cluster (the kubeconfig was re-read): requests use them from now
   * on, and a cluster that refused the old ones (401) is probed again at once.
   */
  updateCredentials(endpoint: ClusterEndpoint): void {
    if (!this.client || !endpoint.config) return;
    this.client.setConfig(endpoint.config);
    if (this.down && !this.stopped) {
      this.probeController?.abort();
      this.probeController = null;
      this.probeBackoff.reset();
      this.startProbe(0);
    }
  }

  /**
   * The objects of every type, in the order of the resource set; the same array until something changes.
   * A Secret read whole in a gateway namespace (with its credential summary) replaces its metadata-only copy.
   */
  objects(): readonly KubeObject[] {
    if (!this.cachedObjects) {
      const all: KubeObject[] = [];
      const credentials = [...this.credentialWatchers.values()];
      for (const watcher of this.watchers) {
        if (isMetadataOnlySecrets(watcher.resource)) {
          for (const [key, object] of watcher.entries())
            if (!credentials.some((credential) => credential.has(key))) all.push(object);
        } else {
          for (const object of watcher.values()) all.push(object);
        }
      }
      this.cachedObjects = Object.freeze(all);
    }
    return this.cachedObjects;
  }

  health(now: number = Date.now()): ClusterHealth {
    return describeHealth({
      cluster: this.name,
      address: this.client?.address ?? this.endpoint.server,
      refused: this.endpoint.refused,
      down: this.down,
      retryAt: this.retryAt,
      contacted: this.contacted,
      settled: this.attempted.size,
      total: this.watchers.length,
      lastSyncAt: this.lastSyncAt,
      failures: this.watchers.flatMap((watcher) =>
        watcher.lastError && !watcher.absent
          ? [{ resource: watcher.resource, error: watcher.lastError }]
          : [],
      ),
      // Without a client (refused endpoint) there are no watchers: every type is unread.
      neverRead: this.client
        ? this.watchers.filter((watcher) => !watcher.listed && !watcher.absent).map((w) => w.resource)
        : this.resources,
      now,
    });
  }

  private watcherFor(resource: WatchedResource, client: KubeApiClient): ResourceWatcher {
    const watcher: ResourceWatcher = new ResourceWatcher(resource, client, this.settings, {
      changed: (keys) => this.objectsChanged(watcher, keys),
      listed: () => this.settle(watcher),
      contact: () => this.contact(),
      failed: (error, phase) => this.failed(watcher, error, phase),
      watchesAllowed: () => this.watchesAllowed,
    });
    return watcher;
  }

  private objectsChanged(watcher: ResourceWatcher, keys: readonly string[]): void {
    if (watcher.resource.id === 'pods' && this.gatewayPods.update(keys, (key) => watcher.get(key))) {
      this.followGatewayNamespaces();
    }
    if (this.heldKeys) {
      for (const key of keys) this.heldKeys.add(key);
      return;
    }
    this.release(keys);
  }

  /** Reads the credential Secrets of the namespaces where gateway pods run now, and stops the others. */
  private followGatewayNamespaces(): void {
    if (!this.credentialsStarted || !this.client) return;
    const wanted = new Set(this.gatewayPods.namespaces());
    for (const [namespace, watcher] of [...this.credentialWatchers]) {
      if (wanted.has(namespace)) continue;
      watcher.stop();
      this.credentialWatchers.delete(namespace);
      this.watchers.splice(this.watchers.indexOf(watcher), 1);
      this.attempted.delete(watcher);
      const keys = [...watcher.entries()].map(([key]) => key);
      if (keys.length > 0) this.objectsChanged(watcher, keys);
    }
    for (const namespace of [...wanted].sort()) {
      if (this.credentialWatchers.has(namespace)) continue;
      const watcher = this.watcherFor(credentialSecretsResource(namespace), this.client);
      this.credentialWatchers.set(namespace, watcher);
      this.watchers.push(watcher);
      if (!this.stopped && !this.down) watcher.start();
    }
    this.healthMaybeChanged();
  }

  private release(keys: readonly string[]): void {
    this.cachedObjects = null;
    this.revision += 1;
    this.listener.objectsChanged(this.name, keys);
  }

  /** The first sync is over (every type read or failed, or the cluster went down): show what was read. */
  private endFirstSync(): void {
    if (!this.heldKeys) return;
    const keys = [...this.heldKeys];
    this.heldKeys = null;
    void this.watchGate.firstSyncOver().then(() => this.allowWatches());
    this.release(keys);
  }

  /** A type was read, or failed: the first sync may be over, or the gateway credentials may be next. */
  private attemptedOne(watcher: ResourceWatcher): void {
    this.attempted.add(watcher);
    if (
      !this.credentialsStarted &&
      this.watchers.slice(0, this.fixedWatchers).every((w) => this.attempted.has(w))
    ) {
      this.credentialsStarted = true;
      this.followGatewayNamespaces();
    }
    if (this.credentialsStarted && this.attempted.size === this.watchers.length) this.endFirstSync();
  }

  private settle(watcher: ResourceWatcher): void {
    this.attemptedOne(watcher);
    this.touch();
    this.healthMaybeChanged();
  }

  /**
   * An answer (a list page, a watch opening, an event) changes what the health says only when it is the
   * first ("connecting to" becomes "first sync in progress") or when it may end a type's failure (a watch
   * that opens again clears its lastError). Otherwise the health is not worked out again: answers come by
   * the thousand during a sync, and with every watch event.
   */
  private contact(): void {
    const first = !this.contacted;
    this.contacted = true;
    this.touch();
    if (first || this.showsFailures) this.healthMaybeChanged();
  }

  /** While every type is read, each answer from the server moves the "in sync at" time forward. */
  private touch(): void {
    if (this.down) return;
    if (this.heldKeys === null && this.attempted.size === this.watchers.length) this.lastSyncAt = Date.now();
  }

  private failed(watcher: ResourceWatcher, error: KubeApiError, phase: FailurePhase): void {
    this.attemptedOne(watcher);
    const clusterWide = isClusterWide(error.kind);
    // A watch stream that broke is retried by its watcher at once; only a failed request means "down".
    if (clusterWide && phase !== 'stream') this.goDown(error);
    this.healthMaybeChanged();
  }

  private goDown(error: KubeApiError): void {
    if (this.stopped) return;
    this.down = error;
    this.endFirstSync();
    if (this.probeController) return;
    this.watchers.forEach((watcher) => watcher.stop());
    this.client?.resetConnections();
    this.startProbe();
  }

  private startProbe(firstDelayMs?: number): void {
    const controller = new AbortController();
    this.probeController = controller;
    void this.probe(controller.signal, firstDelayMs);
  }

  private async probe(signal: AbortSignal, firstDelayMs?: number): Promise<void> {
    let delayOverride = firstDelayMs;
    while (!signal.aborted && this.client) {
      const delay = delayOverride ?? this.probeBackoff.next();
      delayOverride = undefined;
      this.retryAt = Date.now() + delay;
      this.healthMaybeChanged();
      await waitOrAbort(delay, signal);
      if (signal.aborted) return;
      try {
        await this.client.getJson(PROBE_PATH, { timeoutMs: this.settings.requestTimeoutMs, signal });
      } catch (error) {
        const failure = error as KubeApiError;
        if (signal.aborted) return;
        // Any answer but 401 means the server is back (a 403 on namespaces is the watchers' business).
        if (isClusterWide(failure.kind)) {
          this.down = failure;
          continue;
        }
      }
      this.resume();
      return;
    }
  }

  private resume(): void {
    this.probeController = null;
    this.down = null;
    this.retryAt = null;
    this.probeBackoff.reset();
    for (const watcher of this.watchers) {
      // The probe got through: failures to reach the server are over; RBAC and server errors stay until read.
      const kind = watcher.lastError?.kind;
      if (kind && isClusterWide(kind)) watcher.lastError = null;
      watcher.start();
    }
    this.healthMaybeChanged();
  }

  /** Tells the listener when what people see of the health (state and reason) changed. */
  private healthMaybeChanged(): void {
    const health = this.health();
    this.showsFailures = health.unreadable.length > 0;
    const key = `${health.state}|${health.stale ?? ''}`;
    if (key === this.healthKey) return;
    this.healthKey = key;
    this.listener.healthChanged(this.name);
  }
}
