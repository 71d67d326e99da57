/**
 * `meshwright check`: the mesh's health as a checklist (check-list.ts), from live clusters (the
 * kubeconfig's contexts) or cluster files (`--cluster NAME=DIR`), with the same analysis as `analyze`
 * behind it. `--verify-remote-secrets` additionally uses each remote secret's credential against its API
 * server; only then are the secrets read whole, and their credentials never leave that step.
 *
 * Exit status, like analyze's: 0 no check at or above --fail-on (default: fail), 1 some, 2 bad usage or
 * unreadable input, 3 an analyzer failed (the checklist is printed, incomplete).
 */
import { parseAllDocuments } from 'yaml';
import { analyze } from '../analysis/engine';
import { deriveClusterFacts, type ClusterFacts } from '../mesh/derive-cluster-facts';
import { type ClusterSnapshot, type KubeObject } from '../mesh/snapshot';
import { type RemoteAccessResult, verifyRemoteSecrets } from '../topology/remote-access-review';
import { readAnalysisInputs } from './analysis-inputs';
import { DEFAULT_NAMESPACE } from '../../../protocol/document-identity';
import { buildChecks, type CheckedCluster } from '../views/check-list';
import { type CheckOptions } from './check-options';
import { CHECK_REPORT_VERSION, type CheckReport, type CheckResult } from '../../../protocol/check-results';
import { type CliEnvironment, colourEnabled } from './cli-environment';
import { EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK } from './exit-codes';
import { formatCheckText } from '../views/format-check-text';
import { type SourceDocument } from './analysis-pipeline';

export async function runCheck(options: CheckOptions, environment: CliEnvironment): Promise<number> {
  const read =
    options.clusters.length > 0
      ? await readAnalysisInputs(
          {
            paths: [],
            format: 'text',
            failOn: 'none',
            requireComplete: false,
            defaultNamespace: DEFAULT_NAMESPACE,
            clusters: options.clusters,
            meshConfig: undefined,
            meshNetworks: undefined,
            suppressions: [],
            live: undefined,
            // The check reads cluster state only: there are no documents to render.
            render: false,
            renderHelm: false,
          },
          environment,
        )
      : undefined;
  const live = options.live
    ? await (await import('./live-clusters')).readLiveClusters(options.live, environment)
    : undefined;
  const fileClusters = read?.input.clusters ?? [];

  const result = analyze({
    documents: [],
    clusters: fileClusters,
    ...(live ? { snapshot: live.snapshot } : {}),
    offline: false,
    celRules: null,
  });

  const fileObjects = new Map(fileClusters.map((cluster) => [cluster.name, objectsOfFiles(cluster.files)]));
  const clusters: CheckedCluster[] = [
    ...(live?.snapshot.clusters ?? []).map((cluster): CheckedCluster => ({
      facts: factsOf(cluster),
      reachable: cluster.reachable,
      stale: cluster.stale,
      source: 'live',
    })),
    ...fileClusters.map((cluster): CheckedCluster => ({
      facts: deriveClusterFacts(cluster.name, fileObjects.get(cluster.name) ?? []),
      reachable: true,
      stale: null,
      source: 'files',
    })),
  ];

  const verification = options.verifyRemoteSecrets
    ? await verify(options, clusters, fileObjects, environment)
    : undefined;
  const checks = buildChecks({
    clusters,
    diagnostics: result.diagnostics,
    ...(verification ? { verification } : {}),
  });
  print(checks, options, environment);
  if (result.failures.length > 0) {
    environment.stderr.write(
      `meshwright: internal error: ${result.failures.map((f) => `analyzer ${f.analyzer} failed`).join(', ')}: the checklist is incomplete (exit code ${EXIT_INCOMPLETE})\n`,
    );
    return EXIT_INCOMPLETE;
  }
  const failing = checks.some((check) =>
    options.failOn === 'none'
      ? false
      : options.failOn === 'warn'
        ? check.status !== 'pass'
        : check.status === 'fail',
  );
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/** The remote secrets of every primary, read whole (live) or from its files, each key's credential tried. */
async function verify(
  options: CheckOptions,
  clusters: readonly CheckedCluster[],
  fileObjects: ReadonlyMap<string, readonly KubeObject[]>,
  environment: CliEnvironment,
): Promise<RemoteAccessResult[]> {
  const primaries = clusters.filter((c) => c.facts.role === 'primary' && c.reachable);
  const results: RemoteAccessResult[] = [];
  const livePrimaries = primaries.filter((c) => c.source === 'live').map((c) => c.facts.name);
  if (options.live && livePrimaries.length > 0) {
    const { readRemoteSecrets } = await import('./live-discovery');
    const reads = await readRemoteSecrets({
      kubeconfig: options.live.kubeconfig,
      contexts: livePrimaries,
      env: environment.env,
      timeoutMs: options.live.timeoutMs,
    });
    for (const read of reads) {
      if (read.error) {
        environment.stderr.write(
          `meshwright: warning: cluster ${read.cluster}: its remote secrets could not be read to verify them: ${read.error}\n`,
        );
        continue;
      }
      results.push(...(await verifyRemoteSecrets(read.cluster, read.secrets)));
    }
  }
  for (const primary of primaries.filter((c) => c.source === 'files')) {
    results.push(
      ...(await verifyRemoteSecrets(primary.facts.name, fileObjects.get(primary.facts.name) ?? [])),
    );
  }
  return results;
}

function print(checks: readonly CheckResult[], options: CheckOptions, environment: CliEnvironment): void {
  if (options.format === 'json') {
    const report: CheckReport = { version: CHECK_REPORT_VERSION, checks };
    environment.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  environment.stdout.write(
    formatCheckText(checks, { colour: colourEnabled(environment.stdout, environment.env) }),
  );
}

/** The Kubernetes objects of a cluster's files (documents without kind or name are not objects). */
function objectsOfFiles(files: readonly SourceDocument[]): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(file.text)) {
      if (document.errors.length > 0) continue;
      const value = document.toJS() as unknown;
      const candidates =
        isObject(value) && value.kind === 'List' && Array.isArray(value.items)
          ? (value.items as unknown[])
          : [value];
      for (const candidate of candidates) {
        if (isObject(candidate) && typeof candidate.kind === 'string' && isObject(candidate.metadata))
          objects.push(candidate as unknown as KubeObject);
      }
    }
  }
  return objects;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function factsOf(cluster: ClusterSnapshot): ClusterFacts {
  const { objects: _objects, reachable: _reachable, stale: _stale, unread: _unread, ...facts } = cluster;
  return facts;
}
