/**
 * What `meshwright analyze` accepts: its option declarations (which drive parsing and help) and their
 * conversion into a typed, validated AnalyzeOptions. Everything that can be checked without reading a
 * file is checked here, so a usage error costs no start-up time and prints nothing but its one line.
 */
import { parseSuppressions } from '../mesh/suppression';
import { DEFAULT_NAMESPACE } from '../../../protocol/document-identity';
import { HELP_OPTION, type OptionSpec, type ParsedArguments } from './cli-arguments';
import { CliError } from './cli-errors';
import { type FailOnThreshold } from './exit-codes';
import { CONTEXT_OPTION, KUBECONFIG_OPTION, TIMEOUT_OPTION, readTimeoutMs } from './topology-options';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const FAIL_ON_CHOICES: readonly FailOnThreshold[] = ['error', 'warning', 'info', 'none'];

/** The path that means "read standard input". */
export const STDIN_PATH = '-';

export const ANALYZE_OPTION_SPECS: readonly OptionSpec[] = [
  {
    name: 'offline',
    type: 'boolean',
    description:
      'Analyze the files only (the default without --kubeconfig/--context): their Kubernetes objects are the cluster state',
  },
  {
    name: 'cluster',
    type: 'string',
    multiple: true,
    valueName: 'NAME=PATH[,PATH...]',
    description:
      "A cluster's state from files or directories (e.g. kubectl get -o yaml dumps); repeat for each cluster",
  },
  {
    name: 'mesh-config',
    type: 'string',
    valueName: 'FILE',
    description: 'MeshConfig to analyze with: a MeshConfig YAML document or the istio ConfigMap',
  },
  {
    name: 'mesh-networks',
    type: 'string',
    valueName: 'FILE',
    description: 'MeshNetworks to analyze with: a meshNetworks YAML document or the istio ConfigMap',
  },
  {
    name: 'targets',
    type: 'string',
    valueName: 'CLUSTER[,CLUSTER...]',
    description:
      'Clusters the documents are meant for where no "# meshwright: clusters=..." modeline says (default: every primary)',
  },
  {
    name: 'suppress',
    type: 'string',
    multiple: true,
    valueName: '"CODE=Kind name.namespace"',
    description: 'Hide these findings, as istioctl analyze --suppress; * is a wildcard; repeatable',
  },
  {
    name: 'no-render',
    type: 'boolean',
    description:
      'Analyze kustomization directories file by file instead of rendering each overlay (kustomize build / kubectl kustomize)',
  },
  {
    name: 'enable-helm',
    type: 'boolean',
    description:
      "Let rendered kustomizations run helm for their helmCharts (off by default: it runs charts' code)",
  },
  // Either one makes the analysis live: the clusters are read once (lists, never written).
  KUBECONFIG_OPTION,
  CONTEXT_OPTION,
  TIMEOUT_OPTION,
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
    name: 'require-complete',
    type: 'boolean',
    description:
      'Also exit 1 when a live cluster could not be read whole (unreachable, or a type refused): its checks were silent',
  },
  {
    name: 'namespace',
    type: 'string',
    valueName: 'NS',
    description: `Namespace of objects without metadata.namespace (default: ${DEFAULT_NAMESPACE})`,
  },
  HELP_OPTION,
];

/** `--cluster NAME=PATH[,PATH...]`. */
export interface ClusterOption {
  readonly name: string;
  /** As the user gave them: files or directories (walked like PATHS). */
  readonly paths: readonly string[];
}

/** `--kubeconfig` / `--context`: read the live clusters once before analyzing. */
export interface LiveClustersOption {
  readonly kubeconfig: string | undefined;
  readonly contexts: readonly string[];
  /** How long each cluster's read may take. */
  readonly timeoutMs: number;
}

export interface AnalyzeOptions {
  /** As the user gave them; `-` is standard input. Never empty: no paths means the current directory. */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly failOn: FailOnThreshold;
  /** `--require-complete`: a cluster not read whole fails the run (exit 1) as a finding would. */
  readonly requireComplete: boolean;
  /** Where objects without `metadata.namespace` land. */
  readonly defaultNamespace: string;
  readonly clusters: readonly ClusterOption[];
  readonly meshConfig: string | undefined;
  readonly meshNetworks: string | undefined;
  /** `CODE=Kind name.namespace` patterns, already checked. */
  readonly suppressions: readonly string[];
  /** Undefined: offline analysis of the files alone. */
  readonly live: LiveClustersOption | undefined;
  /** `--targets`: the clusters of documents no modeline governs; absent: every primary. */
  readonly targets?: readonly string[];
  /** Render Kustomize overlays and analyse what they produce (off with `--no-render`). */
  readonly render: boolean;
  /** `--enable-helm`: rendered kustomizations may inflate their `helmCharts`. */
  readonly renderHelm: boolean;
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
  const meshConfig = args.string('mesh-config');
  const meshNetworks = args.string('mesh-networks');
  for (const [flag, file] of [
    ['--mesh-config', meshConfig],
    ['--mesh-networks', meshNetworks],
  ] as const) {
    if (file === STDIN_PATH) {
      throw new CliError(`${flag} cannot read standard input`, `give ${flag} a file`);
    }
  }
  return {
    paths: args.positionals.length > 0 ? args.positionals : ['.'],
    format: (args.string('format') ?? 'text') as OutputFormat,
    failOn: (args.string('fail-on') ?? 'error') as FailOnThreshold,
    requireComplete: args.flag('require-complete'),
    defaultNamespace: namespace,
    clusters: readClusters(args.strings('cluster')),
    meshConfig,
    meshNetworks,
    suppressions: readSuppressions(args.strings('suppress')),
    live: readLive(args),
    render: !args.flag('no-render'),
    renderHelm: args.flag('enable-helm'),
    ...readTargets(args.string('targets')),
  };
}

function readTargets(value: string | undefined): { targets?: string[] } {
  if (value === undefined) return {};
  const names = value.split(',').map((name) => name.trim());
  if (names.length === 0 || names.some((name) => !CLUSTER_NAME.test(name))) {
    throw new CliError(
      `--targets "${value}" is not a list of cluster names`,
      'name kubeconfig contexts or --cluster names separated by commas, e.g. --targets east,west',
    );
  }
  return { targets: [...new Set(names)] };
}

/** Cluster names appear in every diagnostic about their objects; anything printable without `=` and `,`. */
const CLUSTER_NAME = /^[^\s=,]+$/;

export function readClusters(values: readonly string[]): ClusterOption[] {
  const clusters: ClusterOption[] = [];
  for (const value of values) {
    const equals = value.indexOf('=');
    const name = equals === -1 ? '' : value.slice(0, equals);
    const paths = equals === -1 ? [] : value.slice(equals + 1).split(',');
    if (!CLUSTER_NAME.test(name) || paths.length === 0 || paths.some((path) => path.trim() === '')) {
      throw new CliError(
        `--cluster "${value}" is not of the form NAME=PATH[,PATH...]`,
        'name the cluster and its files or directories, e.g. --cluster east=clusters/east,east-extra.yaml',
      );
    }
    if (paths.includes(STDIN_PATH)) {
      throw new CliError(`--cluster ${name} cannot read standard input`, 'give it files or directories');
    }
    if (clusters.some((cluster) => cluster.name === name)) {
      throw new CliError(
        `cluster "${name}" is given twice`,
        `list all of its paths in one --cluster ${name}=PATH,PATH`,
      );
    }
    clusters.push({ name, paths });
  }
  return clusters;
}

function readSuppressions(patterns: readonly string[]): string[] {
  for (const pattern of patterns) {
    if (parseSuppressions([pattern]).errors.length > 0) {
      throw new CliError(
        `--suppress "${pattern}" is not of the form CODE=Kind name.namespace`,
        'e.g. --suppress "IST0102=Namespace default" or --suppress "IST0101=VirtualService *.bookinfo" (* matches anything; a cluster-scoped object is matched by its name alone)',
      );
    }
  }
  return [...patterns];
}

function readLive(args: ParsedArguments): LiveClustersOption | undefined {
  const kubeconfig = args.string('kubeconfig');
  const contexts = args.strings('context');
  if (kubeconfig === undefined && contexts.length === 0) {
    if (args.string('timeout') !== undefined) {
      throw new CliError(
        '--timeout applies to live clusters only',
        'add --kubeconfig FILE or --context CONTEXT to read clusters, or drop --timeout',
      );
    }
    return undefined;
  }
  if (args.flag('offline')) {
    throw new CliError(
      '--offline cannot be combined with --kubeconfig or --context',
      'drop --offline to analyze against the live clusters, or drop --kubeconfig/--context',
    );
  }
  return { kubeconfig, contexts, timeoutMs: readTimeoutMs(args) };
}
