/**
 * The facts of a topology snapshot without its objects, grouped the way people think of a mesh:
 * clusters, networks (with their clusters and east-west gateways) and control planes (with the clusters
 * each serves). `meshwright topology --format json` prints exactly this; the language server sends it
 * (plus health) for the topology tree and map. Holds no credentials: a remote secret is its cluster and
 * data key, nothing more.
 */
import { type TopologySnapshot } from '../mesh/snapshot';

export interface ClusterSummary {
  readonly name: string;
  readonly id: string;
  readonly network: string | null;
  readonly role: 'primary' | 'remote' | 'config' | 'unknown';
  readonly revisions: readonly string[];
  readonly meshId: string | null;
  readonly trustDomain: string | null;
  readonly controlPlane: string | null;
  readonly reachable: boolean;
  readonly stale: string | null;
  readonly remoteSecrets: readonly { readonly cluster: string; readonly key: string }[];
  readonly eastWestGateways: readonly {
    readonly network: string;
    readonly address: string | null;
    readonly port: number;
  }[];
}

export interface NetworkSummary {
  /** null: the clusters without a network label (Istio's default network). */
  readonly name: string | null;
  readonly clusters: readonly string[];
  readonly gateways: readonly {
    readonly cluster: string;
    readonly address: string | null;
    readonly port: number;
  }[];
}

export interface ControlPlaneSummary {
  /** The cluster istiod runs in. */
  readonly cluster: string;
  readonly revision: string;
  /** The clusters it serves: itself and the remotes that name it as their control plane. */
  readonly serves: readonly string[];
}

export interface TopologySummary {
  readonly clusters: readonly ClusterSummary[];
  readonly networks: readonly NetworkSummary[];
  readonly controlPlanes: readonly ControlPlaneSummary[];
}

export function summarizeTopology(snapshot: TopologySnapshot): TopologySummary {
  const clusters = snapshot.clusters.map((cluster): ClusterSummary => ({
    name: cluster.name,
    id: cluster.id,
    network: cluster.network,
    role: cluster.role,
    revisions: cluster.revisions,
    meshId: cluster.meshId,
    trustDomain: cluster.trustDomain,
    controlPlane: cluster.controlPlane,
    reachable: cluster.reachable,
    stale: cluster.stale,
    remoteSecrets: cluster.remoteSecrets.map((secret) => ({ cluster: secret.cluster, key: secret.key })),
    eastWestGateways: cluster.eastWestGateways.map((gateway) => ({
      network: gateway.network,
      address: gateway.address,
      port: gateway.port,
    })),
  }));
  return { clusters, networks: networksOf(clusters), controlPlanes: controlPlanesOf(clusters) };
}

function networksOf(clusters: readonly ClusterSummary[]): NetworkSummary[] {
  const names = [...new Set(clusters.map((cluster) => cluster.network))].sort(byNameNullLast);
  return names.map((name) => ({
    name,
    clusters: clusters.filter((cluster) => cluster.network === name).map((cluster) => cluster.name),
    // A gateway belongs to the network its Service label names, whichever cluster runs it.
    gateways: clusters.flatMap((cluster) =>
      cluster.eastWestGateways
        .filter((gateway) => gateway.network === name)
        .map((gateway) => ({ cluster: cluster.name, address: gateway.address, port: gateway.port })),
    ),
  }));
}

function controlPlanesOf(clusters: readonly ClusterSummary[]): ControlPlaneSummary[] {
  return clusters
    .filter((cluster) => cluster.role === 'primary')
    .flatMap((primary) => {
      // Remotes name their control plane by cluster ID (the annotation) or by context name.
      const serves = clusters
        .filter((cluster) => cluster.controlPlane === primary.name || cluster.controlPlane === primary.id)
        .map((cluster) => cluster.name);
      const revisions = primary.revisions.length > 0 ? primary.revisions : ['default'];
      return revisions.map((revision) => ({ cluster: primary.name, revision, serves }));
    });
}

function byNameNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}
