/**
 * IST0101: a Gateway's `selector` matches no pod in any namespace, so no gateway proxy serves it.
 * Offline, the default ingress gateway (`istio: ingressgateway` in istio-system) counts unless the
 * files define their own.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asStringMap } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';
import { formatLabels } from '../model/selectors';

export const gatewaySelectorWorkloads: ResourceAnalyzer = {
  type: 'resource',
  name: 'gateway-selector-workloads',
  codes: ['IST0101'],
  kinds: [KINDS.Gateway],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const selector = asStringMap(specOf(resource).selector);
    if (Object.keys(selector).length === 0) return;
    if (ctx.mesh.workloads(selector, null).length > 0) return;
    ctx.report({
      code: 'IST0101',
      resource,
      path: ['spec', 'selector'],
      target: 'key',
      message: `${describe(resource)} selects pods labelled ${formatLabels(selector)}, but no pod in any namespace has those labels, so no gateway serves it; fix the selector to match your gateway deployment (the default ingress gateway is labelled istio=ingressgateway).`,
      data: { selector },
    });
  },
};
