/**
 * IST0112: a route destination without `port` whose host has several ports: Istio cannot tell which port
 * the route is for. Silent when the host is unknown (IST0101's business) or has one port.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { describe } from '../model/resource';
import { describeProviders } from '../model/service-ports';
import { destinationsOf } from '../model/virtual-service-routes';

export const virtualServiceDestinationPort: ResourceAnalyzer = {
  type: 'resource',
  name: 'virtualservice-destination-port',
  codes: ['IST0112'],
  kinds: [KINDS.VirtualService],
  analyze(resource, ctx) {
    for (const destination of destinationsOf(resource)) {
      if (destination.port !== undefined) continue;
      const providers = ctx.mesh.servicesForHost(destination.host, resource.namespace);
      const withSeveral = providers.filter((entry) => new Set(entry.ports.map((p) => p.number)).size > 1);
      const first = withSeveral[0];
      if (!first) continue;
      const ports = first.ports.map((port) =>
        port.name ? `${port.number} (${port.name})` : String(port.number),
      );
      const host = ctx.mesh.normalizeHost(destination.host, resource.namespace);
      ctx.report({
        code: 'IST0112',
        resource,
        path: [...destination.path, 'port'],
        message: `${describe(resource)} ${destination.role === 'mirror' ? 'mirrors traffic' : 'routes'} to ${host} without a port, but ${describeProviders(withSeveral)} has ${first.ports.length} ports: ${ports.join(', ')}; set port.number on this destination.`,
        related: withSeveral.map((entry) => ({
          resource: entry.resource,
          path: ['spec', 'ports'],
          message: `ports of ${entry.resource.kind} ${entry.resource.name}`,
        })),
        data: { host, ports: first.ports.map((port) => port.number) },
      });
    }
  },
};
