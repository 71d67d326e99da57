/**
 * HTTP/1.1 to an API server, for servers that do not speak HTTP/2 and for clusters behind a proxy:
 * short requests share a few kept-alive connections, every watch holds a connection of its own.
 */
import http from 'node:http';
import https from 'node:https';
import {
  type Transport,
  type TransportRequest,
  type TransportResponse,
  idleError,
  withDeadline,
} from './kube-transport';

export class Http1Transport implements Transport {
  private readonly requestAgent: http.Agent;
  private readonly watchAgent: http.Agent;

  constructor(private readonly server: URL) {
    const Agent = server.protocol === 'http:' ? http.Agent : https.Agent;
    // Lists come in bursts (first sync, relists); between bursts one idle connection per cluster is enough.
    this.requestAgent = new Agent({ keepAlive: true, maxSockets: 8, maxFreeSockets: 1 });
    this.watchAgent = new Agent({ keepAlive: true });
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    try {
      return await this.sendOnce(request);
    } catch (error) {
      // A kept-alive connection the server closed just as we reused it: the request never reached the
      // server, so sending it again on a fresh connection is safe (Node's documented remedy).
      if ((error as { reusedSocket?: boolean }).reusedSocket) return this.sendOnce(request);
      throw error;
    }
  }

  reset(): void {
    this.requestAgent.destroy();
    this.watchAgent.destroy();
  }

  private sendOnce(request: TransportRequest): Promise<TransportResponse> {
    const url = new URL(request.path, this.server);
    const agent = request.proxyAgent ?? (request.longLived ? this.watchAgent : this.requestAgent);
    const options: https.RequestOptions = {
      ...(url.protocol === 'https:' ? request.tls : {}),
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers: request.headers,
      agent,
      ...(request.auth ? { auth: request.auth } : {}),
    };
    const transport = url.protocol === 'http:' ? http : https;
    return withDeadline<TransportResponse>(request.timeoutMs, request.signal, ({ resolve, reject }) => {
      const req = transport.request(options, (response) => resolve(wrap(response)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (req.reusedSocket && error.code === 'ECONNRESET') Object.assign(error, { reusedSocket: true });
        reject(error);
      });
      req.on('socket', (socket) => socket.setKeepAlive(true, 30_000));
      req.end();
      return () => req.destroy();
    });
  }
}

function wrap(response: http.IncomingMessage): TransportResponse {
  let onIdle: (() => void) | null = null;
  return {
    status: response.statusCode ?? 0,
    ...(response.headers['content-encoding']
      ? { contentEncoding: response.headers['content-encoding'] }
      : {}),
    body: response,
    setIdleTimeout(ms) {
      const socket = response.socket;
      if (onIdle) socket?.removeListener('timeout', onIdle);
      onIdle = null;
      socket?.setTimeout(ms);
      if (ms > 0) {
        onIdle = () => response.destroy(idleError());
        socket?.on('timeout', onIdle);
      }
    },
    destroy: (error) => response.destroy(error),
  };
}
