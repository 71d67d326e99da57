/**
 * What the report says about each cluster the analysis read: whether all of it was read, and if not,
 * which types were not and why. A CI run must never mistake a cluster it could not read for a clean one:
 * the JSON's `clusters` section, the text summary and `--require-complete` are made from these.
 *
 * Clusters from files (`--cluster NAME=DIR`) are complete by definition: their files are the state.
 */
import { CLUSTER_STATE_WORDS, type ClusterState } from '../../../protocol/cluster-states';
import { type ClusterHealth } from '../topology/cluster-health';

export interface ReportedCluster {
  readonly name: string;
  /** `live`: read from the API server (--kubeconfig/--context); `files`: --cluster NAME=DIR. */
  readonly source: 'live' | 'files';
  /** A live cluster's state (`synced`, `degraded`, `unreachable`, ...); `files` for a cluster from files. */
  readonly state: ClusterState | 'files';
  /** Every type was read: the analysis saw the whole cluster. */
  readonly complete: boolean;
  /** The API server answered; null for a cluster from files. */
  readonly reachable: boolean | null;
  /** The types not read, e.g. `destinationrules.networking.istio.io`, `secrets in istio-system`. */
  readonly unread: readonly string[];
  /** Why it is not complete, with the way out; null when complete. */
  readonly reason: string | null;
}

export function liveClusterReport(health: ClusterHealth): ReportedCluster {
  const complete = health.state === 'synced' && health.unread.length === 0;
  return {
    name: health.cluster,
    source: 'live',
    state: health.state,
    complete,
    reachable: health.reachable,
    unread: health.unread.map((type) => type.id),
    reason: complete
      ? null
      : (health.stale ?? `cluster ${health.cluster} ${CLUSTER_STATE_WORDS[health.state]}`),
  };
}

export function fileClusterReport(name: string): ReportedCluster {
  return { name, source: 'files', state: 'files', complete: true, reachable: null, unread: [], reason: null };
}

/** `cluster west partial: destinationrules.networking.istio.io not read (RBAC: ...)`: one line per incomplete cluster. */
export function describeIncomplete(cluster: ReportedCluster): string {
  const state = cluster.state === 'files' ? 'files' : CLUSTER_STATE_WORDS[cluster.state];
  const unread =
    cluster.unread.length === 0
      ? ''
      : cluster.unread.length <= 3
        ? `: ${cluster.unread.join(', ')} not read`
        : `: ${cluster.unread.length} resource types not read`;
  return `cluster ${cluster.name} ${state}${unread}; the checks that need what was not read are silent${cluster.reason ? ` (${cluster.reason})` : ''}`;
}
