/**
 * Clusters read from a live TopologySnapshot: their facts as the snapshot derived them, and their
 * objects as MeshResources without source positions. A new snapshot is diffed object by object, so
 * objects that did not change keep their resources (and analysis results).
 */
import { type ClusterFacts } from '../../mesh/derive-cluster-facts';
import { type ClusterSnapshot, type KubeObject, type TopologySnapshot } from '../../mesh/snapshot';
import { type ResourceFactory } from '../model/resource-factory';
import { type MeshResource } from '../model/resource';
import { type FileChange } from './document-store';
import { sameJson } from '../../text/same-json';

interface LiveCluster {
  /** The snapshot's cluster this was read from: the next snapshot often holds the very same one. */
  readonly from: ClusterSnapshot;
  readonly facts: ClusterFacts;
  readonly objects: Map<string, { readonly object: KubeObject; readonly resource: MeshResource }>;
}

export class LiveClusters {
  private readonly clusters = new Map<string, LiveCluster>();
  private readonly byUri = new Map<string, MeshResource>();

  constructor(private readonly factory: ResourceFactory) {}

  names(): string[] {
    return [...this.clusters.keys()];
  }

  facts(name: string): ClusterFacts | undefined {
    return this.clusters.get(name)?.facts;
  }

  resourceAt(uri: string): MeshResource | undefined {
    return this.byUri.get(uri);
  }

  resources(): MeshResource[] {
    return [...this.clusters.values()].flatMap((cluster) =>
      [...cluster.objects.values()].map((e) => e.resource),
    );
  }

  apply(snapshot: TopologySnapshot): FileChange {
    const added: MeshResource[] = [];
    const removed: MeshResource[] = [];
    const seen = new Set<string>();
    for (const cluster of snapshot.clusters) {
      seen.add(cluster.name);
      const known = this.clusters.get(cluster.name);
      // Snapshots are immutable and reuse the clusters a change did not touch (SnapshotBuilder): after a
      // watch event, one cluster of fifty is read again, not the whole mesh.
      if (known?.from === cluster) continue;
      const previous = known?.objects ?? new Map<string, { object: KubeObject; resource: MeshResource }>();
      const objects = new Map<string, { object: KubeObject; resource: MeshResource }>();
      for (const object of cluster.objects) {
        if (!object?.metadata?.name || !object.kind || !object.apiVersion) continue;
        const identity = this.factory.liveIdentity(object);
        const old = previous.get(identity);
        if (old && sameObject(old.object, object)) {
          objects.set(identity, old);
          previous.delete(identity);
        } else {
          const fresh = this.factory.fromLiveObject(cluster.name, object);
          objects.set(identity, { object, resource: fresh });
          added.push(fresh);
        }
      }
      removed.push(...[...previous.values()].map((entry) => entry.resource));
      this.clusters.set(cluster.name, { from: cluster, facts: factsOf(cluster), objects });
    }
    for (const [name, cluster] of this.clusters) {
      if (seen.has(name)) continue;
      removed.push(...[...cluster.objects.values()].map((entry) => entry.resource));
      this.clusters.delete(name);
    }
    for (const resource of removed) this.byUri.delete(resource.source.uri);
    for (const resource of added) this.byUri.set(resource.source.uri, resource);
    return { added, removed };
  }
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  if (a === b) return true;
  const versionA = a.metadata.resourceVersion;
  if (versionA && versionA === b.metadata.resourceVersion && a.metadata.uid === b.metadata.uid) return true;
  return sameJson(a, b);
}

function factsOf(cluster: ClusterSnapshot): ClusterFacts {
  const { objects: _objects, reachable: _reachable, stale: _stale, unread: _unread, ...facts } = cluster;
  return facts;
}
