/**
 * A TCP proxy in front of a real API server, for the network faults a user's cluster has: latency added to
 * every chunk in both directions (a server far away or overloaded), every connection dropped at once (a
 * load balancer or VPN that lets go), and a closed port (the address answers nothing). TLS passes through
 * untouched, so clients still verify the server's own certificate (its SAN is 127.0.0.1).
 */
import net from 'node:net';

export class TcpProxy {
  /** Added before each chunk is forwarded, in both directions; chunks keep their order. */
  latencyMs = 0;
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  /** Connections accepted since the start: a client that reconnects shows here. */
  connections = 0;

  private constructor(
    private readonly target: { readonly host: string; readonly port: number },
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1 (a free port unless told) and forwards to `targetUrl`'s host and port. */
  static async start(targetUrl: string, port = 0): Promise<TcpProxy> {
    const url = new URL(targetUrl);
    const listening = await listen(port, (socket) => proxy.accept(socket));
    const address = listening.address() as net.AddressInfo;
    const proxy: TcpProxy = new TcpProxy({ host: url.hostname, port: Number(url.port) }, address.port);
    proxy.server = listening;
    return proxy;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  /** Resets every connection (both sides); new ones are accepted as before. */
  dropAll(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  /** Stops listening and drops every connection: the port refuses connections until `reopen()`. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async reopen(): Promise<void> {
    if (this.server) return;
    this.server = await listen(this.port, (socket) => this.accept(socket));
  }

  async stop(): Promise<void> {
    await this.close();
  }

  private accept(client: net.Socket): void {
    this.connections += 1;
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const closeBoth = (): void => {
      this.sockets.delete(client);
      this.sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
    this.forward(client, upstream);
    this.forward(upstream, client);
  }

  /** Copies `from` to `to`, each chunk after the latency of the moment, in order. */
  private forward(from: net.Socket, to: net.Socket): void {
    let previous = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const due = Date.now() + this.latencyMs;
      previous = previous.then(async () => {
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!to.destroyed) to.write(chunk);
      });
    });
    from.on('end', () => {
      void previous.then(() => to.end());
    });
  }
}

function listen(port: number, onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer(onConnection);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
