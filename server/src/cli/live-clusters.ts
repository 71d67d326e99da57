/**
 * `meshwright analyze --kubeconfig FILE --context NAME...`: reads the live clusters once (lists, no
 * watches) into a topology snapshot for the engine. A cluster that cannot be read is analysed with what
 * could be read, and stderr says so with the cause, so a CI run never mistakes a silent cluster for a
 * clean one. An unusable kubeconfig is a usage error.
 */
import { type ClusterHealth } from '../topology/cluster-health';
import { type TopologySnapshot } from '../mesh/snapshot';
import { type LiveClustersOption } from './analyze-options';
import { type CliEnvironment } from './cli-environment';
import { CliError } from './cli-errors';
import { KubeconfigError, discoverTopology } from './live-discovery';

export interface LiveClusters {
  readonly snapshot: TopologySnapshot;
  /** Each cluster's health as read: what the report says about it (cluster-report.ts). */
  readonly health: readonly ClusterHealth[];
  /** Each context's API server URL (Argo CD destinations name clusters by it). */
  readonly endpoints: ReadonlyMap<string, string>;
}

export async function readLiveClusters(
  live: LiveClustersOption,
  environment: CliEnvironment,
): Promise<LiveClusters> {
  let result;
  try {
    result = await discoverTopology({
      kubeconfig: live.kubeconfig,
      contexts: live.contexts,
      timeoutMs: live.timeoutMs,
      // The user runs this command in their own terminal, like kubectl: credential plugins may run.
      trusted: true,
      env: environment.env,
    });
  } catch (error) {
    if (error instanceof KubeconfigError) throw new CliError(error.problem, error.remedy);
    throw error;
  }
  for (const health of result.health) {
    // A partial cluster's reason ("RBAC: cannot list ...") does not name it: the warning does.
    const named = health.stale?.includes(`cluster ${health.cluster}`) ? '' : `cluster ${health.cluster}: `;
    if (health.stale) environment.stderr.write(`meshwright: warning: ${named}${health.stale}\n`);
  }
  return { snapshot: result.snapshot, health: result.health, endpoints: result.endpoints };
}
