/**
 * The mesh map's model: a flat graph computed from a topology snapshot, the clusters' health and the
 * drift between primaries, in the Kiali manner (the backend builds nodes with `parent` for compound
 * boxes and edges; the view only maps them to the renderer). Every network is a box, the default
 * unnamed network too; it contains its clusters, the control planes running there and one east-west
 * gateway node. Edges: control plane -> served cluster, east-west links between networks that both have
 * gateways, remote secrets that read across networks no gateway link joins, and trust problems between
 * clusters when the checklist is given (trust-edges.ts). Parents come before
 * their children. Pure, and never carries credentials: a remote secret is only the cluster it names.
 */
import { apiGroupOf, isIstioGroup } from '../../../protocol/kinds';
import { type ClusterHealth } from '../topology/cluster-health';
import { clusterHealthLookup, type NodeHealth, worstHealth } from './mesh-health';
import { configDriftByCluster, readsIstioConfig } from './primary-config-drift';
import { type ClusterSnapshot, type TopologySnapshot } from '../mesh/snapshot';
import { summarizeTopology } from './topology-summary';
import { trustEdges } from './trust-edges';
import { type CheckResult } from '../../../protocol/check-results';
import {
  type DriftedObject,
  type MeshGraph,
  type MeshGraphEdge,
  type MeshGraphNode,
} from '../../../protocol/mesh-graph';

const MAX_DRIFTED_LISTED = 20;

export function networkNodeId(network: string | null): string {
  // Label values cannot contain parentheses, so this never collides with a named network.
  return `network:${network ?? '(default)'}`;
}
export const clusterNodeId = (cluster: string): string => `cluster:${cluster}`;
export const controlPlaneNodeId = (cluster: string, revision: string): string =>
  `controlPlane:${cluster}/${revision}`;
export const gatewayNodeId = (network: string | null): string => `gateway:${network ?? '(default)'}`;

export interface MeshGraphInputs {
  readonly snapshot: TopologySnapshot;
  /** Each cluster's health from discovery; a cluster without an entry is judged by its snapshot facts. */
  readonly health?: readonly ClusterHealth[];
  readonly problem?: string | null;
  /** The Mesh Health checklist of the same snapshot: its trust problems become edges. */
  readonly checks?: readonly CheckResult[];
}

export function buildMeshGraph(inputs: MeshGraphInputs): MeshGraph {
  const { snapshot } = inputs;
  const summary = summarizeTopology(snapshot);
  const healthOf = clusterHealthLookup(snapshot.clusters, inputs.health ?? []);
  const drift = configDriftByCluster(snapshot.clusters);
  const byName = new Map(snapshot.clusters.map((cluster) => [cluster.name, cluster]));
  const multiNetwork = summary.networks.length > 1;
  // Remotes name their control plane by cluster ID or by context name.
  const controlPlaneHosts = new Set(
    snapshot.clusters
      .filter((cluster) => cluster.role === 'primary' || cluster.role === 'config')
      .flatMap((c) => [c.name, c.id]),
  );

  const networkNodes: MeshGraphNode[] = [];
  const memberNodes: MeshGraphNode[] = [];
  const edges: MeshGraphEdge[] = [];

  for (const network of summary.networks) {
    const parent = networkNodeId(network.name);
    const clusterHealth = network.clusters.map((name) => healthOf(name));
    const problems: string[] = [];
    if (multiNetwork && network.gateways.length === 0) {
      problems.push(
        `no east-west gateway: workloads in ${describeNetwork(network.name)} cannot be reached from other ` +
          'networks; expose one (a Service labelled istio: eastwestgateway with the network label, or for ' +
          'ambient a Gateway of class istio-east-west with it)',
      );
    }
    networkNodes.push({
      id: parent,
      kind: 'network',
      label: network.name ?? 'default network',
      network: network.name,
      health: worstHealth(clusterHealth.map((entry) => entry.health)),
      healthReason: null,
      drift: 0,
      ...(problems.length > 0 ? { problems } : {}),
    });
    for (const name of network.clusters) {
      const cluster = byName.get(name);
      if (!cluster) continue;
      const problems = clusterProblems(cluster, controlPlaneHosts);
      memberNodes.push(clusterNode(cluster, parent, healthOf(name), drift.get(name) ?? [], problems));
    }
    if (network.gateways.length > 0) {
      const gatewayHealth = network.gateways.map((gateway) => healthOf(gateway.cluster).health);
      const unaddressed = network.gateways.filter((gateway) => gateway.address === null);
      memberNodes.push({
        id: gatewayNodeId(network.name),
        kind: 'gateway',
        parent,
        label: 'east-west gateway',
        network: network.name,
        health: worstHealth(gatewayHealth),
        healthReason: null,
        drift: 0,
        addresses: network.gateways.map(
          (gateway) => `${gateway.address ?? '(no address)'}:${gateway.port} (${gateway.cluster})`,
        ),
        ...(unaddressed.length > 0
          ? {
              problems: unaddressed.map(
                (gateway) =>
                  `the east-west gateway in ${gateway.cluster} has no external address yet: other ` +
                  'networks cannot reach it until its LoadBalancer gets one',
              ),
            }
          : {}),
      });
    }
  }

  for (const controlPlane of summary.controlPlanes) {
    const host = byName.get(controlPlane.cluster);
    if (!host) continue;
    const id = controlPlaneNodeId(controlPlane.cluster, controlPlane.revision);
    const health = healthOf(controlPlane.cluster);
    memberNodes.push({
      id,
      kind: 'controlPlane',
      parent: networkNodeId(host.network),
      label: `istiod ${controlPlane.cluster}${controlPlane.revision === 'default' ? '' : ` (${controlPlane.revision})`}`,
      cluster: controlPlane.cluster,
      network: host.network,
      revisions: [controlPlane.revision],
      health: health.health,
      healthReason: health.reason,
      drift: 0,
    });
    for (const served of controlPlane.serves) {
      edges.push({
        id: `serves:${id}->${served}`,
        source: id,
        target: clusterNodeId(served),
        kind: 'serves',
      });
    }
  }

  edges.push(...eastWestEdges(summary.networks), ...remoteSecretEdges(snapshot.clusters, summary.networks));
  const trust = inputs.checks ? trustEdges(inputs.checks, clusterNodeId, new Set(byName.keys())) : [];
  edges.push(...trust);
  return {
    version: snapshot.version,
    nodes: [...networkNodes, ...withTrustProblems(memberNodes, trust)],
    edges,
    problem: inputs.problem ?? null,
  };
}

function clusterNode(
  cluster: ClusterSnapshot,
  parent: string,
  health: NodeHealth,
  drifted: readonly DriftedObject[],
  problems: readonly string[],
): MeshGraphNode {
  return {
    id: clusterNodeId(cluster.name),
    kind: 'cluster',
    parent,
    label: cluster.name,
    cluster: cluster.name,
    network: cluster.network,
    role: cluster.role,
    revisions: cluster.revisions,
    health: health.health,
    healthReason: health.reason,
    drift: drifted.length,
    ...(drifted.length > 0 ? { drifted: drifted.slice(0, MAX_DRIFTED_LISTED) } : {}),
    ...(problems.length > 0 ? { problems } : {}),
    ...(cluster.waypoints.length > 0
      ? { waypoints: cluster.waypoints.map(({ gateway }) => `${gateway.namespace}/${gateway.name}`) }
      : {}),
  };
}

function clusterProblems(cluster: ClusterSnapshot, controlPlaneHosts: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (cluster.role === 'unknown') {
    problems.push(
      `no Istio control plane found in ${cluster.name} (no istiod Deployment or Service in istio-system)`,
    );
  }
  if (cluster.role === 'remote' && cluster.controlPlane === null) {
    problems.push(
      `remote cluster ${cluster.name} names no control plane: annotate istio-system with ` +
        'topology.istio.io/controlPlaneClusters',
    );
  }
  if (
    cluster.role === 'remote' &&
    cluster.controlPlane !== null &&
    !controlPlaneHosts.has(cluster.controlPlane)
  ) {
    problems.push(
      `remote cluster ${cluster.name} is served by control plane ${cluster.controlPlane}, which is not among ` +
        'the watched clusters; add its context to meshwright.contexts to see it',
    );
  }
  if (cluster.role === 'remote') {
    const ignored = cluster.objects.filter((object) => isIstioGroup(apiGroupOf(object.apiVersion))).length;
    if (ignored > 0) {
      problems.push(
        `${ignored === 1 ? '1 Istio object' : `${ignored} Istio objects`} in remote cluster ${cluster.name}: ` +
          `no control plane reads ${ignored === 1 ? 'it; apply it' : 'them; apply them'} to its primary instead`,
      );
    }
  }
  return problems;
}

type NetworkList = ReturnType<typeof summarizeTopology>['networks'];

/** One link per pair of networks that both expose an east-west gateway. */
function eastWestEdges(networks: NetworkList): MeshGraphEdge[] {
  const gatewayed = networks.filter((network) => network.gateways.length > 0);
  const edges: MeshGraphEdge[] = [];
  gatewayed.forEach((a, index) => {
    for (const b of gatewayed.slice(index + 1)) {
      edges.push({
        id: `eastWest:${gatewayNodeId(a.name)}<->${gatewayNodeId(b.name)}`,
        source: gatewayNodeId(a.name),
        target: gatewayNodeId(b.name),
        kind: 'eastWest',
      });
    }
  });
  return edges;
}

/**
 * A config cluster reading another cluster through a remote secret, across networks that no east-west
 * link joins: the one cross-network path the gateways do not already show. Within a network, and
 * between linked networks, remote secrets are implied (and at 50 clusters would be thousands of lines).
 */
function remoteSecretEdges(clusters: readonly ClusterSnapshot[], networks: NetworkList): MeshGraphEdge[] {
  const gatewayed = new Set(networks.filter((n) => n.gateways.length > 0).map((n) => n.name));
  const byId = new Map<string, ClusterSnapshot>();
  for (const cluster of clusters) {
    byId.set(cluster.name, cluster);
    byId.set(cluster.id, cluster);
  }
  const edges: MeshGraphEdge[] = [];
  for (const reader of clusters.filter(readsIstioConfig)) {
    for (const target of new Set(reader.remoteSecrets.map((secret) => byId.get(secret.cluster)))) {
      if (!target || target === reader || target.network === reader.network) continue;
      if (gatewayed.has(reader.network) && gatewayed.has(target.network)) continue;
      edges.push({
        id: `remoteSecret:${reader.name}->${target.name}`,
        source: clusterNodeId(reader.name),
        target: clusterNodeId(target.name),
        kind: 'remoteSecret',
      });
    }
  }
  return edges;
}

/**
 * Both clusters of a trust edge list its problems too: the canvas cannot hover an edge's sentences, a
 * cluster's tooltip and the list beside the map show them.
 */
function withTrustProblems(
  nodes: readonly MeshGraphNode[],
  trust: readonly MeshGraphEdge[],
): MeshGraphNode[] {
  if (trust.length === 0) return [...nodes];
  const byNode = new Map<string, string[]>();
  for (const edge of trust) {
    for (const id of [edge.source, edge.target])
      byNode.set(id, [...(byNode.get(id) ?? []), ...(edge.problems ?? [])]);
  }
  return nodes.map((node) => {
    const problems = byNode.get(node.id);
    return problems ? { ...node, problems: [...(node.problems ?? []), ...problems] } : node;
  });
}

function describeNetwork(name: string | null): string {
  return name === null ? 'the default network' : `network ${name}`;
}
