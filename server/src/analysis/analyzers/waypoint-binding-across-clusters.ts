/**
 * MESH410: the same Namespace or Service names different waypoints (or a waypoint in some clusters and
 * none in others) through `istio.io/use-waypoint`. Each cluster's istiod binds its own copy, so a global
 * Service's traffic gets different L7 processing depending on which cluster the caller or the endpoint is
 * in. Reported on every copy whose binding differs from another cluster's, naming the others.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { clustersOfCopy, copiesPerCluster, describeBinding } from '../model/ambient-multicluster';
import { describe, labelsOf } from '../model/resource';
import { USE_WAYPOINT_LABEL, useWaypointOf } from '../model/waypoints';

export const waypointBindingAcrossClusters: ResourceAnalyzer = {
  type: 'resource',
  name: 'waypoint-binding-across-clusters',
  codes: ['MESH410'],
  kinds: [KINDS.Namespace, KINDS.Service],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const own = clustersOfCopy(ctx.mesh, resource);
    if (own.length === 0 || ctx.mesh.clusters().length < 2) return;
    const copies = copiesPerCluster(ctx.mesh, resource.groupKind, resource.namespace, resource.name);
    const mine = describeBinding(useWaypointOf(resource));
    const others = [...copies].filter(
      ([cluster, copy]) => !own.includes(cluster) && describeBinding(useWaypointOf(copy)) !== mine,
    );
    if (others.length === 0) return;
    const labelled = labelsOf(resource)[USE_WAYPOINT_LABEL] !== undefined;
    const theirs = others
      .map(([cluster, copy]) => `${describeBinding(useWaypointOf(copy))} in cluster ${cluster}`)
      .join(', ');
    ctx.report({
      code: 'MESH410',
      resource,
      path: labelled ? ['metadata', 'labels', USE_WAYPOINT_LABEL] : ['metadata', 'name'],
      message: `${describe(resource)} uses ${mine}, but ${theirs}: traffic gets different L7 processing depending on the cluster it is handled in. Give every cluster's copy the same ${USE_WAYPOINT_LABEL} label.`,
      related: others.map(([, copy]) => ({
        resource: copy,
        path:
          labelsOf(copy)[USE_WAYPOINT_LABEL] !== undefined
            ? ['metadata', 'labels', USE_WAYPOINT_LABEL]
            : ['metadata', 'name'],
        message: `${describe(copy)} uses ${describeBinding(useWaypointOf(copy))}`,
      })),
      data: { waypoint: useWaypointOf(resource) ?? null, others: others.map(([cluster]) => cluster) },
    });
  },
};
