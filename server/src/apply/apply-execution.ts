/**
 * The real apply: one document, server-side applied (field manager `meshwright`) to each cluster in turn.
 * Clusters are written one after the other so that a cancel stops before the next cluster, and so the
 * report can say exactly which clusters changed. A failure in one cluster does not stop the others: it is
 * reported next to what did change. Every requested cluster appears in the report, `not-attempted` when a
 * cancel came first, so nothing is ever half-applied silently. `force` takes over fields other managers
 * own (after a 409 the user chose to force).
 *
 * The guards hold whatever the caller says: a kind outside Istio and the Gateway API is written only when
 * `allowedKinds` names it (applicable-kinds.ts), a cluster only when its role is known to read Istio
 * config (apply-targets.ts), and only after a dry run of this very object in that cluster, run right
 * before the write, succeeded: the dry run the user saw may be minutes old, or may never have happened.
 */
import { type ResourceRef } from '../mesh/diagnostic';
import { kindRefusal } from './applicable-kinds';
import { describeResource } from './apply-object';
import { cancelledFailure, failure } from './apply-failures';
import { type ApplyRunOptions } from './apply-plan';
import { type ApplyEnvironment, resolveTarget } from './apply-targets';
import { startApplyRun } from './apply-run';
import { type ApplyFailure, type ApplyReport, type ClusterApplyResult } from '../../../protocol/apply';
import { ApplyRequestError, type ClusterObjectClient } from './cluster-object-client';
import { changedAuthoredFields } from './diff-rendering';

export interface ApplyExecutionOptions extends ApplyRunOptions {
  /** Take over fields other field managers own (`force=true`). */
  readonly force?: boolean;
  /**
   * Kinds outside Istio and the Gateway API the user confirmed, named as qualifiedKindOf names them
   * (`ConfigMap`, `MutatingWebhookConfiguration.admissionregistration.k8s.io`); default none.
   */
  readonly allowedKinds?: readonly string[];
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
  const refusedKind = kindRefusal(resource, options.allowedKinds ?? []);
  const force = options.force === true;

  for (const [index, cluster] of unique.entries()) {
    if (refusedKind) {
      results.push(failed(cluster, refusedKind));
      continue;
    }
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
      const dryRun = await dryRunBeforeWriting(client, object, resource, cluster, force);
      if ('refused' in dryRun) {
        results.push(failed(cluster, dryRun.refused));
        continue;
      }
      writing = true;
      const stored = await client.apply(object, resource, { dryRun: false, force });
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
 * The same apply with `dryRun=All`, so that whatever the API server would refuse (validation, admission,
 * a conflict, a missing namespace) is refused before anything is stored. A dry run that was sent and not
 * answered stored nothing either, so its failure is reported as it is, with the reason no write followed.
 */
async function dryRunBeforeWriting(
  client: ClusterObjectClient,
  object: Record<string, unknown>,
  resource: ResourceRef,
  cluster: string,
  force: boolean,
): Promise<{ readonly passed: true } | { readonly refused: ApplyFailure }> {
  try {
    await client.apply(object, resource, { dryRun: true, force });
    return { passed: true };
  } catch (error) {
    if (!(error instanceof ApplyRequestError)) throw error;
    const { failure: cause } = error;
    if (cause.kind === 'cancelled') return { refused: cause };
    return {
      refused: {
        ...cause,
        message: `${cause.message} (the dry run Meshwright runs right before writing failed, so nothing was written to ${cluster})`,
      },
    };
  }
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
