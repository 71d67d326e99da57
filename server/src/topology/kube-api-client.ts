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
import tls from 'node:tls';
import { type KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, statusError, toApiError } from './kube-api-errors';
import { RequestLimiter } from './request-limiter';

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

export class KubeApiClient {
  private readonly server: URL;
  /** Short requests share a few kept-alive connections; every watch holds a connection of its own. */
  private readonly requestAgent: http.Agent;
  private readonly watchAgent: http.Agent;
  /** The TLS context (CA, client certificate), built once: building one per connection costs milliseconds. */
  private tlsContext: { readonly material: readonly unknown[]; readonly context: tls.SecureContext } | null =
    null;

  /** `limiter` bounds the lists in flight, shared by every cluster of one discovery. */
  constructor(
    private readonly config: KubeConfig,
    private readonly limiter: RequestLimiter = new RequestLimiter(8),
  ) {
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new Error('KubeApiClient needs a KubeConfig with a current cluster');
    this.server = new URL(cluster.server);
    const Agent = this.server.protocol === 'http:' ? http.Agent : https.Agent;
    // Lists come in bursts (first sync, relists); between bursts one idle connection per cluster is enough
    // (each idle TLS connection holds tens of kilobytes, times fifty clusters).
    this.requestAgent = new Agent({ keepAlive: true, maxSockets: 8, maxFreeSockets: 1 });
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
    // The limit covers the body and its parsing (what costs memory), not the wait for the server: a slow
    // cluster must not hold the slots of the others.
    return this.limiter.run(async () => {
      const body = await readBody(response, options).catch((error: unknown) => {
        throw toApiError(error, this.address, options.timeoutMs);
      });
      if (response.statusCode !== 200) throw statusError(response.statusCode ?? 0, body);
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new KubeApiError(
          'server-error',
          200,
          `the API server answered ${pathOnly(pathAndQuery)} with a body that is not JSON`,
        );
      }
    });
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
      const onIdle = (): void =>
        void response.destroy(Object.assign(new Error('idle'), { code: 'WATCH_IDLE' }));
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
              finish(
                new KubeApiError('server-error', 200, 'the API server sent a watch event that is not JSON'),
              );
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
      response.on('close', () =>
        finish(response.complete ? undefined : Object.assign(new Error('reset'), { code: 'ECONNRESET' })),
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) onAbort();
    });
  }

  /**
   * Closes every kept-alive connection. Called when the cluster went down, so the next attempt opens a
   * fresh connection instead of writing to one the server has silently dropped.
   */
  resetConnections(): void {
    this.requestAgent.destroy();
    this.watchAgent.destroy();
  }

  dispose(): void {
    this.resetConnections();
  }

  /**
   * The TLS options of a request: one SecureContext reused while the kubeconfig's material stays the
   * same (a client certificate from an exec plugin may change; then a new context is built).
   */
  private tlsOptions(
    options: https.RequestOptions,
  ): https.RequestOptions & { secureContext?: tls.SecureContext } {
    const material = [options.ca, options.cert, options.key, options.pfx, options.passphrase];
    const same =
      this.tlsContext !== null &&
      this.tlsContext.material.every((part, index) => sameMaterial(part, material[index]));
    if (!same) {
      this.tlsContext = {
        material,
        context: tls.createSecureContext({
          ...(options.ca ? { ca: options.ca } : {}),
          ...(options.cert ? { cert: options.cert } : {}),
          ...(options.key ? { key: options.key } : {}),
          ...(options.pfx ? { pfx: options.pfx } : {}),
          ...(options.passphrase ? { passphrase: options.passphrase } : {}),
        }),
      };
    }
    const picked: https.RequestOptions & { secureContext?: tls.SecureContext } = {
      secureContext: this.tlsContext?.context,
    };
    if (options.servername) picked.servername = options.servername;
    if (options.rejectUnauthorized !== undefined) picked.rejectUnauthorized = options.rejectUnauthorized;
    return picked;
  }

  private async send(
    pathAndQuery: string,
    options: RequestOptions,
    agent: http.Agent,
  ): Promise<http.IncomingMessage> {
    try {
      return await this.sendOnce(pathAndQuery, options, agent);
    } catch (error) {
      // A kept-alive connection the server closed just as we reused it: the request never reached the
      // server, so sending it again on a fresh connection is safe (Node's documented remedy).
      if ((error as { reusedSocket?: boolean }).reusedSocket)
        return this.sendOnce(pathAndQuery, options, agent);
      throw error;
    }
  }

  private async sendOnce(
    pathAndQuery: string,
    options: RequestOptions,
    agent: http.Agent,
  ): Promise<http.IncomingMessage> {
    if (options.signal?.aborted) throw new KubeApiError('aborted', null, 'aborted');
    const applied: https.RequestOptions = {};
    // Credentials are applied per request: tokens from files and exec plugins are refreshed by the library.
    await this.config.applyToHTTPSOptions(applied);
    const cluster = this.config.getCurrentCluster();
    const url = new URL(pathAndQuery, this.server);
    const request: https.RequestOptions = {
      ...this.tlsOptions(applied),
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${this.server.pathname.replace(/\/$/, '')}${url.pathname}${url.search}`,
      headers: {
        ...(applied.headers as Record<string, string> | undefined),
        Accept: options.metadataOnly ? METADATA_ACCEPT : 'application/json',
        'User-Agent': 'meshwright',
      },
      // A proxy needs the library's agent; otherwise ours keeps connections alive across requests.
      agent: cluster?.proxyUrl ? applied.agent : agent,
    };
    if (applied.auth) request.auth = applied.auth;
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      // Abort destroys the request and, once it has come, the response; the listener goes with them.
      let target: { destroy(error: Error): void } | null = null;
      const onAbort = (): void => target?.destroy(abortError());
      const release = (): void => options.signal?.removeEventListener('abort', onAbort);
      const req = transport.request(request, (response) => {
        clearTimeout(timer);
        target = response;
        response.once('close', release);
        resolve(response);
      });
      target = req;
      // The deadline starts when the request gets its connection: waiting behind this cluster's other
      // requests for one of its connections is not the server being slow.
      let timer: NodeJS.Timeout | undefined;
      options.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        release();
        const failure = toApiError(error, this.address, options.timeoutMs);
        if (req.reusedSocket && error.code === 'ECONNRESET') Object.assign(failure, { reusedSocket: true });
        reject(failure);
      });
      req.on('socket', (socket) => {
        socket.setKeepAlive(true, 30_000);
        timer = setTimeout(
          () => req.destroy(Object.assign(new Error('timeout'), { code: 'REQUEST_TIMEOUT' })),
          options.timeoutMs,
        );
      });
      req.end();
    });
  }
}

function sameMaterial(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
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

function pathOnly(pathAndQuery: string): string {
  return pathAndQuery.split('?')[0] ?? pathAndQuery;
}
