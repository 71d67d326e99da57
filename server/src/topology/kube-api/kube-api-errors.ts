/**
 * What a failed request to an API server means for discovery: the cluster cannot be reached or does not
 * answer in time (the whole cluster is down), the credentials are refused (401), RBAC refuses a type
 * (403), the type is not served (404), the resourceVersion is too old (410), the server failed, or the
 * kubeconfig's exec credential plugin gave no credential (failed, too slow, unusable output). The detail is
 * for people and never holds a header, a token, a plugin's output or a body other than a Status message.
 */
import http from 'node:http';
import { redactCredentials } from './credential-redaction';
import { ExecPluginError } from './exec-credential-plugin';

export type ApiFailureKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'server-error'
  | 'credential-plugin'
  | 'aborted';

/** Failures that stop every request to the cluster alike: it is down until a probe gets through. */
export function isClusterWide(kind: ApiFailureKind): boolean {
  return (
    kind === 'unreachable' || kind === 'timeout' || kind === 'unauthorized' || kind === 'credential-plugin'
  );
}

export class KubeApiError extends Error {
  constructor(
    readonly kind: ApiFailureKind,
    /** HTTP status, when the server answered. */
    readonly status: number | null,
    /** What went wrong, for people: `ECONNREFUSED 127.0.0.1:6443`, the Status message, ... */
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'KubeApiError';
  }
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
]);

/** A connection the server (or something on the way) reset, as opposed to one it refused or never answered. */
export function isConnectionReset(error: KubeApiError): boolean {
  return error.kind === 'unreachable' && error.detail.startsWith('ECONNRESET ');
}

/** A non-200 answer as a KubeApiError, with the Status message (never the body otherwise). */
export function statusError(status: number, body: string): KubeApiError {
  let message = '';
  try {
    const parsed = JSON.parse(body) as { kind?: unknown; message?: unknown };
    if (parsed.kind === 'Status' && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not a Status: the message stays generic.
  }
  const text = redactCredentials(message.slice(0, 300)) || http.STATUS_CODES[status] || `HTTP ${status}`;
  const kind: ApiFailureKind =
    status === 401
      ? 'unauthorized'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not-found'
          : status === 410
            ? 'gone'
            : 'server-error';
  return new KubeApiError(kind, status, text);
}

/** A transport failure as a KubeApiError: the error code and address, or the TLS problem. */
export function toApiError(error: unknown, address: string, timeoutMs: number): KubeApiError {
  if (error instanceof KubeApiError) return error;
  if (error instanceof ExecPluginError) return new KubeApiError('credential-plugin', null, error.message);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ABORTED') return new KubeApiError('aborted', null, 'aborted');
  if (code === 'REQUEST_TIMEOUT' || code === 'WATCH_IDLE') {
    return new KubeApiError('timeout', null, `no answer within ${formatSeconds(timeoutMs)} from ${address}`);
  }
  if (typeof code === 'string' && NETWORK_ERRORS.has(code))
    return new KubeApiError('unreachable', null, `${code} ${address}`);
  // An HTTP/2 stream or session that failed (reset by the server, connection gone) is a connection reset.
  if (typeof code === 'string' && code.startsWith('ERR_HTTP2_'))
    return new KubeApiError('unreachable', null, `ECONNRESET ${address}`);
  if (typeof code === 'string' && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new KubeApiError(
      'unreachable',
      null,
      `TLS: ${code} from ${address}; check the kubeconfig's certificate-authority`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KubeApiError(
    'unreachable',
    null,
    `${typeof code === 'string' ? `${code} ` : ''}${redactCredentials(message)} (${address})`,
  );
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
