/**
 * IST0148: a namespace without injection labels that the injector injects anyway, because a webhook of
 * Istio's injector selects unlabelled namespaces and unlabelled pods (Istio installed with
 * `sidecarInjectorWebhook.enableNamespacesByDefault=true`). Judged against the webhooks of the
 * namespace's own cluster (every cluster's, for an authored namespace). Labelling the namespace makes
 * the choice explicit and independent of how Istio was installed.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { describe, labelsOf } from '../model/resource';
import {
  INJECTION_EXEMPT_NAMESPACES,
  INJECTION_LABEL,
  defaultInjector,
  describeInjector,
  hasInjectionLabel,
  injectorConfigurationsFor,
} from '../model/sidecar-injection';

export const namespaceDefaultInjection: ResourceAnalyzer = {
  type: 'resource',
  name: 'namespace-default-injection',
  codes: ['IST0148'],
  kinds: [KINDS.Namespace],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (INJECTION_EXEMPT_NAMESPACES.has(resource.name)) return;
    const labels = labelsOf(resource);
    if (hasInjectionLabel(labels)) return;
    const configurations = injectorConfigurationsFor(
      resource,
      ctx.mesh.ofKind(KINDS.MutatingWebhookConfiguration),
    );
    const injector = defaultInjector(resource.name, labels, configurations);
    if (!injector) return;
    ctx.report({
      code: 'IST0148',
      resource,
      path: ['metadata', 'name'],
      message: `${describe(resource)} has no injection label, yet its pods get a sidecar: ${describeInjector(injector)} injects unlabelled namespaces by default. Make the choice explicit: kubectl label namespace ${resource.name} ${INJECTION_LABEL}=enabled (or =disabled).`,
      related: [
        {
          resource: injector.configuration,
          path: [...injector.path, 'namespaceSelector'],
          message: `webhook ${injector.webhook} selects namespaces without injection labels`,
        },
      ],
      data: { webhook: injector.webhook },
    });
  },
};
