/**
 * Where a destination host lives across the clusters of a multicluster mesh: which clusters have its
 * Service (namespace sameness: same namespace/name is one service), where its endpoints run (the pods each
 * cluster's copy selects, with the network and cluster labels istiod gives them), and which clusters run
 * callers. Shared by the multicluster reachability checks (MESH104, MESH105, MESH106).
 *
 * A cluster "runs callers" when it has a namespace whose pods get a sidecar (injection labels or the
 * injector's default) or that is ambient: that is where the mesh's clients are. Pods are not scanned one
 * by one, so the check stays cheap on big clusters.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { type MeshQueries } from '../framework/mesh-queries';
import { isAmbientNamespace } from './ambient-mode';
import { KINDS } from '../../../../protocol/kinds';
import { asStringMap, asString } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';
import { type Labels } from './selectors';
import { namespaceInjection } from './sidecar-injection';
import { type Workload } from './workloads';
import { destinationsOf } from './virtual-service-routes';

export interface ServicePresence {
  /** The normalised host. */
  readonly host: string;
  /** Each cluster's copy of the Service. */
  readonly copies: ReadonlyMap<string, MeshResource>;
  /** An authored Service for the host (about to be applied: it will exist wherever it is applied). */
  readonly authored: MeshResource | undefined;
  /** ServiceEntries that serve the host (they resolve and route without the Service). */
  readonly serviceEntries: readonly MeshResource[];
}

/** The Service of `host` (as written in `namespace`) across clusters; undefined when nothing serves it. */
export function servicePresence(
  mesh: MeshQueries,
  host: string,
  namespace: string,
): ServicePresence | undefined {
  const entries = mesh.servicesForHost(host, namespace, { includeHidden: true });
  if (entries.length === 0) return undefined;
  const copies = new Map<string, MeshResource>();
  let authored: MeshResource | undefined;
  const serviceEntries: MeshResource[] = [];
  for (const entry of entries) {
    const resource = entry.resource;
    if (resource.groupKind === KINDS.ServiceEntry) serviceEntries.push(resource);
    else if (resource.cluster === null) authored ??= resource;
    else if (!copies.has(resource.cluster)) copies.set(resource.cluster, resource);
  }
  return { host: entries[0]!.host, copies, authored, serviceEntries };
}

/** The pods each cluster's copy of the Service selects, in that cluster: the service's endpoints. */
export function endpointsByCluster(mesh: MeshQueries, presence: ServicePresence): Map<string, Workload[]> {
  // Copies usually share one selector: ask once per selector, then keep each cluster's own pods.
  const bySelector = new Map<string, { selector: Labels; namespace: string; clusters: Set<string> }>();
  for (const [cluster, service] of presence.copies) {
    const selector = asStringMap(specOf(service).selector);
    if (Object.keys(selector).length === 0) continue;
    const key = `${service.namespace}|${JSON.stringify(Object.entries(selector).sort())}`;
    const group = bySelector.get(key) ?? {
      selector,
      namespace: service.namespace,
      clusters: new Set<string>(),
    };
    group.clusters.add(cluster);
    bySelector.set(key, group);
  }
  const found = new Map<string, Workload[]>();
  for (const { selector, namespace, clusters } of bySelector.values()) {
    for (const pod of mesh.workloads(selector, namespace)) {
      if (pod.cluster === null || !clusters.has(pod.cluster)) continue;
      const pods = found.get(pod.cluster) ?? [];
      pods.push(pod);
      found.set(pod.cluster, pods);
    }
  }
  return found;
}

/** Clusters with a namespace whose pods get a sidecar or that is ambient: where the mesh's callers run. */
export function callerClusters(mesh: MeshQueries): Set<string> {
  const injectors = mesh.ofKind(KINDS.MutatingWebhookConfiguration);
  const clusters = new Set<string>();
  for (const namespace of mesh.ofKind(KINDS.Namespace)) {
    if (namespace.cluster === null || clusters.has(namespace.cluster)) continue;
    if (isAmbientNamespace(namespace) || namespaceInjection(namespace, injectors).injected) {
      clusters.add(namespace.cluster);
    }
  }
  return clusters;
}

/** A host a VirtualService routes to or a DestinationRule configures, with the node that names it. */
export interface DestinationHost {
  /** As written. */
  readonly written: string;
  /** Path of the host field. */
  readonly path: FieldPath;
  /** The destination's subset (VirtualService routes). */
  readonly subset: string | undefined;
  /** Path of the `subset` field, when there is one. */
  readonly subsetPath: FieldPath | undefined;
}

/** Route and mirror destination hosts of a VirtualService, or the host of a DestinationRule. */
export function destinationHostsOf(resource: MeshResource): DestinationHost[] {
  if (resource.groupKind === KINDS.DestinationRule) {
    const host = asString(specOf(resource).host);
    return host ? [{ written: host, path: ['spec', 'host'], subset: undefined, subsetPath: undefined }] : [];
  }
  return destinationsOf(resource).map((destination) => ({
    written: destination.host,
    path: [...destination.path, 'host'],
    subset: destination.subset,
    subsetPath: destination.subset === undefined ? undefined : [...destination.path, 'subset'],
  }));
}

/** The first destination of each distinct host (as normalised in `namespace`): one report per host. */
export function distinctDestinationHosts(
  mesh: MeshQueries,
  resource: MeshResource,
): (DestinationHost & { readonly host: string })[] {
  const seen = new Set<string>();
  const result: (DestinationHost & { readonly host: string })[] = [];
  for (const destination of destinationHostsOf(resource)) {
    const host = mesh.normalizeHost(destination.written, resource.namespace);
    if (seen.has(host)) continue;
    seen.add(host);
    result.push({ ...destination, host });
  }
  return result;
}

/** "cluster east" / "clusters east, west". */
export function clusterList(clusters: Iterable<string>): string {
  const names = [...clusters].sort();
  return `${names.length === 1 ? 'cluster' : 'clusters'} ${names.join(', ')}`;
}
