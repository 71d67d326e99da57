/**
 * Decides, before any request, whether a cluster may be written to and with which credentials: a context
 * missing from the kubeconfig or one whose credential plugin needs a trusted workspace is refused with the
 * loader's reason; then a cluster whose role does not read Istio config (a remote, MESH107) or whose role
 * is not known yet is refused (target-roles.ts). The kubeconfig is loaded exactly as discovery loads it
 * (kubeconfig-loader.ts): same files, same merge, one KubeConfig per context, same trust rules.
 */
import { type KubeConfig } from '@kubernetes/client-node';
import {
  type ClusterEndpoint,
  KubeconfigError,
  type KubeconfigRequest,
  loadKubeconfig,
} from '../topology/kube-api/kubeconfig-loader';
import { failure } from './apply-failures';
import { type ApplyFailure } from '../../../protocol/apply';
import { type TargetRole, type TopologyKnowledge, roleRefusal, targetRolesOf } from './target-roles';

/** Everything the engine needs to know about where it may write. */
export interface ApplyEnvironment {
  /** The kubeconfig's contexts, or why the kubeconfig cannot be used at all. */
  readonly kubeconfig:
    | { readonly endpoints: readonly ClusterEndpoint[]; readonly files: readonly string[] }
    | { readonly problem: string };
  /** Each cluster the topology reads, with its role or why the role is not known; absent = not read. */
  readonly roles: ReadonlyMap<string, TargetRole>;
  /** Deadline of each request to a cluster (default 15 s). */
  readonly requestTimeoutMs?: number;
}

export const DEFAULT_APPLY_TIMEOUT_MS = 15_000;

export type ResolvedTarget =
  | { readonly cluster: string; readonly config: KubeConfig }
  | { readonly cluster: string; readonly refused: ApplyFailure };

/** Loads the kubeconfig (every context) and what the topology knows of each cluster's role. */
export function loadApplyEnvironment(
  request: KubeconfigRequest,
  topology: TopologyKnowledge,
  requestTimeoutMs = DEFAULT_APPLY_TIMEOUT_MS,
): ApplyEnvironment {
  return {
    kubeconfig: loadForApply(request),
    roles: targetRolesOf(topology),
    requestTimeoutMs,
  };
}

export function resolveTarget(cluster: string, environment: ApplyEnvironment): ResolvedTarget {
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
  // Fail closed: whatever the client sent, only a cluster known to read Istio config is written to.
  const refusedByRole = roleRefusal(cluster, environment.roles.get(cluster));
  if (refusedByRole) return { cluster, refused: refusedByRole };
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
