/**
 * IST0158: pods of an injected namespace run an `istio-proxy` image other than the one the namespace's
 * injector injects today, typically after a control-plane upgrade without a restart of the workloads.
 * Reported on the Namespace (as istioctl does), per cluster: each cluster's pods are compared with that
 * cluster's injector ConfigMap.
 *
 * The namespace's revision follows the injection webhooks: `istio-injection=enabled` → `default`, else
 * `istio.io/rev`; a revision tag resolves through its `istio-revision-tag-<tag>` webhook. Pods annotated
 * `sidecar.istio.io/proxyImage` chose their image and are skipped. Silent when the injector's image is
 * not known (no ConfigMap, or `values` without hub/tag).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { INJECTION_LABEL, REVISION_LABEL, resolveRevisionTag } from '../model/injection-webhooks';
import {
  type InjectorImage,
  PROXY_CONTAINER,
  injectorImageOf,
  injectorRevisionOf,
  sameProxyImage,
} from '../model/injector-proxy-image';
import { KINDS } from '../../../../protocol/kinds';
import { ISTIO_SYSTEM } from '../model/mesh-config';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, annotationsOf, describe, labelsOf, specOf } from '../model/resource';
import { type MeshQueries } from '../framework/mesh-queries';

const CUSTOM_IMAGE_ANNOTATION = 'sidecar.istio.io/proxyImage';
/** Pods named in the message; the rest are counted. */
const LISTED_PODS = 5;

interface Mismatch {
  readonly pod: MeshResource;
  readonly image: string;
  readonly path: readonly (string | number)[];
}

export const proxyImageMismatch: ResourceAnalyzer = {
  type: 'resource',
  name: 'proxy-image-mismatch',
  codes: ['IST0158'],
  kinds: [KINDS.Namespace],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const revision = injectionRevisionOf(resource);
    if (revision === undefined) return;
    const injector = injectorFor(revision, resource.cluster, ctx.mesh);
    if (!injector) return;

    const mismatches: Mismatch[] = [];
    for (const workload of ctx.mesh.workloads({}, resource.name)) {
      const pod = workload.resource;
      if (pod.groupKind !== KINDS.Pod || pod.cluster !== resource.cluster) continue;
      if (annotationsOf(pod)[CUSTOM_IMAGE_ANNOTATION]) continue;
      const proxy = proxyContainerOf(pod);
      if (proxy && !sameProxyImage(proxy.image, injector.image)) mismatches.push({ pod, ...proxy });
    }
    if (mismatches.length === 0) return;

    const listed = mismatches
      .slice(0, LISTED_PODS)
      .map((m) => `${m.pod.name} (${m.image})`)
      .join(', ');
    const more = mismatches.length > LISTED_PODS ? ` and ${mismatches.length - LISTED_PODS} more` : '';
    ctx.report({
      code: 'IST0158',
      resource,
      path: ['metadata', 'name'],
      message: `${describe(resource)}: ${mismatches.length} pod${mismatches.length === 1 ? '' : 's'} run${mismatches.length === 1 ? 's' : ''} an istio-proxy image other than ${injector.image}, which the injector of revision ${injector.revision}${revision === injector.revision ? '' : ` (tag ${revision})`} injects: ${listed}${more}. This happens after a control-plane upgrade; restart the workloads to re-inject them (kubectl rollout restart deployment -n ${resource.name}).`,
      related: [
        {
          resource: injector.configMap,
          path: ['data', 'values'],
          message: `injector configuration of revision ${injector.revision}`,
        },
        ...mismatches.slice(0, LISTED_PODS).map((m) => ({
          resource: m.pod,
          path: m.path,
          message: `${m.pod.name} runs ${m.image}`,
        })),
      ],
      data: {
        revision: injector.revision,
        expectedImage: injector.image,
        pods: mismatches.map((m) => ({ name: m.pod.name, image: m.image })),
      },
    });
  },
};

/** The revision (or tag) whose injector serves the namespace, or undefined when it is not injected. */
function injectionRevisionOf(namespace: MeshResource): string | undefined {
  const labels = labelsOf(namespace);
  const injection = labels[INJECTION_LABEL];
  if (injection !== undefined) return injection === 'enabled' ? 'default' : undefined;
  return labels[REVISION_LABEL];
}

/** The injector image of `revision` in `cluster`, a revision tag resolved through its webhook. */
function injectorFor(revision: string, cluster: string | null, mesh: MeshQueries): InjectorImage | undefined {
  const images = new Map<string, InjectorImage>();
  const configMaps = mesh
    .ofKind(KINDS.ConfigMap)
    .filter((configMap) => configMap.cluster === cluster)
    // The control plane's own namespace first, when several hold an injector ConfigMap.
    .sort((a, b) => Number(b.namespace === ISTIO_SYSTEM) - Number(a.namespace === ISTIO_SYSTEM));
  for (const configMap of configMaps) {
    const served = injectorRevisionOf(configMap);
    const image = injectorImageOf(configMap);
    if (served !== undefined && image !== undefined && !images.has(served)) {
      images.set(served, { revision: served, image, configMap });
    }
  }
  const direct = images.get(revision);
  if (direct) return direct;
  const webhooks = mesh
    .ofKind(KINDS.MutatingWebhookConfiguration)
    .filter((configuration) => configuration.cluster === cluster);
  const target = resolveRevisionTag(revision, webhooks);
  return target === undefined ? undefined : images.get(target);
}

/** The pod's `istio-proxy` container (a native sidecar is an init container), with its image's path. */
function proxyContainerOf(pod: MeshResource): { image: string; path: (string | number)[] } | undefined {
  for (const list of ['containers', 'initContainers'] as const) {
    const containers = asArray(specOf(pod)[list]);
    for (let i = 0; i < containers.length; i++) {
      const container = asRecord(containers[i]);
      const image = asString(container?.image);
      if (asString(container?.name) === PROXY_CONTAINER && image) {
        return { image, path: ['spec', list, i, 'image'] };
      }
    }
  }
  return undefined;
}
