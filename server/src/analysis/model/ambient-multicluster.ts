/**
 * Ambient across clusters: which Services are global (`istio.io/global: "true"`, the label the ambient
 * profile's `serviceScopeConfigs` selects; every other Service keeps its endpoints in its own cluster),
 * which waypoint an object is bound to in a given cluster, and the copies of one object cluster by
 * cluster, so the cross-cluster checks (MESH407-MESH410) can compare them.
 */
import { type MeshQueries } from '../framework/mesh-queries';
import { GATEWAY_API_KINDS } from './gateway-api';
import { copiesIn, referenceClusters } from './gateway-api-references';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, labelsOf, specOf } from './resource';
import { useWaypointOf } from './waypoints';

export const GLOBAL_LABEL = 'istio.io/global';

export function isGlobal(resource: MeshResource): boolean {
  return labelsOf(resource)[GLOBAL_LABEL] === 'true';
}

/**
 * Whether a waypoint's Service is global. istiod creates the Service from the Gateway, copying the
 * Gateway's labels and `spec.infrastructure.labels`, so a label on either counts; the Service's own
 * label decides when its Service is known.
 */
export function isGlobalWaypoint(gateway: MeshResource, service: MeshResource | undefined): boolean {
  if (service) return isGlobal(service);
  const infrastructure = asStringMap(asRecord(specOf(gateway).infrastructure)?.labels);
  return isGlobal(gateway) || infrastructure[GLOBAL_LABEL] === 'true';
}

/** The clusters a copy stands for: its own, or those an authored document targets (none when unknown). */
export function clustersOfCopy(mesh: MeshQueries, copy: MeshResource): string[] {
  return referenceClusters(copy, mesh).filter((cluster): cluster is string => cluster !== null);
}

/**
 * The copy of an object each cluster has (an authored document targeting the cluster replaces it), by
 * cluster name, in the mesh's cluster order.
 */
export function copiesPerCluster(
  mesh: MeshQueries,
  groupKind: string,
  namespace: string,
  name: string,
): Map<string, MeshResource> {
  const copies = mesh.copies(groupKind, namespace, name);
  const result = new Map<string, MeshResource>();
  for (const cluster of mesh.clusters()) {
    const inCluster = copiesIn(copies, cluster.name).filter(
      (copy) => copy.cluster === cluster.name || mesh.targetsOf(copy).clusters.includes(cluster.name),
    );
    const chosen = inCluster.find((copy) => copy.cluster === null) ?? inCluster[0];
    if (chosen) result.set(cluster.name, chosen);
  }
  return result;
}

/**
 * The waypoint a Service is bound to in `cluster`: its own `istio.io/use-waypoint`, else its namespace's
 * there. Undefined when neither names one (or the Service opts out with `none`).
 */
export function serviceWaypointIn(
  mesh: MeshQueries,
  service: MeshResource,
  cluster: string,
): { name: string; namespace: string } | undefined {
  if (labelsOf(service)[USE_WAYPOINT] !== undefined) return useWaypointOf(service);
  const namespace = copiesPerCluster(mesh, KINDS.Namespace, '', service.namespace).get(cluster);
  return namespace ? useWaypointOf(namespace) : undefined;
}

const USE_WAYPOINT = 'istio.io/use-waypoint';

/** "waypoint shop/waypoint" or "no waypoint": how messages name a binding. */
export function describeBinding(binding: { name: string; namespace: string } | undefined): string {
  return binding ? `waypoint ${binding.namespace}/${binding.name}` : 'no waypoint';
}

/**
 * Whether a primary's mesh config makes Services labelled `istio.io/global: "true"` global: a
 * `serviceScopeConfigs` entry of scope GLOBAL whose `servicesSelector` selects that label.
 */
export function meshConfigSelectsGlobal(mesh: Readonly<Record<string, unknown>>): boolean {
  return asArray(mesh.serviceScopeConfigs).some((item) => {
    const entry = asRecord(item);
    if (asString(entry?.scope) !== 'GLOBAL') return false;
    const selector = asRecord(entry?.servicesSelector);
    if (asStringMap(selector?.matchLabels)[GLOBAL_LABEL] === 'true') return true;
    return asArray(selector?.matchExpressions).some((expression) => {
      const fields = asRecord(expression);
      return (
        asString(fields?.key) === GLOBAL_LABEL &&
        asString(fields?.operator) === 'In' &&
        asArray(fields?.values).includes('true')
      );
    });
  });
}

/** The Gateway and its Service (same name, same namespace) a binding names, as `cluster` has them. */
export function waypointCopiesIn(
  mesh: MeshQueries,
  binding: { name: string; namespace: string },
  cluster: string,
): { gateway: MeshResource | undefined; service: MeshResource | undefined } {
  return {
    gateway: copiesPerCluster(mesh, GATEWAY_API_KINDS.Gateway, binding.namespace, binding.name).get(cluster),
    service: copiesPerCluster(mesh, KINDS.Service, binding.namespace, binding.name).get(cluster),
  };
}
