/**
 * What an analyzer may ask about the mesh. Each query answers from the shared MeshIndex and records the
 * dependency keys of its answer, so the session knows which analyses an edit can affect (see
 * dependency-keys.ts). Analyzers must use only these queries, never the index directly: a lookup that
 * bypasses them would not be re-run when its answer changes.
 *
 * Each query also notes the kinds of objects its answer is made of: when one of them could not be read in
 * some cluster (read-coverage.ts), the answer may be wrong there, and the analysis is marked as relying
 * on unread objects; the runner then keeps none of its reports.
 */
import { type Range } from '../../mesh/diagnostic';
import { isVisibleFrom } from '../model/export-to';
import { lookupCandidates, normalizeHost, serviceOfHost } from '../model/hosts';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshConfigView } from '../model/mesh-config';
import { type ClusterInfo, type MeshIndex } from '../model/mesh-index';
import { type MeshResource } from '../model/resource';
import { type Labels } from '../model/selectors';
import { type HostEntry } from '../model/service-ports';
import { type Workload } from '../model/workloads';
import { type ResolvedTargets, resolveTargets } from '../targets/resolved-targets';
import {
  ALL_WORKLOADS_KEY,
  MESH_CONFIG_KEY,
  TOPOLOGY_KEY,
  clusterNamespaceKey,
  hostLookupKeys,
  kindKey,
  objectKey,
  workloadsKey,
} from './dependency-keys';
import { REMOTE_SECRETS_KIND } from '../../mesh/snapshot';
import { COMPLETE_COVERAGE, type ReadCoverage } from './read-coverage';

/** Namespaces every Kubernetes cluster has, whether or not the files list them. */
const BUILTIN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Where a query records the dependency keys of its answer. */
export interface DependencyRecorder {
  add(key: string): unknown;
}

/**
 * What the clusters' facts (role, network, control plane, remote secrets, east-west gateways) are derived
 * from (mesh/derive-cluster-facts.ts): a query about the topology relies on these kinds.
 */
const TOPOLOGY_SOURCE_KINDS: readonly string[] = [
  KINDS.Namespace,
  KINDS.Deployment,
  KINDS.Service,
  KINDS.ConfigMap,
  REMOTE_SECRETS_KIND,
];
const HOST_ENTRY_KINDS: readonly string[] = [KINDS.Service, KINDS.ServiceEntry];
/** Workloads and what their topology labels come from (nodes' localities). */
const WORKLOAD_KINDS: readonly string[] = [KINDS.Pod, KINDS.WorkloadEntry, KINDS.Node];

export class MeshQueries {
  private unreadObjectsReached = false;

  constructor(
    private readonly index: MeshIndex,
    private readonly deps: DependencyRecorder,
    /** True when Kubernetes objects are known (cluster state or offline files), see Analyzer.requires. */
    readonly hasKubernetesState: boolean,
    /** The kinds some cluster could not be read for. */
    private readonly coverage: ReadCoverage = COMPLETE_COVERAGE,
  ) {}

  /** A query's answer was made from a kind some cluster could not be read for: it may be wrong. */
  get reliesOnUnreadObjects(): boolean {
    return this.unreadObjectsReached;
  }

  /**
   * Notes that the answer being given is made of objects of these kinds (in `cluster` only, when given).
   * The runner calls it for what it hands an analyzer itself (a group's members).
   */
  relyOn(kinds: readonly string[], cluster?: string): void {
    if (this.unreadObjectsReached || this.coverage.complete) return;
    if (kinds.some((kind) => this.coverage.isUnread(kind, cluster))) this.unreadObjectsReached = true;
  }

  get meshConfig(): MeshConfigView {
    this.deps.add(MESH_CONFIG_KEY);
    return this.index.meshConfig;
  }

  clusters(): readonly ClusterInfo[] {
    this.deps.add(TOPOLOGY_KEY);
    this.relyOn(TOPOLOGY_SOURCE_KINDS);
    return this.index.clusters();
  }

  /** The clusters whose control plane reads their own Istio config (primaries, config clusters). */
  primaries(): readonly ClusterInfo[] {
    this.deps.add(TOPOLOGY_KEY);
    this.relyOn(TOPOLOGY_SOURCE_KINDS);
    return this.index.configSources();
  }

  /**
   * Where an object takes effect: an authored document's targets (modeline, setting, else every
   * primary); a cluster's object, its own cluster.
   */
  targetsOf(resource: MeshResource): ResolvedTargets {
    this.deps.add(TOPOLOGY_KEY);
    this.relyOn(TOPOLOGY_SOURCE_KINDS);
    if (resource.cluster === null) return this.index.resolveTargets(this.index.declaredTargetsOf(resource));
    return resolveTargets({ source: 'default', clusters: [resource.cluster] }, this.index.clusters());
  }

  /**
   * A locator (Report.location) for the modeline entry naming `cluster` above an authored object; it
   * answers undefined when no modeline names it (the target comes from the setting or the default).
   */
  targetNameLocator(resource: MeshResource, cluster: string): () => Range | undefined {
    const index = this.index;
    return () => index.locateTargetName(resource, cluster);
  }

  /** Namespace existence in one cluster (a Namespace or any object in it); undefined: cluster unknown. */
  namespaceInCluster(cluster: string, namespace: string): boolean | undefined {
    this.deps.add(clusterNamespaceKey(cluster, namespace));
    this.deps.add(TOPOLOGY_KEY);
    this.relyOn(TOPOLOGY_SOURCE_KINDS, cluster);
    return this.index.namespaceInCluster(cluster, namespace);
  }

  /** Effective objects of a kind (`KINDS.Gateway`); depends on every object of that kind. */
  ofKind(groupKind: string): MeshResource[] {
    this.deps.add(kindKey(groupKind));
    this.relyOn([groupKind]);
    return this.index.ofKind(groupKind);
  }

  /** Every copy of every object of a kind (authored and all clusters', effective or not). */
  copiesOfKind(groupKind: string): MeshResource[] {
    this.deps.add(kindKey(groupKind));
    this.relyOn([groupKind]);
    return this.index.copiesOfKind(groupKind);
  }

  /** The effective copies of one object: one for Istio config, one per cluster for Kubernetes objects. */
  find(groupKind: string, namespace: string, name: string): MeshResource[] {
    this.deps.add(objectKey(groupKind, namespace, name));
    this.relyOn([groupKind]);
    return this.index.find(groupKind, namespace, name);
  }

  /** Every copy of one object, in every cluster and authored file. */
  copies(groupKind: string, namespace: string, name: string): readonly MeshResource[] {
    this.deps.add(objectKey(groupKind, namespace, name));
    this.relyOn([groupKind]);
    return this.index.copies(groupKind, namespace, name);
  }

  /**
   * Services and ServiceEntries that serve `host` as written by a resource in `namespace`, visible from
   * that namespace (exportTo) unless `includeHidden`. `reviews`, `reviews.bookinfo` and the FQDN all
   * find the Service.
   */
  servicesForHost(host: string, namespace: string, options: { includeHidden?: boolean } = {}): HostEntry[] {
    this.relyOn(HOST_ENTRY_KINDS);
    const found = new Map<HostEntry['resource'], HostEntry>();
    for (const candidate of lookupCandidates(host, namespace)) {
      for (const key of hostLookupKeys('svc', candidate)) this.deps.add(key);
      for (const entry of this.index.hostEntries(candidate)) found.set(entry.resource, entry);
    }
    if (options.includeHidden) return [...found.values()];
    const meshConfig = this.meshConfig;
    return [...found.values()].filter((entry) => isVisibleFrom(entry.resource, namespace, meshConfig));
  }

  /**
   * The DestinationRules that sidecars in `proxyNamespace` apply to a normalised host (pilot's choice: the
   * proxy's namespace, then the service's, then the root namespace).
   */
  destinationRulesFor(host: string, proxyNamespace: string): MeshResource[] {
    for (const key of hostLookupKeys('dr', host)) this.deps.add(key);
    this.deps.add(MESH_CONFIG_KEY);
    this.relyOn([KINDS.DestinationRule, KINDS.ServiceEntry]);
    const serviceNamespace =
      serviceOfHost(host)?.namespace ??
      this.index.hostEntries(host).find((entry) => entry.resource.groupKind === KINDS.ServiceEntry)?.resource
        .namespace;
    return this.index.destinationRulesFor(host, proxyNamespace, serviceNamespace);
  }

  /** Every copy of every DestinationRule covering `host` (authored and all clusters'), for per-primary views. */
  destinationRuleCopiesCovering(host: string): MeshResource[] {
    for (const key of hostLookupKeys('dr', host)) this.deps.add(key);
    this.relyOn([KINDS.DestinationRule]);
    return this.index.destinationRuleCopiesCovering(host);
  }

  /** Every effective DestinationRule whose host covers `host`, wherever it is (for explaining a miss). */
  destinationRulesCovering(host: string): MeshResource[] {
    for (const key of hostLookupKeys('dr', host)) this.deps.add(key);
    this.relyOn([KINDS.DestinationRule]);
    return this.index.destinationRulesCovering(host);
  }

  /**
   * The Gateway a VirtualService in `namespace` means by `reference`: `ns/name`, a bare name (same
   * namespace), or the legacy `name.ns.svc.cluster.local` form.
   */
  gateway(reference: string, namespace: string): { namespace: string; name: string; found: MeshResource[] } {
    const target = resolveGatewayReference(reference, namespace);
    return { ...target, found: this.find(KINDS.Gateway, target.namespace, target.name) };
  }

  /** Workloads (pods, WorkloadEntries) whose labels, topology labels included, match `selector`. */
  workloads(selector: Labels, namespace: string | null): Workload[] {
    this.deps.add(namespace === null ? ALL_WORKLOADS_KEY : workloadsKey(namespace));
    this.deps.add(TOPOLOGY_KEY);
    this.relyOn(WORKLOAD_KINDS);
    return this.index.workloadsSelectedBy(selector, namespace);
  }

  /** True when any Namespace object is known: without one, namespace existence cannot be judged. */
  knowsNamespaces(): boolean {
    this.deps.add(kindKey(KINDS.Namespace));
    this.relyOn([KINDS.Namespace]);
    return this.index.ofKind(KINDS.Namespace).length > 0;
  }

  /** A Namespace object exists, or it is one every cluster has (including the mesh's root namespace). */
  namespaceExists(name: string): boolean {
    if (BUILTIN_NAMESPACES.has(name) || name === this.meshConfig.rootNamespace) return true;
    return this.find(KINDS.Namespace, '', name).length > 0;
  }

  normalizeHost(host: string, namespace: string): string {
    return normalizeHost(host, namespace);
  }
}

export function resolveGatewayReference(
  reference: string,
  namespace: string,
): { namespace: string; name: string } {
  const slash = reference.indexOf('/');
  if (slash !== -1) return { namespace: reference.slice(0, slash), name: reference.slice(slash + 1) };
  const labels = reference.split('.');
  if (labels.length >= 2 && labels[0] && labels[1]) return { name: labels[0], namespace: labels[1] };
  return { namespace, name: reference };
}
