/**
 * `meshwright/applyPlan` (dry run) and `meshwright/apply` (server-side apply) over LSP: thin handlers
 * around the apply engine (server/src/apply). Each request loads the kubeconfig of the current settings
 * with the workspace's trust, takes each cluster's role (or why it is not known yet) from the latest
 * topology state, turns the LSP cancellation into an AbortSignal and the engine's progress into work-done
 * progress. A plan answers a token sealing its text and clusters (plan-seal.ts); an apply without a
 * matching one is refused in every cluster before any request. The log gets one line per cluster (outcome
 * or failure reason), never a credential.
 */
import { type CancellationToken, type Connection } from 'vscode-languageserver';
import { applyDocument } from '../apply/apply-execution';
import { applyObjectOf, describeResource } from '../apply/apply-object';
import { failure } from '../apply/apply-failures';
import { type ApplyRunOptions, planApply } from '../apply/apply-plan';
import { loadApplyEnvironment } from '../apply/apply-targets';
import { type ApplyPlan, type ApplyProgress, type ApplyReport } from '../../../protocol/apply';
import { redactCredentials } from '../topology/kube-api/credential-redaction';
import { type TopologyKnowledge } from '../apply/target-roles';
import {
  APPLY_PLAN_REQUEST,
  APPLY_REQUEST,
  type ApplyParams,
  type ApplyPlanParams,
  type ApplyPlanResult,
  type MeshwrightSettings,
} from '../../../protocol/requests';
import { PlanSeal } from './plan-seal';

export interface ApplyFeatureOptions {
  readonly settings: () => Promise<MeshwrightSettings>;
  /** The latest snapshot and each cluster's health: which clusters' roles are known. */
  readonly topology: () => TopologyKnowledge;
  /** Whether kubeconfig credential plugins may run (the workspace is trusted). */
  readonly trusted: () => boolean;
}

export function registerApplyFeature(connection: Connection, options: ApplyFeatureOptions): void {
  const seal = new PlanSeal();
  const environment = async () => {
    const settings = await options.settings();
    return loadApplyEnvironment(
      { kubeconfig: settings.kubeconfig, trusted: options.trusted() },
      options.topology(),
    );
  };

  connection.onRequest(
    APPLY_PLAN_REQUEST,
    async (params: ApplyPlanParams, token: CancellationToken): Promise<ApplyPlanResult> => {
      const invalid = invalidParams(params);
      if (invalid)
        return { resource: null, problem: invalid, kindToConfirm: null, clusters: [], planToken: null };
      const plan: ApplyPlan = await withRun(connection, params, token, 'Dry run', async (run) =>
        planApply(params.document.text, params.clusters, await environment(), run),
      );
      logResults(connection, 'dry run', params.document.uri, plan);
      const planToken = plan.problem === null ? seal.issue(params.document.text, params.clusters) : null;
      return { ...plan, planToken };
    },
  );

  connection.onRequest(
    APPLY_REQUEST,
    async (params: ApplyParams, token: CancellationToken): Promise<ApplyReport> => {
      const invalid = invalidParams(params);
      if (invalid) return { resource: null, problem: invalid, clusters: [] };
      const force = params.force === true;
      const sealed = seal.check(params.planToken, params.document.text, params.clusters);
      if (!sealed.sealed) {
        const report = unplannedReport(params, sealed.reason);
        logResults(connection, 'apply (refused)', params.document.uri, report);
        return report;
      }
      const allowedKinds = Array.isArray(params.allowedKinds)
        ? params.allowedKinds.filter((kind): kind is string => typeof kind === 'string')
        : [];
      const report = await withRun(connection, params, token, force ? 'Force apply' : 'Apply', async (run) =>
        applyDocument(params.document.text, params.clusters, await environment(), {
          ...run,
          force,
          allowedKinds,
        }),
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

/** Every requested cluster refused, nothing asked of any: the apply is not the dry run the user saw. */
function unplannedReport(params: ApplyParams, reason: string): ApplyReport {
  const parsed = applyObjectOf(params.document.text);
  return {
    resource: 'problem' in parsed ? null : parsed.resource,
    problem: null,
    clusters: [...new Set(params.clusters)].map((cluster) => ({
      cluster,
      outcome: 'failed',
      changedFields: [],
      failure: failure('plan-mismatch', `nothing applied to ${cluster}: ${reason}`),
    })),
  };
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
