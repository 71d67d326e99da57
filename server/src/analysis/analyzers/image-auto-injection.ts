/**
 * IST0146 / IST0147: an `istio-proxy` container with `image: auto`, the placeholder Istio's gateway
 * charts use so the injector fills in the proxy image. The injector replaces it, so a Pod that still has
 * it was never injected and cannot start (IST0147, an error, as istioctl reports every such Pod). A
 * Deployment's pods are created later: it is a problem only when no Istio injection webhook (one named
 * `*.istio.io`) of its cluster selects its namespace and pod labels (IST0146).
 */
import { type AnalysisContext, type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { webhooksOf } from '../model/injection-webhooks';
import { injectorConfigurationsFor } from '../model/sidecar-injection';
import { PROXY_CONTAINER } from '../model/injector-proxy-image';
import { asString } from '../../mesh/object-fields';
import { type PodTemplate, containersOf, podTemplateOf } from '../model/pod-templates';
import { type MeshResource, describe, labelsOf } from '../model/resource';
import { labelSelectorMatches } from '../model/selectors';

const AUTO_IMAGE = 'auto';

export const imageAutoInjection: ResourceAnalyzer = {
  type: 'resource',
  name: 'image-auto-injection',
  codes: ['IST0146', 'IST0147'],
  kinds: [KINDS.Pod, KINDS.Deployment],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const pod = podTemplateOf(resource)!;
    const proxy = containersOf(pod).find(
      ({ name, container }) => name === PROXY_CONTAINER && asString(container.image) === AUTO_IMAGE,
    );
    if (!proxy) return;
    const path = [...proxy.path, 'image'];
    if (resource.groupKind === KINDS.Pod) {
      ctx.report({
        code: 'IST0147',
        resource,
        path,
        message: `${describe(resource)} has an ${PROXY_CONTAINER} container with \`image: auto\`, so it was never injected: the injector replaces that placeholder with the proxy image, and the pod cannot pull an image named "auto". Label its namespace or pod for injection (istio-injection=enabled or istio.io/rev) and recreate it.`,
      });
      return;
    }
    if (injected(resource, pod, ctx)) return;
    ctx.report({
      code: 'IST0146',
      resource,
      path,
      message: `${describe(resource)} has an ${PROXY_CONTAINER} container with \`image: auto\`, but no Istio injection webhook selects its namespace and pod labels, so its pods will not be injected and cannot pull an image named "auto". Label the namespace or the pod template for injection (istio-injection=enabled or istio.io/rev=<revision>).`,
    });
  },
};

/** Whether an Istio injection webhook of the Deployment's cluster selects its pods. */
function injected(deployment: MeshResource, pod: PodTemplate, ctx: AnalysisContext): boolean {
  const namespace = ctx.mesh
    .find(KINDS.Namespace, '', deployment.namespace)
    .find((copy) => deployment.cluster === null || copy.cluster === deployment.cluster);
  const namespaceLabels = namespace ? labelsOf(namespace) : {};
  return injectorConfigurationsFor(deployment, ctx.mesh.ofKind(KINDS.MutatingWebhookConfiguration))
    .flatMap(webhooksOf)
    .some(
      (webhook) =>
        webhook.name.endsWith('istio.io') &&
        labelSelectorMatches(webhook.namespaceSelector, namespaceLabels) &&
        labelSelectorMatches(webhook.objectSelector, pod.labels),
    );
}
