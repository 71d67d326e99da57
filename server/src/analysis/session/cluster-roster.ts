/**
 * The clusters AnalysisSession knows, in order, with their facts and what could not be read of them.
 * Offline clusters (files, `--cluster NAME=PATH`) and live ones (the snapshot) share one order, the
 * order given, in which earlier wins ties; a cluster given as files is read from its files even when a
 * live cluster has the same name.
 */
import { type ClusterFacts, deriveClusterFacts } from '../../mesh/derive-cluster-facts';
import { type TopologySnapshot } from '../../mesh/snapshot';
import { type ClusterCoverage, ReadCoverage } from '../framework/read-coverage';
import { type DocumentStore } from './document-store';
import { type LiveClusters } from './live-clusters';

export class ClusterRoster {
  private order: string[] = [];
  private readonly fileClusters = new Set<string>();
  /** What the live snapshot could not read, per cluster (file clusters are complete). */
  private liveCoverage: readonly ClusterCoverage[] = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly live: LiveClusters,
  ) {}

  /** Cluster names in the order given: earlier wins ties. */
  names(): readonly string[] {
    return this.order;
  }

  addFileCluster(cluster: string): void {
    if (!this.order.includes(cluster)) this.order.push(cluster);
    this.fileClusters.add(cluster);
  }

  /** The cluster is no longer given as files (it stays in the order while it is live). */
  removeFileCluster(cluster: string): void {
    this.fileClusters.delete(cluster);
    if (!this.live.names().includes(cluster)) this.order = this.order.filter((n) => n !== cluster);
  }

  /** The live clusters are now the snapshot's: new ones join the end of the order. */
  setLive(snapshot: TopologySnapshot): void {
    const liveNames = new Set(snapshot.clusters.map((cluster) => cluster.name));
    this.order = this.order.filter((name) => liveNames.has(name) || this.fileClusters.has(name));
    for (const name of liveNames) if (!this.order.includes(name)) this.order.push(name);
    this.liveCoverage = snapshot.clusters.map((cluster) => ({
      cluster: cluster.name,
      unread: cluster.unread ?? [],
    }));
  }

  /** Every cluster with its facts, in order (what the index holds as its clusters). */
  withFacts(): { name: string; facts: ClusterFacts }[] {
    return this.order.map((name) => ({ name, facts: this.factsOf(name) }));
  }

  /** The types the live clusters in use could not read. */
  coverage(): ReadCoverage {
    return new ReadCoverage(
      this.liveCoverage.filter(
        (entry) => !this.fileClusters.has(entry.cluster) && this.order.includes(entry.cluster),
      ),
    );
  }

  private factsOf(name: string): ClusterFacts {
    const live = this.live.facts(name);
    if (live && !this.fileClusters.has(name)) return live;
    const objects = this.store
      .filesOf(name)
      .flatMap((file) => file.resources.map((resource) => resource.object));
    return deriveClusterFacts(name, objects);
  }
}
