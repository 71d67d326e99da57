/**
 * IST0166: an AuthorizationPolicy, RequestAuthentication, Telemetry or WasmPlugin whose `selector`
 * matches pods of a Kubernetes Gateway API Gateway (labelled `gateway.networking.k8s.io/gateway-name`).
 * Selectors are not how policies attach to those gateways: `targetRefs` naming the Gateway is. As in
 * istioctl, only pods of the policy's own namespace are considered, and a policy that also has a
 * `targetRef` or `targetRefs` is not judged (istiod attaches it by those).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { GATEWAY_NAME_LABEL } from '../model/gateway-api';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, labelsOf, specOf } from '../model/resource';

export const policyGatewaySelector: ResourceAnalyzer = {
  type: 'resource',
  name: 'policy-gateway-selector',
  codes: ['IST0166'],
  kinds: [KINDS.AuthorizationPolicy, KINDS.RequestAuthentication, KINDS.Telemetry, KINDS.WasmPlugin],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const spec = specOf(resource);
    if (asRecord(spec.targetRef) || asArray(spec.targetRefs).length > 0) return;
    const matchLabels = asStringMap(asRecord(spec.selector)?.matchLabels);
    if (Object.keys(matchLabels).length === 0) return;
    const gatewayPods = new Map<string, MeshResource[]>();
    for (const workload of ctx.mesh.workloads(matchLabels, resource.namespace)) {
      const gateway = labelsOf(workload.resource)[GATEWAY_NAME_LABEL];
      if (workload.resource.groupKind !== KINDS.Pod || !gateway) continue;
      gatewayPods.set(gateway, [...(gatewayPods.get(gateway) ?? []), workload.resource]);
    }
    if (gatewayPods.size === 0) return;
    const names = [...gatewayPods.keys()].sort();
    const targetRefs = names.map(
      (name) => `{group: gateway.networking.k8s.io, kind: Gateway, name: ${name}}`,
    );
    ctx.report({
      code: 'IST0166',
      resource,
      path: ['spec', 'selector'],
      target: 'key',
      message: `${describe(resource)} selects pods of Kubernetes Gateway ${names.join(', ')} through its selector, which is ineffective for Gateway API gateways; replace the selector with targetRefs: [${targetRefs.join(', ')}].`,
      related: [...gatewayPods.values()]
        .flat()
        .slice(0, 5)
        .map((pod) => ({
          resource: pod,
          path: ['metadata', 'labels', GATEWAY_NAME_LABEL],
          message: `pod ${pod.name} of Gateway ${labelsOf(pod)[GATEWAY_NAME_LABEL]}${pod.cluster ? ` in cluster ${pod.cluster}` : ''}`,
        })),
      data: { gateways: names },
    });
  },
};
