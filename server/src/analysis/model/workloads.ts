/**
 * Workloads as Istio sees them: a Pod (or WorkloadEntry) with its own labels plus the labels istiod adds
 * to every endpoint (labelutil.AugmentLabels): `topology.istio.io/cluster` (the cluster ID),
 * `topology.istio.io/network`, the node's locality (`topology.kubernetes.io/region`/`zone`,
 * `topology.istio.io/subzone`) and `kubernetes.io/hostname`. DestinationRule subsets select on those.
 */
import { CLUSTER_LABEL, NETWORK_LABEL } from '../../mesh/derive-cluster-facts';
import { KINDS } from '../../../../protocol/kinds';
import { asString, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, labelsOf, specOf } from './resource';
import { type Labels } from './selectors';

export const REGION_LABEL = 'topology.kubernetes.io/region';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const SUBZONE_LABEL = 'topology.istio.io/subzone';
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

export interface Workload {
  readonly resource: MeshResource;
  readonly namespace: string;
  readonly cluster: string | null;
  /** The object's labels plus the topology labels istiod adds. */
  readonly labels: Labels;
}

/** What a workload's cluster contributes to its labels. */
export interface WorkloadTopology {
  /** Node object of the pod's `spec.nodeName`, in the pod's cluster. */
  readonly node: MeshResource | undefined;
  readonly clusterId: string | null;
  /** Network of the pod's namespace (label), else of its cluster. */
  readonly network: string | null;
}

const TOPOLOGY_LABELS: ReadonlySet<string> = new Set([
  REGION_LABEL,
  ZONE_LABEL,
  SUBZONE_LABEL,
  HOSTNAME_LABEL,
  CLUSTER_LABEL,
  NETWORK_LABEL,
]);

export function isWorkloadKind(groupKind: string): boolean {
  return groupKind === KINDS.Pod || groupKind === KINDS.WorkloadEntry;
}

/** The labels the workload object itself carries (a WorkloadEntry's `spec.labels`, a pod's labels). */
export function ownWorkloadLabels(resource: MeshResource): Labels {
  return resource.groupKind === KINDS.WorkloadEntry
    ? asStringMap(specOf(resource).labels)
    : labelsOf(resource);
}

/**
 * True for a label key workloadOf() may add from the workload's node, cluster or network: a selector on
 * such a key can match a workload whose own labels lack it.
 */
export function isTopologyLabel(key: string): boolean {
  return TOPOLOGY_LABELS.has(key);
}

export function workloadOf(resource: MeshResource, topology: WorkloadTopology): Workload {
  const own = ownWorkloadLabels(resource);
  const labels: Record<string, string> = {};
  const node = topology.node ? labelsOf(topology.node) : {};
  for (const key of [REGION_LABEL, ZONE_LABEL, SUBZONE_LABEL]) {
    const value = node[key];
    if (value) labels[key] = value;
  }
  const nodeName = asString(specOf(resource).nodeName);
  if (nodeName) labels[HOSTNAME_LABEL] = nodeName;
  if (topology.clusterId) labels[CLUSTER_LABEL] = topology.clusterId;
  const network =
    asString(specOf(resource).network) ?? labelsOf(resource)[NETWORK_LABEL] ?? topology.network ?? undefined;
  if (network) labels[NETWORK_LABEL] = network;
  // The workload's own labels win over the added ones, as in AugmentLabels.
  Object.assign(labels, own);
  return { resource, namespace: resource.namespace, cluster: resource.cluster, labels };
}
