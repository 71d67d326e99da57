/**
 * Builds the topology summary (protocol/topology-summary.ts) from a snapshot: clusters (with their ambient
 * namespaces, waypoints and ambient east-west gateways), networks with their clusters and east-west
 * gateways, control planes with the clusters each serves.
 */
import {
  type ClusterSummary,
  type ControlPlaneSummary,
  type NetworkSummary,
  type TopologySummary,
} from '../../../protocol/topology-summary';
import { type TopologySnapshot } from '../mesh/snapshot';

const AMBIENT_HBONE_PORT = 15008;

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
    ambientNamespaces: cluster.ambientNamespaces.map((namespace) => ({
      name: namespace.name,
      waypoint: namespace.waypoint,
    })),
    waypoints: cluster.waypoints.map((waypoint) => ({
      ...waypoint.gateway,
      waypointFor: waypoint.waypointFor,
    })),
    ambientEastWestGateways: cluster.ambientEastWestGateways.map((gateway) => ({
      ...gateway.gateway,
      network: gateway.network,
      address: gateway.address,
    })),
  }));
  return { clusters, networks: networksOf(clusters), controlPlanes: controlPlanesOf(clusters) };
}

function networksOf(clusters: readonly ClusterSummary[]): NetworkSummary[] {
  const names = [...new Set(clusters.map((cluster) => cluster.network))].sort(byNameNullLast);
  return names.map((name) => ({
    name,
    clusters: clusters.filter((cluster) => cluster.network === name).map((cluster) => cluster.name),
    // A gateway belongs to the network its Service (or ambient Gateway) label names, whichever cluster
    // runs it. An ambient east-west gateway takes HBONE on 15008 from the other networks.
    gateways: clusters.flatMap((cluster) => [
      ...cluster.eastWestGateways
        .filter((gateway) => gateway.network === name)
        .map((gateway) => ({ cluster: cluster.name, address: gateway.address, port: gateway.port })),
      ...cluster.ambientEastWestGateways
        .filter((gateway) => gateway.network === name)
        .map((gateway) => ({ cluster: cluster.name, address: gateway.address, port: AMBIENT_HBONE_PORT })),
    ]),
  }));
}

function controlPlanesOf(clusters: readonly ClusterSummary[]): ControlPlaneSummary[] {
  return clusters
    .filter((cluster) => cluster.role === 'primary' || cluster.role === 'config')
    .flatMap((primary): ControlPlaneSummary[] => {
      const external = primary.role === 'config';
      // Remotes name their control plane by cluster ID (the annotation) or by context name. A config
      // cluster runs no istiod and, as a rule, no workloads: it serves only its remotes.
      const serves = clusters
        .filter((cluster) => cluster.controlPlane === primary.name || cluster.controlPlane === primary.id)
        .filter((cluster) => !(external && cluster.name === primary.name))
        .map((cluster) => cluster.name);
      const revisions = primary.revisions.length > 0 ? primary.revisions : ['default'];
      return revisions.map((revision) => ({
        cluster: primary.name,
        revision,
        serves,
        ...(external ? { external: true as const } : {}),
      }));
    });
}

function byNameNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}
