/**
 * IST0159: two Telemetries with workload selectors select the same pod. Istio applies one workload-level
 * Telemetry per workload, so which settings the pod gets is undefined.
 *
 * As istioctl (telemetry/selector.go): `selector.matchLabels` against the pods of the Telemetry's own
 * namespace. Needs the pods ("K"). A group analyzer: one group per namespace, re-run when a Telemetry of
 * the namespace changes or (through the workloads query) when its pods do.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe, qualifiedName } from '../model/resource';
import { telemetrySelector } from '../model/telemetry-scope';

export const telemetrySelectorConflicts: GroupAnalyzer = {
  type: 'group',
  name: 'telemetry-selector-conflicts',
  codes: ['IST0159'],
  kinds: [KINDS.Telemetry],
  requires: ['kubernetes'],
  groupKeys(resource) {
    return Object.keys(telemetrySelector(resource)).length > 0 ? [resource.namespace] : [];
  },
  analyzeGroup(namespace, members, ctx) {
    if (members.length < 2) return;
    /** Pod → the Telemetries selecting it, in member order. */
    const selecting = new Map<MeshResource, MeshResource[]>();
    for (const member of members) {
      for (const workload of ctx.mesh.workloads(telemetrySelector(member), namespace)) {
        if (workload.resource.groupKind !== KINDS.Pod) continue;
        const list = selecting.get(workload.resource);
        if (list) list.push(member);
        else selecting.set(workload.resource, [member]);
      }
    }
    for (const member of members) {
      const shared = [...selecting].filter(
        ([, telemetries]) => telemetries.length > 1 && telemetries.includes(member),
      );
      if (shared.length === 0) continue;
      const others = [...new Set(shared.flatMap(([, telemetries]) => telemetries))].filter(
        (t) => t !== member,
      );
      const pods = shared.map(([pod]) => pod.name);
      const listed = pods.slice(0, 3).join(', ') + (pods.length > 3 ? ` and ${pods.length - 3} more` : '');
      ctx.report({
        code: 'IST0159',
        resource: member,
        path: ['spec', 'selector'],
        target: 'key',
        message: `${describe(member)} and ${others.map(describe).join(', ')} select the same pod${pods.length === 1 ? '' : 's'} in namespace ${namespace} (${listed}); Istio applies only one workload Telemetry per pod, so which one wins is undefined. Merge them, or make their selectors disjoint.`,
        related: others.map((other) => ({
          resource: other,
          path: ['spec', 'selector'],
          message: `${describe(other)} selects the same pods`,
        })),
        data: { namespace, pods, telemetries: [member, ...others].map((t) => qualifiedName(t)) },
      });
    }
  },
};
