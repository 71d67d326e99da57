/**
 * What KubeApiClient needs of a connection to an API server, whatever the HTTP version: send a GET with
 * headers and TLS options, get a status and a body stream back. Two implementations: HTTP/2 (one
 * connection per cluster carries every list and watch, as client-go does with a real API server) and
 * HTTP/1.1 (kept-alive agents; for servers or proxies without HTTP/2).
 */
import type http from 'node:http';
import { type Readable } from 'node:stream';
import type tls from 'node:tls';

export interface TransportRequest {
  /** Path and query, e.g. `/api/v1/pods?limit=500`. */
  readonly path: string;
  /** Lower-case header names (HTTP/2 needs them so); credentials included. */
  readonly headers: Readonly<Record<string, string>>;
  /** Deadline for the response headers, including connecting. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** True for a watch: it holds its stream for minutes. */
  readonly longLived: boolean;
  readonly tls: TlsConnection;
  /** HTTP/1.1 only: basic auth `user:password`, and a proxy's agent (from client-node) to use instead of ours. */
  readonly auth?: string;
  readonly proxyAgent?: http.Agent;
}

export interface TransportResponse {
  readonly status: number;
  /** The `Content-Encoding` header (`gzip`), when the server sent one. */
  readonly contentEncoding?: string;
  /** Buffer chunks; 'end' when the body is complete; 'close' without 'end' means it was cut off. */
  readonly body: Readable;
  /** Fails the body with a `WATCH_IDLE` error when nothing arrives for `ms` (0 clears it). */
  setIdleTimeout(ms: number): void;
  destroy(error?: Error): void;
}

export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Closes every connection (the next request opens a fresh one). */
  reset(): void;
}

/** TLS options for a connection: one SecureContext (CA, client certificate) reused across connections. */
export interface TlsConnection {
  readonly secureContext?: tls.SecureContext;
  readonly servername?: string;
  readonly rejectUnauthorized?: boolean;
}

export function abortError(): Error {
  return Object.assign(new Error('aborted'), { code: 'ABORTED' });
}

export function timeoutError(): Error {
  return Object.assign(new Error('timeout'), { code: 'REQUEST_TIMEOUT' });
}

export function resetError(): Error {
  return Object.assign(new Error('reset'), { code: 'ECONNRESET' });
}

export function idleError(): Error {
  return Object.assign(new Error('idle'), { code: 'WATCH_IDLE' });
}

/**
 * Runs `start` with a deadline and an abort signal: rejects with REQUEST_TIMEOUT or ABORTED (and calls
 * `cancel`) when either comes first.
 */
export function withDeadline<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  start: (settle: { resolve: (value: T) => void; reject: (error: unknown) => void }) => () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let cancel: () => void = () => undefined;
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const onAbort = (): void => {
      if (finish()) {
        cancel();
        reject(abortError());
      }
    };
    const timer = setTimeout(() => {
      if (finish()) {
        cancel();
        reject(timeoutError());
      }
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) return onAbort();
    cancel = start({
      resolve: (value) => finish() && resolve(value),
      reject: (error) => finish() && reject(error),
    });
  });
}
