/**
 * The parents a Gateway API route attaches to (its `parentRefs`), as the live URIs of those objects in
 * the route's cluster, so the Topology tree can show a route under its Gateway, or under the Service it
 * routes for (mesh routing). A parentRef defaults to a Gateway of the Gateway API in the route's
 * namespace; refs to other kinds (a ListenerSet) are left out, and the tree lists such routes on their own.
 * A Gateway's own role (a waypoint, an east-west gateway) comes from its class.
 */
import { asArray, asRecord, asString } from '../mesh/object-fields';
import { type KubeObject } from '../mesh/snapshot';
import { liveObjectUri } from '../yaml/live-object-document';
import { apiGroupOf } from '../../../protocol/kinds';
import { GATEWAY_API_GROUP } from '../analysis/model/gateway-api';

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);

const GATEWAY_ROLES: Readonly<Record<string, string>> = {
  'istio-waypoint': 'waypoint',
  'istio-agentgateway-waypoint': 'waypoint',
  'istio-east-west': 'east-west gateway',
};

/** A Gateway API Gateway's role for Istio, by its class (a waypoint, an ambient east-west gateway). */
export function gatewayRoleOf(object: KubeObject): string | null {
  if (apiGroupOf(object.apiVersion) !== GATEWAY_API_GROUP || object.kind !== 'Gateway') return null;
  return GATEWAY_ROLES[asString(asRecord(object.spec)?.gatewayClassName) ?? ''] ?? null;
}

export function routeParentUris(cluster: string, route: KubeObject): string[] {
  if (apiGroupOf(route.apiVersion) !== GATEWAY_API_GROUP || !ROUTE_KINDS.has(route.kind)) return [];
  const uris = new Set<string>();
  for (const entry of asArray(asRecord(route.spec)?.parentRefs)) {
    const ref = asRecord(entry);
    const name = asString(ref?.name);
    if (!ref || !name) continue;
    const group = asString(ref.group) ?? GATEWAY_API_GROUP;
    const kind = asString(ref.kind) ?? 'Gateway';
    const namespace = asString(ref.namespace) ?? route.metadata.namespace ?? 'default';
    if (group === GATEWAY_API_GROUP && kind === 'Gateway')
      uris.add(liveObjectUri(cluster, 'Gateway', namespace, name));
    else if (group === '' && kind === 'Service') uris.add(liveObjectUri(cluster, 'Service', namespace, name));
  }
  return [...uris];
}
