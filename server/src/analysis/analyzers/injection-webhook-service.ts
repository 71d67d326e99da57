/**
 * IST0139 (service): one of Istio's injection webhooks calls a control-plane Service that does not exist
 * in the webhook's cluster, so pod creation in the namespaces it selects fails or goes uninjected
 * (typically a revision's istiod was removed while its webhook stayed). Webhooks with a `url` (an
 * external control plane) are IST0163/IST0164's business.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { isIstioInjectionConfiguration, webhooksOf } from '../model/injection-webhooks';
import { KINDS } from '../../../../protocol/kinds';
import { asRecord, asString } from '../../mesh/object-fields';
import { describe } from '../model/resource';

export const injectionWebhookService: ResourceAnalyzer = {
  type: 'resource',
  name: 'injection-webhook-service',
  codes: ['IST0139'],
  kinds: [KINDS.MutatingWebhookConfiguration],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (!isIstioInjectionConfiguration(resource)) return;
    for (const webhook of webhooksOf(resource)) {
      const service = asRecord(webhook.clientConfig?.service);
      const name = asString(service?.name);
      if (!service || !name) continue;
      const namespace = asString(service.namespace) ?? 'default';
      // A cluster's webhook calls a Service of that cluster; an authored one, wherever it is applied.
      const found = ctx.mesh
        .find(KINDS.Service, namespace, name)
        .filter((copy) => resource.cluster === null || copy.cluster === resource.cluster);
      if (found.length > 0) continue;
      const where = resource.cluster ? ' in that cluster' : '';
      ctx.report({
        code: 'IST0139',
        resource,
        path: [...webhook.path, 'clientConfig', 'service', 'name'],
        message: `${describe(resource)}: injection webhook ${webhook.name} calls Service ${namespace}/${name}, which does not exist${where}, so pods it selects cannot be injected. Install the control plane (revision) that serves it, point the webhook at an existing istiod Service, or delete the stale webhook configuration.`,
        data: { webhook: webhook.name, service: { namespace, name } },
      });
    }
  },
};
