/**
 * Whether a pod (or a Deployment's pod template) belongs to the mesh, as istioctl's `inMesh` decides it:
 * it has the proxy container; else its own `sidecar.istio.io/inject` label, then annotation, says so;
 * else its namespace is injected (labels, or the injector's default). Also the markers istioctl uses
 * to leave Istio's own control plane and gateways out of workload checks.
 */
import { asString } from '../../mesh/object-fields';
import { type PodTemplate, annotationText, hasProxyContainer } from './pod-templates';
import { type MeshResource, labelsOf } from './resource';
import { SIDECAR_INJECT, namespaceInjection } from './sidecar-injection';

/** True when the pod runs, or will run, with an Istio proxy. */
export function podInMesh(
  pod: PodTemplate,
  namespace: MeshResource | undefined,
  injectorConfigurations: readonly MeshResource[],
): boolean {
  if (hasProxyContainer(pod)) return true;
  const own = pod.labels[SIDECAR_INJECT] ?? annotationText(pod.annotations[SIDECAR_INJECT]);
  if (own !== undefined) return own.toLowerCase() === 'true';
  return namespaceInjection(namespace, injectorConfigurations).injected;
}

/** Istio's own components carry an `istio` label or `release: istio` (util.IsIstioControlPlane). */
export function isIstioComponent(resource: MeshResource): boolean {
  const labels = labelsOf(resource);
  return 'istio' in labels || asString(labels.release) === 'istio';
}
