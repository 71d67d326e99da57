/**
 * Ambient waypoints: Gateway API Gateways of class `istio-waypoint` that take L7 traffic for the
 * Namespaces, Services, ServiceEntries, Pods and WorkloadEntries bound to them with
 * `istio.io/use-waypoint` (in the bound object's namespace, or `istio.io/use-waypoint-namespace`).
 * `istio.io/waypoint-for` on the Gateway, else on its GatewayClass, says which traffic: `service`
 * (default), `workload`, `all` or `none`.
 */
import { GATEWAY_API_KINDS } from './gateway-api';
import { KINDS } from '../../../../protocol/kinds';
import { asString } from '../../mesh/object-fields';
import { type MeshResource, labelsOf, specOf } from './resource';

export const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';
export const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';
export const WAYPOINT_CLASSES: ReadonlySet<string> = new Set([
  'istio-waypoint',
  'istio-agentgateway-waypoint',
]);
export const EAST_WEST_CLASS = 'istio-east-west';

export type TrafficType = 'service' | 'workload';

/** The waypoint a bound object names, or undefined when it names none (no label, or `none`). */
export function useWaypointOf(resource: MeshResource): { name: string; namespace: string } | undefined {
  const labels = labelsOf(resource);
  const name = labels[USE_WAYPOINT_LABEL];
  if (!name || name === 'none') return undefined;
  const own = resource.groupKind === KINDS.Namespace ? resource.name : resource.namespace;
  return { name, namespace: labels[USE_WAYPOINT_NAMESPACE_LABEL] || own };
}

/** The traffic a binding on this kind sends through the waypoint; a Namespace binds both. */
export function trafficTypesOf(resource: MeshResource): readonly TrafficType[] {
  switch (resource.groupKind) {
    case KINDS.Service:
    case KINDS.ServiceEntry:
      return ['service'];
    case KINDS.Pod:
    case KINDS.WorkloadEntry:
      return ['workload'];
    default:
      return ['service', 'workload'];
  }
}

export function gatewayClassNameOf(gateway: MeshResource): string | undefined {
  return asString(specOf(gateway).gatewayClassName);
}

export function isWaypoint(gateway: MeshResource): boolean {
  return (
    gateway.groupKind === GATEWAY_API_KINDS.Gateway && WAYPOINT_CLASSES.has(gatewayClassNameOf(gateway) ?? '')
  );
}

/** `istio.io/waypoint-for` of the Gateway, else of its GatewayClass (`gatewayClass`), else `service`. */
export function waypointForOf(gateway: MeshResource, gatewayClass: MeshResource | undefined): string {
  return (
    labelsOf(gateway)[WAYPOINT_FOR_LABEL] ??
    (gatewayClass ? labelsOf(gatewayClass)[WAYPOINT_FOR_LABEL] : undefined) ??
    'service'
  );
}

/** Whether a waypoint taking `waypointFor` traffic takes `type`. */
export function waypointTakes(waypointFor: string, type: TrafficType): boolean {
  return waypointFor === 'all' || waypointFor === type;
}
