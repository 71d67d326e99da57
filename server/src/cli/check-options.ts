/**
 * What `meshwright check` accepts: `--cluster NAME=DIR` (offline), `--kubeconfig`/`--context` (live; the
 * default when no --cluster is given: every context of the kubeconfig), `--format text|json`,
 * `--fail-on`, `--timeout` and `--verify-remote-secrets`.
 */
import { HELP_OPTION, type OptionSpec, type ParsedArguments } from './cli-arguments';
import { CliError } from './cli-errors';
import {
  ANALYZE_OPTION_SPECS,
  type ClusterOption,
  type LiveClustersOption,
  readClusters,
} from './analyze-options';
import { CONTEXT_OPTION, KUBECONFIG_OPTION, TIMEOUT_OPTION, readTimeoutMs } from './topology-options';

export const CHECK_FORMATS = ['text', 'json'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
export const CHECK_FAIL_ON = ['fail', 'warn', 'none'] as const;
export type CheckFailOn = (typeof CHECK_FAIL_ON)[number];

const CLUSTER_OPTION = ANALYZE_OPTION_SPECS.find((spec) => spec.name === 'cluster')!;

export const CHECK_OPTION_SPECS: readonly OptionSpec[] = [
  KUBECONFIG_OPTION,
  CONTEXT_OPTION,
  CLUSTER_OPTION,
  TIMEOUT_OPTION,
  {
    name: 'verify-remote-secrets',
    type: 'boolean',
    description:
      "Use each remote secret's credential to ask its API server who it is and whether it may read what istiod reads (never printed)",
  },
  {
    name: 'format',
    type: 'string',
    valueName: 'FORMAT',
    choices: CHECK_FORMATS,
    description: 'Output format: text (a checklist) or json (default: text)',
  },
  {
    name: 'fail-on',
    type: 'string',
    valueName: 'STATUS',
    choices: CHECK_FAIL_ON,
    description: 'Exit 1 when a check has this status or worse: fail, warn or none (default: fail)',
  },
  HELP_OPTION,
];

export interface CheckOptions {
  readonly clusters: readonly ClusterOption[];
  /** Undefined with --cluster only: no live clusters. */
  readonly live: LiveClustersOption | undefined;
  readonly format: CheckFormat;
  readonly failOn: CheckFailOn;
  readonly verifyRemoteSecrets: boolean;
}

export function readCheckOptions(args: ParsedArguments): CheckOptions {
  if (args.positionals.length > 0) {
    throw new CliError(
      `meshwright check takes no arguments (got "${args.positionals[0]}")`,
      'name clusters with --context CONTEXT or --cluster NAME=DIR',
    );
  }
  const clusters = readClusters(args.strings('cluster'));
  const kubeconfig = args.string('kubeconfig');
  const contexts = args.strings('context');
  const live =
    clusters.length === 0 || kubeconfig !== undefined || contexts.length > 0
      ? { kubeconfig, contexts, timeoutMs: readTimeoutMs(args) }
      : undefined;
  return {
    clusters,
    live,
    format: (args.string('format') ?? 'text') as CheckFormat,
    failOn: (args.string('fail-on') ?? 'fail') as CheckFailOn,
    verifyRemoteSecrets: args.flag('verify-remote-secrets'),
  };
}
