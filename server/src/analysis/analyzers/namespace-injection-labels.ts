/**
 * IST0123: a namespace labelled both `istio-injection` and `istio.io/rev`. The revisioned injector
 * webhooks require `istio-injection` to be absent, so `istio.io/rev` is ignored: the namespace gets the
 * default revision (`istio-injection=enabled`) or no injection at all (`disabled`).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { describe, labelsOf } from '../model/resource';
import { INJECTION_LABEL, REVISION_LABEL } from '../model/sidecar-injection';

export const namespaceInjectionLabels: ResourceAnalyzer = {
  type: 'resource',
  name: 'namespace-injection-labels',
  codes: ['IST0123'],
  kinds: [KINDS.Namespace],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const labels = labelsOf(resource);
    const injection = labels[INJECTION_LABEL];
    const revision = labels[REVISION_LABEL];
    if (injection === undefined || revision === undefined) return;
    const outcome =
      injection === 'enabled'
        ? 'its pods are injected by the default revision'
        : `its pods are not injected (${INJECTION_LABEL}=${injection})`;
    ctx.report({
      code: 'IST0123',
      resource,
      path: ['metadata', 'labels', REVISION_LABEL],
      target: 'key',
      message: `${describe(resource)} has both ${INJECTION_LABEL}=${injection} and ${REVISION_LABEL}=${revision}; the injector ignores ${REVISION_LABEL} while ${INJECTION_LABEL} is set, so ${outcome}, not by revision ${revision}. Keep one label: kubectl label namespace ${resource.name} ${INJECTION_LABEL}- (to use revision ${revision}), or kubectl label namespace ${resource.name} ${REVISION_LABEL}-.`,
      data: { injection, revision },
    });
  },
};
