/**
 * Offline/live parity: one fixture case analysed both ways must give the same
 * diagnostics.
 *
 * - Offline: each `clusters/<name>` directory is `--cluster name=dir` (the engine's `analyze`, as the CLI
 *   calls it: the cluster files are the cluster state, no default ingress gateway is assumed).
 * - Live: the same directories are served by the simulator (in-process, real HTTPS), discovered with
 *   `discoverTopology` (the code behind `meshwright analyze --kubeconfig`) and analysed from the snapshot.
 * Both runs get the same authored documents and `mesh-config.yaml`.
 *
 * A cluster object has a file and line offline but a virtual document (`meshwright:/<cluster>/<kind>/
 * <ns>/<name>.yaml`, rendered by renderLiveObject) live, so diagnostics are compared as: code, severity,
 * message, resource (kind namespace/name: the live copy comes back at Istio's storage version), cluster,
 * where (the authored file and range, or the cluster object) and the text of the node the range covers;
 * related locations by cluster, message and node text. Live diagnostics about objects the simulator
 * creates by itself (namespace `default`, namespaces only referenced by objects) have no offline
 * counterpart: they are returned apart, not as differences.
 *
 * Reused by the MESH2xx parity tests: `parityCases()` lists the fixture directories with `clusters/`,
 * `analyzeBothWays(dir)` runs one, `describeDifferences()` prints what differs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { type MeshDiagnostic, type Range } from '../../server/src/mesh/diagnostic';
import { type ClusterFiles, type InputFile, analyze } from '../../server/src/analysis/engine';
import { type JsonDiagnostic } from '../../server/src/cli/format-json';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import { type KubeObject, type TopologySnapshot } from '../../server/src/mesh/snapshot';
import { parseLiveObjectUri, renderLiveObject } from '../../server/src/yaml/live-object-document';
import { startSimulator } from '../../simulator/src/index';
import { runCliInBackground } from '../cli/support/cli-process';
import { FIXTURES, readCase } from '../unit/analysis/fixture-cases';

export { FIXTURES };

export interface ParityCase {
  /** Relative to test/fixtures/analysis: `MESH110/remote-secret-cluster-id/fires-key-is-context-name`. */
  readonly name: string;
  readonly directory: string;
}

/** A diagnostic reduced to what must agree between the offline and the live run. */
export interface ComparableDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  /** `Kind namespace/name`. */
  readonly resource: string;
  readonly cluster: string | null;
  /** An authored file and its range, or the cluster object (`cluster east: Secret istio-system/x`). */
  readonly where: string;
  /** The value of the node the range covers (renderings may quote or fold scalars differently). */
  readonly node: string;
  readonly related: readonly string[];
}

export interface ParityOutcome {
  readonly offline: readonly ComparableDiagnostic[];
  readonly live: readonly ComparableDiagnostic[];
  readonly onlyOffline: readonly ComparableDiagnostic[];
  readonly onlyLive: readonly ComparableDiagnostic[];
  /** Live diagnostics about objects that no state file defines (the simulator made them). */
  readonly aboutSimulatorObjects: readonly ComparableDiagnostic[];
  /**
   * Live diagnostics that compare a cluster with the kubeconfig that reached it (MESH305: a remote secret
   * naming another server than the kubeconfig's). Offline there is no kubeconfig, and the state files name
   * servers the test clusters do not listen on: these have no offline counterpart by nature.
   */
  readonly aboutTheKubeconfig: readonly ComparableDiagnostic[];
  /** Analyzer crashes, either way (a bug). */
  readonly failures: readonly string[];
}

/** Codes that compare a live cluster with the kubeconfig that reached it: live-only by nature. */
const KUBECONFIG_COMPARISONS: readonly string[] = ['MESH305'];

/** Fixture case directories (under test/fixtures/analysis) that have cluster states, sorted. */
export function parityCases(include: (name: string) => boolean = () => true): ParityCase[] {
  const found: ParityCase[] = [];
  const visit = (directory: string): void => {
    if (fs.existsSync(path.join(directory, 'clusters'))) {
      const name = path.relative(FIXTURES, directory).split(path.sep).join('/');
      if (include(name)) found.push({ name, directory });
      return;
    }
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(path.join(directory, entry.name));
    }
  };
  visit(FIXTURES);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** What one parity run analyses: authored documents, mesh config, and cluster state directories. */
export interface ParityInput {
  readonly documents: readonly InputFile[];
  /** `files` as `--cluster name=directory` reads them; `directory` is what the simulator serves. */
  readonly clusters: readonly (ClusterFiles & { readonly directory: string })[];
  readonly meshConfig?: InputFile;
}

/** A fixture case directory: `*.yaml` documents, `mesh-config.yaml`, `clusters/<name>/`. */
export function readParityCase(directory: string): ParityInput {
  const input = readCase(directory);
  return {
    documents: input.documents,
    clusters: input.clusters.map((c) => ({ ...c, directory: path.join(directory, 'clusters', c.name) })),
    ...(input.meshConfig ? { meshConfig: input.meshConfig } : {}),
  };
}

/** Cluster state directories given by name (e.g. the demo mesh), each file named by its absolute path. */
export function readClusterDirectories(
  clusters: readonly { name: string; directory: string }[],
): ParityInput {
  return {
    documents: [],
    clusters: clusters.map(({ name, directory }) => ({
      name,
      directory,
      files: fs
        .readdirSync(directory)
        .filter((entry) => /\.ya?ml$/.test(entry))
        .sort()
        .map((entry) => ({
          uri: path.join(directory, entry),
          text: fs.readFileSync(path.join(directory, entry), 'utf8'),
        })),
    })),
  };
}

/** Analyses a case offline (engine, `--cluster` files) and live (simulator + discovery), and compares. */
export async function analyzeBothWays(source: string | ParityInput): Promise<ParityOutcome> {
  const input = typeof source === 'string' ? readParityCase(source) : source;
  const offlineResult = analyze({
    documents: input.documents,
    clusters: input.clusters,
    meshConfig: input.meshConfig,
    // As the CLI runs `--cluster` states: no default ingress gateway assumed (cli/analysis-pipeline.ts).
    offline: input.clusters.length === 0,
  });
  return await withSimulator(input, async (kubeconfigPath) => {
    const discovery = await discoverTopology({ kubeconfig: kubeconfigPath, trusted: true, env: {} });
    const unhealthy = discovery.health.filter((health) => !health.reachable || health.stale !== null);
    if (unhealthy.length > 0) {
      throw new Error(
        `live discovery incomplete: ${unhealthy.map((h) => `${h.cluster}: ${h.stale}`).join('; ')}`,
      );
    }
    const liveResult = analyze({
      documents: input.documents,
      snapshot: discovery.snapshot,
      meshConfig: input.meshConfig,
      offline: false,
    });
    return compare(
      input,
      offlineResult.diagnostics,
      liveResult.diagnostics,
      discovery.snapshot,
      [...offlineResult.failures, ...liveResult.failures].map(
        (f) => `${f.analyzer} on ${f.subject}: ${f.error}`,
      ),
    );
  });
}

/**
 * The same comparison through the built CLI (dist/server/cli.js, run as users run it, from `cwd`):
 * `meshwright analyze --format json DOCS --cluster name=DIR...` against
 * `meshwright analyze --format json DOCS --kubeconfig KC`. Documents and cluster files are named by
 * their `uri`, which must be a path relative to `cwd` (as readParityCase gives them) or absolute.
 */
export async function cliBothWays(input: ParityInput, cwd: string): Promise<ParityOutcome> {
  return await withSimulator(input, (kubeconfigPath) => cliOfflineAndLive(input, cwd, kubeconfigPath));
}

/**
 * cliBothWays against clusters served by someone else (real API servers seeded from the input's
 * directories): the live run reads `kubeconfigPath`. `paths` are the CLI's document arguments (a
 * directory such as `demo/workspace`); by default the documents' uris.
 */
export async function cliOfflineAndLive(
  input: ParityInput,
  cwd: string,
  kubeconfigPath: string,
  paths?: readonly string[],
): Promise<ParityOutcome> {
  // Without paths the CLI analyses `.`: a case without documents gets an empty directory instead.
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-parity-no-documents-'));
  try {
    const documents = paths ?? (input.documents.length > 0 ? input.documents.map((d) => d.uri) : [empty]);
    const meshConfig = input.meshConfig ? ['--mesh-config', input.meshConfig.uri] : [];
    // The CLI names files by the path given: relative when the input's uris are, absolute otherwise.
    const clusterArgs = input.clusters.flatMap((c) => {
      const absolute = path.isAbsolute(c.files[0]?.uri ?? '');
      return ['--cluster', `${c.name}=${absolute ? c.directory : path.relative(cwd, c.directory) || '.'}`];
    });
    const offline = await runCli(
      ['analyze', '--format', 'json', ...documents, ...meshConfig, ...clusterArgs],
      cwd,
    );
    const live = await runCli(
      ['analyze', '--format', 'json', ...documents, ...meshConfig, '--kubeconfig', kubeconfigPath],
      cwd,
    );
    const discovery = await discoverTopology({ kubeconfig: kubeconfigPath, trusted: true, env: {} });
    return compare(input, offline.diagnostics, live.diagnostics, discovery.snapshot, [
      ...offline.problems,
      ...live.problems,
    ]);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

function compare(
  input: ParityInput,
  offlineDiagnostics: readonly MeshDiagnostic[],
  liveDiagnostics: readonly MeshDiagnostic[],
  snapshot: TopologySnapshot,
  failures: readonly string[],
): ParityOutcome {
  const texts = new Map<string, string>();
  for (const file of [
    ...input.documents,
    ...input.clusters.flatMap((c) => c.files),
    ...(input.meshConfig ? [input.meshConfig] : []),
  ]) {
    texts.set(file.uri, file.text);
  }
  const offline = offlineDiagnostics.map((d) => comparable(d, (uri, range) => textOf(texts.get(uri), range)));
  const liveText = (uri: string, range: Range): string => {
    const object = liveObjectAt(snapshot, uri);
    return object ? textOf(renderLiveObject(object), range) : textOf(texts.get(uri), range);
  };
  const stated = statedObjects(input.clusters);
  // A related location at a namespace the simulator made on its own (one the files only imply) has no
  // counterpart offline, like a diagnostic on such a namespace (unexpectedSimulatorObjects).
  const statedRelated = (related: MeshDiagnostic['related'][number]): boolean => {
    const object = parseLiveObjectUri(related.uri);
    return (
      !object ||
      object.kind !== 'Namespace' ||
      stated.has(`${object.cluster}|${object.kind}|${object.namespace}|${object.name}`)
    );
  };
  const liveAll = liveDiagnostics.map((d) => ({
    diagnostic: d,
    comparable: comparable(d, liveText, statedRelated),
  }));
  const aboutSimulatorObjects = liveAll
    .filter((e) => isSimulatorObject(e.diagnostic, stated))
    .map((e) => e.comparable);
  const aboutTheKubeconfig = liveAll
    .filter((e) => KUBECONFIG_COMPARISONS.includes(e.diagnostic.code))
    .map((e) => e.comparable);
  const live = liveAll
    .filter(
      (e) => !isSimulatorObject(e.diagnostic, stated) && !KUBECONFIG_COMPARISONS.includes(e.diagnostic.code),
    )
    .map((e) => e.comparable);
  return {
    offline,
    live,
    onlyOffline: without(offline, live),
    onlyLive: without(live, offline),
    aboutSimulatorObjects,
    aboutTheKubeconfig,
    failures,
  };
}

/**
 * Live diagnostics about simulator-made objects other than namespaces (the only kind it adds on its own:
 * `default` and the namespaces objects refer to): should be none.
 */
export function unexpectedSimulatorObjects(outcome: ParityOutcome): string[] {
  return outcome.aboutSimulatorObjects
    .filter((d) => !d.resource.startsWith('Namespace '))
    .map(formatComparable);
}

/** The differences, readably: one block per side, one diagnostic per line. */
export function describeDifferences(name: string, outcome: ParityOutcome): string {
  const lines = [`${name}: offline and live analyses differ`];
  const block = (title: string, list: readonly ComparableDiagnostic[]): void => {
    if (list.length === 0) return;
    lines.push(`  ${title}:`);
    for (const d of list) {
      lines.push(
        `    ${d.code} ${d.severity} ${d.where} [${d.node}] ${d.resource}${d.cluster ? ` @${d.cluster}` : ''}`,
      );
      lines.push(`      ${d.message}`);
      for (const related of d.related) lines.push(`      related: ${related}`);
    }
  };
  block('only offline (--cluster files)', outcome.onlyOffline);
  block('only live (simulator + discovery)', outcome.onlyLive);
  for (const failure of outcome.failures) lines.push(`  analyzer failure: ${failure}`);
  return lines.join('\n');
}

export function formatComparable(d: ComparableDiagnostic): string {
  return `${d.code} ${d.where} [${d.node}] ${d.resource}${d.cluster ? ` @${d.cluster}` : ''}`;
}

/** Serves the input's clusters from an in-process simulator for the duration of `use`. */
async function withSimulator<T>(input: ParityInput, use: (kubeconfigPath: string) => Promise<T>): Promise<T> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-parity-'));
  const kubeconfigPath = path.join(workDir, 'kubeconfig');
  try {
    const simulator = await startSimulator({
      clusters: input.clusters.map((cluster) => ({ name: cluster.name, paths: [cluster.directory] })),
      kubeconfigPath,
    });
    try {
      return await use(kubeconfigPath);
    } finally {
      await simulator.stop();
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** Runs the built CLI without blocking this process (the simulator answers from here). */
async function runCli(
  args: readonly string[],
  cwd: string,
): Promise<{ diagnostics: MeshDiagnostic[]; problems: string[] }> {
  const { status, stdout, stderr } = await runCliInBackground(args, { cwd });
  // 0: clean, 1: findings at --fail-on; anything else is a usage error or an incomplete analysis.
  if (status !== 0 && status !== 1)
    throw new Error(`meshwright ${args.join(' ')} exited ${status}: ${stderr}`);
  const report = JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
  const problems = stderr
    .split('\n')
    .filter((line) => line.trim() && !/^meshwright: no .* files found in /.test(line));
  return { diagnostics: report.diagnostics.map(fromJson), problems };
}

/** A `--format json` diagnostic back in the engine's shape (`file` is the uri). */
function fromJson(d: JsonDiagnostic): MeshDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    uri: d.file,
    range: d.range,
    ...(d.resource ? { resource: d.resource } : {}),
    cluster: d.cluster,
    related: d.related.map((r) => ({ uri: r.file, range: r.range, message: r.message, cluster: r.cluster })),
  };
}

function comparable(
  d: MeshDiagnostic,
  textAt: (uri: string, range: Range) => string,
  keepRelated: (related: MeshDiagnostic['related'][number]) => boolean = () => true,
): ComparableDiagnostic {
  const resource = d.resource
    ? `${d.resource.kind} ${d.resource.namespace ? `${d.resource.namespace}/` : ''}${d.resource.name}`
    : '-';
  const clusterObject = d.cluster !== null && d.resource !== undefined;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    resource,
    cluster: d.cluster,
    where: clusterObject ? `cluster ${d.cluster}: ${resource}` : `${d.uri}:${formatRange(d.range)}`,
    node: textAt(d.uri, d.range),
    related: d.related
      .filter(keepRelated)
      .map((r) => `${r.cluster ? `cluster ${r.cluster}` : r.uri}: ${r.message} [${textAt(r.uri, r.range)}]`)
      .sort(),
  };
}

function liveObjectAt(snapshot: TopologySnapshot, uri: string): KubeObject | undefined {
  const parsed = parseLiveObjectUri(uri);
  if (!parsed) return undefined;
  return snapshot.clusters
    .find((cluster) => cluster.name === parsed.cluster)
    ?.objects.find(
      (o) =>
        o.kind === parsed.kind &&
        o.metadata.name === parsed.name &&
        (o.metadata.namespace ?? '') === parsed.namespace,
    );
}

function textOf(text: string | undefined, range: Range): string {
  if (text === undefined) return '?';
  const lines = text.split('\n');
  const covered =
    range.start.line === range.end.line
      ? (lines[range.start.line] ?? '').slice(range.start.character, range.end.character)
      : [
          (lines[range.start.line] ?? '').slice(range.start.character),
          ...lines.slice(range.start.line + 1, range.end.line),
          (lines[range.end.line] ?? '').slice(0, range.end.character),
        ].join('\n');
  return nodeValue(covered);
}

/**
 * A scalar node's value, however it is written (plain, quoted, block scalar): a file may say
 * `mesh: "a\nb"` where the rendering says `mesh: |-`; other text as it is.
 */
function nodeValue(text: string): string {
  try {
    const value: unknown = parse(text);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return String(value);
  } catch {
    // Not a YAML document on its own (part of a flow collection, a key with its colon): compare the text.
  }
  return text.trim();
}

function formatRange(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** `cluster|Kind|namespace|name` of every object the state files define (List items included). */
function statedObjects(clusters: readonly ClusterFiles[]): Set<string> {
  const stated = new Set<string>();
  for (const cluster of clusters) {
    for (const file of cluster.files) {
      for (const document of parseAllDocuments(file.text)) {
        const value = (document as { toJS?: () => unknown }).toJS?.() as Record<string, unknown> | null;
        const items =
          value?.kind === 'List' && Array.isArray(value.items)
            ? (value.items as Record<string, unknown>[])
            : [value];
        for (const item of items) {
          const metadata = item?.metadata as { name?: string; namespace?: string } | undefined;
          if (typeof item?.kind !== 'string' || !metadata?.name) continue;
          stated.add(`${cluster.name}|${item.kind}|${metadata.namespace ?? ''}|${metadata.name}`);
          if (metadata.namespace === undefined)
            stated.add(`${cluster.name}|${item.kind}|default|${metadata.name}`);
        }
      }
    }
  }
  return stated;
}

function isSimulatorObject(d: MeshDiagnostic, stated: ReadonlySet<string>): boolean {
  if (d.cluster === null || !d.resource) return false;
  return !stated.has(`${d.cluster}|${d.resource.kind}|${d.resource.namespace}|${d.resource.name}`);
}

/** The entries of `a` not matched one to one in `b`. */
function without(
  a: readonly ComparableDiagnostic[],
  b: readonly ComparableDiagnostic[],
): ComparableDiagnostic[] {
  const remaining = new Map<string, number>();
  for (const d of b) remaining.set(JSON.stringify(d), (remaining.get(JSON.stringify(d)) ?? 0) + 1);
  return a.filter((d) => {
    const key = JSON.stringify(d);
    const count = remaining.get(key) ?? 0;
    if (count === 0) return true;
    remaining.set(key, count - 1);
    return false;
  });
}
