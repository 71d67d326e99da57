/**
 * `meshwright topology`: reads the clusters of the kubeconfig once (lists, no watches) and prints what
 * Meshwright knows of the mesh: networks, clusters with their role, ID, revisions and control plane,
 * east-west gateways and remote secrets, and why a cluster could not be read. Exit status: 0 every
 * cluster read completely, 1 some cluster stale or unreachable (the output still shows it), 2 bad usage
 * or an unusable kubeconfig.
 */
import { discoverTopology } from '../topology/discover-topology';
import { KubeconfigError } from '../topology/kube-api/kubeconfig-loader';
import { summarizeTopology } from '../views/topology-summary';
import { type CliEnvironment } from './cli-environment';
import { CliError } from './cli-errors';
import { EXIT_FINDINGS, EXIT_OK } from './exit-codes';
import { formatTopologyText } from './format-topology-text';
import { readPackageInfo } from './package-info';
import { type TopologyOptions } from './topology-options';

export async function runTopology(options: TopologyOptions, environment: CliEnvironment): Promise<number> {
  let result;
  try {
    result = await discoverTopology({
      kubeconfig: options.kubeconfig,
      contexts: options.contexts,
      timeoutMs: options.timeoutMs,
      // The user runs this command in their own terminal, like kubectl: credential plugins may run.
      trusted: true,
      env: environment.env,
    });
  } catch (error) {
    if (error instanceof KubeconfigError) throw new CliError(error.problem, error.remedy);
    throw error;
  }
  const summary = summarizeTopology(result.snapshot);
  if (options.format === 'json') {
    const tool = { name: 'meshwright', version: readPackageInfo().version };
    environment.stdout.write(`${JSON.stringify({ tool, ...summary }, null, 2)}\n`);
  } else environment.stdout.write(formatTopologyText(summary, result.health));
  return summary.clusters.some((cluster) => cluster.stale !== null) ? EXIT_FINDINGS : EXIT_OK;
}
