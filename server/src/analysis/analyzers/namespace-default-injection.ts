/**
 * IST0148: a namespace without injection labels that the injector injects anyway, because Istio was
 * installed with `sidecarInjectorWebhook.enableNamespacesByDefault=true`: a webhook of Istio's injector
 * selects unlabelled namespaces and unlabelled pods, or the injector ConfigMap's values say so (where
 * istioctl looks). Judged against the namespace's own cluster (every cluster's, for an authored
 * namespace). Ambient namespaces are not judged. Labelling the namespace makes the choice explicit and
 * independent of how Istio was installed.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { describe, labelsOf, qualifiedName } from '../model/resource';
import { defaultInjectionConfigMap } from '../model/injector-namespace-default';
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
    if (labels['istio.io/dataplane-mode'] === 'ambient') return;
    const advice = `Make the choice explicit: kubectl label namespace ${resource.name} ${INJECTION_LABEL}=enabled (or =disabled).`;
    const configurations = injectorConfigurationsFor(
      resource,
      ctx.mesh.ofKind(KINDS.MutatingWebhookConfiguration),
    );
    const injector = defaultInjector(resource.name, labels, configurations);
    if (injector) {
      ctx.report({
        code: 'IST0148',
        resource,
        path: ['metadata', 'name'],
        message: `${describe(resource)} has no injection label, yet its pods get a sidecar: ${describeInjector(injector)} injects unlabelled namespaces by default. ${advice}`,
        related: [
          {
            resource: injector.configuration,
            path: [...injector.path, 'namespaceSelector'],
            message: `webhook ${injector.webhook} selects namespaces without injection labels`,
          },
        ],
        data: { webhook: injector.webhook },
      });
      return;
    }
    const configMap = defaultInjectionConfigMap(resource, ctx.mesh.ofKind(KINDS.ConfigMap));
    if (!configMap) return;
    const where = configMap.cluster ? ` in cluster ${configMap.cluster}` : '';
    ctx.report({
      code: 'IST0148',
      resource,
      path: ['metadata', 'name'],
      message: `${describe(resource)} has no injection label, yet its pods get a sidecar: the injector (ConfigMap ${qualifiedName(configMap)}${where}) was installed with sidecarInjectorWebhook.enableNamespacesByDefault=true. ${advice}`,
      related: [
        {
          resource: configMap,
          path: ['data', 'values'],
          message: 'sidecarInjectorWebhook.enableNamespacesByDefault is true',
        },
      ],
      data: { configMap: qualifiedName(configMap) },
    });
  },
};
