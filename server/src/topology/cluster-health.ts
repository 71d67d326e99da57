/**
 * A cluster's health as people read it: the state, whether Meshwright can read it now, and the stale
 * reason, worded with the cause and the way out ("cluster west unreachable (ECONNREFUSED
 * 127.0.0.1:41234); showing the snapshot from 14:02:10; retrying in 4s"). Pure: the watcher supplies the
 * facts and the clock.
 */
import { joinNames } from '../text/join-names';
import { type KubeApiError } from './kube-api/kube-api-errors';
import { type UnreadType } from '../mesh/snapshot';
import { type WatchedResource } from './watched-resources';
import { type ClusterState } from '../../../protocol/cluster-states';

export interface ClusterHealth {
  readonly cluster: string;
  readonly state: ClusterState;
  /** Meshwright can read the cluster now (its API server answers and accepts the credentials). */
  readonly reachable: boolean;
  /** Why the data is old or partial; null when it is current. */
  readonly stale: string | null;
  /** When the cluster was last known to be in sync (epoch ms); null when it never was. */
  readonly lastSyncAt: number | null;
  /** Resource types that could not be read, e.g. `secrets in istio-system`. */
  readonly unreadable: readonly string[];
  /**
   * Types never read (successfully listed or found not served) in this cluster, whatever the cause: a
   * failure of their own, the cluster down or refused before they were listed, a first sync not over.
   */
  readonly unread: readonly UnreadType[];
}

export interface HealthInputs {
  readonly cluster: string;
  readonly address: string | null;
  readonly refused: string | null;
  /** The failure that took the whole cluster down (unreachable, timeout, 401); null when up. */
  readonly down: KubeApiError | null;
  readonly retryAt: number | null;
  /** A one-shot read (the CLI): nothing is retried, so the reason says no "retrying". */
  readonly oneShot?: boolean;
  readonly contacted: boolean;
  readonly settled: number;
  readonly total: number;
  readonly lastSyncAt: number | null;
  /** Types whose last read failed while the cluster is up. */
  readonly failures: readonly { readonly resource: WatchedResource; readonly error: KubeApiError }[];
  /** Types not listed yet (or not served: a 404 counts as read, there is nothing to know). */
  readonly neverRead: readonly WatchedResource[];
  readonly now: number;
}

export function describeHealth(inputs: HealthInputs): ClusterHealth {
  const unreadable = inputs.failures.map((failure) => failure.resource.id);
  const health = (state: ClusterState, reachable: boolean, stale: string | null): ClusterHealth => ({
    cluster: inputs.cluster,
    state,
    reachable,
    stale,
    lastSyncAt: inputs.lastSyncAt,
    unreadable,
    unread: unreadTypes(inputs, state),
  });
  if (inputs.refused) return health('refused', false, inputs.refused);
  if (inputs.down) {
    const retry = inputs.oneShot ? '' : retrying(inputs.retryAt, inputs.now);
    const shown =
      inputs.lastSyncAt !== null
        ? `showing the snapshot from ${clockTime(inputs.lastSyncAt)}`
        : inputs.oneShot
          ? `${inputs.settled} of ${inputs.total} resource types read`
          : 'nothing read yet';
    if (inputs.down.kind === 'unauthorized') {
      return health(
        'unauthorized',
        false,
        `credentials expired or refused (401) by cluster ${inputs.cluster}; log in again or renew the kubeconfig's credentials; ${shown}${retry}`,
      );
    }
    if (inputs.down.kind === 'credential-plugin') {
      // No request was sent: the kubeconfig's plugin gave no credential to send it with.
      return health(
        'unauthorized',
        false,
        `cluster ${inputs.cluster}: ${inputs.down.detail}; ${shown}${retry}`,
      );
    }
    // A one-shot read that ran out of time after answers came was slow, not silent.
    const what =
      inputs.down.kind !== 'timeout'
        ? 'unreachable'
        : inputs.oneShot && inputs.contacted
          ? 'too slow'
          : 'not answering';
    return health(
      'unreachable',
      false,
      `cluster ${inputs.cluster} ${what} (${inputs.down.detail}); ${shown}${retry}`,
    );
  }
  if (inputs.settled < inputs.total) {
    const progress = inputs.contacted
      ? `first sync in progress (${inputs.settled} of ${inputs.total} resource types read)`
      : `connecting to ${inputs.address ?? 'its API server'}`;
    return health('connecting', inputs.contacted, `cluster ${inputs.cluster}: ${progress}`);
  }
  // An identity refused every type reads as one cause, not as 25 partial reads of an empty cluster.
  if (refusedEverything(inputs)) return health('refused', true, everythingRefusedReason(inputs));
  if (inputs.failures.length > 0) return health('degraded', true, partialReasons(inputs.failures));
  return health('synced', true, null);
}

/** Each type never read, with the cause: its own failure, else what kept the whole cluster from being read. */
/** Every type was refused by RBAC (403): the credentials are accepted but may read nothing here. */
function refusedEverything(inputs: HealthInputs): boolean {
  return (
    inputs.failures.length > 0 &&
    inputs.failures.length === inputs.total &&
    inputs.failures.every((failure) => failure.error.kind === 'forbidden')
  );
}

const EVERY_TYPE_REFUSED = 'RBAC: every type refused (403)';

function everythingRefusedReason(inputs: HealthInputs): string {
  const first = inputs.failures[0]?.resource.plural ?? 'namespaces';
  return (
    `RBAC: the kubeconfig's identity may read nothing in cluster ${inputs.cluster} ` +
    `(403 on all ${inputs.total} resource types, e.g. cannot list ${first}); ` +
    'grant it read access, e.g. the meshwright-reader ClusterRole of docs/topology.md'
  );
}

function unreadTypes(inputs: HealthInputs, state: ClusterState): UnreadType[] {
  const everyTypeRefused = refusedEverything(inputs);
  const whole =
    state === 'refused'
      ? 'cluster not contacted'
      : state === 'unauthorized'
        ? 'credentials refused (401)'
        : state === 'unreachable'
          ? `cluster not read (${inputs.down?.detail ?? 'unreachable'})`
          : 'first sync not over';
  const seen = new Set<string>();
  const unread: UnreadType[] = [];
  for (const resource of inputs.neverRead) {
    if (seen.has(resource.id)) continue;
    seen.add(resource.id);
    const failure = inputs.failures.find((candidate) => candidate.resource === resource)?.error;
    const where = `${resource.plural}${resource.group ? `.${resource.group}` : ''}${resource.namespace ? ` in ${resource.namespace}` : ''}`;
    const reason = everyTypeRefused
      ? EVERY_TYPE_REFUSED
      : !failure
        ? whole
        : failure.kind === 'forbidden'
          ? `RBAC: cannot list ${where} (403)`
          : `error reading ${where} (${failure.status !== null ? `${failure.status} ` : ''}${failure.detail})`;
    unread.push({ id: resource.id, kind: kindOf(resource), reason });
  }
  return unread;
}

/** `DestinationRule.networking.istio.io`, `Secret`: the analysis's name of the type's kind. */
function kindOf(resource: WatchedResource): string {
  if (resource.unreadKind) return resource.unreadKind;
  return resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
}

/**
 * One reason per type and failure: several watched entries read the same type (Secrets in istio-system
 * for the remote secrets and for the gateways' credentials), and one refusal is said once with all it
 * hides.
 */
function partialReasons(failures: HealthInputs['failures']): string {
  const reasons = new Map<string, { readonly consequence: string; readonly provides: string[] }>();
  for (const { resource, error } of failures) {
    const where = `${resource.plural}${resource.namespace ? ` in ${resource.namespace}` : ''}`;
    const status = error.status !== null ? `${error.status} ` : '';
    const [failure, consequence] =
      error.kind === 'forbidden'
        ? [`RBAC: cannot list ${where} (403)`, 'unknown']
        : [`error reading ${where} (${status}${error.detail})`, 'may be out of date'];
    const reason = reasons.get(failure) ?? { consequence, provides: [] };
    reason.provides.push(resource.provides);
    reasons.set(failure, reason);
  }
  return [...reasons]
    .map(([failure, { consequence, provides }]) => `${failure}; ${joinNames(provides)} ${consequence}`)
    .join('; ');
}

function retrying(retryAt: number | null, now: number): string {
  if (retryAt === null) return '; retrying';
  const seconds = Math.ceil((retryAt - now) / 1000);
  return seconds > 0 ? `; retrying in ${seconds}s` : '; retrying now';
}

/** `14:02:10`, local time: what a person compares with the clock on their screen. */
export function clockTime(epochMs: number): string {
  return new Date(epochMs).toTimeString().slice(0, 8);
}
