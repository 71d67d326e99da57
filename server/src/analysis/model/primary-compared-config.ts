/**
 * The config each primary's istiod reads from its own cluster, and that therefore must be the same in
 * every primary (MESH201, MESH202, the Policies view): Istio's kinds, and the Gateway API kinds Istio
 * turns into config (Gateways, routes, ReferenceGrants, BackendTLSPolicies). Not GatewayClasses (istiod
 * creates its own in every cluster) and not ambient east-west Gateways (class `istio-east-west`): each
 * network has its own, labelled with its network, so they differ between primaries by design (MESH409
 * checks them).
 */
import { apiGroupOf, groupKindOf, isIstioGroup, ISTIO_CONFIG_KINDS } from '../../../../protocol/kinds';
import { asRecord, asString } from '../../mesh/object-fields';
import { type KubeObject } from '../../mesh/snapshot';
import { GATEWAY_API_KINDS } from './gateway-api';

const EAST_WEST_CLASS = 'istio-east-west';

const GATEWAY_API_COMPARED_KINDS: readonly string[] = [
  GATEWAY_API_KINDS.Gateway,
  GATEWAY_API_KINDS.HTTPRoute,
  GATEWAY_API_KINDS.GRPCRoute,
  GATEWAY_API_KINDS.TCPRoute,
  GATEWAY_API_KINDS.TLSRoute,
  GATEWAY_API_KINDS.UDPRoute,
  GATEWAY_API_KINDS.ReferenceGrant,
  GATEWAY_API_KINDS.BackendTLSPolicy,
];

/** The kinds the cross-primary analyzers register for. */
export const PRIMARY_COMPARED_KINDS: readonly string[] = [
  ...ISTIO_CONFIG_KINDS,
  ...GATEWAY_API_COMPARED_KINDS,
];

/** Whether copies of this object are compared across primaries (see the header). */
export function isComparedAcrossPrimaries(object: KubeObject): boolean {
  if (isIstioGroup(apiGroupOf(object.apiVersion))) return true;
  const groupKind = groupKindOf(object.apiVersion, object.kind);
  if (!GATEWAY_API_COMPARED_KINDS.includes(groupKind)) return false;
  return !(groupKind === GATEWAY_API_KINDS.Gateway && gatewayClassOf(object) === EAST_WEST_CLASS);
}

function gatewayClassOf(object: KubeObject): string | undefined {
  return asString(asRecord(object.spec)?.gatewayClassName);
}
