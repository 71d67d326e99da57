/**
 * IST0110: two or more Sidecars whose workloadSelectors select the same pod (or WorkloadEntry) of their
 * namespace. A proxy applies one Sidecar and which one is undefined. One group per namespace, over the
 * Sidecars that have a selector; each Sidecar gets one diagnostic naming the others and the shared pods.
 */
import { joinNames } from '../../text/join-names';
import { type GroupAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asRecord, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, qualifiedName, specOf } from '../model/resource';
import { type Labels, labelsMatch } from '../model/selectors';
import { type Workload } from '../model/workloads';

const SELECTOR_PATH = ['spec', 'workloadSelector', 'labels'];

export const sidecarSelectorConflicts: GroupAnalyzer = {
  type: 'group',
  name: 'sidecar-selector-conflicts',
  codes: ['IST0110'],
  kinds: [KINDS.Sidecar],
  requires: ['kubernetes'],
  groupKeys(resource) {
    return Object.keys(selectorOf(resource)).length > 0 ? [resource.namespace] : [];
  },
  analyzeGroup(namespace, members, ctx) {
    if (members.length < 2) return;
    const selectedBy = new Map<Workload, MeshResource[]>();
    for (const workload of ctx.mesh.workloads({}, namespace)) {
      const sidecars = members.filter((sidecar) => labelsMatch(selectorOf(sidecar), workload.labels));
      if (sidecars.length > 1) selectedBy.set(workload, sidecars);
    }
    for (const member of members) {
      const shared = [...selectedBy].filter(([, sidecars]) => sidecars.includes(member));
      if (shared.length === 0) continue;
      const others = [...new Set(shared.flatMap(([, sidecars]) => sidecars))].filter((s) => s !== member);
      const pods = shared.map(([workload]) => describeWorkload(workload));
      const shown = pods.slice(0, 3).join(', ') + (pods.length > 3 ? ` and ${pods.length - 3} more` : '');
      const names = [member, ...others].map(describe);
      ctx.report({
        code: 'IST0110',
        resource: member,
        path: SELECTOR_PATH,
        target: 'key',
        message: `${joinNames(names)} ${names.length === 2 ? 'both' : 'all'} select ${shown}; a proxy applies only one Sidecar and which one is undefined. Make their workloadSelectors disjoint, or merge them into one Sidecar.`,
        related: others.map((other) => ({
          resource: other,
          path: SELECTOR_PATH,
          message: `workloadSelector of Sidecar ${qualifiedName(other)}`,
        })),
        data: { sidecars: others.map((other) => other.name), workloads: pods },
      });
    }
  },
};

function selectorOf(sidecar: MeshResource): Labels {
  return asStringMap(asRecord(specOf(sidecar).workloadSelector)?.labels);
}

/** "pod bookinfo/reviews-v1-545db77b95-l7zkf in cluster east". */
function describeWorkload(workload: Workload): string {
  const kind = workload.resource.groupKind === KINDS.Pod ? 'pod' : workload.resource.kind;
  const where = workload.cluster ? ` in cluster ${workload.cluster}` : '';
  return `${kind} ${qualifiedName(workload.resource)}${where}`;
}
