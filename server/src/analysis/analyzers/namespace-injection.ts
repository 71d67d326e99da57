/**
 * IST0102: a namespace with neither `istio-injection` nor `istio.io/rev`: its pods get no sidecar.
 * System namespaces and ambient namespaces (`istio.io/dataplane-mode: ambient`) are exempt, and
 * `istio-injection: disabled` counts as a deliberate choice. A namespace the injector injects by default
 * (by its webhooks, or by its ConfigMap's `enableNamespacesByDefault`) is IST0148's
 * (namespace-default-injection), not this one's, as in istioctl.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { describe, labelsOf } from '../model/resource';
import { defaultInjectionConfigMap } from '../model/injector-namespace-default';
import {
  INJECTION_EXEMPT_NAMESPACES,
  defaultInjector,
  hasInjectionLabel,
  injectorConfigurationsFor,
} from '../model/sidecar-injection';

export const namespaceInjection: ResourceAnalyzer = {
  type: 'resource',
  name: 'namespace-injection',
  codes: ['IST0102'],
  kinds: [KINDS.Namespace],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (INJECTION_EXEMPT_NAMESPACES.has(resource.name)) return;
    const labels = labelsOf(resource);
    if (hasInjectionLabel(labels)) return;
    if (labels['istio.io/dataplane-mode'] === 'ambient') return;
    const injectors = injectorConfigurationsFor(
      resource,
      ctx.mesh.ofKind(KINDS.MutatingWebhookConfiguration),
    );
    if (defaultInjector(resource.name, labels, injectors)) return;
    if (defaultInjectionConfigMap(resource, ctx.mesh.ofKind(KINDS.ConfigMap))) return;
    ctx.report({
      code: 'IST0102',
      resource,
      path: ['metadata', 'name'],
      message: `${describe(resource)} has neither the istio-injection nor the istio.io/rev label, so its pods get no sidecar; label it (kubectl label namespace ${resource.name} istio-injection=enabled, or istio.io/rev=<revision>), or set istio-injection=disabled to opt out explicitly.`,
      data: { namespace: resource.name },
    });
  },
};
