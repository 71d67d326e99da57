/**
 * MESH110 (east-west gateways): an east-west gateway Service (`istio: eastwestgateway`) whose
 * `topology.istio.io/network` label differs from the network of its cluster's workloads: its namespace's
 * label, else the control plane namespace's (the cluster's network). istiod takes the Service label as
 * "this is network N's gateway", so other networks send traffic for this cluster's endpoints to a gateway
 * registered for another network, or to none, and cross-network calls fail.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { NETWORK_LABEL } from '../model/mesh-identities';
import { ISTIO_SYSTEM } from '../model/mesh-config';
import { type MeshResource, describe, labelsOf } from '../model/resource';

export const eastWestGatewayNetwork: ResourceAnalyzer = {
  type: 'resource',
  name: 'east-west-gateway-network',
  codes: ['MESH110'],
  kinds: [KINDS.Service],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const labels = labelsOf(resource);
    const network = labels[NETWORK_LABEL];
    if (labels.istio !== 'eastwestgateway' || network === undefined) return;
    const own = namespaceIn(ctx.mesh.find(KINDS.Namespace, '', resource.namespace), resource.cluster);
    const controlPlane = namespaceIn(ctx.mesh.find(KINDS.Namespace, '', ISTIO_SYSTEM), resource.cluster);
    const decidedBy = own && labelsOf(own)[NETWORK_LABEL] !== undefined ? own : (controlPlane ?? own);
    if (!decidedBy) return;
    const expected = labelsOf(decidedBy)[NETWORK_LABEL];
    if (expected === network) return;
    const where = resource.cluster ? ` of cluster ${resource.cluster}` : '';
    const problem =
      expected === undefined
        ? `namespace ${decidedBy.name}${where} has no ${NETWORK_LABEL} label, so the cluster's workloads are on the unnamed default network`
        : `namespace ${decidedBy.name}${where} puts the cluster's workloads on network ${expected}`;
    const fix =
      expected === undefined
        ? `label namespace ${decidedBy.name} ${NETWORK_LABEL}=${network}`
        : `label the gateway Service (and its pods) ${NETWORK_LABEL}=${expected}, or fix the namespace's label if the cluster is on ${network}`;
    ctx.report({
      code: 'MESH110',
      resource,
      path: ['metadata', 'labels', NETWORK_LABEL],
      message: `${describe(resource)} is labelled as the east-west gateway of network ${network}, but ${problem}: istiod registers this gateway for the wrong network, so calls from other networks to this cluster's endpoints fail. Make them agree: ${fix}.`,
      related: [
        {
          resource: decidedBy,
          path: expected === undefined ? ['metadata', 'name'] : ['metadata', 'labels', NETWORK_LABEL],
          message: `namespace ${decidedBy.name}${where}: network ${expected ?? '(none)'}`,
        },
      ],
      data: { network, expected: expected ?? null },
    });
  },
};

/** The copy of a namespace in `cluster` (for an authored Service: an authored namespace). */
function namespaceIn(copies: readonly MeshResource[], cluster: string | null): MeshResource | undefined {
  return copies.find((copy) => copy.cluster === cluster);
}
