/**
 * What `meshwright topology` accepts: `--kubeconfig`, `--context` (repeatable), `--format text|json` and
 * `--timeout`, declared as data for parsing and help, and read into typed TopologyOptions.
 */
import { HELP_OPTION, type OptionSpec, type ParsedArguments } from './cli-arguments';
import { CliError } from './cli-errors';

export const TOPOLOGY_FORMATS = ['text', 'json'] as const;
export type TopologyFormat = (typeof TOPOLOGY_FORMATS)[number];

const DEFAULT_TIMEOUT_SECONDS = 15;

/** `--kubeconfig FILE`: shared with `meshwright analyze --kubeconfig`. */
export const KUBECONFIG_OPTION: OptionSpec = {
  name: 'kubeconfig',
  type: 'string',
  valueName: 'FILE',
  description: 'Kubeconfig to read clusters from (default: KUBECONFIG, else ~/.kube/config)',
};

/** `--context CONTEXT` (repeatable): shared with `meshwright analyze --context`. */
export const CONTEXT_OPTION: OptionSpec = {
  name: 'context',
  type: 'string',
  multiple: true,
  valueName: 'CONTEXT',
  description: 'Read only this kubeconfig context; repeat for several (default: every context)',
};

/** `--timeout SECONDS`: shared with `meshwright analyze --kubeconfig`. */
export const TIMEOUT_OPTION: OptionSpec = {
  name: 'timeout',
  type: 'string',
  valueName: 'SECONDS',
  description: `How long to wait for each cluster to be read (default: ${DEFAULT_TIMEOUT_SECONDS})`,
};

export const TOPOLOGY_OPTION_SPECS: readonly OptionSpec[] = [
  KUBECONFIG_OPTION,
  CONTEXT_OPTION,
  {
    name: 'format',
    type: 'string',
    valueName: 'FORMAT',
    choices: TOPOLOGY_FORMATS,
    description: 'Output format: text (a tree) or json (default: text)',
  },
  TIMEOUT_OPTION,
  HELP_OPTION,
];

export interface TopologyOptions {
  readonly kubeconfig: string | undefined;
  readonly contexts: readonly string[];
  readonly format: TopologyFormat;
  readonly timeoutMs: number;
}

export function readTopologyOptions(args: ParsedArguments): TopologyOptions {
  if (args.positionals.length > 0) {
    throw new CliError(
      `meshwright topology takes no arguments (got "${args.positionals[0]}")`,
      'name clusters with --context CONTEXT',
    );
  }
  return {
    kubeconfig: args.string('kubeconfig'),
    contexts: args.strings('context'),
    format: (args.string('format') ?? 'text') as TopologyFormat,
    timeoutMs: readTimeoutMs(args),
  };
}

/** `--timeout` in milliseconds, the default when it is not given. */
export function readTimeoutMs(args: ParsedArguments): number {
  const timeout = args.string('timeout');
  const seconds = timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(timeout);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new CliError(
      `--timeout "${timeout}" is not a number of seconds`,
      'give a number between 1 and 3600, e.g. --timeout 30',
    );
  }
  return Math.round(seconds * 1000);
}
