/** A cluster's state as Meshwright reads it, and how each state reads for people everywhere it is shown. */

/**
 * connecting: first sync in progress; synced: every type read and watched; degraded: some types cannot
 * be read (RBAC, server errors), the rest is current; unreachable / unauthorized: nothing can be read now,
 * the last known objects are kept (unauthorized also when the exec credential plugin gave no credential);
 * refused: not read: never contacted (credential plugin in an untrusted workspace, broken context), or
 * the credentials are accepted but RBAC refuses every type (reachable then, and retried).
 */
export type ClusterState = 'connecting' | 'synced' | 'degraded' | 'unreachable' | 'unauthorized' | 'refused';

/** How each state reads for people: in `meshwright topology`, the sidebar's tree, tooltips and status bar. */
export const CLUSTER_STATE_WORDS: Readonly<Record<ClusterState, string>> = {
  synced: 'in sync',
  degraded: 'partial',
  connecting: 'connecting',
  unreachable: 'unreachable',
  unauthorized: 'credentials refused',
  refused: 'not read',
};
