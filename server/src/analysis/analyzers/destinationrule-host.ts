/**
 * IST0174: a DestinationRule's host matches no Service or ServiceEntry visible from the rule's namespace
 * (exportTo honoured), so it applies to nothing. A wildcard host must match at least one.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { destinationRuleHost } from '../model/mesh-index';
import { describe } from '../model/resource';
import { describeProvider } from '../model/service-ports';

export const destinationRuleHostExists: ResourceAnalyzer = {
  type: 'resource',
  name: 'destinationrule-host',
  codes: ['IST0174'],
  kinds: [KINDS.DestinationRule],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const host = destinationRuleHost(resource);
    if (!host || host === '*') return;
    if (ctx.mesh.servicesForHost(host, resource.namespace).length > 0) return;
    const hidden = ctx.mesh.servicesForHost(host, resource.namespace, { includeHidden: true });
    const reason =
      hidden.length > 0
        ? `${hidden.map(describeProvider).join(', ')} has that host but is not exported to namespace ${resource.namespace}; export it there or move the rule`
        : 'fix spec.host, or create the Service (or a ServiceEntry for an external host)';
    ctx.report({
      code: 'IST0174',
      resource,
      path: ['spec', 'host'],
      message: `${describe(resource)} is for host ${host}, but no Service or ServiceEntry visible from namespace ${resource.namespace} has that host, so the rule applies to nothing; ${reason}.`,
      related: hidden.map((entry) => ({
        resource: entry.resource,
        path: entry.path,
        message: describeProvider(entry),
      })),
      data: { host },
    });
  },
};
