/**
 * IST0160: more than one Telemetry without a workload selector in one namespace. Each claims to be the
 * namespace's default (in the root namespace: the mesh's default), and Istio uses only one of them, the
 * oldest, so the others' settings silently do nothing.
 *
 * As istioctl (telemetry/default_selector.go), except that empty `matchLabels` also counts as no
 * selector, as pilot treats it. A group analyzer: one group per namespace.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { describe, qualifiedName } from '../model/resource';
import { isNamespaceWideTelemetry } from '../model/telemetry-scope';

export const telemetryDefaultSelectors: GroupAnalyzer = {
  type: 'group',
  name: 'telemetry-default-selectors',
  codes: ['IST0160'],
  kinds: [KINDS.Telemetry],
  groupKeys(resource) {
    return isNamespaceWideTelemetry(resource) ? [resource.namespace] : [];
  },
  analyzeGroup(namespace, members, ctx) {
    if (members.length < 2) return;
    const root = ctx.mesh.meshConfig.rootNamespace === namespace;
    const scope = root
      ? `the mesh-wide defaults (root namespace ${namespace})`
      : `the defaults of namespace ${namespace}`;
    for (const member of members) {
      const others = members.filter((other) => other !== member);
      ctx.report({
        code: 'IST0160',
        resource: member,
        message: `${describe(member)} and ${others.map(describe).join(', ')} have no workload selector, so each claims to be ${scope}; Istio applies only one of them. Merge them into one Telemetry, or give all but one a selector.`,
        related: others.map((other) => ({
          resource: other,
          message: `${describe(other)} has no selector either`,
        })),
        data: { namespace, telemetries: members.map((m) => qualifiedName(m)) },
      });
    }
  },
};
