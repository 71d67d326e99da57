/**
 * IST0101: a VirtualService binds to a Gateway that does not exist (`spec.gateways`, or a route's
 * `match[].gateways`). `mesh` is the sidecars, not a Gateway object.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { gatewayApiSourceOf } from '../model/gateway-api';
import { KINDS } from '../../../../protocol/kinds';
import { describe, qualifiedName } from '../model/resource';
import { MESH_GATEWAY, gatewayReferencesOf } from '../model/virtual-service-routes';

export const virtualServiceGateways: ResourceAnalyzer = {
  type: 'resource',
  name: 'virtualservice-gateways',
  codes: ['IST0101'],
  kinds: [KINDS.VirtualService],
  analyze(resource, ctx) {
    for (const { path, reference } of gatewayReferencesOf(resource)) {
      if (reference === MESH_GATEWAY) continue;
      const target = ctx.mesh.gateway(reference, resource.namespace);
      if (target.found.length > 0) continue;
      // The internal gateway generated from a Gateway API Gateway: IST0165 (virtualservice-internal-gateway).
      if (gatewayApiSourceOf(target.name) !== undefined) continue;
      const wanted = `${target.namespace}/${target.name}`;
      const elsewhere = ctx.mesh.ofKind(KINDS.Gateway).filter((gateway) => gateway.name === target.name);
      const hint =
        elsewhere.length > 0
          ? ` Gateway ${qualifiedName(elsewhere[0]!)} exists: write "${qualifiedName(elsewhere[0]!)}" (a bare name means the VirtualService's own namespace).`
          : ' Create the Gateway or fix the reference ("<namespace>/<name>"; a bare name means the VirtualService\'s own namespace).';
      ctx.report({
        code: 'IST0101',
        resource,
        path,
        message: `${describe(resource)} binds to Gateway ${wanted}, which does not exist.${hint}`,
        related: elsewhere.map((gateway) => ({
          resource: gateway,
          message: `Gateway ${qualifiedName(gateway)}`,
        })),
        data: { reference, gateway: { namespace: target.namespace, name: target.name } },
      });
    }
  },
};
