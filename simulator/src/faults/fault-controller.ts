/**
 * Per-cluster fault knobs for tests and benchmarks: added latency, a fraction of requests answered 500,
 * resources refused with 403 like an RBAC denial, an expired token (every request 401), and dry runs
 * refused with 400 like an API server whose admission webhook cannot take a dry run. Dropping
 * watches and stopping the cluster live on the cluster itself; these are the per-request faults.
 */
import { type Verb } from '../http/request-info';

export interface ForbiddenRule {
  /** Plural resource name (`secrets`, `destinationrules`). */
  resource: string;
  /** API group; omitted = any group with that resource name. '' is the core group. */
  group?: string;
  /** Refused verbs; omitted = all. */
  verbs?: Verb[];
  /** Refused only in this namespace; omitted = everywhere. */
  namespace?: string;
}

export interface FaultSettings {
  /** Delay added before every API request is answered, in milliseconds. */
  latencyMs: number;
  /** Fraction (0..1) of API requests answered 500 InternalError, spread evenly (deterministic). */
  errorRate: number;
  forbidden: ForbiddenRule[];
  /** When true every API request is answered 401, as if the kubeconfig's token had expired. */
  tokenExpired: boolean;
  /**
   * When true every write with `dryRun=All` is answered 400, as an API server answers when an admission
   * webhook with side effects (sideEffects: Unknown or Some) would be called; the same write without
   * dryRun is accepted.
   */
  refuseDryRun: boolean;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  forbidden: [],
  tokenExpired: false,
  refuseDryRun: false,
});

export class FaultController {
  private current: FaultSettings = { ...NO_FAULTS, forbidden: [] };
  private errorBudget = 0;

  get settings(): FaultSettings {
    return { ...this.current, forbidden: [...this.current.forbidden] };
  }

  /** Changes the given knobs and keeps the others; throws on values out of range. */
  update(change: Partial<FaultSettings>): FaultSettings {
    const next = { ...this.current, ...change };
    if (!Number.isFinite(next.latencyMs) || next.latencyMs < 0)
      throw new RangeError('latencyMs must be a number >= 0');
    if (!Number.isFinite(next.errorRate) || next.errorRate < 0 || next.errorRate > 1) {
      throw new RangeError('errorRate must be a number between 0 and 1');
    }
    if (!Array.isArray(next.forbidden) || next.forbidden.some((rule) => typeof rule?.resource !== 'string')) {
      throw new RangeError('forbidden must be a list of {resource, group?, verbs?, namespace?}');
    }
    if (typeof next.tokenExpired !== 'boolean') throw new RangeError('tokenExpired must be true or false');
    if (typeof next.refuseDryRun !== 'boolean') throw new RangeError('refuseDryRun must be true or false');
    this.current = { ...next, forbidden: next.forbidden.map((rule) => ({ ...rule })) };
    this.errorBudget = 0;
    return this.settings;
  }

  reset(): FaultSettings {
    return this.update({ ...NO_FAULTS, forbidden: [] });
  }

  /** True for the next request that the error rate says must fail: errorRate 0.25 fails every 4th. */
  nextRequestFails(): boolean {
    if (this.current.errorRate <= 0) return false;
    this.errorBudget += this.current.errorRate;
    if (this.errorBudget >= 1 - 1e-9) {
      this.errorBudget -= 1;
      return true;
    }
    return false;
  }

  forbids(verb: Verb, group: string, resource: string, namespace: string | undefined): boolean {
    return this.current.forbidden.some(
      (rule) =>
        rule.resource === resource &&
        (rule.group === undefined || rule.group === group) &&
        (rule.verbs === undefined || rule.verbs.includes(verb)) &&
        (rule.namespace === undefined || rule.namespace === namespace),
    );
  }
}
