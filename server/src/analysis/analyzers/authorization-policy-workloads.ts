/**
 * IST0127: an AuthorizationPolicy whose `selector.matchLabels` matches no workload in the mesh: no pod
 * of its namespace (of any namespace, for a policy in the root namespace) has those labels, or the pods
 * that do run without a proxy (not injected, not ambient), so nothing enforces it. Policies without a
 * selector, and those bound with `targetRef(s)`, are not judged here.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type MeshQueries } from '../framework/mesh-queries';
import { isAmbientPod } from '../model/ambient-mode';
import { KINDS } from '../../../../protocol/kinds';
import { podInMesh } from '../model/mesh-membership';
import { asRecord, asStringMap } from '../../mesh/object-fields';
import { podTemplateOf } from '../model/pod-templates';
import { describe, qualifiedName, specOf } from '../model/resource';
import { formatLabels } from '../model/selectors';
import { namespaceCopyFor } from '../model/sidecar-injection';
import { type Workload } from '../model/workloads';

export const authorizationPolicyWorkloads: ResourceAnalyzer = {
  type: 'resource',
  name: 'authorization-policy-workloads',
  codes: ['IST0127'],
  kinds: [KINDS.AuthorizationPolicy],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const spec = specOf(resource);
    if (spec.targetRef !== undefined || spec.targetRefs !== undefined) return;
    const selector = asStringMap(asRecord(spec.selector)?.matchLabels);
    if (Object.keys(selector).length === 0) return;
    const meshWide = resource.namespace === ctx.mesh.meshConfig.rootNamespace;
    const matching = ctx.mesh.workloads(selector, meshWide ? null : resource.namespace);
    if (matching.some((workload) => inMesh(workload, ctx.mesh))) return;
    const scope = meshWide
      ? `any namespace (it is in the root namespace ${resource.namespace}, so it applies mesh-wide)`
      : `namespace ${resource.namespace}`;
    const problem =
      matching.length === 0
        ? `no workload in ${scope} has those labels`
        : `the ${matching.length} pod${matching.length === 1 ? '' : 's'} with those labels (${matching
            .slice(0, 3)
            .map((w) => qualifiedName(w.resource))
            .join(', ')}) run${matching.length === 1 ? 's' : ''} without an Istio proxy`;
    ctx.report({
      code: 'IST0127',
      resource,
      path: ['spec', 'selector', 'matchLabels'],
      target: 'key',
      message: `${describe(resource)} selects workloads labelled ${formatLabels(selector)}, but ${problem}, so the policy is enforced nowhere; fix selector.matchLabels${matching.length === 0 ? '' : ', or inject those pods'}.`,
      data: { selector },
    });
  },
};

/** A WorkloadEntry stands for a proxy; a pod needs a sidecar, or ambient capture. */
function inMesh(workload: Workload, mesh: MeshQueries): boolean {
  if (workload.resource.groupKind !== KINDS.Pod) return true;
  const namespace = namespaceCopyFor(mesh.find(KINDS.Namespace, '', workload.namespace), workload.cluster);
  if (isAmbientPod(workload.resource, namespace)) return true;
  const injectors = mesh.ofKind(KINDS.MutatingWebhookConfiguration);
  return podInMesh(podTemplateOf(workload.resource)!, namespace, injectors);
}
