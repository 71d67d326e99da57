/**
 * IST0101: a route or mirror destination whose host no Service or ServiceEntry provides (visible from the
 * VirtualService's namespace), or whose `port.number` the host does not expose. Needs the cluster's
 * Services ("K").
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { isWildcardHost } from '../model/hosts';
import { KINDS } from '../../../../protocol/kinds';
import { describe } from '../model/resource';
import { describeProvider, describeProviders } from '../model/service-ports';
import { destinationsOf } from '../model/virtual-service-routes';

export const virtualServiceDestinationHosts: ResourceAnalyzer = {
  type: 'resource',
  name: 'virtualservice-destination-hosts',
  codes: ['IST0101'],
  kinds: [KINDS.VirtualService],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    for (const destination of destinationsOf(resource)) {
      const host = ctx.mesh.normalizeHost(destination.host, resource.namespace);
      if (isWildcardHost(host)) continue;
      const what = destination.role === 'mirror' ? 'mirrors traffic to' : 'routes to';
      const providers = ctx.mesh.servicesForHost(destination.host, resource.namespace);
      if (providers.length === 0) {
        const hidden = ctx.mesh.servicesForHost(destination.host, resource.namespace, {
          includeHidden: true,
        });
        const message =
          hidden.length > 0
            ? `${describe(resource)} ${what} host ${host}, but ${describeProviders(hidden)} does not export it to namespace ${resource.namespace}; add "${resource.namespace}" (or ".") to its exportTo, or route elsewhere.`
            : `${describe(resource)} ${what} host ${host}, which no Service or ServiceEntry provides; create the Service (or a ServiceEntry for an external host) or fix the host.`;
        ctx.report({
          code: 'IST0101',
          resource,
          path: [...destination.path, 'host'],
          message,
          related: hidden.map((entry) => ({
            resource: entry.resource,
            path: entry.path,
            message: describeProvider(entry),
          })),
          data: { host },
        });
        continue;
      }
      if (destination.port === undefined) continue;
      const ports = [...new Set(providers.flatMap((entry) => entry.ports.map((port) => port.number)))].sort(
        (a, b) => a - b,
      );
      if (ports.includes(destination.port)) continue;
      ctx.report({
        code: 'IST0101',
        resource,
        path: [...destination.path, 'port', 'number'],
        message: `${describe(resource)} ${what} port ${destination.port} of ${host}, but ${describeProviders(providers)} exposes only port${ports.length === 1 ? '' : 's'} ${ports.join(', ')}; use one of those or add the port.`,
        related: providers.map((entry) => ({
          resource: entry.resource,
          path: ['spec', 'ports'],
          message: describeProvider(entry),
        })),
        data: { host, port: destination.port, ports },
      });
    }
  },
};
