/**
 * How a cluster's health reads in the tree, the status bar and tooltips: which states count as stale
 * (anything but in sync, except the first sync still under way) and their short words.
 */
import { type ClusterHealthView } from '../../../../protocol/requests';
import { CLUSTER_STATE_WORDS } from '../../../../protocol/cluster-states';

/** True when the cluster's data is old or partial (unreachable, refused, RBAC gaps), not merely loading. */
export function isStale(health: ClusterHealthView | undefined): boolean {
  return health !== undefined && health.stale !== null && health.state !== 'connecting';
}

/** `in sync`, `connecting`, `partial`, `unreachable`, `credentials refused`, ... as the CLI says them. */
export function stateWord(health: ClusterHealthView | undefined): string {
  if (!health) return 'unknown';
  return CLUSTER_STATE_WORDS[health.state];
}

/** `14:02:10` in the local time zone (as the stale reasons write it), or `never`. */
export function lastSyncText(health: ClusterHealthView | undefined): string {
  if (!health?.lastSyncAt) return 'never';
  return new Date(health.lastSyncAt).toTimeString().slice(0, 8);
}

/**
 * The stale reason without its retry countdown ("; retrying in 4s" becomes "; retrying"): the countdown
 * changes with every retry, and re-rendering the tree for it would close the tooltip being read.
 */
export function steadyStaleReason(stale: string | null): string | null {
  return stale === null ? null : stale.replace(/; retrying (in \d+s|now)$/, '; retrying');
}

/** The part of a cluster's health the tree shows; equal values render the same. */
export function shownHealth(health: ClusterHealthView | undefined): unknown {
  if (!health) return null;
  return [health.state, health.reachable, steadyStaleReason(health.stale), health.unreadable];
}
