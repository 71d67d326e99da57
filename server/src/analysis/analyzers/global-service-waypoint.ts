/**
 * MESH408: a global Service (`istio.io/global: "true"`) is bound to a waypoint whose Service is not
 * global. Callers in other clusters then reach the Service's endpoints without its waypoint (the
 * waypoint's own endpoints stay local), so its L7 policy and routing apply only to local callers. The
 * waypoint is judged in each cluster the Service is in, through the binding that applies there (the
 * Service's `istio.io/use-waypoint`, else its namespace's); an absent waypoint is MESH404's.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import {
  GLOBAL_LABEL,
  clustersOfCopy,
  isGlobal,
  isGlobalWaypoint,
  serviceWaypointIn,
  waypointCopiesIn,
} from '../model/ambient-multicluster';
import { describe, labelsOf } from '../model/resource';
import { USE_WAYPOINT_LABEL } from '../model/waypoints';

export const globalServiceWaypoint: ResourceAnalyzer = {
  type: 'resource',
  name: 'global-service-waypoint',
  codes: ['MESH408'],
  kinds: [KINDS.Service],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (!isGlobal(resource)) return;
    for (const cluster of clustersOfCopy(ctx.mesh, resource)) {
      const binding = serviceWaypointIn(ctx.mesh, resource, cluster);
      if (!binding) continue;
      const { gateway, service } = waypointCopiesIn(ctx.mesh, binding, cluster);
      if (!gateway || isGlobalWaypoint(gateway, service)) continue;
      const waypoint = service ?? gateway;
      const bound = labelsOf(resource)[USE_WAYPOINT_LABEL] !== undefined ? 'its' : "its namespace's";
      ctx.report({
        code: 'MESH408',
        resource,
        path: ['metadata', 'labels', GLOBAL_LABEL],
        message: `${describe(resource)} is global but ${bound} waypoint ${binding.namespace}/${binding.name} in cluster ${cluster} is not (${describe(waypoint)} has no ${GLOBAL_LABEL}: "true"): callers in other clusters bypass the waypoint, so its L7 policy and routing do not apply to them. Label the waypoint's Service ${GLOBAL_LABEL}: "true" (or the Gateway's spec.infrastructure.labels) in every cluster.`,
        related: [
          { resource: gateway, message: `${describe(gateway)}: the waypoint` },
          ...(service
            ? [{ resource: service, message: `${describe(service)}: the waypoint's Service` }]
            : []),
        ],
        data: { waypoint: binding, cluster },
      });
      return;
    }
  },
};
