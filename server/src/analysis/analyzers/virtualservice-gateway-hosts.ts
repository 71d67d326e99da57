/**
 * IST0132: a VirtualService binds to a Gateway (`spec.gateways`) but none of its hosts is among the hosts
 * that Gateway's servers offer to the VirtualService's namespace, so the gateway ignores it.
 *
 * As istioctl (virtualservice/gateways.go): server hosts are filtered by their `namespace/` part (`.` is
 * the Gateway's namespace, `*` or none is any), then one VirtualService host overlapping one server host
 * (wildcards either way) is enough. A Gateway that does not exist serves no host either: IST0132 as well as
 * IST0101, as istioctl reports both. `mesh` is not a Gateway, and an internal gateway generated from a
 * Gateway API Gateway is IST0165's alone.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { gatewayApiSourceOf } from '../model/gateway-api';
import { type GatewayHost, gatewayHostVisibleTo, gatewayServers } from '../model/gateway-servers';
import { hostsOverlap, normalizeHost } from '../model/hosts';
import { KINDS } from '../../../../protocol/kinds';
import { asStringArray } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';
import { MESH_GATEWAY } from '../model/virtual-service-routes';

export const virtualServiceGatewayHosts: ResourceAnalyzer = {
  type: 'resource',
  name: 'virtualservice-gateway-hosts',
  codes: ['IST0132'],
  kinds: [KINDS.VirtualService],
  analyze(resource, ctx) {
    const hosts = asStringArray(specOf(resource).hosts);
    if (hosts.length === 0) return;
    asStringArray(specOf(resource).gateways).forEach((reference, i) => {
      if (reference === MESH_GATEWAY) return;
      const target = ctx.mesh.gateway(reference, resource.namespace);
      const gateway = target.found[0];
      if (!gateway) {
        if (gatewayApiSourceOf(target.name) !== undefined) return;
        ctx.report({
          code: 'IST0132',
          resource,
          path: ['spec', 'gateways', i],
          message: `${describe(resource)} binds to Gateway ${target.namespace}/${target.name} for host${hosts.length === 1 ? '' : 's'} ${hosts.join(', ')}, but that Gateway does not exist, so no gateway serves this VirtualService. Create the Gateway with servers for these hosts, or fix the reference.`,
          data: { gateway: { namespace: target.namespace, name: target.name }, hosts },
        });
        return;
      }
      const serverHosts = gatewayServers(gateway).flatMap((server) => server.hosts);
      const offered = serverHosts.filter((host) => gatewayHostVisibleTo(host, resource.namespace));
      if (hosts.some((host) => offered.some((offer) => bindsHost(offer, host, resource.namespace)))) return;
      const hidden = serverHosts.filter(
        (host) =>
          !gatewayHostVisibleTo(host, resource.namespace) &&
          hosts.some((vsHost) => bindsHost({ ...host, namespace: '*' }, vsHost, resource.namespace)),
      );
      const why =
        hidden.length > 0
          ? `${describe(gateway)} offers ${hidden.map((host) => host.raw).join(', ')} only to the namespace${hidden.length === 1 ? '' : 's'} named there, not to ${resource.namespace}`
          : `${describe(gateway)} serves only ${offered.length > 0 ? offered.map((host) => host.dnsName).join(', ') : 'no host this namespace may bind'}`;
      ctx.report({
        code: 'IST0132',
        resource,
        path: ['spec', 'gateways', i],
        message: `${describe(resource)} binds to Gateway ${target.namespace}/${target.name} for host${hosts.length === 1 ? '' : 's'} ${hosts.join(', ')}, but ${why}, so the gateway ignores this VirtualService. Add the host to a server of the Gateway (as "${resource.namespace}/<host>" or "*/<host>"), or fix the VirtualService's hosts.`,
        related: (hidden.length > 0 ? hidden : offered).map((host) => ({
          resource: gateway,
          path: host.path,
          message: `server host ${host.raw} of ${describe(gateway)}`,
        })),
        data: { gateway: { namespace: target.namespace, name: target.name }, hosts },
      });
    });
  },
};

/**
 * The server host takes the VirtualService host: pilot compares the VirtualService's resolved host with the
 * server's DNS name, istioctl the host as written; either is enough not to report a false alarm.
 */
function bindsHost(offer: GatewayHost, host: string, namespace: string): boolean {
  const written = host.trim().toLowerCase();
  return hostsOverlap(offer.dnsName, written) || hostsOverlap(offer.dnsName, normalizeHost(host, namespace));
}
