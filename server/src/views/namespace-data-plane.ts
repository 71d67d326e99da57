/**
 * How a namespace's workloads join the mesh, for the Topology tree: through injected sidecars, through
 * the ambient data plane (ztunnel, and the waypoint its `istio.io/use-waypoint` names), or not at all.
 * Sidecar injection wins over the ambient label, as it does in Istio (ambient leaves injected pods
 * alone); MESH406 reports a namespace labelled for both.
 */
import { type ClusterSnapshot, type KubeObject } from '../mesh/snapshot';
import { type DataPlaneMode } from '../../../protocol/requests';

export interface NamespaceDataPlane {
  readonly dataPlaneMode: DataPlaneMode;
  /** The waypoints (Gateways of a waypoint class) that live in this namespace, by name. */
  readonly waypoints: readonly string[];
  /** `namespace/name` of the waypoint the namespace's `istio.io/use-waypoint` names; null without one. */
  readonly useWaypoint: string | null;
}

export function namespaceDataPlane(
  cluster: ClusterSnapshot,
  name: string,
  namespace: KubeObject | undefined,
): NamespaceDataPlane {
  const ambient = cluster.ambientNamespaces.find((candidate) => candidate.name === name);
  const waypoint = ambient?.waypoint;
  return {
    dataPlaneMode: isSidecarInjected(namespace) ? 'sidecar' : ambient ? 'ambient' : 'none',
    waypoints: cluster.waypoints
      .filter((candidate) => candidate.gateway.namespace === name)
      .map((candidate) => candidate.gateway.name),
    useWaypoint: waypoint ? `${waypoint.namespace}/${waypoint.name}` : null,
  };
}

function isSidecarInjected(namespace: KubeObject | undefined): boolean {
  const labels = namespace?.metadata.labels ?? {};
  if (labels['istio-injection'] === 'disabled') return false;
  return labels['istio-injection'] === 'enabled' || Boolean(labels['istio.io/rev']);
}
