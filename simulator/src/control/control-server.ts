/**
 * The simulator's control API, on its own HTTPS port so that it keeps answering while a cluster is
 * stopped. Each route needs the bearer token of the cluster it acts on (the one in the kubeconfig).
 *
 *   GET    /__sim/clusters                      all clusters (any cluster's token)
 *   GET    /__sim/clusters/<name>               state: running, url, resourceVersion, faults
 *   PUT    /__sim/clusters/<name>/faults        body: {latencyMs?, errorRate?, forbidden?, tokenExpired?, refuseDryRun?}
 *   POST   /__sim/clusters/<name>/faults        (same as PUT)
 *   DELETE /__sim/clusters/<name>/faults        clears every fault
 *   POST   /__sim/clusters/<name>/drop-watches  body (optional): {abrupt?: boolean}
 *   POST   /__sim/clusters/<name>/stop          close the listener and connections
 *   POST   /__sim/clusters/<name>/start         listen again on the same port, same state
 */
import { timingSafeEqual } from 'node:crypto';
import https from 'node:https';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { isRecord } from '../model/kube-object';
import { type FaultSettings } from '../faults/fault-controller';
import { readBody } from '../http/request-body';
import { type SimulatedCluster } from '../cluster/simulated-cluster';
import { type IssuedCertificate } from '../tls/certificate-authority';

export interface ClusterState {
  name: string;
  url: string;
  running: boolean;
  resourceVersion: number;
  faults: FaultSettings;
}

export function clusterState(cluster: SimulatedCluster): ClusterState {
  return {
    name: cluster.name,
    url: cluster.url,
    running: cluster.running,
    resourceVersion: cluster.resourceVersion,
    faults: cluster.faults,
  };
}

class ControlError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function tokenMatches(request: IncomingMessage, token: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return value;
  } catch {
    // reported below
  }
  throw new ControlError(400, 'the body must be a JSON object');
}

export class ControlServer {
  private server: https.Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly clusters: ReadonlyMap<string, SimulatedCluster>,
    private readonly credentials: IssuedCertificate,
  ) {}

  async start(port: number): Promise<number> {
    const server = https.createServer(
      { cert: this.credentials.certificatePem, key: this.credentials.privateKeyPem },
      (request, response) => {
        this.handle(request, response).catch((error: unknown) => {
          const code = error instanceof ControlError ? error.code : 500;
          const text = JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
          if (!response.headersSent) response.writeHead(code, { 'Content-Type': 'application/json' });
          response.end(text);
        });
      },
    );
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: Error) =>
        reject(new Error(`control API: cannot listen on 127.0.0.1:${port}: ${error.message}`)),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const address = server.address();
    return address && typeof address === 'object' ? address.port : port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parts = new URL(request.url ?? '/', 'https://control').pathname
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    if (parts[0] !== '__sim' || parts[1] !== 'clusters')
      throw new ControlError(404, 'no such control route; see docs/simulator.md');
    const method = request.method ?? 'GET';
    const reply = (body: unknown): void => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (parts.length === 2) {
      if (![...this.clusters.values()].some((cluster) => tokenMatches(request, cluster.token)))
        throw new ControlError(401, 'Unauthorized');
      if (method !== 'GET') throw new ControlError(405, `${method} is not allowed on /__sim/clusters`);
      return reply([...this.clusters.values()].map(clusterState));
    }
    const cluster = this.clusters.get(parts[2] ?? '');
    if (!cluster)
      throw new ControlError(
        404,
        `no cluster named ${JSON.stringify(parts[2])}; known: ${[...this.clusters.keys()].join(', ')}`,
      );
    if (!tokenMatches(request, cluster.token)) throw new ControlError(401, 'Unauthorized');
    const action = `${method} ${parts[3] ?? ''}`;
    switch (action) {
      case 'GET ':
        return reply(clusterState(cluster));
      case 'PUT faults':
      case 'POST faults':
        try {
          return reply(cluster.setFaults((await jsonBody(request)) as Partial<FaultSettings>));
        } catch (error) {
          if (error instanceof RangeError) throw new ControlError(400, error.message);
          throw error;
        }
      case 'DELETE faults':
        return reply(cluster.resetFaults());
      case 'POST drop-watches':
        return reply({ dropped: cluster.dropWatches({ abrupt: (await jsonBody(request)).abrupt === true }) });
      case 'POST stop':
        await cluster.stop();
        return reply(clusterState(cluster));
      case 'POST start':
        await cluster.start();
        return reply(clusterState(cluster));
      default:
        throw new ControlError(
          404,
          `no control route ${method} /__sim/clusters/${parts.slice(2).join('/')}; see docs/simulator.md`,
        );
    }
  }
}
