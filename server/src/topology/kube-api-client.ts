/**
 * HTTP to one cluster's API server, for lists and watches. `@kubernetes/client-node`'s KubeConfig supplies
 * the TLS material and credentials per request (bearer token, client certificate, token file, exec
 * plugin: it refreshes them itself); this module adds what discovery needs and the library's `Watch` lacks:
 * a deadline on every request (its own timeout is overridden and a hung connection never fails), kept-alive
 * connections, abort signals, and failures classified by what they mean for the cluster (unreachable,
 * timed out, credentials refused, RBAC, gone).
 *
 * Objects are read as plain JSON (no model classes), which keeps memory and time low for big clusters.
 * No message built here contains a header, a token or a response body other than a Status message.
 */
import http from 'node:http';
import https from 'node:https';
import { type KubeConfig } from '@kubernetes/client-node';
import { redactCredentials } from './credential-redaction';

export type ApiFailureKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'server-error'
  | 'aborted';

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

export interface RequestOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Ask for metadata only (PartialObjectMetadataList): no spec, no data. */
  readonly metadataOnly?: boolean;
}

export interface WatchStreamOptions extends RequestOptions {
  /** Fail the watch when nothing arrives for this long (the server ends a quiet watch at timeoutSeconds). */
  readonly idleTimeoutMs: number;
}

const METADATA_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
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

export class KubeApiClient {
  private readonly server: URL;
  /** Short requests share a few kept-alive connections; every watch holds a connection of its own. */
  private readonly requestAgent: http.Agent;
  private readonly watchAgent: http.Agent;

  constructor(private readonly config: KubeConfig) {
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new Error('KubeApiClient needs a KubeConfig with a current cluster');
    this.server = new URL(cluster.server);
    const Agent = this.server.protocol === 'http:' ? http.Agent : https.Agent;
    this.requestAgent = new Agent({ keepAlive: true, maxSockets: 8 });
    this.watchAgent = new Agent({ keepAlive: true });
  }

  /** `host:port` of the API server, for messages. */
  get address(): string {
    const port = this.server.port || (this.server.protocol === 'http:' ? '80' : '443');
    return `${this.server.hostname}:${port}`;
  }

  /** GET a JSON document (a list page, a probe). */
  async getJson(pathAndQuery: string, options: RequestOptions): Promise<unknown> {
    const response = await this.send(pathAndQuery, options, this.requestAgent);
    const body = await readBody(response, options).catch((error: unknown) => {
      throw toApiError(error, this.address, options.timeoutMs);
    });
    if (response.statusCode !== 200) throw statusError(response.statusCode ?? 0, body);
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new KubeApiError('server-error', 200, `the API server answered ${pathOnly(pathAndQuery)} with a body that is not JSON`);
    }
  }

  /**
   * Opens a watch and calls `onEvent` for every line; resolves when the server ends the stream cleanly,
   * rejects with a KubeApiError when it fails. The deadline applies to the response headers; after that the
   * idle timeout does.
   */
  async watch(
    pathAndQuery: string,
    options: WatchStreamOptions,
    onEvent: (event: unknown) => void,
    onOpen: () => void = () => undefined,
  ): Promise<void> {
    const response = await this.send(pathAndQuery, options, this.watchAgent);
    if (response.statusCode !== 200) {
      const body = await readBody(response, options).catch(() => '');
      throw statusError(response.statusCode ?? 0, body);
    }
    onOpen();
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      let settled = false;
      const onAbort = (): void => void response.destroy(abortError());
      const onIdle = (): void => void response.destroy(Object.assign(new Error('idle'), { code: 'WATCH_IDLE' }));
      const socket = response.socket;
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        socket?.removeListener('timeout', onIdle);
        socket?.setTimeout(0);
        if (error) reject(toApiError(error, this.address, options.idleTimeoutMs));
        else resolve();
      };
      response.setEncoding('utf8');
      socket?.setTimeout(options.idleTimeoutMs);
      socket?.on('timeout', onIdle);
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) {
            let event: unknown;
            try {
              event = JSON.parse(line);
            } catch {
              finish(new KubeApiError('server-error', 200, 'the API server sent a watch event that is not JSON'));
              response.destroy();
              return;
            }
            try {
              onEvent(event);
            } catch (error) {
              finish(error);
              response.destroy();
              return;
            }
          }
          newline = buffer.indexOf('\n');
        }
      });
      response.on('end', () => finish());
      response.on('error', (error) => finish(error));
      response.on('close', () => finish(response.complete ? undefined : Object.assign(new Error('reset'), { code: 'ECONNRESET' })));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) onAbort();
    });
  }

  dispose(): void {
    this.requestAgent.destroy();
    this.watchAgent.destroy();
  }

  private async send(pathAndQuery: string, options: RequestOptions, agent: http.Agent): Promise<http.IncomingMessage> {
    if (options.signal?.aborted) throw new KubeApiError('aborted', null, 'aborted');
    const tls: https.RequestOptions = {};
    // Credentials are applied per request: tokens from files and exec plugins are refreshed by the library.
    await this.config.applyToHTTPSOptions(tls);
    const cluster = this.config.getCurrentCluster();
    const url = new URL(pathAndQuery, this.server);
    const request: https.RequestOptions = {
      ...pickTlsOptions(tls),
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${this.server.pathname.replace(/\/$/, '')}${url.pathname}${url.search}`,
      headers: {
        ...(tls.headers as Record<string, string> | undefined),
        Accept: options.metadataOnly ? METADATA_ACCEPT : 'application/json',
        'User-Agent': 'meshwright',
      },
      // A proxy needs the library's agent; otherwise ours keeps connections alive across requests.
      agent: cluster?.proxyUrl ? tls.agent : agent,
    };
    if (tls.auth) request.auth = tls.auth;
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = transport.request(request, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'REQUEST_TIMEOUT' })), options.timeoutMs);
      const onAbort = (): void => void req.destroy(abortError());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(toApiError(error, this.address, options.timeoutMs));
      });
      req.on('close', () => options.signal?.removeEventListener('abort', onAbort));
      req.on('socket', (socket) => socket.setKeepAlive(true, 30_000));
      req.end();
    });
  }
}

function pickTlsOptions(tls: https.RequestOptions): https.RequestOptions {
  const picked: https.RequestOptions = {};
  if (tls.ca) picked.ca = tls.ca;
  if (tls.cert) picked.cert = tls.cert;
  if (tls.key) picked.key = tls.key;
  if (tls.pfx) picked.pfx = tls.pfx;
  if (tls.passphrase) picked.passphrase = tls.passphrase;
  if (tls.servername) picked.servername = tls.servername;
  if (tls.rejectUnauthorized !== undefined) picked.rejectUnauthorized = tls.rejectUnauthorized;
  return picked;
}

function readBody(response: http.IncomingMessage, options: RequestOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(
      () => response.destroy(Object.assign(new Error('timeout'), { code: 'REQUEST_TIMEOUT' })),
      options.timeoutMs,
    );
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    response.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    response.on('close', () => {
      clearTimeout(timer);
      if (!response.complete) reject(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    });
  });
}

function abortError(): Error {
  return Object.assign(new Error('aborted'), { code: 'ABORTED' });
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
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ABORTED') return new KubeApiError('aborted', null, 'aborted');
  if (code === 'REQUEST_TIMEOUT' || code === 'WATCH_IDLE') {
    return new KubeApiError('timeout', null, `no answer within ${formatSeconds(timeoutMs)} from ${address}`);
  }
  if (typeof code === 'string' && NETWORK_ERRORS.has(code)) return new KubeApiError('unreachable', null, `${code} ${address}`);
  if (typeof code === 'string' && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new KubeApiError('unreachable', null, `TLS: ${code} from ${address}; check the kubeconfig's certificate-authority`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KubeApiError('unreachable', null, `${typeof code === 'string' ? `${code} ` : ''}${redactCredentials(message)} (${address})`);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

function pathOnly(pathAndQuery: string): string {
  return pathAndQuery.split('?')[0] ?? pathAndQuery;
}
