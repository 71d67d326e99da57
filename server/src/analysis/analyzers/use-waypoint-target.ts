/**
 * MESH404: `istio.io/use-waypoint` binds a Namespace, Service, ServiceEntry, Pod or WorkloadEntry to a
 * waypoint that is not there for it, in a cluster the object is in: no such Gateway, a Gateway that is no
 * waypoint, or a waypoint whose `istio.io/waypoint-for` does not take that traffic (a Service bound to a
 * `workload` waypoint). istiod then leaves the traffic without L7 processing (`istio.io/WaypointBound:
 * False` once applied), so L7 policy and routing silently do nothing.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type MeshQueries } from '../framework/mesh-queries';
import { GATEWAY_API_KINDS } from '../model/gateway-api';
import { copiesIn, inClusters, referenceClusters } from '../model/gateway-api-references';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe } from '../model/resource';
import {
  type TrafficType,
  USE_WAYPOINT_LABEL,
  WAYPOINT_FOR_LABEL,
  gatewayClassNameOf,
  isWaypoint,
  trafficTypesOf,
  useWaypointOf,
  waypointForOf,
  waypointTakes,
} from '../model/waypoints';

export const useWaypointTarget: ResourceAnalyzer = {
  type: 'resource',
  name: 'use-waypoint-target',
  codes: ['MESH404'],
  kinds: [KINDS.Namespace, KINDS.Service, KINDS.ServiceEntry, KINDS.Pod, KINDS.WorkloadEntry],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const wanted = useWaypointOf(resource);
    if (!wanted) return;
    const named = `${wanted.namespace}/${wanted.name}`;
    const path = ['metadata', 'labels', USE_WAYPOINT_LABEL];
    const copies = ctx.mesh.find(GATEWAY_API_KINDS.Gateway, wanted.namespace, wanted.name);
    const clusters = referenceClusters(resource, ctx.mesh);
    const types = trafficTypesOf(resource);
    const missing = clusters.filter((cluster) => copiesIn(copies, cluster).length === 0);
    if (missing.length > 0) {
      ctx.report({
        code: 'MESH404',
        resource,
        path,
        message: `${describe(resource)} uses waypoint ${named}, which does not exist${inClusters(missing)}: its traffic gets no L7 processing there, so L7 policies and routes for it do nothing. Create the waypoint (istioctl waypoint apply -n ${wanted.namespace} --name ${wanted.name}) or fix the label.`,
        related: copies.map((gateway) => ({ resource: gateway, message: `${describe(gateway)}` })),
        data: {
          waypoint: wanted,
          missing,
          candidates: waypointsIn(ctx.mesh, wanted.namespace, clusters, types),
        },
      });
      return;
    }
    for (const cluster of clusters) {
      for (const gateway of copiesIn(copies, cluster)) {
        const problem = waypointProblem(
          gateway,
          types,
          ctx.mesh.find(GATEWAY_API_KINDS.GatewayClass, '', gatewayClassNameOf(gateway) ?? ''),
        );
        if (!problem) continue;
        ctx.report({
          code: 'MESH404',
          resource,
          path,
          message: `${describe(resource)} uses ${describe(gateway)}, ${problem} Fix the label or the waypoint.`,
          related: [{ resource: gateway, message: `${describe(gateway)}` }],
          data: { waypoint: wanted, candidates: waypointsIn(ctx.mesh, wanted.namespace, clusters, types) },
        });
        return;
      }
    }
  },
};

/**
 * The waypoints of `namespace` that exist in every cluster concerned and take this traffic, by name: what
 * the quick fix offers to point the label at instead.
 */
function waypointsIn(
  mesh: MeshQueries,
  namespace: string,
  clusters: readonly (string | null)[],
  types: readonly TrafficType[],
): string[] {
  const gateways = mesh.ofKind(GATEWAY_API_KINDS.Gateway).filter((g) => g.namespace === namespace);
  const names = [...new Set(gateways.map((gateway) => gateway.name))].sort();
  return names.filter((name) => {
    const copies = gateways.filter((gateway) => gateway.name === name);
    return clusters.every((cluster) =>
      copiesIn(copies, cluster).some(
        (gateway) => waypointProblem(gateway, types, classesOf(mesh, gateway)) === undefined,
      ),
    );
  });
}

function classesOf(mesh: MeshQueries, gateway: MeshResource): readonly MeshResource[] {
  return mesh.find(GATEWAY_API_KINDS.GatewayClass, '', gatewayClassNameOf(gateway) ?? '');
}

function waypointProblem(
  gateway: MeshResource,
  types: readonly TrafficType[],
  classes: readonly MeshResource[],
): string | undefined {
  if (!isWaypoint(gateway)) {
    return `which is no waypoint (gatewayClassName ${gatewayClassNameOf(gateway) ?? 'unset'}, not istio-waypoint): nothing takes its traffic as a waypoint.`;
  }
  const gatewayClass = classes.find((c) => c.cluster === gateway.cluster) ?? classes[0];
  const waypointFor = waypointForOf(gateway, gatewayClass);
  if (types.some((type) => waypointTakes(waypointFor, type))) return undefined;
  return `whose ${WAYPOINT_FOR_LABEL} is "${waypointFor}": it takes no ${types.join(' or ')} traffic, so this binding does nothing.`;
}
