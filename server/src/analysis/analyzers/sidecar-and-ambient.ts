/**
 * MESH406: one namespace or pod is put in both data planes. A Namespace labelled
 * `istio.io/dataplane-mode=ambient` and for sidecar injection gets sidecars, and ambient leaves pods with
 * a sidecar alone: the ambient label does nothing (istioctl's IST0123 sees the label clash; this names
 * the data plane that wins). A pod labelled or captured ambient that also runs or requests a sidecar is
 * either not captured or captured twice (ztunnel and the sidecar both take its traffic).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { AMBIENT_REDIRECTION_ANNOTATION, DATAPLANE_MODE_LABEL } from '../model/ambient-mode';
import { PROXY_CONTAINER } from '../model/injector-proxy-image';
import { KINDS } from '../../../../protocol/kinds';
import { ISTIO_SYSTEM } from '../model/mesh-config';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, annotationsOf, describe, labelsOf, specOf } from '../model/resource';
import { INJECTION_LABEL, REVISION_LABEL, SIDECAR_INJECT } from '../model/sidecar-injection';

export const sidecarAndAmbient: ResourceAnalyzer = {
  type: 'resource',
  name: 'sidecar-and-ambient',
  codes: ['MESH406'],
  kinds: [KINDS.Namespace, KINDS.Pod],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const labels = labelsOf(resource);
    if (resource.groupKind === KINDS.Namespace) {
      if (resource.name === ISTIO_SYSTEM || labels[DATAPLANE_MODE_LABEL] !== 'ambient') return;
      const sidecarLabel =
        labels[INJECTION_LABEL] === 'enabled'
          ? `${INJECTION_LABEL}=enabled`
          : labels[REVISION_LABEL]
            ? `${REVISION_LABEL}=${labels[REVISION_LABEL]}`
            : undefined;
      if (!sidecarLabel) return;
      ctx.report({
        code: 'MESH406',
        resource,
        path: ['metadata', 'labels', DATAPLANE_MODE_LABEL],
        message: `${describe(resource)} is labelled both ${DATAPLANE_MODE_LABEL}=ambient and ${sidecarLabel}: its pods get sidecars and ambient leaves them alone, so the namespace is not ambient. Keep one data plane: remove ${sidecarLabel.split('=')[0]} to go ambient, or the ambient label to keep sidecars.`,
      });
      return;
    }
    const ambient =
      labels[DATAPLANE_MODE_LABEL] === 'ambient' ||
      annotationsOf(resource)[AMBIENT_REDIRECTION_ANNOTATION] === 'enabled';
    if (!ambient) return;
    const sidecar = hasProxyContainer(resource)
      ? `runs an ${PROXY_CONTAINER} sidecar`
      : labels[SIDECAR_INJECT] === 'true'
        ? `is labelled ${SIDECAR_INJECT}=true`
        : undefined;
    if (!sidecar) return;
    const how =
      labels[DATAPLANE_MODE_LABEL] === 'ambient'
        ? `labelled ${DATAPLANE_MODE_LABEL}=ambient`
        : `captured by ztunnel (${AMBIENT_REDIRECTION_ANNOTATION}=enabled)`;
    ctx.report({
      code: 'MESH406',
      resource,
      path:
        labels[DATAPLANE_MODE_LABEL] === 'ambient'
          ? ['metadata', 'labels', DATAPLANE_MODE_LABEL]
          : ['metadata', 'annotations', AMBIENT_REDIRECTION_ANNOTATION],
      message: `${describe(resource)} is ${how} and ${sidecar}: one pod in both data planes. Keep one: set ${DATAPLANE_MODE_LABEL}=none (or drop the ambient label) to keep the sidecar, or ${SIDECAR_INJECT}=false to go ambient.`,
    });
  },
};

function hasProxyContainer(pod: MeshResource): boolean {
  return ['containers', 'initContainers'].some((list) =>
    asArray(specOf(pod)[list]).some((container) => asString(asRecord(container)?.name) === PROXY_CONTAINER),
  );
}
