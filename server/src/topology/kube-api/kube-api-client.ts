/**
 * HTTP to one cluster's API server, for lists and watches. `@kubernetes/client-node`'s KubeConfig supplies
 * the TLS material and credentials per request (bearer token, client certificate, token file; exec
 * plugins run through exec-credential-cache.ts, within the request's deadline); this module adds what discovery needs and the library's `Watch` lacks:
 * a deadline on every request (a hung connection always fails), HTTP/2 (every list and watch of a cluster
 * on one connection; HTTP/1.1 when the server or a proxy does not speak it), abort signals, a cap on the
 * lists in flight, a cap on the size of every answer (`maxBodyBytes`: a hostile or broken server must not
 * take gigabytes), and failures classified by what they mean for the cluster (unreachable, timed out,
 * credentials refused, RBAC, gone).
 *
 * Objects are read as plain JSON (no model classes), which keeps memory and time low for big clusters.
 * No message built here contains a header, a token or a response body other than a Status message.
 */
import type http from 'node:http';
import type https from 'node:https';
import tls from 'node:tls';
import { type KubeConfig } from '@kubernetes/client-node';
import { Http1Transport } from './kube-http1-transport';
import { Http1OnlyError, Http2Transport } from './kube-http2-transport';
import { KubeApiError, statusError, toApiError } from './kube-api-errors';
import { decodeContent, isCompressed, LIST_ACCEPT_ENCODING } from './content-encoding';
import { type ExecPluginConfig } from './exec-credential-plugin';
import { type MemberPruner, pruneBulkyMembers } from './json-pruning';
import {
  type TlsConnection,
  type TransportRequest,
  type TransportResponse,
  abortError,
} from './kube-transport';
import { RequestCredentials } from './request-credentials';
import { type ListLimits, RequestLimiter, listLimits } from './request-limiter';

export interface RequestOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Ask for metadata only (PartialObjectMetadataList): no spec, no data. */
  readonly metadataOnly?: boolean;
  /** What is cut out of a JSON body before it is parsed; default: managedFields and last-applied. */
  readonly pruner?: MemberPruner;
}

export interface WatchStreamOptions extends RequestOptions {
  /** Fail the watch when nothing arrives for this long (the server ends a quiet watch at timeoutSeconds). */
  readonly idleTimeoutMs: number;
}

const METADATA_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
/**
 * Lists of one cluster in flight at once: enough to hide latency, few enough to be polite to its server.
 * Also few enough that the bodies complete one after the other: every stream in flight gets its flow-
 * control window of data at once, so with many of them the first complete body (the first that can be
 * parsed) comes only after most of the data of all of them has crossed; with fifty clusters at six lists
 * each, the parser waited for the first page for over a second.
 */
const LISTS_PER_CLUSTER = 3;
/**
 * A list still waiting for its answer after this long gives its turn to the next one: its server is slow
 * or far away, so its bodies do not crowd each other, and waiting in turn would add the latency once per
 * three types (a cluster 5 s away took 45 s to read its 25 types).
 */
const SLOW_ANSWER_MS = 500;

export class KubeApiClient {
  private readonly server: URL;
  private readonly http1: Http1Transport;
  private readonly http2: Http2Transport | null;
  private useHttp2: boolean;
  private readonly lists = new RequestLimiter(LISTS_PER_CLUSTER);
  private readonly credentials: RequestCredentials;
  /** Requests waiting for the exec plugin's credential. */
  private waitingForCredentials = 0;
  /** The TLS context (CA, client certificate), built once: building one per connection costs milliseconds. */
  private tlsContext: { readonly material: readonly unknown[]; readonly context: tls.SecureContext } | null =
    null;

  /** `limits` bound the list bodies in memory and in parsing, shared by every cluster of one discovery. */
  constructor(
    config: KubeConfig,
    private readonly limits: ListLimits = listLimits(),
  ) {
    this.credentials = new RequestCredentials(config);
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new Error('KubeApiClient needs a KubeConfig with a current cluster');
    this.server = new URL(cluster.server);
    this.http1 = new Http1Transport(this.server);
    this.useHttp2 = this.server.protocol === 'https:' && !cluster.proxyUrl;
    this.http2 = this.useHttp2 ? new Http2Transport(this.server, () => (this.useHttp2 = false)) : null;
  }

  /** `host:port` of the API server, for messages. */
  get address(): string {
    const port = this.server.port || (this.server.protocol === 'http:' ? '80' : '443');
    return `${this.server.hostname}:${port}`;
  }

  /**
   * The exec credential plugin this client's requests are waiting for now; null when none is (no plugin,
   * or its credential is at hand). A deadline that passes meanwhile is the plugin's fault, not the server's.
   */
  get pendingPlugin(): ExecPluginConfig | null {
    return this.waitingForCredentials > 0 ? this.credentials.execPlugin : null;
  }

  /**
   * Takes renewed credentials (a re-read kubeconfig: same cluster, new token or certificate). Requests
   * from now on use them; a new client certificate also opens a new connection.
   */
  setConfig(config: KubeConfig): void {
    this.credentials.setConfig(config);
  }

  /**
   * GET a JSON document (a list page, a probe). `managedFields` and last-applied annotations, and what
   * `options.pruner` names, are cut out before parsing (json-pruning.ts): discovery keeps none of them,
   * and they are most of a big list's bytes.
   */
  getJson(pathAndQuery: string, options: RequestOptions): Promise<unknown> {
    return this.lists.run(async (giveTurn) => {
      const slowAnswer = setTimeout(giveTurn, SLOW_ANSWER_MS);
      const response = await this.send(pathAndQuery, options, false).finally(() => clearTimeout(slowAnswer));
      const read = (): Promise<Buffer> =>
        readBody(response, options, this.limits.maxBodyBytes).catch((error: unknown) => {
          throw toApiError(error, this.address, options.timeoutMs);
        });
      const parse = (received: Buffer): Promise<unknown> =>
        this.limits.decoding.run(() => this.parseBody(pathAndQuery, response, received, options.pruner));
      // A compressed body is small (a page of pods shrinks twenty-fold): it is read at once, so a slow link
      // holds no slot, and waits for its turn to be inflated. An uncompressed one is a whole page: it is
      // read and parsed within a slot, which bounds the memory of the bodies in flight. Neither limit
      // covers the wait for the server's answer: a slow cluster must not hold the slots of the others.
      if (isCompressed(response.contentEncoding)) return parse(await read());
      return this.limits.bodies.run(async () => parse(await read()));
    });
  }

  /** The body inflated, pruned (json-pruning.ts) and parsed; a refusal as its KubeApiError. */
  private async parseBody(
    pathAndQuery: string,
    response: TransportResponse,
    received: Buffer,
    pruner: MemberPruner | undefined,
  ): Promise<unknown> {
    const body = await decodeContent(received, response.contentEncoding, this.limits.maxBodyBytes).catch(
      (error: unknown) => {
        // A refusal is still a refusal when its body is garbled: its status says what went wrong.
        if (response.status !== 200) return Buffer.alloc(0);
        throw new KubeApiError(
          'server-error',
          200,
          `the API server answered ${pathOnly(pathAndQuery)} with ${(error as Error).message}`,
        );
      },
    );
    if (response.status !== 200) throw statusError(response.status, body.toString('utf8'));
    try {
      return JSON.parse((pruner ? pruner.prune(body) : pruneBulkyMembers(body)).toString('utf8')) as unknown;
    } catch {
      throw new KubeApiError(
        'server-error',
        200,
        `the API server answered ${pathOnly(pathAndQuery)} with a body that is not JSON`,
      );
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
    const response = await this.send(pathAndQuery, options, true);
    if (response.status !== 200) {
      const body = await readBody(response, options, this.limits.maxBodyBytes).catch(() => Buffer.alloc(0));
      throw statusError(response.status, body.toString('utf8'));
    }
    onOpen();
    await readLines(response, options, this.limits.maxBodyBytes, onEvent).catch((error: unknown) => {
      throw toApiError(error, this.address, options.idleTimeoutMs);
    });
  }

  /**
   * Closes every connection. Called when the cluster went down, so the next attempt opens a fresh
   * connection instead of writing to one the server has silently dropped.
   */
  resetConnections(): void {
    this.http2?.reset();
    this.http1.reset();
  }

  dispose(): void {
    this.resetConnections();
  }

  /**
   * The TLS options of a request: one SecureContext reused while the kubeconfig's material stays the
   * same (a client certificate from an exec plugin may change; then a new context is built).
   */
  private tlsOptions(options: https.RequestOptions): TlsConnection {
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
    return {
      secureContext: this.tlsContext?.context,
      ...(options.servername ? { servername: options.servername } : {}),
      ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
    };
  }

  private async send(
    pathAndQuery: string,
    options: RequestOptions,
    longLived: boolean,
  ): Promise<TransportResponse> {
    if (options.signal?.aborted) throw new KubeApiError('aborted', null, 'aborted');
    // Tokens from files are refreshed by the library, those of exec plugins when they expire
    // (request-credentials.ts); a plugin runs within this request's deadline.
    const applied = await this.credentialsFor(options);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(applied.headers ?? {}))
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    headers.accept = options.metadataOnly ? METADATA_ACCEPT : 'application/json';
    headers['user-agent'] = 'meshwright';
    if (!longLived) headers['accept-encoding'] = LIST_ACCEPT_ENCODING;
    const proxied = Boolean(this.credentials.kubeconfig.getCurrentCluster()?.proxyUrl);
    const request: TransportRequest = {
      path: `${this.server.pathname.replace(/\/$/, '')}${pathAndQuery}`,
      headers,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      longLived,
      tls: this.tlsOptions(applied),
      ...(applied.auth ? { auth: applied.auth } : {}),
      // A proxy needs the library's agent; otherwise ours keeps connections alive across requests.
      ...(proxied && applied.agent ? { proxyAgent: applied.agent as http.Agent } : {}),
    };
    const response = await this.sendWith(request, applied).catch((error: unknown) => {
      throw toApiError(error, this.address, options.timeoutMs);
    });
    if (response.status === 401) this.credentials.refused(applied);
    return response;
  }

  private async sendWith(
    request: TransportRequest,
    applied: Readonly<https.RequestOptions>,
  ): Promise<TransportResponse> {
    if (this.useHttp2 && this.http2) {
      const withBasicAuth = applied.auth
        ? { ...request.headers, authorization: `Basic ${Buffer.from(applied.auth).toString('base64')}` }
        : request.headers;
      try {
        return await this.http2.send({ ...request, headers: withBasicAuth });
      } catch (error) {
        if (!(error instanceof Http1OnlyError)) throw error;
      }
    }
    return this.http1.send(request);
  }

  private async credentialsFor(options: RequestOptions): Promise<Readonly<https.RequestOptions>> {
    this.waitingForCredentials += 1;
    try {
      return await this.credentials.apply({ timeoutMs: options.timeoutMs, signal: options.signal });
    } catch (error) {
      throw toApiError(error, this.address, options.timeoutMs);
    } finally {
      this.waitingForCredentials -= 1;
    }
  }
}

function sameMaterial(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
}

/**
 * The whole body, within the deadline and `maxBytes`; a body cut off by the connection is ECONNRESET, one
 * over the cap is destroyed at once (its bytes are not kept).
 */
function readBody(response: TransportResponse, options: RequestOptions, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const body = response.body;
    const timer = setTimeout(
      () => response.destroy(Object.assign(new Error('timeout'), { code: 'REQUEST_TIMEOUT' })),
      options.timeoutMs,
    );
    const onAbort = (): void => response.destroy(abortError());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let ended = false;
    const done = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        chunks.length = 0;
        response.destroy(tooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => {
      ended = true;
      done();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    body.once('error', (error) => {
      done();
      reject(error);
    });
    body.once('close', () => {
      done();
      if (!ended) reject(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    });
    if (options.signal?.aborted) onAbort();
  });
}

/** Calls `onEvent` for every JSON line until the stream ends (resolves) or fails (rejects). */
function readLines(
  response: TransportResponse,
  options: WatchStreamOptions,
  maxLineBytes: number,
  onEvent: (event: unknown) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const body = response.body;
    let buffer = '';
    let settled = false;
    const onAbort = (): void => response.destroy(abortError());
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      response.setIdleTimeout(0);
      if (error) reject(error);
      else resolve();
    };
    body.setEncoding('utf8');
    response.setIdleTimeout(options.idleTimeoutMs);
    body.on('data', (chunk: string) => {
      buffer += chunk;
      // One event without its end of line yet: bounded like a whole answer (characters, at least as many bytes).
      if (buffer.length > maxLineBytes && !buffer.includes('\n')) {
        buffer = '';
        finish(tooLargeError(maxLineBytes));
        response.destroy();
        return;
      }
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
    let ended = false;
    body.once('end', () => {
      ended = true;
      finish();
    });
    body.once('error', (error) => finish(error));
    body.once('close', () =>
      finish(ended ? undefined : Object.assign(new Error('reset'), { code: 'ECONNRESET' })),
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
  });
}

/** An answer over the cap: the server's fault, said with the cap so people know what was refused. */
function tooLargeError(maxBytes: number): KubeApiError {
  return new KubeApiError('server-error', null, `the API server's answer is over ${formatBytes(maxBytes)}`);
}

function formatBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return mebibytes >= 1 ? `${Number(mebibytes.toFixed(1))} MiB` : `${bytes} bytes`;
}

function pathOnly(pathAndQuery: string): string {
  return pathAndQuery.split('?')[0] ?? pathAndQuery;
}
