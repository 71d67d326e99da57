/**
 * Turns the clusters' current objects and health into an immutable TopologySnapshot with a version that
 * only goes up. A cluster whose objects and health did not change since the previous snapshot is reused
 * as it was (same object, same facts), so building after one watch event costs one cluster's facts.
 */
import { type ClusterHealth } from './cluster-health';
import { deriveClusterFacts } from '../mesh/derive-cluster-facts';
import { type ClusterSnapshot, type KubeObject, type TopologySnapshot } from '../mesh/snapshot';

/** What the builder needs of a cluster: a ClusterWatcher, or a one-shot read. */
export interface ClusterSource {
  readonly name: string;
  /** Changes whenever the objects change. */
  readonly revision: number;
  /** The API server URL the kubeconfig gives for this cluster. */
  readonly server?: string;
  objects(): readonly KubeObject[];
  health(): ClusterHealth;
}

interface CachedCluster {
  readonly revision: number;
  readonly reachable: boolean;
  readonly stale: string | null;
  /** The unread types' ids, joined: which ones, not their reasons, matter to the analysis. */
  readonly unread: string;
  readonly snapshot: ClusterSnapshot;
}

export class SnapshotBuilder {
  private readonly cache = new Map<string, CachedCluster>();

  constructor(private version = 0) {}

  get currentVersion(): number {
    return this.version;
  }

  build(sources: readonly ClusterSource[]): TopologySnapshot {
    const clusters = sources.map((source) => this.cluster(source));
    for (const name of [...this.cache.keys()])
      if (!sources.some((source) => source.name === name)) this.cache.delete(name);
    this.version += 1;
    return Object.freeze({ version: this.version, clusters: Object.freeze(clusters) });
  }

  private cluster(source: ClusterSource): ClusterSnapshot {
    const health = source.health();
    const unread = health.unread.map((type) => type.id).join('\n');
    const cached = this.cache.get(source.name);
    if (
      cached &&
      cached.revision === source.revision &&
      cached.reachable === health.reachable &&
      cached.stale === health.stale &&
      cached.unread === unread
    ) {
      return cached.snapshot;
    }
    const objects = source.objects();
    const facts =
      cached && cached.revision === source.revision
        ? factsOf(cached.snapshot)
        : deriveClusterFacts(source.name, objects);
    const snapshot: ClusterSnapshot = Object.freeze({
      ...facts,
      ...(source.server !== undefined ? { apiServer: source.server } : {}),
      reachable: health.reachable,
      stale: health.stale,
      unread: Object.freeze([...health.unread]),
      objects,
    });
    this.cache.set(source.name, {
      revision: source.revision,
      reachable: health.reachable,
      stale: health.stale,
      unread,
      snapshot,
    });
    return snapshot;
  }
}

function factsOf(cluster: ClusterSnapshot): ReturnType<typeof deriveClusterFacts> {
  const { objects: _objects, reachable: _reachable, stale: _stale, unread: _unread, ...facts } = cluster;
  return facts;
}
