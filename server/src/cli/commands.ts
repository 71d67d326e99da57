/**
 * The command table of `meshwright`. A command declares its options (for parsing and help) and loads
 * its implementation only when it runs, so `--help`, `--version` and light commands never pay for the
 * schema service.
 */
import { ANALYZE_OPTION_SPECS, readAnalyzeOptions } from './analyze-options';
import { type OptionSpec, type ParsedArguments } from './cli-arguments';
import { type CliEnvironment } from './cli-environment';
import { CHECK_OPTION_SPECS, readCheckOptions } from './check-options';
import { TOPOLOGY_OPTION_SPECS, readTopologyOptions } from './topology-options';

export interface CommandDefinition {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage line after `meshwright `. */
  readonly usage: string;
  /** Paragraphs shown by `meshwright <command> --help`, after the usage line. */
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** Resolves to the exit code. */
  readonly run: (args: ParsedArguments, environment: CliEnvironment) => Promise<number>;
}

export const COMMANDS: readonly CommandDefinition[] = [
  {
    name: 'analyze',
    summary: 'Check Istio configuration files and report problems',
    usage: 'analyze [options] [PATHS...]',
    description: [
      'Checks every document in PATHS (files, or directories walked for .yaml, .yml and .json files;',
      'node_modules and dot-directories are skipped): YAML syntax, Istio schemas, references between',
      'resources, conflicts and multicluster rules. `-` reads standard input. With no PATHS, the current',
      'directory is analyzed.',
      '',
      'Offline (the default), the Kubernetes objects of PATHS are the cluster state, and an ingress',
      'gateway is assumed in istio-system unless they define one. --cluster NAME=PATH gives each cluster',
      'its own state from files instead; --kubeconfig/--context read live clusters once.',
      '',
      'Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or',
      'unreadable input, 3 incomplete analysis (an analyzer failed; the other findings are printed).',
    ].join('\n'),
    options: ANALYZE_OPTION_SPECS,
    run: async (args, environment) => {
      // Options are checked before the analyzer loads, so a usage error costs no start-up time.
      const options = readAnalyzeOptions(args);
      return (await import('./analyze-command')).runAnalyze(options, environment);
    },
  },
  {
    name: 'topology',
    summary: 'Show the clusters, networks and control planes of the mesh, read from the kubeconfig',
    usage: 'topology [--kubeconfig FILE] [--context CONTEXT]... [--format text|json]',
    description: [
      'Reads every context of the kubeconfig (or the --context ones) once, over the API servers, and',
      'shows what Meshwright knows of the mesh: networks, clusters with their role, cluster ID, revisions,',
      'control plane, mesh ID and trust domain, east-west gateways and remote secrets (the clusters each',
      'primary reads; never their contents). A cluster that cannot be read is shown with the reason.',
      '',
      'Exit status: 0 every cluster read completely, 1 some cluster stale or unreachable, 2 bad usage or',
      'an unusable kubeconfig.',
    ].join('\n'),
    options: TOPOLOGY_OPTION_SPECS,
    run: async (args, environment) => {
      const options = readTopologyOptions(args);
      return (await import('./topology-command')).runTopology(options, environment);
    },
  },
  {
    name: 'check',
    summary: 'Check trust, identity and remote access across the clusters of the mesh',
    usage: 'check [--kubeconfig FILE] [--context CONTEXT]... [--cluster NAME=DIR]... [--format text|json]',
    description: [
      'Prints one line per check per cluster or pair of clusters, with a pass (✔), warn (‼) or fail (✖)',
      'mark and a hint for each problem, in this order: reachability, identity, trust (common roots,',
      'certificate expiry, certificate authority), remote secrets, gateways and networks, istiod versions,',
      'config drift between primaries. Live clusters come from the kubeconfig (every context, or the',
      '--context ones); --cluster NAME=DIR checks cluster files instead. --format json prints the contract',
      'of docs/check.md.',
      '',
      '--verify-remote-secrets reads the remote secrets whole and uses each credential to ask its API server',
      'who it is and whether it may get/list/watch what istiod reads; credentials are never printed.',
      '',
      'Exit status: 0 no check at or above --fail-on (default: fail), 1 some, 2 bad usage or unreadable',
      'input, 3 incomplete (an analyzer failed).',
    ].join('\n'),
    options: CHECK_OPTION_SPECS,
    run: async (args, environment) => {
      const options = readCheckOptions(args);
      return (await import('./check-command')).runCheck(options, environment);
    },
  },
];

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((command) => command.name === name);
}
