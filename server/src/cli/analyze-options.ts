/**
 * What `meshwright analyze` accepts: its option declarations (which drive parsing and help) and their
 * conversion into a typed, validated AnalyzeOptions. The analysis engine (issue 3) and live clusters
 * (issue 4) add their options here: `--cluster NAME=PATH`, `--suppress`, `--mesh-config`,
 * `--kubeconfig`, `--context`.
 */
import { DEFAULT_NAMESPACE } from '../yaml/resource-identity';
import { HELP_OPTION, type OptionSpec, type ParsedArguments } from './cli-arguments';
import { CliError } from './cli-errors';
import { type FailOnThreshold } from './exit-codes';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const FAIL_ON_CHOICES: readonly FailOnThreshold[] = ['error', 'warning', 'info', 'none'];

/** The path that means "read standard input". */
export const STDIN_PATH = '-';

export const ANALYZE_OPTION_SPECS: readonly OptionSpec[] = [
  {
    name: 'offline',
    type: 'boolean',
    description: 'Analyze the files only, without clusters (the only mode for now)',
  },
  {
    name: 'format',
    type: 'string',
    valueName: 'FORMAT',
    choices: OUTPUT_FORMATS,
    description: 'Output format: text, json or sarif (default: text)',
  },
  {
    name: 'fail-on',
    type: 'string',
    valueName: 'SEVERITY',
    choices: FAIL_ON_CHOICES,
    description:
      'Exit 1 on findings of this severity or worse: error, warning, info or none (default: error)',
  },
  {
    name: 'namespace',
    type: 'string',
    valueName: 'NS',
    description: `Namespace of objects without metadata.namespace (default: ${DEFAULT_NAMESPACE})`,
  },
  HELP_OPTION,
];

export interface AnalyzeOptions {
  /** As the user gave them; `-` is standard input. Never empty: no paths means the current directory. */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly failOn: FailOnThreshold;
  /** Where objects without `metadata.namespace` land. */
  readonly defaultNamespace: string;
}

/** A Kubernetes namespace name: an RFC 1123 label. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function readAnalyzeOptions(args: ParsedArguments): AnalyzeOptions {
  const namespace = args.string('namespace') ?? DEFAULT_NAMESPACE;
  if (!NAMESPACE_NAME.test(namespace)) {
    throw new CliError(
      `--namespace "${namespace}" is not a valid namespace name`,
      'use lower-case letters, digits and "-", at most 63 characters, starting and ending with a letter or digit',
    );
  }
  const stdinCount = args.positionals.filter((path) => path === STDIN_PATH).length;
  if (stdinCount > 1) {
    throw new CliError('standard input (-) is given more than once', 'give - at most once');
  }
  return {
    paths: args.positionals.length > 0 ? args.positionals : ['.'],
    format: (args.string('format') ?? 'text') as OutputFormat,
    failOn: (args.string('fail-on') ?? 'error') as FailOnThreshold,
    defaultNamespace: namespace,
  };
}
