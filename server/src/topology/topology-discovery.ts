/**
 * Live discovery: every selected kubeconfig context is listed and watched in the background (a
 * ClusterWatcher each), and every batch of changes becomes a new immutable TopologySnapshot, published
 * with the clusters and object keys that changed. Nothing here blocks the caller: `start` returns at once
 * with an empty snapshot, and `snapshot` is always the latest one.
 */
import { type ChangeFeedSettings, ChangeFeed, type ClusterChange, DEFAULT_CHANGE_FEED } from './change-feed';
import { type ClusterHealth } from './cluster-health';
import { ClusterWatcher, type ClusterWatcherSettings } from './cluster-watcher';
import { KubeApiClient } from './kube-api/kube-api-client';
import { type ClusterEndpoint } from './kube-api/kubeconfig-loader';
import { listLimits } from './kube-api/request-limiter';
import { DEFAULT_BACKOFF } from './retry-backoff';
import { SnapshotBuilder } from './snapshot-builder';
import { EMPTY_SNAPSHOT, type TopologySnapshot } from '../mesh/snapshot';
import { DEFAULT_MAX_WATCH_HOLD_MS, WatchGate } from './watch-gate';
import { type WatchedResource, watchedResources } from './watched-resources';

export interface TopologyChangeEvent {
  readonly snapshot: TopologySnapshot;
  readonly previous: TopologySnapshot;
  readonly changes: readonly ClusterChange[];
}

export interface TopologyDiscoveryOptions {
  readonly endpoints: readonly ClusterEndpoint[];
  readonly resources?: readonly WatchedResource[];
  readonly watcher?: Partial<ClusterWatcherSettings>;
  readonly changeFeed?: ChangeFeedSettings;
  /** How long a synced cluster's watches wait for the other clusters' first sync (watch-gate.ts). */
  readonly maxWatchHoldMs?: number;
  /** Versions continue from here (a restarted discovery never goes back in version). */
  readonly startVersion?: number;
  /** A listener threw (a bug in the consumer); default: printed to stderr. Discovery goes on. */
  readonly onListenerError?: (error: unknown) => void;
}

export const DEFAULT_WATCHER_SETTINGS: ClusterWatcherSettings = {
  requestTimeoutMs: 30_000,
  pageSize: 500,
  watchTimeoutSeconds: 300,
  backoff: DEFAULT_BACKOFF,
  probeBackoff: DEFAULT_BACKOFF,
  absentRetryMs: 120_000,
};

export type TopologyListener = (event: TopologyChangeEvent) => void;

export class TopologyDiscovery {
  private readonly clusters: ClusterWatcher[];
  private readonly builder: SnapshotBuilder;
  private readonly feed: ChangeFeed;
  private readonly watchGate: WatchGate;
  private readonly listeners = new Set<TopologyListener>();
  private readonly onListenerError: (error: unknown) => void;
  private current: TopologySnapshot;
  private stopped = false;
  private syncWaiters: (() => void)[] = [];
  /** A snapshot was built after every cluster's first sync was over. */
  private syncedPublished = false;
  private publishedHealth: readonly ClusterHealth[];

  private constructor(options: TopologyDiscoveryOptions) {
    const settings = { ...DEFAULT_WATCHER_SETTINGS, ...options.watcher };
    const resources = options.resources ?? watchedResources();
    this.feed = new ChangeFeed(options.changeFeed ?? DEFAULT_CHANGE_FEED, (changes) => this.publish(changes));
    const limits = listLimits();
    this.watchGate = new WatchGate(
      () => this.clusters.every((cluster) => cluster.settled),
      options.maxWatchHoldMs ?? DEFAULT_MAX_WATCH_HOLD_MS,
    );
    this.clusters = options.endpoints.map(
      (endpoint) =>
        new ClusterWatcher(
          endpoint,
          endpoint.config ? new KubeApiClient(endpoint.config, limits) : null,
          resources,
          settings,
          this.feed,
          this.watchGate,
        ),
    );
    this.builder = new SnapshotBuilder(options.startVersion ?? 0);
    this.publishedHealth = this.clusters.map((cluster) => cluster.health());
    this.onListenerError =
      options.onListenerError ?? ((error) => console.error('meshwright: topology listener failed:', error));
    this.current = options.startVersion
      ? { ...EMPTY_SNAPSHOT, version: options.startVersion }
      : EMPTY_SNAPSHOT;
  }

  /** Starts watching every endpoint in the background and returns at once. */
  static start(options: TopologyDiscoveryOptions): TopologyDiscovery {
    const discovery = new TopologyDiscovery(options);
    discovery.clusters.forEach((cluster) => cluster.start());
    // The first snapshot names every cluster (connecting or refused) before anything is read.
    discovery.feed.flushNow();
    return discovery;
  }

  /** The latest snapshot: immutable, safe to keep. */
  get snapshot(): TopologySnapshot {
    return this.current;
  }

  /**
   * Each cluster's health as of the latest snapshot: the watchers move on between batches, and a view
   * that said "synced" beside a snapshot still saying "connecting" would contradict itself.
   */
  health(): ClusterHealth[] {
    return [...this.publishedHealth];
  }

  /** Calls `listener` with every new snapshot; returns the unsubscribe function. */
  onDidChange(listener: TopologyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every cluster's first sync is over (read, failed, or refused) and published. */
  whenSynced(): Promise<void> {
    if (this.syncedPublished || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.feed.dispose();
    this.watchGate.openAll();
    this.clusters.forEach((cluster) => cluster.stop());
    this.listeners.clear();
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private publish(changes: readonly ClusterChange[]): void {
    if (this.stopped) return;
    const previous = this.current;
    const settled = this.clusters.every((cluster) => cluster.settled);
    this.current = this.builder.build(this.clusters);
    this.publishedHealth = this.clusters.map((cluster) => cluster.health());
    const event: TopologyChangeEvent = { snapshot: this.current, previous, changes };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
    if (settled && !this.syncedPublished) {
      this.syncedPublished = true;
      const waiters = this.syncWaiters;
      this.syncWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }
}
