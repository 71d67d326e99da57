/**
 * A mesh map node's health in four words, from discovery's cluster states: ok (in sync), stale (old or
 * partial data: some types unreadable), unreachable (the API server cannot be read now, or refuses the
 * credentials), unknown (not read yet). A box or gateway shows the worst health of the clusters it stands
 * for. Pure.
 */
import { type ClusterHealth } from '../topology/cluster-health';
import { type ClusterSnapshot } from '../mesh/snapshot';
import { type MeshHealth } from '../../../protocol/mesh-graph';

export interface NodeHealth {
  readonly health: MeshHealth;
  /** The stale reason (cause and way out); null when current. */
  readonly reason: string | null;
}

const SEVERITY: Readonly<Record<MeshHealth, number>> = { ok: 0, unknown: 1, stale: 2, unreachable: 3 };

/**
 * Each cluster's health by name: from discovery's health when it has an entry, else from the snapshot's
 * own facts (offline snapshots, clusters discovery has not reported yet).
 */
export function clusterHealthLookup(
  clusters: readonly ClusterSnapshot[],
  health: readonly ClusterHealth[],
): (name: string) => NodeHealth {
  const byCluster = new Map(health.map((entry) => [entry.cluster, entry]));
  const facts = new Map(clusters.map((cluster) => [cluster.name, cluster]));
  return (name) => {
    const entry = byCluster.get(name);
    if (entry) {
      switch (entry.state) {
        case 'synced':
          return { health: 'ok', reason: null };
        case 'connecting':
          return { health: 'unknown', reason: entry.stale };
        case 'degraded':
          return { health: 'stale', reason: entry.stale };
        default:
          return { health: 'unreachable', reason: entry.stale };
      }
    }
    const cluster = facts.get(name);
    if (!cluster) return { health: 'unknown', reason: null };
    if (!cluster.reachable) return { health: 'unreachable', reason: cluster.stale };
    return cluster.stale !== null
      ? { health: 'stale', reason: cluster.stale }
      : { health: 'ok', reason: null };
  };
}

export function worstHealth(values: readonly MeshHealth[]): MeshHealth {
  if (values.length === 0) return 'unknown';
  return values.reduce((worst, value) => (SEVERITY[value] > SEVERITY[worst] ? value : worst));
}
