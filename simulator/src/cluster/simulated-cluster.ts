/**
 * One simulated cluster: its state (store, registry, endpoints controller), its HTTPS listener on
 * 127.0.0.1, and the knobs tests turn: faults, dropping watches, stopping (clients get ECONNREFUSED) and
 * starting again on the same port with the same state.
 */
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { type KubeObject, kubeTimestamp, splitApiVersion } from '../model/kube-object';
import { FaultController, type FaultSettings } from '../faults/fault-controller';
import { ResourceRegistry } from '../registry/resource-registry';
import { type ResourceType } from '../registry/resource-type';
import { creatorEntry, managedFieldsAfterUpdate } from '../apply/managed-fields';
import { createApiRequestHandler } from '../http/api-server';
import { warmSerialization } from '../http/serialized-objects';
import { EndpointsController } from '../state/endpoints-controller';
import { prepareForCreate, prepareForUpdate, prepareSeed } from '../state/object-lifecycle';
import { ObjectStore } from '../state/object-store';
import { ServiceAddressAllocator } from '../state/service-addresses';
import { type LoadedObject, StateLoadError } from '../state/state-loader';
import { type IssuedCertificate } from '../tls/certificate-authority';
import { type ClusterContext, type OpenWatch } from './cluster-context';

export interface ClusterSettings {
  name: string;
  port: number;
  credentials: IssuedCertificate;
  kubernetesVersion: string;
  watchHistorySize: number;
  bookmarkIntervalMs: number;
  onError: (error: unknown) => void;
}

/**
 * Defines `key` on `target` as computed whenever it is read (enumerable, JSON-visible). Not kept: the
 * object is serialised once (serialized-objects.ts) and the value is otherwise read only by the rare
 * server-side apply over a seeded object, so keeping it would only hold memory.
 */
function computedProperty<T>(target: object, key: string, compute: () => T): void {
  Object.defineProperty(target, key, { configurable: true, enumerable: true, get: compute });
}

/** Namespaces every cluster has, like a fresh kubeadm cluster. */
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export class SimulatedCluster {
  readonly name: string;
  readonly token = randomBytes(24).toString('base64url');
  private readonly context: ClusterContext & { watches: Set<OpenWatch> };
  private server: http2.Http2SecureServer | undefined;
  private readonly sockets = new Set<Socket>();
  private assignedPort: number;
  private activeToken: string;

  constructor(
    private readonly settings: ClusterSettings,
    registry: ResourceRegistry = new ResourceRegistry(),
  ) {
    this.name = settings.name;
    this.assignedPort = settings.port;
    this.activeToken = this.token;
    this.context = {
      name: settings.name,
      registry,
      store: new ObjectStore(settings.watchHistorySize),
      faults: new FaultController(),
      serviceAddresses: new ServiceAddressAllocator(),
      kubernetesVersion: settings.kubernetesVersion,
      userName: `${settings.name}-admin`,
      bookmarkIntervalMs: settings.bookmarkIntervalMs,
      watches: new Set(),
    };
  }

  get port(): number {
    return this.assignedPort;
  }

  get url(): string {
    return `https://127.0.0.1:${this.assignedPort}`;
  }

  get running(): boolean {
    return this.server?.listening ?? false;
  }

  get resourceVersion(): number {
    return this.context.store.currentResourceVersion;
  }

  get faults(): FaultSettings {
    return this.context.faults.settings;
  }

  /** Loads the initial state (before start): unknown kinds are errors that name the file. */
  seed(objects: readonly LoadedObject[]): void {
    const { registry, store } = this.context;
    const now = new Date();
    const namespaces = registry.forPath('', 'v1', 'namespaces') as ResourceType;
    const resolved = objects.map(({ object, source }) => {
      const resource = registry.forObject(object.apiVersion, object.kind);
      if (!resource) {
        const known = registry.forGroupKind(splitApiVersion(object.apiVersion).group, object.kind);
        throw new StateLoadError(
          known
            ? `${source}: ${object.kind} is not served in version ${object.apiVersion}; use one of ${known.versions.join(', ')}`
            : `${source}: the simulator does not serve ${object.kind} (${object.apiVersion}); see docs/simulator.md for the served kinds`,
        );
      }
      if (resource.namespaced) object.metadata.namespace ??= 'default';
      else delete object.metadata.namespace;
      return { resource, object, source };
    });
    const wanted = new Set([
      ...SYSTEM_NAMESPACES,
      ...resolved.flatMap(({ object }) => (object.metadata.namespace ? [object.metadata.namespace] : [])),
    ]);
    for (const { resource, object } of resolved.filter((entry) => entry.resource === namespaces)) {
      this.seedOne(resource, object, now);
      wanted.delete(object.metadata.name);
    }
    for (const name of [...wanted].sort())
      this.seedOne(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, now);
    for (const { resource, object, source } of resolved.filter((entry) => entry.resource !== namespaces)) {
      if (store.get(resource, object.metadata.namespace, object.metadata.name)) {
        throw new StateLoadError(
          `${source}: ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name} is defined twice`,
        );
      }
      this.seedOne(resource, object, now);
    }
  }

  private seedOne(resource: ResourceType, object: KubeObject, now: Date): void {
    const seeded = prepareSeed(resource, object, now);
    if (resource.kind === 'Service') this.context.serviceAddresses.assign(seeded);
    const stored = this.context.store.seed(resource, seeded);
    if (!object.metadata.managedFields) {
      // Seed objects look client-side applied, so server-side apply over them conflicts like on a real
      // cluster. Computed on first use: big generated meshes would otherwise spend seconds and memory here.
      computedProperty(stored.metadata, 'managedFields', () => [
        creatorEntry({
          updated: stored,
          resource,
          manager: 'kubectl-client-side-apply',
          apiVersion: object.apiVersion,
          time: stored.metadata.creationTimestamp ?? kubeTimestamp(now),
        }),
      ]);
    }
  }

  private stopEndpoints: (() => void) | undefined;
  private warmed = false;

  async start(): Promise<void> {
    if (this.running) return;
    this.stopEndpoints ??= new EndpointsController(this.context.store, this.context.registry).start();
    const handler = createApiRequestHandler({
      context: this.context,
      token: () => this.activeToken,
      serverAddress: () => `127.0.0.1:${this.assignedPort}`,
      onError: this.settings.onError,
    });
    if (!this.warmed) {
      // Serialised before the first request, as a real API server's watch cache holds its objects encoded.
      this.warmed = true;
      for (const resource of this.context.registry.resources)
        warmSerialization(this.context.store.sortedBucket(resource), resource);
    }
    // HTTP/2 like a real API server (clients multiplex their lists and watches on one connection), and
    // HTTP/1.1 for clients that do not offer HTTP/2.
    const server = http2.createSecureServer(
      {
        cert: this.settings.credentials.certificatePem,
        key: this.settings.credentials.privateKeyPem,
        allowHTTP1: true,
      },
      handler as unknown as (request: Http2ServerRequest, response: Http2ServerResponse) => void,
    );
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('tlsClientError', () => undefined); // clients that reject the certificate or go away early
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            error.code === 'EADDRINUSE'
              ? `cluster ${this.name}: port ${this.assignedPort} on 127.0.0.1 is in use; choose another --port or stop what holds it`
              : `cluster ${this.name}: cannot listen on 127.0.0.1:${this.assignedPort}: ${error.message}`,
          ),
        ),
      );
      server.listen(this.assignedPort, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address && typeof address === 'object') this.assignedPort = address.port;
    this.server = server;
  }

  /** Closes the listener and every connection: clients see ECONNREFUSED until start(). State is kept. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const watch of [...this.context.watches]) watch.close(true);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Stops for good: listener, connections and the endpoints controller. */
  async dispose(): Promise<void> {
    await this.stop();
    this.stopEndpoints?.();
  }

  setFaults(change: Partial<FaultSettings>): FaultSettings {
    return this.context.faults.update(change);
  }

  resetFaults(): FaultSettings {
    return this.context.faults.reset();
  }

  /** Ends every open watch now (cleanly, or by resetting the connection); returns how many. */
  dropWatches(options: { abrupt?: boolean } = {}): number {
    const watches = [...this.context.watches];
    for (const watch of watches) watch.close(options.abrupt ?? false);
    return watches.length;
  }

  /**
   * Forgets the change history, as etcd compaction does: watches and list continuations from an older
   * resourceVersion are answered 410 Gone from now on.
   */
  compact(): void {
    this.context.store.compact();
  }

  /** Every stored object, in its storage version. */
  objects(): KubeObject[] {
    return this.context.registry.resources.flatMap((resource) => this.context.store.list(resource));
  }

  /**
   * Creates or replaces an object directly (as manager `meshwright-sim`), with events for watchers: for
   * tests and benchmarks that need churn without a client.
   */
  put(object: KubeObject): KubeObject {
    const resource = this.resourceOf(object);
    const candidate: KubeObject = { ...object, metadata: { ...object.metadata } };
    if (resource.namespaced) candidate.metadata.namespace ??= 'default';
    const live =
      this.context.store.get(resource, candidate.metadata.namespace, candidate.metadata.name) ?? null;
    const now = new Date();
    const prepared = live
      ? prepareForUpdate(resource, live, candidate)
      : prepareForCreate(resource, candidate, now);
    if (resource.statusSubresource && candidate.status !== undefined) prepared.status = candidate.status;
    prepared.metadata.managedFields = managedFieldsAfterUpdate({
      live,
      updated: prepared,
      resource,
      manager: 'meshwright-sim',
      apiVersion: object.apiVersion,
      time: kubeTimestamp(now),
    });
    if (live) return this.context.store.replace(resource, prepared);
    if (resource.kind === 'Service') this.context.serviceAddresses.assign(prepared);
    return this.context.store.create(resource, prepared);
  }

  /** Deletes an object directly; false when it did not exist. */
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean {
    const resource = this.resourceOf({ apiVersion, kind, metadata: { name } });
    return (
      this.context.store.remove(
        resource,
        resource.namespaced ? (namespace ?? 'default') : undefined,
        name,
      ) !== undefined
    );
  }

  private resourceOf(object: KubeObject): ResourceType {
    const resource = this.context.registry.forObject(object.apiVersion, object.kind);
    if (!resource)
      throw new Error(
        `cluster ${this.name}: the simulator does not serve ${object.kind} (${object.apiVersion})`,
      );
    return resource;
  }
}
