/**
 * Drift of Istio and Gateway API configuration (analysis/model/primary-compared-config.ts) between the clusters whose control planes read it (primaries and
 * external-control-plane config clusters): for each such cluster, the Istio objects where it disagrees
 * with the others. Feeds the mesh map's drift colour; "differs" means what `compareObjectCopies` says
 * (authored content only), so the map and the cross-control-plane checks agree.
 *
 * Agreement is by majority: for one object (kind, namespace, name), every config cluster is in one
 * state, "absent" or a copy with some content; the clusters outside the single largest state are
 * drifted. With a tie (two primaries that differ) every side counts, since neither is the reference.
 * Pure: a snapshot in, per-cluster findings out.
 */
import { authoredContent, compareObjectCopies, formatFieldPath } from '../analysis/model/object-drift';
import { groupKindOf } from '../../../protocol/kinds';
import { isComparedAcrossPrimaries } from '../analysis/model/primary-compared-config';
import { liveObjectUri } from '../yaml/live-object-document';
import { type ClusterSnapshot, type KubeObject } from '../mesh/snapshot';
import { type DriftedObject } from '../../../protocol/mesh-graph';

/** Fields listed per drifted object: enough to recognise the change, short enough for a tooltip. */
const MAX_FIELDS = 5;
const ABSENT = '';

/** Clusters whose Istio configuration a control plane reads. */
export function readsIstioConfig(cluster: ClusterSnapshot): boolean {
  return cluster.role === 'primary' || cluster.role === 'config';
}

/**
 * Drifted objects per config cluster name (every config cluster has an entry, empty when it agrees),
 * sorted by resource. Fewer than two config clusters: nothing to compare, every list is empty.
 */
export function configDriftByCluster(clusters: readonly ClusterSnapshot[]): Map<string, DriftedObject[]> {
  const readers = clusters.filter(readsIstioConfig);
  const result = new Map<string, DriftedObject[]>(readers.map((cluster) => [cluster.name, []]));
  if (readers.length < 2) return result;

  const copies = new Map<string, { resource: string; byCluster: Map<string, IstioCopy> }>();
  for (const cluster of readers) {
    for (const copy of istioCopiesOf(cluster)) {
      let entry = copies.get(copy.key);
      if (!entry) {
        entry = { resource: copy.resource, byCluster: new Map() };
        copies.set(copy.key, entry);
      }
      entry.byCluster.set(cluster.name, copy);
    }
  }

  for (const { resource, byCluster } of copies.values()) {
    const groups = groupByContent(readers, byCluster);
    if (groups.length === 1) continue;
    const largest = Math.max(...groups.map((group) => group.clusters.length));
    const majority = groups.filter((group) => group.clusters.length === largest);
    const consensus = majority.length === 1 ? majority[0] : undefined;
    for (const group of groups) {
      if (group === consensus) continue;
      // Compare with the consensus, or (in a tie) with the first other side.
      const other = consensus ?? groups.find((candidate) => candidate !== group);
      for (const cluster of group.clusters) {
        result.get(cluster)?.push(driftedObject(resource, cluster, group.content, other, byCluster));
      }
    }
  }
  for (const list of result.values()) list.sort((a, b) => a.resource.localeCompare(b.resource));
  return result;
}

/** One Istio object of a cluster, with its identity and canonical authored content. */
interface IstioCopy {
  /** `DestinationRule.networking.istio.io bookinfo/ratings`: the same object in every cluster. */
  readonly key: string;
  /** `DestinationRule bookinfo/ratings`, for people. */
  readonly resource: string;
  readonly object: KubeObject;
  readonly content: string;
}

/**
 * A cluster's Istio objects, read once per cluster snapshot: the snapshot builder reuses the snapshot of
 * a cluster that did not change, so after a change only the changed cluster is read again (at 50
 * clusters x 500 services, scanning and canonicalising every cluster costs over 100 ms; one, a few).
 */
const copiesByCluster = new WeakMap<ClusterSnapshot, readonly IstioCopy[]>();

function istioCopiesOf(cluster: ClusterSnapshot): readonly IstioCopy[] {
  const cached = copiesByCluster.get(cluster);
  if (cached) return cached;
  const copies = cluster.objects.filter(isComparedAcrossPrimaries).map((object): IstioCopy => {
    const namespace = object.metadata.namespace ?? '';
    return {
      key: `${groupKindOf(object.apiVersion, object.kind)} ${namespace}/${object.metadata.name}`,
      resource: `${object.kind} ${namespace ? `${namespace}/` : ''}${object.metadata.name}`,
      object,
      content: canonicalJson(authoredContent(object)),
    };
  });
  copiesByCluster.set(cluster, copies);
  return copies;
}

interface ContentGroup {
  /** Canonical authored content, or ABSENT. */
  readonly content: string;
  readonly clusters: string[];
}

function groupByContent(
  readers: readonly ClusterSnapshot[],
  byCluster: ReadonlyMap<string, IstioCopy>,
): ContentGroup[] {
  const groups = new Map<string, ContentGroup>();
  for (const cluster of readers) {
    const content = byCluster.get(cluster.name)?.content ?? ABSENT;
    let group = groups.get(content);
    if (!group) {
      group = { content, clusters: [] };
      groups.set(content, group);
    }
    group.clusters.push(cluster.name);
  }
  return [...groups.values()];
}

function driftedObject(
  resource: string,
  cluster: string,
  content: string,
  other: ContentGroup | undefined,
  byCluster: ReadonlyMap<string, IstioCopy>,
): DriftedObject {
  const comparedWith = other?.clusters[0] ?? null;
  const own = byCluster.get(cluster)?.object;
  const liveUri = own
    ? liveObjectUri(cluster, own.kind, own.metadata.namespace ?? '', own.metadata.name)
    : null;
  if (content === ABSENT) return { resource, kind: 'missing', comparedWith, fields: [], liveUri };
  if (!other || other.content === ABSENT)
    return { resource, kind: 'extra', comparedWith, fields: [], liveUri };
  const reference = byCluster.get(other.clusters[0] ?? '')?.object;
  const comparison = compareObjectCopies([
    { cluster: comparedWith ?? '', object: reference },
    { cluster, object: own },
  ]);
  const paths = comparison.differences.find((difference) => difference.cluster === cluster)?.paths ?? [];
  return {
    resource,
    kind: 'differs',
    comparedWith,
    fields: paths.slice(0, MAX_FIELDS).map(formatFieldPath),
    liveUri,
  };
}

/**
 * JSON with sorted keys and without nulls, so two copies group together exactly when
 * `compareObjectCopies` finds no difference (it treats an absent field and null alike).
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item != null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, normalise(item)]);
    return Object.fromEntries(entries);
  }
  return value;
}
