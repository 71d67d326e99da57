/**
 * The real apply: one document, server-side applied (field manager `meshwright`) to each cluster in turn.
 * Clusters are written one after the other so that a cancel stops before the next cluster, and so the
 * report can say exactly which clusters changed. A failure in one cluster does not stop the others: it is
 * reported next to what did change. Every requested cluster appears in the report, `not-attempted` when a
 * cancel came first, so nothing is ever half-applied silently. `force` takes over fields other managers
 * own (after a 409 the user chose to force).
 */
import { describeResource } from './apply-object';
import { cancelledFailure, failure } from './apply-failures';
import { type ApplyRunOptions } from './apply-plan';
import { type ApplyEnvironment, resolveTarget } from './apply-targets';
import { startApplyRun } from './apply-run';
import { type ApplyReport, type ClusterApplyResult } from './apply-types';
import { ApplyRequestError } from './cluster-object-client';
import { changedAuthoredFields } from './diff-rendering';

export interface ApplyExecutionOptions extends ApplyRunOptions {
  /** Take over fields other field managers own (`force=true`). */
  readonly force?: boolean;
}

export async function applyDocument(
  text: string,
  clusters: readonly string[],
  environment: ApplyEnvironment,
  options: ApplyExecutionOptions = {},
): Promise<ApplyReport> {
  const run = startApplyRun(text, clusters, environment, options.signal);
  if ('problem' in run) return { resource: null, problem: run.problem, clusters: [] };
  const { object, resource, signal, clusters: unique } = run;
  const results: ClusterApplyResult[] = [];

  for (const [index, cluster] of unique.entries()) {
    const target = resolveTarget(cluster, environment);
    if ('refused' in target) {
      results.push(failed(cluster, target.refused));
      continue;
    }
    options.onProgress?.({ cluster, index, total: unique.length, phase: 'apply' });
    if (signal.aborted) {
      results.push({ ...failed(cluster, cancelledFailure(cluster)), outcome: 'not-attempted' });
      continue;
    }
    const client = run.clientFor(target);
    let writing = false;
    try {
      const live = await client.read(object, resource);
      writing = true;
      const stored = await client.apply(object, resource, { dryRun: false, force: options.force === true });
      const changedFields = live ? changedAuthoredFields(live, stored) : [];
      results.push({
        cluster,
        outcome: live === null ? 'created' : changedFields.length > 0 ? 'changed' : 'unchanged',
        changedFields,
        failure: null,
      });
    } catch (error) {
      if (!(error instanceof ApplyRequestError)) throw error;
      results.push(
        failed(cluster, writing ? uncertainWrite(error, cluster, describeResource(resource)) : error.failure),
      );
    }
  }
  return { resource, problem: null, clusters: results };
}

/**
 * A patch that was sent but not answered (cancelled, timed out, connection lost) may or may not have been
 * stored: say so, rather than claim nothing changed.
 */
function uncertainWrite(error: ApplyRequestError, cluster: string, object: string) {
  const { kind } = error.failure;
  if (kind === 'cancelled') {
    return failure(
      'cancelled',
      `cancelled while applying ${object} to ${cluster}: the request was sent, so the API server may have stored it; run Diff to see the cluster's copy`,
    );
  }
  if (kind === 'timeout' || kind === 'unreachable') {
    return failure(
      kind,
      `${error.failure.message.replace(/; nothing was written there.*$/, '')}; the apply request was sent, so ${cluster} may have stored it: run Diff to see its copy, then apply again`,
    );
  }
  return error.failure;
}

function failed(cluster: string, reason: ClusterApplyResult['failure']): ClusterApplyResult {
  return { cluster, outcome: 'failed', changedFields: [], failure: reason };
}
