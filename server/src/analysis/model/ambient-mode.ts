/**
 * Which namespaces and pods run in Istio's ambient mode (no sidecar: ztunnel and waypoints instead).
 * A namespace is ambient when labelled `istio.io/dataplane-mode=ambient` and not also labelled for
 * sidecar injection (`istio-injection=enabled` or an `istio.io/rev`): its pods then get sidecars, and
 * ambient leaves pods with a sidecar alone (istioctl judges it so too). A pod is ambient when the CNI
 * marked it captured (`ambient.istio.io/redirection: enabled`, what istioctl checks), when it is labelled
 * ambient itself, or when its namespace is ambient and the pod neither opts out
 * (`istio.io/dataplane-mode=none`) nor runs a sidecar (sidecar injection wins over ambient).
 */
import { PROXY_CONTAINER } from './injector-proxy-image';
import { INJECTION_LABEL, REVISION_LABEL } from './injection-webhooks';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, annotationsOf, labelsOf, specOf } from './resource';

export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
export const AMBIENT_REDIRECTION_ANNOTATION = 'ambient.istio.io/redirection';

export function isAmbientNamespace(namespace: MeshResource): boolean {
  const labels = labelsOf(namespace);
  if (labels[INJECTION_LABEL] === 'enabled' || labels[REVISION_LABEL]) return false;
  return labels[DATAPLANE_MODE_LABEL] === 'ambient';
}

/** `namespace`: the pod's namespace object in the pod's cluster, when known. */
export function isAmbientPod(pod: MeshResource, namespace: MeshResource | undefined): boolean {
  if (annotationsOf(pod)[AMBIENT_REDIRECTION_ANNOTATION] === 'enabled') return true;
  const mode = labelsOf(pod)[DATAPLANE_MODE_LABEL];
  if (mode !== undefined) return mode === 'ambient';
  return namespace !== undefined && isAmbientNamespace(namespace) && !hasSidecar(pod);
}

function hasSidecar(pod: MeshResource): boolean {
  return ['containers', 'initContainers'].some((list) =>
    asArray(specOf(pod)[list]).some((container) => asString(asRecord(container)?.name) === PROXY_CONTAINER),
  );
}
