/**
 * HTTP/2 to an API server: one TLS connection per cluster carries every list and watch as streams, as
 * client-go does with a real API server. A cluster with thirty watched types then costs one handshake and
 * one socket instead of thirty, which is most of discovery's CPU and memory in big meshes.
 *
 * The first connection offers `h2` and `http/1.1` (ALPN); a server that picks HTTP/1.1 (or nothing) is
 * remembered and served by the HTTP/1.1 transport from then on. Flow-control windows are sized so a
 * cluster never has more than `CONNECTION_WINDOW` bytes waiting unread (bodies wait for their turn to be
 * parsed), while a list still arrives in few round trips.
 */
import http2 from 'node:http2';
import tls from 'node:tls';
import {
  type TlsConnection,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  idleError,
  resetError,
  withDeadline,
} from './kube-transport';

/** Per stream: a page of 500 objects arrives in a few windows. */
const STREAM_WINDOW = 256 * 1024;
/** Per connection: what one cluster may have buffered, unread, at most. */
const CONNECTION_WINDOW = 1024 * 1024;

export type Http2Connection = http2.ClientHttp2Session | 'http1';

export class Http2Transport implements Transport {
  private session: http2.ClientHttp2Session | null = null;
  private sessionContext: TlsConnection['secureContext'] = undefined;
  private connecting: Promise<Http2Connection> | null = null;

  constructor(
    private readonly server: URL,
    /** Called once when the server turns out not to speak HTTP/2. */
    private readonly onHttp1: () => void,
  ) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    const session = await withDeadline<Http2Connection>(request.timeoutMs, request.signal, (settle) => {
      this.connection(request.tls, request.timeoutMs).then(settle.resolve, settle.reject);
      return () => undefined;
    });
    if (session === 'http1') throw new Http1OnlyError();
    return withDeadline<TransportResponse>(request.timeoutMs, request.signal, ({ resolve, reject }) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = session.request({ ':method': 'GET', ':path': request.path, ...request.headers });
      } catch (error) {
        // The session closed between the check and the request: a fresh one next time.
        this.forget(session);
        reject(asConnectionError(error));
        return () => undefined;
      }
      // Built only for a stream that closes before its response: an Error costs a stack trace, and every
      // stream closes once its body is read.
      const onClose = (): void => reject(resetError());
      stream.once('response', (headers) => {
        stream.removeListener('close', onClose);
        resolve(wrap(stream, Number(headers[':status'] ?? 0), headers['content-encoding']));
      });
      stream.once('error', (error) => reject(asConnectionError(error)));
      stream.once('close', onClose);
      return () => stream.close(http2.constants.NGHTTP2_CANCEL);
    });
  }

  reset(): void {
    this.session?.destroy();
    this.session = null;
    this.connecting = null;
  }

  /** The open session, or a new one; 'http1' when the server declined HTTP/2. */
  private connection(options: TlsConnection, timeoutMs: number): Promise<Http2Connection> {
    const current = this.session;
    if (current && !current.closed && !current.destroyed) {
      // New client certificate (an exec plugin renewed it): new connection; the old one drains.
      if (options.secureContext === this.sessionContext) return Promise.resolve(current);
      current.close();
      this.session = null;
    }
    this.connecting ??= this.connect(options, timeoutMs).finally(() => (this.connecting = null));
    return this.connecting;
  }

  private connect(options: TlsConnection, timeoutMs: number): Promise<Http2Connection> {
    const port = Number(this.server.port || 443);
    const host = this.server.hostname.replace(/^\[|\]$/g, '');
    return withDeadline<Http2Connection>(timeoutMs, undefined, ({ resolve, reject }) => {
      const socket = tls.connect({
        host,
        port,
        ...options,
        ...(options.servername ? {} : isIpAddress(host) ? {} : { servername: host }),
        ALPNProtocols: ['h2', 'http/1.1'],
      });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        socket.removeListener('error', reject);
        if (socket.alpnProtocol !== 'h2') {
          socket.destroy();
          this.onHttp1();
          resolve('http1');
          return;
        }
        socket.setKeepAlive(true, 30_000);
        const session = http2.connect(this.server.origin, {
          createConnection: () => socket,
          settings: { enablePush: false, initialWindowSize: STREAM_WINDOW },
        });
        session.on('error', () => this.forget(session));
        session.on('goaway', () => this.forget(session));
        session.on('close', () => this.forget(session));
        session.once('connect', () => session.setLocalWindowSize(CONNECTION_WINDOW));
        this.session = session;
        this.sessionContext = options.secureContext;
        resolve(session);
      });
      return () => socket.destroy();
    });
  }

  private forget(session: http2.ClientHttp2Session): void {
    if (this.session === session) this.session = null;
  }
}

/** The server declined HTTP/2: the caller switches to HTTP/1.1 and sends again. */
export class Http1OnlyError extends Error {
  constructor() {
    super('the API server does not speak HTTP/2');
  }
}

function wrap(
  stream: http2.ClientHttp2Stream,
  status: number,
  contentEncoding: string | string[] | undefined,
): TransportResponse {
  return {
    status,
    ...(typeof contentEncoding === 'string' ? { contentEncoding } : {}),
    body: stream,
    setIdleTimeout(ms) {
      stream.setTimeout(ms, ms > 0 ? () => stream.destroy(idleError()) : undefined);
    },
    destroy: (error) => stream.destroy(error),
  };
}

/**
 * HTTP/2 stream and session failures (reset by the server, connection gone) mean what ECONNRESET means
 * over HTTP/1.1: the request did not complete because of the connection.
 */
function asConnectionError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_HTTP2_') ? resetError() : error;
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
