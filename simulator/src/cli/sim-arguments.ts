/** Parses `meshwright-sim` arguments into SimulatorOptions; bad usage throws UsageError with the fix. */
import { type MeshShape } from '../generator/mesh-generator';
import { type ClusterSource, type SimulatorOptions } from '../simulator';

export const USAGE = `Usage: meshwright-sim [--demo] [--cluster NAME=PATH[,PATH...]]... --kubeconfig OUT [options]

Serves each cluster from its YAML state (files or directories) as a Kubernetes API over HTTPS on
127.0.0.1, writes OUT, a kubeconfig with one context per cluster, and prints a line with "ready".

  --demo                     add the demo mesh: east, west (primaries) and edge (remote of east)
  --cluster NAME=PATH,...    a cluster named NAME, from YAML files or directories (repeatable)
  --generate SHAPE           add a generated mesh, e.g. clusters=50,services=500,pods=2,networks=5
                             (objects=small: workloads without what analysis never reads)
  --kubeconfig OUT           where to write the kubeconfig (required; mode 0600, holds tokens)
  --port P                   cluster i listens on P+i and the control API on P+N (default: free ports)
  --control-port P           port of the control API
  --watch-history N          change events kept per cluster for watch resumption (default 10000)
  --bookmark-interval-ms N   watch bookmark interval (default 60000)
  --kubernetes-version V     version reported by /version (default v1.32.4)
  -h, --help                 this help

Stop with Ctrl-C or SIGTERM. Fault knobs: see docs/simulator.md (control API).`;

export class UsageError extends Error {}

export interface SimArguments {
  help: boolean;
  options: SimulatorOptions;
  generate?: Partial<MeshShape>;
}

function integer(flag: string, value: string, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new UsageError(`${flag} needs a whole number >= ${min}, got ${JSON.stringify(value)}`);
  return number;
}

function parseCluster(value: string): ClusterSource {
  const equals = value.indexOf('=');
  const name = value.slice(0, equals);
  const paths = value
    .slice(equals + 1)
    .split(',')
    .filter(Boolean);
  if (equals <= 0 || paths.length === 0)
    throw new UsageError(`--cluster needs NAME=PATH[,PATH...], got ${JSON.stringify(value)}`);
  return { name, paths };
}

/** The numeric members of a shape, by their `--generate` key. */
const SHAPE_KEYS: Record<string, Exclude<keyof MeshShape, 'objects'>> = {
  clusters: 'clusters',
  networks: 'networks',
  services: 'servicesPerCluster',
  pods: 'podsPerService',
};

function parseShape(value: string): Partial<MeshShape> {
  const shape: Partial<MeshShape> = {};
  for (const part of value.split(',').filter(Boolean)) {
    const [key = '', number = ''] = part.split('=');
    if (key === 'objects') {
      if (number !== 'realistic' && number !== 'small')
        throw new UsageError(`--generate objects: realistic or small, got ${JSON.stringify(number)}`);
      shape.objects = number;
      continue;
    }
    const field = SHAPE_KEYS[key];
    if (!field)
      throw new UsageError(
        `--generate: unknown key ${JSON.stringify(key)}; use clusters, networks, services, pods, objects`,
      );
    shape[field] = integer(`--generate ${key}`, number, key === 'pods' || key === 'services' ? 0 : 1);
  }
  return shape;
}

/** `--flag=value` as two arguments. */
function splitInlineValues(argv: readonly string[]): string[] {
  return argv.flatMap((arg) => {
    const equals = arg.indexOf('=');
    return arg.startsWith('--') && equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg];
  });
}

export function parseSimArguments(argv: readonly string[]): SimArguments {
  const options: SimulatorOptions = {};
  const clusters: ClusterSource[] = [];
  let generate: Partial<MeshShape> | undefined;
  const args = splitInlineValues(argv);
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index] as string;
    const value = (): string => {
      const next = args[index + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      index += 1;
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { help: true, options };
      case '--demo':
        options.demo = true;
        break;
      case '--cluster':
        clusters.push(parseCluster(value()));
        break;
      case '--generate':
        generate = parseShape(value());
        break;
      case '--kubeconfig':
        options.kubeconfigPath = value();
        break;
      case '--port':
        options.port = integer('--port', value(), 1);
        break;
      case '--control-port':
        options.controlPort = integer('--control-port', value(), 1);
        break;
      case '--watch-history':
        options.watchHistorySize = integer('--watch-history', value(), 1);
        break;
      case '--bookmark-interval-ms':
        options.bookmarkIntervalMs = integer('--bookmark-interval-ms', value(), 10);
        break;
      case '--kubernetes-version':
        options.kubernetesVersion = value();
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(flag)}`);
    }
  }
  if (!options.kubeconfigPath)
    throw new UsageError('--kubeconfig OUT is required: clients need it to reach the simulated clusters');
  if (!options.demo && clusters.length === 0 && !generate)
    throw new UsageError('nothing to simulate: give --demo, --generate or at least one --cluster NAME=PATH');
  options.clusters = clusters;
  return { help: false, options, ...(generate ? { generate } : {}) };
}
