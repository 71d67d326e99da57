/**
 * Turns whatever a server-side apply request fails with (an API server Status, a network error, a
 * timeout, a cancel) into an ApplyFailure that names the cluster, says what happened and what to do. A
 * 409 is parsed into the fields another manager owns ("field .spec.host is owned by manager
 * kubectl-client-side-apply (Update)"), so the user can decide to force. Messages carry the Status message
 * (credential-redacted) and never a request, a header or a response body otherwise.
 */
import { type ResourceRef } from '../mesh/diagnostic';
import { redactCredentials } from '../topology/kube-api/credential-redaction';
import { toApiError } from '../topology/kube-api/kube-api-errors';
import { type ApplyFailure, type ApplyFailureKind, type FieldConflict } from '../../../protocol/apply';

/** The parts of a Kubernetes `Status` body the explanations use. */
export interface StatusBody {
  readonly code?: number;
  readonly reason?: string;
  readonly message?: string;
  readonly details?: {
    readonly name?: string;
    readonly kind?: string;
    readonly causes?: readonly {
      readonly reason?: string;
      readonly message?: string;
      readonly field?: string;
    }[];
  };
}

/** Where the failure happened, for the message. */
export interface FailureContext {
  readonly cluster: string;
  readonly resource: ResourceRef;
  /** `127.0.0.1:6443`, for network errors. */
  readonly address: string;
  readonly timeoutMs: number;
}

export function failure(
  kind: ApplyFailureKind,
  message: string,
  conflicts: FieldConflict[] = [],
): ApplyFailure {
  return { kind, message, conflicts };
}

/** An HTTP error answer (status code and its body, parsed when it is a Status) as an ApplyFailure. */
export function statusFailure(status: number, body: unknown, context: FailureContext): ApplyFailure {
  const parsed = asStatus(body);
  const serverMessage = redactCredentials((parsed?.message ?? '').slice(0, 500));
  const { cluster, resource } = context;
  const object = `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`;
  switch (status) {
    case 401:
      return failure(
        'unauthorized',
        `cluster ${cluster} refused the credentials (401); log in again or renew the kubeconfig's credentials for context ${cluster}`,
      );
    case 403:
      return failure(
        'forbidden',
        `cluster ${cluster} forbids it (403: ${serverMessage || 'Forbidden'}); applying needs get, create (for a new object) and patch on ${resource.kind} objects (${groupOf(resource.apiVersion)}) in namespace ${resource.namespace || '(cluster scope)'}; see docs/apply.md, RBAC`,
      );
    case 404:
      if (parsed?.details?.kind === 'namespaces') {
        const namespace = parsed.details.name ?? resource.namespace;
        return failure(
          'namespace-missing',
          `namespace ${namespace} does not exist in cluster ${cluster} (MESH108); create it first (kubectl --context ${cluster} create namespace ${namespace}) or narrow the document's targets`,
        );
      }
      return failure(
        'kind-not-served',
        `cluster ${cluster} does not serve ${resource.apiVersion} ${resource.kind} (404${serverMessage ? `: ${serverMessage}` : ''}); install Istio's CRDs there, or use an apiVersion the cluster serves`,
      );
    case 409:
      return conflictFailure(parsed, context, object, serverMessage);
    case 400:
    case 422:
      return failure(
        'invalid',
        `cluster ${cluster} rejected ${object} (${status}: ${serverMessage || 'Invalid'}); fix the document and apply again`,
      );
    case 500: {
      const schemaProblem = typedPatchProblem(serverMessage);
      if (schemaProblem !== null) {
        return failure(
          'invalid',
          `cluster ${cluster} rejected ${object}: it does not match the cluster's schema for ${resource.kind} (${schemaProblem}); fix the document and apply again`,
        );
      }
      const webhook = failedWebhookCall(serverMessage);
      if (webhook !== null) {
        return failure(
          'server-error',
          `cluster ${cluster} could not admit ${object}: its API server could not call the admission webhook ${webhook.name} (${webhook.cause}), and refuses objects while it cannot; check the webhook's service (for Istio's webhooks, istiod in istio-system: kubectl --context ${cluster} -n istio-system get pods), then apply again`,
        );
      }
      return serverError(status, serverMessage, cluster, object);
    }
    default:
      return serverError(status, serverMessage, cluster, object);
  }
}

function serverError(status: number, serverMessage: string, cluster: string, object: string): ApplyFailure {
  return failure(
    'server-error',
    `cluster ${cluster} failed to apply ${object} (${status}${serverMessage ? `: ${serverMessage}` : ''}); try again, or check the API server`,
  );
}

/**
 * What kube-apiserver says when a server-side apply does not fit the CRD's structural schema (a field the
 * schema does not declare, a string where a list belongs): it answers 500, not 422, with `failed to create
 * typed patch object (ns/name; group/version, Kind=K): .spec.hosts: expected list, got &{details}`. It is
 * the document's fault, and trying again cannot help; null for any other message.
 */
/**
 * kube-apiserver's 500 when an admission webhook with `failurePolicy: Fail` cannot be called (its service
 * down, as Istio's validation webhook is while istiod is): `Internal error occurred: failed calling webhook
 * "validation.istio.io": failed to call webhook: Post "https://istiod...": dial tcp ...: connection
 * refused`. Dry runs call webhooks too (v1 webhooks declare no side effects), so the dry run fails the same
 * way. Trying again helps only once the webhook answers; null for any other message.
 */
function failedWebhookCall(serverMessage: string): { name: string; cause: string } | null {
  const match = /failed calling webhook "([^"]+)": (?:failed to call webhook: )?([\s\S]+)$/.exec(
    serverMessage,
  );
  return match?.[1] && match[2] ? { name: match[1], cause: match[2].trim() } : null;
}

function typedPatchProblem(serverMessage: string): string | null {
  const match = /^failed to create typed patch object \([^)]*\): ([\s\S]+)$/.exec(serverMessage);
  return match?.[1]?.trim() ?? null;
}

/** A transport failure (no HTTP answer): unreachable, TLS, timeout, or cancelled. */
export function transportFailure(error: unknown, context: FailureContext, cancelled: boolean): ApplyFailure {
  if (cancelled) return cancelledFailure(context.cluster);
  // kube-api-errors already classifies Node's network and TLS error codes for discovery; reuse it.
  const classified = toApiError(error, context.address, context.timeoutMs);
  if (classified.kind === 'credential-plugin') {
    return failure(
      'unauthorized',
      `cluster ${context.cluster} was not written to: ${classified.detail}; fix the plugin or log in with it again, then apply again`,
    );
  }
  if (classified.kind === 'timeout' || isTimeout(error)) {
    return failure(
      'timeout',
      `cluster ${context.cluster} did not answer within ${seconds(context.timeoutMs)} (${context.address}); nothing was written there that Meshwright knows of: check with the dry run (Diff) and apply again`,
    );
  }
  return failure(
    'unreachable',
    `cluster ${context.cluster} is unreachable (${classified.detail}); nothing was written there; check the network or the kubeconfig's server address, then apply again`,
  );
}

export function cancelledFailure(cluster: string): ApplyFailure {
  return failure('cancelled', `cancelled before cluster ${cluster} was written to; nothing changed there`);
}

/** The conflicting fields of a 409, from the Status causes (or the message when the causes are absent). */
export function parseConflicts(status: StatusBody | undefined): FieldConflict[] {
  const causes = status?.details?.causes ?? [];
  const fromCauses = causes
    .filter((cause) => cause.reason === 'FieldManagerConflict' && typeof cause.field === 'string')
    .map((cause) => conflictOf(cause.field as string, cause.message ?? ''));
  if (fromCauses.length > 0) return fromCauses;
  // `Apply failed with 1 conflict: conflict with "kubectl" using networking.istio.io/v1: .spec.host`
  const single = /conflict with (".*?"(?: with subresource ".*?")?(?: using \S+)?): (\S+)$/.exec(
    status?.message ?? '',
  );
  return single?.[1] && single[2] ? [conflictOf(single[2], `conflict with ${single[1]}`)] : [];
}

function conflictOf(field: string, causeMessage: string): FieldConflict {
  // `conflict with "kubectl-client-side-apply" using networking.istio.io/v1`: `using` marks an Update manager.
  const match = /conflict with "(.*?)"/.exec(causeMessage);
  const manager = match?.[1] ?? 'another field manager';
  const operation = /\busing\s+\S+/.test(causeMessage) ? 'Update' : 'Apply';
  return {
    field,
    manager,
    operation,
    explanation: `field ${field} is owned by manager ${manager} (${operation})`,
  };
}

function conflictFailure(
  status: StatusBody | undefined,
  context: FailureContext,
  object: string,
  serverMessage: string,
): ApplyFailure {
  const conflicts = parseConflicts(status);
  const owned =
    conflicts.length > 0 ? conflicts.map((conflict) => conflict.explanation).join('; ') : serverMessage;
  return failure(
    'conflict',
    `conflict in cluster ${context.cluster} for ${object}: ${owned}; force the apply to take these fields over (the other manager may set them back), or remove them from the document`,
    conflicts,
  );
}

function asStatus(body: unknown): StatusBody | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status'
    ? (value as StatusBody)
    : undefined;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError';
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? 'core API group' : `API group ${apiVersion.slice(0, slash)}`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
