/**
 * Decides, before any request, whether a cluster may be written to and with which credentials: a remote
 * cluster is refused with MESH107's explanation (no control plane reads Istio config there), a context
 * missing from the kubeconfig or one whose credential plugin needs a trusted workspace is refused with the
 * loader's reason. The kubeconfig is loaded exactly as discovery loads it (kubeconfig-loader.ts): same
 * files, same merge, one KubeConfig per context, same trust rules.
 */
import { type KubeConfig } from '@kubernetes/client-node';
import {
  type ClusterEndpoint,
  KubeconfigError,
  type KubeconfigRequest,
  loadKubeconfig,
} from '../topology/kubeconfig-loader';
import { type TopologySnapshot } from '../topology/snapshot';
import { failure } from './apply-failures';
import { type ApplyFailure } from './apply-types';

/** Everything the engine needs to know about where it may write. */
export interface ApplyEnvironment {
  /** The kubeconfig's contexts, or why the kubeconfig cannot be used at all. */
  readonly kubeconfig:
    | { readonly endpoints: readonly ClusterEndpoint[]; readonly files: readonly string[] }
    | { readonly problem: string };
  /** Remote clusters of the topology: name → the cluster whose control plane serves it (null if unknown). */
  readonly remoteClusters: ReadonlyMap<string, string | null>;
  /** Deadline of each request to a cluster (default 15 s). */
  readonly requestTimeoutMs?: number;
}

export const DEFAULT_APPLY_TIMEOUT_MS = 15_000;

export type ResolvedTarget =
  | { readonly cluster: string; readonly config: KubeConfig }
  | { readonly cluster: string; readonly refused: ApplyFailure };

/** Loads the kubeconfig (every context) and reads which clusters are remote from the topology snapshot. */
export function loadApplyEnvironment(
  request: KubeconfigRequest,
  snapshot: TopologySnapshot,
  requestTimeoutMs = DEFAULT_APPLY_TIMEOUT_MS,
): ApplyEnvironment {
  return {
    kubeconfig: loadForApply(request),
    remoteClusters: remoteClustersOf(snapshot),
    requestTimeoutMs,
  };
}

export function remoteClustersOf(snapshot: TopologySnapshot): Map<string, string | null> {
  return new Map(
    snapshot.clusters
      .filter((cluster) => cluster.role === 'remote')
      .map((cluster) => [cluster.name, cluster.controlPlane]),
  );
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

export function resolveTarget(cluster: string, environment: ApplyEnvironment): ResolvedTarget {
  if (environment.remoteClusters.has(cluster)) {
    return {
      cluster,
      refused: remoteClusterRefusal(cluster, environment.remoteClusters.get(cluster) ?? null),
    };
  }
  const { kubeconfig } = environment;
  if ('problem' in kubeconfig) {
    return { cluster, refused: failure('kubeconfig', `cannot apply to ${cluster}: ${kubeconfig.problem}`) };
  }
  const endpoint = kubeconfig.endpoints.find((candidate) => candidate.name === cluster);
  if (!endpoint) {
    const known = kubeconfig.endpoints.map((candidate) => candidate.name).join(', ') || 'none';
    return {
      cluster,
      refused: failure(
        'kubeconfig',
        `context ${cluster} is not in the kubeconfig (${kubeconfig.files.join(', ')}); its contexts are: ${known}`,
      ),
    };
  }
  if (!endpoint.config) {
    return {
      cluster,
      refused: failure(
        'kubeconfig',
        `cannot apply to ${cluster}: ${endpoint.refused ?? 'the context is unusable'}`,
      ),
    };
  }
  return { cluster, config: endpoint.config };
}

function loadForApply(request: KubeconfigRequest): ApplyEnvironment['kubeconfig'] {
  try {
    // Every context: the targets are named by the caller, and an unknown one is refused per cluster.
    const loaded = loadKubeconfig({ ...request, contexts: [] });
    return { endpoints: loaded.endpoints, files: loaded.files };
  } catch (error) {
    if (error instanceof KubeconfigError) return { problem: error.message };
    throw error;
  }
}
