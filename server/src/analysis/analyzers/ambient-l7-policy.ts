/**
 * MESH405: an AuthorizationPolicy with L7 rules (HTTP paths, methods, hosts; request principals;
 * `request.*` conditions) reaches ambient workloads where no waypoint serves them: through `selector`
 * on ambient pods (ztunnel enforces selector policies, at L4 only), or through `targetRefs` to a Service
 * that neither it nor its namespace binds to a waypoint (`istio.io/use-waypoint`). Nothing enforces the
 * L7 rules: an ALLOW rule with them matches nothing, a DENY rule never fires.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { isAmbientPod } from '../model/ambient-mode';
import { firstL7Field } from '../model/authorization-l7-rules';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, labelsOf, specOf } from '../model/resource';
import { namespaceCopyFor } from '../model/sidecar-injection';
import { USE_WAYPOINT_LABEL, useWaypointOf } from '../model/waypoints';

/** Pods named in the message. */
const LISTED_PODS = 3;

export const ambientL7Policy: ResourceAnalyzer = {
  type: 'resource',
  name: 'ambient-l7-policy',
  codes: ['MESH405'],
  kinds: [KINDS.AuthorizationPolicy],
  requires: ['kubernetes'],
  analyze(policy, ctx) {
    const spec = specOf(policy);
    if (asString(spec.action) === 'CUSTOM') return;
    const l7 = firstL7Field(policy);
    if (!l7) return;
    const selector = asStringMap(asRecord(spec.selector)?.matchLabels);
    if (Object.keys(selector).length > 0) {
      const meshWide = policy.namespace === ctx.mesh.meshConfig.rootNamespace;
      const ambientPods = ctx.mesh
        .workloads(selector, meshWide ? null : policy.namespace)
        .map((workload) => workload.resource)
        .filter(
          (pod) =>
            pod.groupKind === KINDS.Pod &&
            isAmbientPod(
              pod,
              namespaceCopyFor(ctx.mesh.find(KINDS.Namespace, '', pod.namespace), pod.cluster),
            ),
        );
      if (ambientPods.length === 0) return;
      const listed = ambientPods.slice(0, LISTED_PODS).map((pod) => describe(pod));
      const more = ambientPods.length > LISTED_PODS ? ` and ${ambientPods.length - LISTED_PODS} more` : '';
      ctx.report({
        code: 'MESH405',
        resource: policy,
        path: l7.path,
        target: 'key',
        message: `${describe(policy)} has L7 rules (${l7.field}) and selects ambient pods (${listed.join(', ')}${more}) through its selector: ztunnel enforces it at L4 only, so nothing enforces those rules. Bind the workloads to a waypoint (istio.io/use-waypoint) and target the policy at it with targetRefs, or keep to L4 rules.`,
        related: ambientPods
          .slice(0, LISTED_PODS)
          .map((pod) => ({ resource: pod, message: `ambient ${describe(pod)}` })),
      });
      return;
    }
    for (const [i, item] of targetRefsOf(spec).entries()) {
      const target = asRecord(item);
      if ((asString(target?.group) ?? '') !== '' || asString(target?.kind) !== 'Service') continue;
      const name = asString(target?.name);
      if (!name) continue;
      const services = ctx.mesh.find(KINDS.Service, policy.namespace, name);
      if (services.length === 0) continue;
      const namespaces = ctx.mesh.find(KINDS.Namespace, '', policy.namespace);
      const bound = (service: MeshResource): boolean =>
        useWaypointOf(service) !== undefined ||
        (labelsOf(service)[USE_WAYPOINT_LABEL] === undefined &&
          useWaypointOf(namespaceCopyFor(namespaces, service.cluster) ?? service) !== undefined);
      const unbound = services.filter((service) => !bound(service));
      if (unbound.length === 0) continue;
      ctx.report({
        code: 'MESH405',
        resource: policy,
        path: [...targetPath(spec, i), 'name'],
        message: `${describe(policy)} has L7 rules (${l7.field}) and targets Service ${policy.namespace}/${name}, which no waypoint serves (no istio.io/use-waypoint on it or its namespace${unbound.some((s) => s.cluster) ? ` in ${unbound.map((s) => s.cluster ?? 'the workspace').join(', ')}` : ''}): nothing enforces those rules. Label the Service or namespace istio.io/use-waypoint=<waypoint>.`,
        related: unbound.map((service) => ({
          resource: service,
          message: `${describe(service)} has no waypoint`,
        })),
      });
    }
  },
};

/** `targetRefs`, or the older single `targetRef`. */
function targetRefsOf(spec: Readonly<Record<string, unknown>>): readonly unknown[] {
  return spec.targetRefs !== undefined ? asArray(spec.targetRefs) : spec.targetRef ? [spec.targetRef] : [];
}

function targetPath(spec: Readonly<Record<string, unknown>>, i: number): (string | number)[] {
  return spec.targetRefs !== undefined ? ['spec', 'targetRefs', i] : ['spec', 'targetRef'];
}
