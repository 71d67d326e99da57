/**
 * IST0103: a pod in a namespace that is injected (labels, or the injector's default) has no
 * `istio-proxy` container: it was created before injection was turned on, or while the injector was
 * unavailable. Pods that opt out (`sidecar.istio.io/inject: "false"`), use the host network, or have
 * finished running are exempt, as in istioctl. Cluster state: the diagnostic names the pod's cluster.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { PROXY_CONTAINER } from '../model/injector-proxy-image';
import { hasProxyContainer, podTemplateOf } from '../model/pod-templates';
import { type MeshResource, describe, labelsOf, specOf } from '../model/resource';
import { namespaceCopyFor, namespaceInjection, podOptsOut } from '../model/sidecar-injection';

const FINISHED_PHASES = new Set(['Succeeded', 'Failed']);

export const podMissingProxy: ResourceAnalyzer = {
  type: 'resource',
  name: 'pod-missing-proxy',
  codes: ['IST0103'],
  kinds: [KINDS.Pod],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const pod = podTemplateOf(resource)!;
    if (hasProxyContainer(pod) || podOptsOut(pod) || specOf(resource).hostNetwork === true) return;
    const phase = asString(asRecord((resource.object as { status?: unknown }).status)?.phase);
    if (phase && FINISHED_PHASES.has(phase)) return;
    const namespace = namespaceCopyFor(
      ctx.mesh.find(KINDS.Namespace, '', resource.namespace),
      resource.cluster,
    );
    const injection = namespaceInjection(namespace, ctx.mesh.ofKind(KINDS.MutatingWebhookConfiguration));
    if (!injection.injected) return;
    ctx.report({
      code: 'IST0103',
      resource,
      path: ['spec', 'containers'],
      target: 'key',
      message: `${describe(resource)} has no ${PROXY_CONTAINER} container although namespace ${resource.namespace} is ${injection.reason}: it was created before injection was enabled or while the injector was unavailable, so it runs outside the mesh. Restart it to get the sidecar: ${restartCommand(resource)}.`,
      related: namespace
        ? [{ resource: namespace, message: `namespace ${resource.namespace}: ${injection.reason}` }]
        : [],
    });
  },
};

/** `kubectl rollout restart deployment/reviews-v1 -n bookinfo` when the pod's Deployment is known. */
function restartCommand(pod: MeshResource): string {
  const hash = labelsOf(pod)['pod-template-hash'];
  const owner = asArray(pod.object.metadata.ownerReferences)
    .map(asRecord)
    .find((reference) => reference?.kind === 'ReplicaSet');
  const replicaSet = asString(owner?.name);
  if (hash && replicaSet?.endsWith(`-${hash}`)) {
    const deployment = replicaSet.slice(0, -hash.length - 1);
    return `kubectl rollout restart deployment/${deployment} -n ${pod.namespace}`;
  }
  return `kubectl delete pod ${pod.name} -n ${pod.namespace} (its controller recreates it), or restart its workload`;
}
