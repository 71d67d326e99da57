/**
 * IST0167: a Sidecar resource configures sidecars where there are none: its `workloadSelector` selects
 * ambient pods, or, without a selector, its namespace is ambient (`istio.io/dataplane-mode=ambient`).
 * Ambient workloads are served by ztunnel and waypoints, so the Sidecar has no effect on them.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { isAmbientNamespace, isAmbientPod } from '../model/ambient-mode';
import { KINDS } from '../../../../protocol/kinds';
import { asRecord, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, specOf } from '../model/resource';

/** Pods named in the message. */
const LISTED_PODS = 3;

export const sidecarAmbient: ResourceAnalyzer = {
  type: 'resource',
  name: 'sidecar-ambient',
  codes: ['IST0167'],
  kinds: [KINDS.Sidecar],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const namespaces = ctx.mesh.find(KINDS.Namespace, '', resource.namespace);
    const selector = asStringMap(asRecord(specOf(resource).workloadSelector)?.labels);

    if (Object.keys(selector).length === 0) {
      const ambient = namespaces.filter(isAmbientNamespace);
      if (ambient.length === 0) return;
      ctx.report({
        code: 'IST0167',
        resource,
        path: ['metadata', 'name'],
        message: `${describe(resource)} applies to namespace ${resource.namespace}, which is in ambient mode${inClusters(ambient)} (istio.io/dataplane-mode=ambient): its workloads have no sidecar, so this Sidecar has no effect. Remove it, or configure ambient traffic with waypoint policies instead.`,
        related: ambient.map((namespace) => ({
          resource: namespace,
          path: ['metadata', 'labels'],
          message: `Namespace ${namespace.name}${namespace.cluster ? ` in cluster ${namespace.cluster}` : ''} is ambient`,
        })),
      });
      return;
    }

    const namespaceIn = (cluster: string | null): MeshResource | undefined =>
      namespaces.find((namespace) => namespace.cluster === cluster);
    const ambientPods = ctx.mesh
      .workloads(selector, resource.namespace)
      .map((workload) => workload.resource)
      .filter((pod) => pod.groupKind === KINDS.Pod && isAmbientPod(pod, namespaceIn(pod.cluster)));
    if (ambientPods.length === 0) return;
    const listed = ambientPods.slice(0, LISTED_PODS).map((pod) => pod.name);
    const more = ambientPods.length > LISTED_PODS ? ` and ${ambientPods.length - LISTED_PODS} more` : '';
    ctx.report({
      code: 'IST0167',
      resource,
      path: ['spec', 'workloadSelector', 'labels'],
      target: 'key',
      message: `${describe(resource)} selects pods in ambient mode${inClusters(ambientPods)} (${listed.join(', ')}${more}): they have no sidecar, so this Sidecar has no effect on them. Remove it or narrow its workloadSelector to sidecar workloads; configure ambient traffic with waypoint policies instead.`,
      related: ambientPods.slice(0, LISTED_PODS).map((pod) => ({
        resource: pod,
        message: `ambient pod ${pod.name}${pod.cluster ? ` in cluster ${pod.cluster}` : ''}`,
      })),
      data: { pods: ambientPods.map((pod) => pod.name) },
    });
  },
};

/** " in cluster east, west" for cluster objects; '' for files without a cluster. */
function inClusters(resources: readonly MeshResource[]): string {
  const clusters = [
    ...new Set(resources.map((r) => r.cluster).filter((c): c is string => c !== null)),
  ].sort();
  if (clusters.length === 0) return '';
  return ` in cluster${clusters.length === 1 ? '' : 's'} ${clusters.join(', ')}`;
}
