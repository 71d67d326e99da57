/**
 * The index every analyzer queries: all objects of the mesh (authored documents, every cluster's state,
 * builtin defaults), updated object by object as documents and clusters change, never rebuilt.
 *
 * Two rules make one view out of several clusters:
 * - Namespace sameness: Kubernetes objects (Services, Pods, Namespaces, Secrets) of every cluster are all
 *   present; a Service that exists in any cluster exists for the mesh.
 * - Effective config: for an Istio object (same kind/namespace/name) present several times, the authored
 *   document wins over the clusters' copies (it is what is about to be applied), and otherwise the first
 *   cluster's copy stands for the others. Only effective objects are analysed and returned by queries.
 * - Per-primary views: every copy stays in the index, so model/primary-views.ts can tell, per
 *   primary, which copy it reads (an authored document targeting it, else its own cluster's copy). The
 *   session tells the index what each authored object is declared for (`declaredTargetsOf`).
 */
import { type Range } from '../../mesh/diagnostic';
import { NETWORK_LABEL, type ClusterFacts } from '../../mesh/derive-cluster-facts';
import {
  DEFAULT_TARGETS,
  type DeclaredTargets,
  type ResolvedTargets,
  configSources,
  resolveTargets,
} from '../targets/resolved-targets';
import { exportToAllows, exportToOf } from './export-to';
import { hostCovers, hostSpecificity, hostsOverlap, isWildcardHost, normalizeHost } from './hosts';
import { KINDS, isIstioGroup } from '../../../../protocol/kinds';
import { DEFAULT_MESH_CONFIG, type MeshConfigView } from './mesh-config';
import { asString } from '../../mesh/object-fields';
import { type MeshResource, identityOf, labelsOf, specOf } from './resource';
import { type HostEntry, hostEntriesOf } from './service-ports';
import { type Labels, labelsMatch } from './selectors';
import { type Workload, isTopologyLabel, isWorkloadKind, ownWorkloadLabels, workloadOf } from './workloads';

export interface ClusterInfo {
  readonly name: string;
  readonly facts: ClusterFacts;
}

export class MeshIndex {
  private meshConfigView: MeshConfigView = DEFAULT_MESH_CONFIG;
  /** Cluster name → position; a lower position wins when copies of an Istio object compete. */
  private readonly clusterOrder = new Map<string, number>();
  private readonly clusterInfos = new Map<string, ClusterInfo>();
  private readonly byKind = new Map<string, Set<MeshResource>>();
  private readonly byIdentity = new Map<string, MeshResource[]>();
  /** Copies that take part in the view; kept up to date per identity on every add/remove. */
  private readonly effective = new Set<MeshResource>();
  private readonly ruleHosts = new Map<MeshResource, string>();
  private readonly rulesByHost = new Map<string, Set<MeshResource>>();
  private readonly wildcardRules = new Set<MeshResource>();
  private readonly exactHosts = new Map<string, Set<HostEntry>>();
  private readonly wildcardHosts = new Set<HostEntry>();
  private readonly hostEntriesById = new Map<number, readonly HostEntry[]>();
  private readonly workloadsByNamespace = new Map<string, Set<MeshResource>>();
  /** Workloads by each `key=value` of their own labels: a selector finds its candidates without a scan. */
  private readonly workloadsByLabel = new Map<string, Set<MeshResource>>();
  private readonly nodes = new Map<string, MeshResource>();
  private readonly workloadCache = new Map<number, Workload>();
  /** Cluster → namespace → objects of that cluster in (or naming) the namespace: "does ns exist there". */
  private readonly clusterNamespaces = new Map<string, Map<string, number>>();
  /** Resolutions of declarations against the current clusters (declarations are shared, immutable objects). */
  private resolvedTargets = new WeakMap<DeclaredTargets, ResolvedTargets>();
  private configSourceList: readonly ClusterInfo[] | undefined;
  /** What an authored object is declared for (modeline, setting); set by the session. */
  declaredTargetsOf: (resource: MeshResource) => DeclaredTargets = () => DEFAULT_TARGETS;
  /** Where the modeline governing an authored object names `cluster` (now, not when analysed); set by the session. */
  locateTargetName: (resource: MeshResource, cluster: string) => Range | undefined = () => undefined;

  get meshConfig(): MeshConfigView {
    return this.meshConfigView;
  }

  setMeshConfig(view: MeshConfigView): void {
    this.meshConfigView = view;
  }

  setClusters(clusters: readonly ClusterInfo[]): void {
    this.resolvedTargets = new WeakMap();
    this.configSourceList = undefined;
    this.clusterOrder.clear();
    this.clusterInfos.clear();
    clusters.forEach((cluster, position) => {
      this.clusterOrder.set(cluster.name, position);
      this.clusterInfos.set(cluster.name, cluster);
    });
    this.workloadCache.clear();
    // Which cluster's copy of an Istio object stands for the others depends on the order.
    for (const identity of this.byIdentity.keys()) this.updateEffective(identity);
  }

  clusters(): readonly ClusterInfo[] {
    return [...this.clusterInfos.values()];
  }

  /** The primaries (and config clusters), in cluster order; cached until the clusters change. */
  configSources(): readonly ClusterInfo[] {
    this.configSourceList ??= configSources([...this.clusterInfos.values()]);
    return this.configSourceList;
  }

  /** `declared` resolved against the current clusters; cached until the clusters change. */
  resolveTargets(declared: DeclaredTargets): ResolvedTargets {
    let resolved = this.resolvedTargets.get(declared);
    if (!resolved) {
      resolved = resolveTargets(declared, [...this.clusterInfos.values()]);
      this.resolvedTargets.set(declared, resolved);
    }
    return resolved;
  }

  add(resource: MeshResource): void {
    setOf(this.byKind, resource.groupKind).add(resource);
    const identity = identityOf(resource);
    const copies = this.byIdentity.get(identity);
    if (copies) copies.push(resource);
    else this.byIdentity.set(identity, [resource]);
    // Every copy of a Kubernetes object counts (one per cluster): a new copy changes no other's standing.
    if (isIstioGroup(resource.group)) this.updateEffective(identity);
    else this.effective.add(resource);
    if (resource.groupKind === KINDS.DestinationRule) {
      const host = destinationRuleHost(resource);
      this.ruleHosts.set(resource, host);
      if (isWildcardHost(host)) this.wildcardRules.add(resource);
      else setOf(this.rulesByHost, host).add(resource);
    }

    const entries = hostEntriesOf(resource);
    if (entries.length > 0) this.hostEntriesById.set(resource.id, entries);
    for (const entry of entries) {
      if (isWildcardHost(entry.host)) this.wildcardHosts.add(entry);
      else setOf(this.exactHosts, entry.host).add(entry);
    }
    if (isWorkloadKind(resource.groupKind)) {
      setOf(this.workloadsByNamespace, resource.namespace).add(resource);
      for (const [key, value] of Object.entries(ownWorkloadLabels(resource)))
        setOf(this.workloadsByLabel, `${key}=${value}`).add(resource);
    }
    if (resource.groupKind === KINDS.Node) this.nodes.set(nodeKey(resource.cluster, resource.name), resource);
    if (resource.groupKind === KINDS.Node || resource.groupKind === KINDS.Namespace)
      this.workloadCache.clear();
    this.countNamespace(resource, 1);
  }

  remove(resource: MeshResource): void {
    this.countNamespace(resource, -1);
    this.byKind.get(resource.groupKind)?.delete(resource);
    const identity = identityOf(resource);
    const copies = this.byIdentity.get(identity)?.filter((copy) => copy !== resource) ?? [];
    if (copies.length > 0) this.byIdentity.set(identity, copies);
    else this.byIdentity.delete(identity);
    this.effective.delete(resource);
    if (isIstioGroup(resource.group)) this.updateEffective(identity);
    const ruleHost = this.ruleHosts.get(resource);
    if (ruleHost !== undefined) {
      this.ruleHosts.delete(resource);
      this.wildcardRules.delete(resource);
      this.rulesByHost.get(ruleHost)?.delete(resource);
    }

    for (const entry of this.hostEntriesById.get(resource.id) ?? []) {
      if (isWildcardHost(entry.host)) this.wildcardHosts.delete(entry);
      else this.exactHosts.get(entry.host)?.delete(entry);
    }
    this.hostEntriesById.delete(resource.id);
    this.workloadsByNamespace.get(resource.namespace)?.delete(resource);
    if (isWorkloadKind(resource.groupKind)) {
      for (const [key, value] of Object.entries(ownWorkloadLabels(resource)))
        this.workloadsByLabel.get(`${key}=${value}`)?.delete(resource);
    }
    this.workloadCache.delete(resource.id);
    if (
      resource.groupKind === KINDS.Node &&
      this.nodes.get(nodeKey(resource.cluster, resource.name)) === resource
    ) {
      this.nodes.delete(nodeKey(resource.cluster, resource.name));
    }
    if (resource.groupKind === KINDS.Node || resource.groupKind === KINDS.Namespace)
      this.workloadCache.clear();
  }

  /**
   * Whether namespace `namespace` exists in cluster `cluster`: a Namespace object, or any object of the
   * cluster in it (the API server holds none outside an existing namespace; cluster files often omit the
   * Namespace objects). Undefined when nothing at all is known of the cluster.
   */
  namespaceInCluster(cluster: string, namespace: string): boolean | undefined {
    const namespaces = this.clusterNamespaces.get(cluster);
    if (!namespaces || namespaces.size === 0) return undefined;
    return (namespaces.get(namespace) ?? 0) > 0;
  }

  private countNamespace(resource: MeshResource, delta: number): void {
    if (resource.cluster === null) return;
    const namespace = resource.groupKind === KINDS.Namespace ? resource.name : resource.namespace;
    if (!namespace) return;
    let namespaces = this.clusterNamespaces.get(resource.cluster);
    if (!namespaces) this.clusterNamespaces.set(resource.cluster, (namespaces = new Map()));
    const count = (namespaces.get(namespace) ?? 0) + delta;
    if (count > 0) namespaces.set(namespace, count);
    else namespaces.delete(namespace);
  }

  /** Whether the resource takes part in the mesh view (see the header: effective config). */
  isEffective(resource: MeshResource): boolean {
    return this.effective.has(resource);
  }

  private updateEffective(identity: string): void {
    const copies = this.byIdentity.get(identity) ?? [];
    if (copies.length === 0) return;
    const istio = isIstioGroup(copies[0]!.group);
    const best = istio ? Math.min(...copies.map((copy) => this.rank(copy))) : 0;
    for (const copy of copies) {
      if (!istio || this.rank(copy) === best) this.effective.add(copy);
      else this.effective.delete(copy);
    }
  }

  private rank(resource: MeshResource): number {
    if (resource.cluster === null) return resource.origin === 'builtin' ? Number.MAX_SAFE_INTEGER : 0;
    return 1 + (this.clusterOrder.get(resource.cluster) ?? this.clusterOrder.size);
  }

  /** Effective resources of one kind (`KINDS.Gateway`, ...), in no particular order. */
  ofKind(groupKind: string): MeshResource[] {
    return [...(this.byKind.get(groupKind) ?? [])].filter((resource) => this.isEffective(resource));
  }

  /** Every copy of every object of a kind (all clusters, authored, effective or not). */
  copiesOfKind(groupKind: string): MeshResource[] {
    return [...(this.byKind.get(groupKind) ?? [])];
  }

  /** Every copy of an object (all clusters, authored, effective or not). */
  copies(groupKind: string, namespace: string, name: string): readonly MeshResource[] {
    return this.byIdentity.get(`${groupKind}/${namespace}/${name}`) ?? [];
  }

  /** The effective copies of an object: one for Istio config, one per cluster for Kubernetes objects. */
  find(groupKind: string, namespace: string, name: string): MeshResource[] {
    return this.copies(groupKind, namespace, name).filter((resource) => this.isEffective(resource));
  }

  /** Services and ServiceEntries whose host matches `host` (a normalised host; wildcards either side). */
  hostEntries(host: string): HostEntry[] {
    const found: HostEntry[] = [];
    if (isWildcardHost(host)) {
      for (const [exact, entries] of this.exactHosts) if (hostsOverlap(host, exact)) found.push(...entries);
    } else {
      found.push(...(this.exactHosts.get(host) ?? []));
    }
    for (const entry of this.wildcardHosts) if (hostsOverlap(host, entry.host)) found.push(entry);
    return found.filter((entry) => this.isEffective(entry.resource));
  }

  /**
   * The DestinationRules a proxy in `proxyNamespace` applies to `host`, as pilot picks them: those in the
   * proxy's namespace; else those exported by the service's namespace; else by the root namespace. In the
   * first namespace that has any, the most specific host wins and rules for that host are merged.
   */
  destinationRulesFor(
    host: string,
    proxyNamespace: string,
    serviceNamespace: string | undefined,
  ): MeshResource[] {
    return pickDestinationRules(
      this.destinationRulesCovering(host),
      proxyNamespace,
      serviceNamespace,
      this.meshConfigView,
    );
  }

  /** Every effective DestinationRule whose host covers `host`, in any namespace. */
  destinationRulesCovering(host: string): MeshResource[] {
    return this.destinationRuleCopiesCovering(host).filter((rule) => this.isEffective(rule));
  }

  /** Every copy (authored, every cluster's, effective or not) of the DestinationRules covering `host`. */
  destinationRuleCopiesCovering(host: string): MeshResource[] {
    const found = [...(this.rulesByHost.get(host) ?? [])];
    for (const rule of this.wildcardRules) if (hostCovers(this.ruleHosts.get(rule)!, host)) found.push(rule);
    return found;
  }

  /** The normalised `spec.host` of an indexed DestinationRule. */
  ruleHostOf(rule: MeshResource): string | undefined {
    return this.ruleHosts.get(rule);
  }

  /** Pods and WorkloadEntries of a namespace (every namespace when null), with their topology labels. */
  workloads(namespace: string | null): Workload[] {
    const resources =
      namespace === null
        ? [...this.workloadsByNamespace.values()].flatMap((set) => [...set])
        : [...(this.workloadsByNamespace.get(namespace) ?? [])];
    return resources.filter((r) => this.isEffective(r)).map((resource) => this.workload(resource));
  }

  /**
   * The effective workloads whose labels (their own plus those of their node, cluster and network) match
   * `selector`, in the order workloads() gives them. The candidates come from the label index through one
   * of the selector's pairs that only a workload's own labels can hold; a selector on topology labels
   * alone scans.
   */
  workloadsSelectedBy(selector: Labels, namespace: string | null): Workload[] {
    const key = Object.keys(selector).find((candidate) => !isTopologyLabel(candidate));
    if (key === undefined) {
      return this.workloads(namespace).filter((workload) => labelsMatch(selector, workload.labels));
    }
    const candidates = this.workloadsByLabel.get(`${key}=${selector[key]}`) ?? new Set<MeshResource>();
    const selected = (resources: Iterable<MeshResource>): Workload[] => {
      const found: Workload[] = [];
      for (const resource of resources) {
        if (!this.isEffective(resource)) continue;
        const workload = this.workload(resource);
        if (labelsMatch(selector, workload.labels)) found.push(workload);
      }
      return found;
    };
    if (namespace !== null) return selected([...candidates].filter((r) => r.namespace === namespace));
    // workloads(null) lists namespace by namespace, in the order namespaces first held a workload; the
    // index holds both in the order they were added, so grouping by namespace gives the same order.
    const byNamespace = new Map<string, MeshResource[]>();
    for (const resource of candidates) {
      const group = byNamespace.get(resource.namespace);
      if (group) group.push(resource);
      else byNamespace.set(resource.namespace, [resource]);
    }
    const found: Workload[] = [];
    for (const name of this.workloadsByNamespace.keys()) found.push(...selected(byNamespace.get(name) ?? []));
    return found;
  }

  private workload(resource: MeshResource): Workload {
    const cached = this.workloadCache.get(resource.id);
    if (cached) return cached;
    const info = resource.cluster === null ? undefined : this.clusterInfos.get(resource.cluster);
    const nodeName = asString(specOf(resource).nodeName);
    const namespaceCopy = this.copies(KINDS.Namespace, '', resource.namespace).find(
      (copy) => copy.cluster === resource.cluster,
    );
    const workload = workloadOf(resource, {
      node: nodeName ? this.nodes.get(nodeKey(resource.cluster, nodeName)) : undefined,
      clusterId: info?.facts.id ?? null,
      network: (namespaceCopy && labelsOf(namespaceCopy)[NETWORK_LABEL]) ?? info?.facts.network ?? null,
    });
    this.workloadCache.set(resource.id, workload);
    return workload;
  }
}

/**
 * Pilot's choice among the DestinationRules covering a host (see `destinationRulesFor`), over any list of
 * candidates: the merged view's, or one primary's view (model/primary-views.ts).
 */
export function pickDestinationRules(
  candidates: readonly MeshResource[],
  proxyNamespace: string,
  serviceNamespace: string | undefined,
  meshConfig: MeshConfigView,
): MeshResource[] {
  const tiers = [proxyNamespace, serviceNamespace, meshConfig.rootNamespace];
  for (const namespace of tiers) {
    if (!namespace) continue;
    const inTier = candidates.filter(
      (rule) =>
        rule.namespace === namespace &&
        (namespace === proxyNamespace ||
          exportToAllows(exportToOf(rule, meshConfig), rule.namespace, proxyNamespace)),
    );
    if (inTier.length === 0) continue;
    const specificity = (rule: MeshResource): number => hostSpecificity(destinationRuleHost(rule));
    const best = Math.max(...inTier.map(specificity));
    return inTier.filter((rule) => specificity(rule) === best);
  }
  return [];
}

/** A DestinationRule's `spec.host`, normalised in the rule's namespace. */
export function destinationRuleHost(rule: MeshResource): string {
  return normalizeHost(asString(specOf(rule).host) ?? '', rule.namespace);
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

function nodeKey(cluster: string | null, name: string): string {
  return `${cluster ?? ''}|${name}`;
}
