/**
 * Whether Istio's injector injects namespaces without injection labels, as its ConfigMap records it:
 * `sidecarInjectorWebhook.enableNamespacesByDefault` in the Helm values the default revision's injector
 * (`istio-sidecar-injector`) was installed with. The webhooks render the same choice as selectors (see
 * sidecar-injection.ts `defaultInjector`); istioctl reads the ConfigMap, and a cluster dump or a set of
 * files may hold one without the other, so either tells.
 */
import { asRecord } from '../../mesh/object-fields';
import { INJECTOR_CONFIGMAP, injectorValuesOf } from './injector-proxy-image';
import { type MeshResource } from './resource';

/**
 * The default revision's injector ConfigMap that injects unlabelled namespaces by default and acts on
 * `namespace`: one of its cluster, any for an authored namespace.
 */
export function defaultInjectionConfigMap(
  namespace: MeshResource,
  configMaps: readonly MeshResource[],
): MeshResource | undefined {
  return configMaps.find(
    (configMap) =>
      configMap.name === INJECTOR_CONFIGMAP &&
      (namespace.cluster === null || configMap.cluster === namespace.cluster) &&
      asRecord(injectorValuesOf(configMap)?.sidecarInjectorWebhook)?.enableNamespacesByDefault === true,
  );
}
