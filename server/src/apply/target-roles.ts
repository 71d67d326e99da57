/**
 * What the topology knows about each apply target's role, and why it does not when it does not. Applying
 * to a remote cluster is a silent no-op at best (no control plane reads Istio config there), so the apply
 * engine writes only where the role is known to be one that reads config. The role is derived from a
 * cluster's namespaces, Services and Deployments (derive-cluster-facts.ts): until they have all been read
 * (first sync in progress, never reached, or refused by RBAC) a remote cluster looks like any other, so an
 * unknown role is refused, never guessed.
 */
import { type ClusterHealth } from '../topology/cluster-health';
import { type ClusterRole, type TopologySnapshot } from '../mesh/snapshot';
import { failure } from './apply-failures';
import { type ApplyFailure } from '../../../protocol/apply';

export type TargetRole =
  | { readonly known: true; readonly role: ClusterRole; readonly controlPlane: string | null }
  | { readonly known: false; readonly reason: string };

/** What the topology offers: the latest snapshot and each cluster's health as of it. */
export interface TopologyKnowledge {
  readonly snapshot: TopologySnapshot;
  readonly health: readonly ClusterHealth[];
}

/** The watched types a cluster's role is derived from (ids of watched-resources.ts). */
const ROLE_SOURCES: readonly string[] = [
  'namespaces',
  'services',
  'deployments.apps',
  'validatingwebhookconfigurations.admissionregistration.k8s.io',
];

/** Roles whose cluster has a control plane that reads the Istio config written there. */
const CONFIG_READING_ROLES: ReadonlySet<ClusterRole> = new Set(['primary', 'config']);

export function targetRolesOf(topology: TopologyKnowledge): Map<string, TargetRole> {
  const clusters = new Map(topology.snapshot.clusters.map((cluster) => [cluster.name, cluster]));
  return new Map(
    topology.health.map((health): [string, TargetRole] => {
      const cluster = clusters.get(health.cluster);
      const unknown = (reason: string): [string, TargetRole] => [health.cluster, { known: false, reason }];
      if (health.state === 'connecting') return unknown('first sync in progress');
      if (health.state === 'refused')
        return unknown(`it is not read: ${health.stale ?? 'the context is unusable'}`);
      // lastSyncAt is set once every type has been read (or has failed): before, the objects are partial.
      if (health.lastSyncAt === null || !cluster) {
        return unknown(`it has not been read yet${health.stale ? `: ${health.stale}` : ''}`);
      }
      const missing = ROLE_SOURCES.filter((source) => health.unreadable.includes(source));
      if (missing.length > 0)
        return unknown(`the read is partial: ${missing.join(', ')} cannot be read there`);
      return [health.cluster, { known: true, role: cluster.role, controlPlane: cluster.controlPlane }];
    }),
  );
}

/** Why a cluster may not be written to because of its role; null when its role reads Istio config. */
export function roleRefusal(cluster: string, role: TargetRole | undefined): ApplyFailure | null {
  if (!role) {
    return failure(
      'role-unknown',
      `role of ${cluster} not known: Meshwright does not read that context (add it to meshwright.contexts), so it cannot tell whether a control plane reads config there`,
    );
  }
  if (!role.known) {
    return failure(
      'role-unknown',
      `role of ${cluster} not known yet (${role.reason}); try again when the Topology view shows it`,
    );
  }
  if (role.role === 'remote') return remoteClusterRefusal(cluster, role.controlPlane);
  if (!CONFIG_READING_ROLES.has(role.role)) {
    return failure(
      'role-unknown',
      `role of ${cluster} not known: no Istio control plane was found there (no istiod Deployment, no remote istiod Service in istio-system), so nothing would read the config; apply to the primary that serves it`,
    );
  }
  return null;
}

/** MESH107's explanation for a remote target, e.g. "edge is a remote cluster served by east: ...". */
export function remoteClusterRefusal(cluster: string, controlPlane: string | null): ApplyFailure {
  const servedBy = controlPlane && controlPlane !== cluster ? ` served by ${controlPlane}` : '';
  const instead = controlPlane && controlPlane !== cluster ? controlPlane : 'the primary that serves it';
  return failure(
    'remote-cluster',
    `${cluster} is a remote cluster${servedBy}: no control plane reads Istio config there; apply to ${instead} instead (MESH107)`,
  );
}
