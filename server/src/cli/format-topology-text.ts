/**
 * The text form of `meshwright topology`: a tree of networks -> clusters, each cluster with its role,
 * ID, revisions, control plane, mesh, reachability (and stale reason), remote secrets and east-west
 * gateways (and, where there are any, ambient namespaces, waypoints and ambient east-west gateways), then the control planes with the clusters they serve. Plain text, two-space indentation, so
 * it reads in any terminal and diffs well.
 */
import { CLUSTER_STATE_WORDS, type ClusterState } from '../../../protocol/cluster-states';
import { type ClusterHealth } from '../topology/cluster-health';
import { type ClusterSummary, type TopologySummary } from '../../../protocol/topology-summary';

/** `health`: each cluster's, as the read left it; its state is the word beside the cluster's role. */
export function formatTopologyText(summary: TopologySummary, health: readonly ClusterHealth[]): string {
  const states = new Map(health.map((cluster) => [cluster.cluster, cluster.state]));
  if (summary.clusters.length === 0) return 'no clusters in the kubeconfig\n';
  const lines: string[] = [];
  for (const network of summary.networks) {
    lines.push(network.name === null ? 'no network label (default network)' : `network ${network.name}`);
    const gateways = network.gateways.map(
      (gateway) => `${gateway.address ?? '(no address)'}:${gateway.port} in ${gateway.cluster}`,
    );
    lines.push(`  east-west gateways: ${gateways.length > 0 ? gateways.join(', ') : 'none'}`);
    for (const name of network.clusters) {
      const cluster = summary.clusters.find((candidate) => candidate.name === name);
      if (cluster) lines.push(...clusterLines(cluster, states.get(cluster.name)));
    }
  }
  lines.push('control planes');
  if (summary.controlPlanes.length === 0) lines.push('  none found (no istiod Deployment in istio-system)');
  for (const plane of summary.controlPlanes) {
    lines.push(
      `  ${plane.cluster} (${plane.external ? 'config cluster of an external istiod, ' : ''}revision ${plane.revision}) serves ${plane.serves.join(', ') || 'no cluster'}`,
    );
  }
  return lines.map((line) => `${line}\n`).join('');
}

function clusterLines(cluster: ClusterSummary, state: ClusterState | undefined): string[] {
  const status = state ? CLUSTER_STATE_WORDS[state] : 'unknown';
  const lines = [
    `  cluster ${cluster.name}: ${cluster.role}, ${status}`,
    `    id ${cluster.id}, revisions ${cluster.revisions.join(', ') || 'none'}, control plane ${cluster.controlPlane ?? 'unknown'}`,
    `    mesh ${cluster.meshId ?? 'unknown'}, trust domain ${cluster.trustDomain ?? 'unknown'}`,
  ];
  const secrets = cluster.remoteSecrets.map((secret) =>
    secret.key === secret.cluster ? secret.cluster : `${secret.cluster} (key ${secret.key})`,
  );
  lines.push(`    remote secrets: ${secrets.length > 0 ? secrets.join(', ') : 'none'}`);
  lines.push(...ambientLines(cluster));
  if (cluster.stale !== null) lines.push(`    stale: ${cluster.stale}`);
  return lines;
}

/** Only for clusters with an ambient data plane or Gateway API gateways: the others stay as they were. */
function ambientLines(cluster: ClusterSummary): string[] {
  const lines: string[] = [];
  if (cluster.ambientNamespaces.length > 0) {
    const namespaces = cluster.ambientNamespaces.map((namespace) =>
      namespace.waypoint
        ? `${namespace.name} (waypoint ${namespace.waypoint.namespace}/${namespace.waypoint.name})`
        : namespace.name,
    );
    lines.push(`    ambient namespaces: ${namespaces.join(', ')}`);
  }
  if (cluster.waypoints.length > 0) {
    const waypoints = cluster.waypoints.map(
      (waypoint) => `${waypoint.namespace}/${waypoint.name} (for ${waypoint.waypointFor})`,
    );
    lines.push(`    waypoints: ${waypoints.join(', ')}`);
  }
  if (cluster.ambientEastWestGateways.length > 0) {
    const gateways = cluster.ambientEastWestGateways.map(
      (gateway) =>
        `${gateway.namespace}/${gateway.name} (network ${gateway.network ?? 'unlabelled'}, ${gateway.address ?? 'no address'})`,
    );
    lines.push(`    ambient east-west gateways: ${gateways.join(', ')}`);
  }
  return lines;
}
