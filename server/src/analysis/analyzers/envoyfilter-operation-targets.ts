/**
 * IST0152 / IST0153 / IST0154: an EnvoyFilter patch whose operation does nothing on what it applies to:
 * REPLACE outside HTTP_FILTER, NETWORK_FILTER, LISTENER_FILTER and VIRTUAL_HOST, ADD or REMOVE on ROUTE_CONFIGURATION or HTTP_ROUTE
 * (the EnvoyFilter API: "this operation will be ignored"). As istioctl's envoyfilter analyzer.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type EnvoyFilterPatch, envoyFilterPatches, misusedOperation } from '../model/envoy-filter-patches';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe } from '../model/resource';

export const envoyFilterOperationTargets: ResourceAnalyzer = {
  type: 'resource',
  name: 'envoyfilter-operation-targets',
  codes: ['IST0152', 'IST0153', 'IST0154'],
  kinds: [KINDS.EnvoyFilter],
  analyze(resource, ctx) {
    for (const patch of envoyFilterPatches(resource)) {
      const code = misusedOperation(patch);
      if (!code) continue;
      ctx.report({
        code,
        resource,
        path: [...patch.path, 'patch', 'operation'],
        message: `${label(resource, patch)} ${advice(code, patch)}`,
        data: { patch: patch.index, operation: patch.operation, applyTo: patch.applyTo },
      });
    }
  },
};

function label(resource: MeshResource, patch: EnvoyFilterPatch): string {
  const target = patch.applyTo || 'an unset applyTo';
  return `${describe(resource)} patch #${patch.index} uses ${patch.operation} on ${target},`;
}

function advice(code: 'IST0152' | 'IST0153' | 'IST0154', patch: EnvoyFilterPatch): string {
  switch (code) {
    case 'IST0152':
      return 'but REPLACE only works on HTTP_FILTER, NETWORK_FILTER, LISTENER_FILTER and VIRTUAL_HOST, so the patch is ignored. Use MERGE to change this object, or REMOVE it and ADD the new one.';
    case 'IST0153':
      return patch.applyTo === 'HTTP_ROUTE'
        ? 'which Istio ignores for HTTP_ROUTE. Add a route with INSERT_FIRST, INSERT_BEFORE or INSERT_AFTER instead.'
        : 'which Istio ignores for ROUTE_CONFIGURATION. Use MERGE to change the route configuration, or ADD a VIRTUAL_HOST.';
    case 'IST0154':
      return `which Istio ignores for ${patch.applyTo}. To drop routes, change the VirtualService that generates them; to change this object, use MERGE.`;
  }
}
