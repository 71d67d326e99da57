/**
 * MESH403: an HTTPRoute attached to a Service (mesh routing, the GAMMA pattern) and a mesh VirtualService
 * both route that Service's host, in a cluster the route is in. Both program the same sidecars and
 * waypoints, and which one applies is an implementation detail users do not expect (like IST0109 between
 * two VirtualServices). Route the host with one API.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { GATEWAY_API_KINDS } from '../model/gateway-api';
import { copiesIn, parentRefsOf, referenceClusters } from '../model/gateway-api-references';
import { hostCovers, normalizeHost, serviceHost } from '../model/hosts';
import { KINDS } from '../../../../protocol/kinds';
import { asStringArray } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';
import { isBoundToMesh } from '../model/virtual-service-routes';

export const httpRouteVirtualServiceHost: ResourceAnalyzer = {
  type: 'resource',
  name: 'httproute-virtualservice-host',
  codes: ['MESH403'],
  kinds: [GATEWAY_API_KINDS.HTTPRoute],
  analyze(route, ctx) {
    const clusters = referenceClusters(route, ctx.mesh);
    const meshVirtualServices = ctx.mesh.ofKind(KINDS.VirtualService).filter(isBoundToMesh);
    for (const parent of parentRefsOf(route)) {
      if (parent.group !== '' || parent.kind !== 'Service') continue;
      const host = serviceHost(parent.name, parent.namespace);
      const rivals = meshVirtualServices.filter(
        (vs) =>
          asStringArray(specOf(vs).hosts).some((h) => hostCovers(normalizeHost(h, vs.namespace), host)) &&
          clusters.some(
            (cluster) => copiesIn(ctx.mesh.copies(vs.groupKind, vs.namespace, vs.name), cluster).length > 0,
          ),
      );
      if (rivals.length === 0) continue;
      ctx.report({
        code: 'MESH403',
        resource: route,
        path: [...parent.path, 'name'],
        message: `${describe(route)} routes mesh traffic for ${host}, which ${rivals.map(describe).join(', ')} also routes: both program the same proxies and which one applies is not what users expect. Route this host with either the HTTPRoute or the VirtualService.`,
        related: rivals.map((vs) => ({
          resource: vs,
          path: ['spec', 'hosts'],
          message: `${describe(vs)} routes ${host}`,
        })),
        data: { host },
      });
    }
  },
};
