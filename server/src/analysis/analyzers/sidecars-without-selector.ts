/**
 * IST0111: more than one Sidecar without a workloadSelector in one namespace. Each claims every workload
 * of the namespace and Istio applies one of them, which one is undefined. Counted per namespace: in the
 * mesh config's root namespace a selector-less Sidecar is the mesh-wide default, and a namespace's own
 * selector-less Sidecar overrides it there, so those two never conflict.
 */
import { joinNames } from '../../text/join-names';
import { type GroupAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asRecord, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, qualifiedName, specOf } from '../model/resource';

export const sidecarsWithoutSelector: GroupAnalyzer = {
  type: 'group',
  name: 'sidecars-without-selector',
  codes: ['IST0111'],
  kinds: [KINDS.Sidecar],
  groupKeys(resource) {
    return hasSelector(resource) ? [] : [resource.namespace];
  },
  analyzeGroup(namespace, members, ctx) {
    if (members.length < 2) return;
    const isRoot = namespace === ctx.mesh.meshConfig.rootNamespace;
    const scope = isRoot
      ? `the root namespace ${namespace}, where a selector-less Sidecar is the mesh-wide default for every namespace without its own`
      : `namespace ${namespace}, where each applies to every workload`;
    for (const member of members) {
      const others = members.filter((other) => other !== member);
      const names = [member, ...others].map(describe);
      ctx.report({
        code: 'IST0111',
        resource: member,
        path: ['metadata', 'name'],
        message: `${joinNames(names)} have no workloadSelector in ${scope}; Istio applies only one of them and which one is undefined. Keep one selector-less Sidecar there: merge them, or give the others a workloadSelector.`,
        related: others.map((other) => ({
          resource: other,
          message: `Sidecar ${qualifiedName(other)} has no workloadSelector either`,
        })),
        data: { namespace, sidecars: members.map((m) => m.name) },
      });
    }
  },
};

function hasSelector(sidecar: MeshResource): boolean {
  return Object.keys(asStringMap(asRecord(specOf(sidecar).workloadSelector)?.labels)).length > 0;
}
