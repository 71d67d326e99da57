/**
 * The checklist of the Mesh Health view from the language server's live state: the clusters of the
 * snapshot as `meshwright check` sees live clusters, the analysis of that snapshot, and the last
 * verification of the remote secrets, if the user asked for one. Pure.
 */
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { type ClusterSnapshot, type TopologySnapshot } from '../mesh/snapshot';
import { type ClusterFacts } from '../mesh/derive-cluster-facts';
import { type RemoteAccessResult } from '../topology/remote-access-review';
import { type CheckResult } from '../../../protocol/check-results';
import { buildChecks, type CheckedCluster } from './check-list';

export interface MeshHealthInputs {
  readonly snapshot: TopologySnapshot;
  /** The analysis of the snapshot alone (no workspace documents), as `meshwright check` runs it. */
  readonly diagnostics: readonly MeshDiagnostic[];
  readonly verification?: readonly RemoteAccessResult[];
  readonly now?: Date;
}

export function meshHealthChecks(inputs: MeshHealthInputs): CheckResult[] {
  if (inputs.snapshot.clusters.length === 0) return [];
  return buildChecks({
    clusters: inputs.snapshot.clusters.map(checkedCluster),
    diagnostics: inputs.diagnostics,
    ...(inputs.verification ? { verification: inputs.verification } : {}),
    ...(inputs.now ? { now: inputs.now } : {}),
  });
}

/** The primaries whose remote secrets a verification can use: read now and known to be primaries. */
export function verifiablePrimaries(snapshot: TopologySnapshot): string[] {
  return snapshot.clusters.filter((c) => c.reachable && c.role === 'primary').map((c) => c.name);
}

function checkedCluster(cluster: ClusterSnapshot): CheckedCluster {
  const unreadKinds = (cluster.unread ?? []).map((type) => type.kind);
  return {
    facts: factsOf(cluster),
    reachable: cluster.reachable,
    stale: cluster.stale,
    source: 'live',
    ...(unreadKinds.length > 0 ? { unreadKinds } : {}),
  };
}

function factsOf(cluster: ClusterSnapshot): ClusterFacts {
  const { objects: _objects, reachable: _reachable, stale: _stale, unread: _unread, ...facts } = cluster;
  return facts;
}
