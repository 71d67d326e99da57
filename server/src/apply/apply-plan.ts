/**
 * The dry run: for one YAML document and a list of clusters, what a server-side apply would do in each
 * (create, change which authored fields, leave unchanged, or fail and why), with the live and would-be
 * objects for a diff. Every cluster is asked in parallel, each within its own deadlines; nothing is stored
 * (`dryRun=All`). Remote clusters, clusters whose role is not known yet and unusable contexts are refused
 * before any request. A kind outside Istio and the Gateway API is planned like any other (nothing is
 * stored), and the plan names it so the user confirms it before the apply.
 */
import { kindNeedingConfirmation } from './applicable-kinds';
import { cancelledFailure } from './apply-failures';
import { type ApplyEnvironment, resolveTarget } from './apply-targets';
import { startApplyRun } from './apply-run';
import {
  type ApplyFailure,
  type ApplyPlan,
  type ApplyProgress,
  type ClusterPlan,
} from '../../../protocol/apply';
import { ApplyRequestError, type ClusterObjectClient } from './cluster-object-client';
import { changedAuthoredFields, renderForDiff } from './diff-rendering';

export interface ApplyRunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ApplyProgress) => void;
}

export async function planApply(
  text: string,
  clusters: readonly string[],
  environment: ApplyEnvironment,
  options: ApplyRunOptions = {},
): Promise<ApplyPlan> {
  const run = startApplyRun(text, clusters, environment, options.signal);
  if ('problem' in run) return { resource: null, problem: run.problem, kindToConfirm: null, clusters: [] };
  const { object, resource, signal, clusters: unique } = run;

  const planCluster = async (cluster: string, index: number): Promise<ClusterPlan> => {
    const target = resolveTarget(cluster, environment);
    if ('refused' in target) return failedPlan(cluster, target.refused);
    if (signal.aborted) return failedPlan(cluster, cancelledFailure(cluster));
    options.onProgress?.({ cluster, index, total: unique.length, phase: 'dry-run' });
    const client = run.clientFor(target);
    let live: Record<string, unknown> | null = null;
    try {
      live = await client.read(object, resource);
      const wouldBe = await client.apply(object, resource, { dryRun: true, force: false });
      const changedFields = live ? changedAuthoredFields(live, wouldBe) : [];
      return {
        cluster,
        outcome: live === null ? 'create' : changedFields.length > 0 ? 'change' : 'unchanged',
        changedFields,
        liveYaml: live ? renderForDiff(live) : null,
        wouldBeYaml: renderForDiff(wouldBe),
        failure: null,
      };
    } catch (error) {
      if (!(error instanceof ApplyRequestError)) throw error;
      if (error.failure.kind === 'conflict') return conflictPlan(client, cluster, live, error.failure);
      return { ...failedPlan(cluster, error.failure), liveYaml: live ? renderForDiff(live) : null };
    }
  };

  /** A conflict: what a forced apply would store, so the preview can show the diff before the user forces. */
  const conflictPlan = async (
    client: ClusterObjectClient,
    cluster: string,
    live: Record<string, unknown> | null,
    conflict: ApplyFailure,
  ): Promise<ClusterPlan> => {
    const plan = { ...failedPlan(cluster, conflict), liveYaml: live ? renderForDiff(live) : null };
    try {
      const forced = await client.apply(object, resource, { dryRun: true, force: true });
      return {
        ...plan,
        changedFields: live ? changedAuthoredFields(live, forced) : [],
        wouldBeYaml: renderForDiff(forced),
      };
    } catch (error) {
      if (error instanceof ApplyRequestError) return plan;
      throw error;
    }
  };

  return {
    resource,
    problem: null,
    kindToConfirm: kindNeedingConfirmation(resource),
    clusters: await Promise.all(unique.map(planCluster)),
  };
}

function failedPlan(cluster: string, failure: ClusterPlan['failure']): ClusterPlan {
  return { cluster, outcome: 'failed', changedFields: [], liveYaml: null, wouldBeYaml: null, failure };
}
