/**
 * `meshwright/applyPlan` (dry run) and `meshwright/apply` (server-side apply) over LSP: thin handlers
 * around the apply engine (server/src/apply). Each request loads the kubeconfig of the current settings
 * with the workspace's trust, takes the remote clusters from the latest topology snapshot, turns the LSP
 * cancellation into an AbortSignal and the engine's progress into work-done progress. The log gets one
 * line per cluster (outcome or failure reason), never a credential.
 */
import { type CancellationToken, type Connection } from 'vscode-languageserver';
import { applyDocument } from '../apply/apply-execution';
import { describeResource } from '../apply/apply-object';
import { type ApplyRunOptions, planApply } from '../apply/apply-plan';
import { loadApplyEnvironment } from '../apply/apply-targets';
import { type ApplyPlan, type ApplyProgress, type ApplyReport } from '../apply/apply-types';
import { redactCredentials } from '../topology/credential-redaction';
import { type TopologySnapshot } from '../topology/snapshot';
import {
  APPLY_PLAN_REQUEST,
  APPLY_REQUEST,
  type ApplyParams,
  type ApplyPlanParams,
  type MeshwrightSettings,
} from './protocol';

export interface ApplyFeatureOptions {
  readonly settings: () => Promise<MeshwrightSettings>;
  readonly snapshot: () => TopologySnapshot;
  /** Whether kubeconfig credential plugins may run (the workspace is trusted). */
  readonly trusted: () => boolean;
}

export function registerApplyFeature(connection: Connection, options: ApplyFeatureOptions): void {
  const environment = async () => {
    const settings = await options.settings();
    return loadApplyEnvironment(
      { kubeconfig: settings.kubeconfig, trusted: options.trusted() },
      options.snapshot(),
    );
  };

  connection.onRequest(
    APPLY_PLAN_REQUEST,
    async (params: ApplyPlanParams, token: CancellationToken): Promise<ApplyPlan> => {
      const invalid = invalidParams(params);
      if (invalid) return { resource: null, problem: invalid, clusters: [] };
      const plan = await withRun(connection, params, token, 'Dry run', async (run) =>
        planApply(params.document.text, params.clusters, await environment(), run),
      );
      logResults(connection, 'dry run', params.document.uri, plan);
      return plan;
    },
  );

  connection.onRequest(
    APPLY_REQUEST,
    async (params: ApplyParams, token: CancellationToken): Promise<ApplyReport> => {
      const invalid = invalidParams(params);
      if (invalid) return { resource: null, problem: invalid, clusters: [] };
      const force = params.force === true;
      const report = await withRun(connection, params, token, force ? 'Force apply' : 'Apply', async (run) =>
        applyDocument(params.document.text, params.clusters, await environment(), { ...run, force }),
      );
      logResults(connection, force ? 'apply (force)' : 'apply', params.document.uri, report);
      return report;
    },
  );
}

/** Runs one engine call with the request's cancellation and progress wired in. */
async function withRun<T>(
  connection: Connection,
  params: ApplyPlanParams,
  token: CancellationToken,
  title: string,
  run: (options: ApplyRunOptions) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  if (token.isCancellationRequested) controller.abort();
  const progress =
    params.workDoneToken !== undefined
      ? connection.window.attachWorkDoneProgress(params.workDoneToken)
      : null;
  progress?.begin(title, 0, undefined, true);
  try {
    return await run({
      signal: controller.signal,
      onProgress: (event: ApplyProgress) =>
        progress?.report(
          Math.round((event.index / Math.max(1, event.total)) * 100),
          `${event.phase === 'apply' ? 'applying to' : 'dry run on'} ${event.cluster} (${event.index + 1} of ${event.total})`,
        ),
    });
  } finally {
    subscription.dispose();
    progress?.done();
  }
}

function invalidParams(params: ApplyPlanParams | undefined): string | null {
  if (typeof params?.document?.text !== 'string' || typeof params.document.uri !== 'string') {
    return 'the request has no document: send { document: { uri, text }, clusters }';
  }
  if (!Array.isArray(params.clusters) || params.clusters.some((cluster) => typeof cluster !== 'string')) {
    return 'the request has no cluster list: send the context names to apply to';
  }
  if (params.clusters.length === 0) return 'no cluster to apply to: pick at least one target';
  return null;
}

function logResults(
  connection: Connection,
  what: string,
  uri: string,
  result: ApplyPlan | ApplyReport,
): void {
  if (result.problem !== null || result.resource === null) {
    connection.console.info(`${what} of ${uri}: ${result.problem ?? 'no resource'}`);
    return;
  }
  const lines = result.clusters.map(
    (cluster) =>
      `${cluster.cluster}: ${cluster.outcome}${cluster.failure ? ` (${cluster.failure.message})` : ''}`,
  );
  connection.console.info(
    redactCredentials(`${what} of ${describeResource(result.resource)} (${uri}): ${lines.join('; ')}`),
  );
}
