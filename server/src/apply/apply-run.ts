/**
 * What a dry run (apply-plan.ts) and an apply (apply-execution.ts) both start from: the document's
 * object, each requested cluster once, the run's abort signal, and clients that share the run's signal and
 * per-request deadline.
 */
import { type KubeConfig } from '@kubernetes/client-node';
import { type ApplyObject, applyObjectOf } from './apply-object';
import { type ApplyEnvironment, DEFAULT_APPLY_TIMEOUT_MS } from './apply-targets';
import { ClusterObjectClient } from './cluster-object-client';

export interface ApplyRun extends ApplyObject {
  /** The requested clusters, each once, in the order given. */
  readonly clusters: readonly string[];
  readonly signal: AbortSignal;
  /** A client for a cluster that may be written to (resolveTarget said so). */
  clientFor(target: { readonly cluster: string; readonly config: KubeConfig }): ClusterObjectClient;
}

export function startApplyRun(
  text: string,
  clusters: readonly string[],
  environment: ApplyEnvironment,
  signal: AbortSignal = new AbortController().signal,
): ApplyRun | { readonly problem: string } {
  const parsed = applyObjectOf(text);
  if ('problem' in parsed) return parsed;
  const timeoutMs = environment.requestTimeoutMs ?? DEFAULT_APPLY_TIMEOUT_MS;
  return {
    ...parsed,
    clusters: [...new Set(clusters)],
    signal,
    clientFor: ({ cluster, config }) => new ClusterObjectClient({ cluster, config, timeoutMs, signal }),
  };
}
