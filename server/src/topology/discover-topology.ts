/**
 * One-shot discovery for the command line (`meshwright topology`, `meshwright analyze --kubeconfig`):
 * lists every watched type in every selected cluster, in parallel, without watches, each cluster within
 * its own deadline. A cluster that cannot be read (unreachable, too slow, credentials refused, RBAC) is in
 * the result with what could be read and its stale reason; it never fails the whole discovery.
 */
import { setMaxListeners } from 'node:events';
import { type ClusterHealth, describeHealth } from './cluster-health';
import { pluginTimeoutMessage } from './kube-api/exec-credential-plugin';
import { KubeApiClient } from './kube-api/kube-api-client';
import { KubeApiError, isClusterWide, isConnectionReset, toApiError } from './kube-api/kube-api-errors';
import { type ClusterEndpoint, loadKubeconfig } from './kube-api/kubeconfig-loader';
import { type ListLimits, listLimits } from './kube-api/request-limiter';
import { listResource } from './resource-watcher';
import { SnapshotBuilder } from './snapshot-builder';
import { type KubeObject, type TopologySnapshot } from '../mesh/snapshot';
import { type WatchedResource, objectKey, watchedResources } from './watched-resources';
import { credentialSecretsResource, gatewayNamespaces, isMetadataOnlySecrets } from './credential-secrets';

export interface DiscoverTopologyOptions {
  /** Kubeconfig path(s); empty: KUBECONFIG, else ~/.kube/config. */
  readonly kubeconfig?: string;
  /** Contexts to read; empty: all. */
  readonly contexts?: readonly string[];
  /** Deadline per cluster, in milliseconds (default 15 s). */
  readonly timeoutMs?: number;
  /** Whether kubeconfig credential plugins may run (default true: the user runs the command). */
  readonly trusted?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly resources?: readonly WatchedResource[];
}

export interface DiscoveryResult {
  readonly snapshot: TopologySnapshot;
  readonly health: readonly ClusterHealth[];
  /** The kubeconfig files read. */
  readonly files: readonly string[];
  /** Each selected context's API server URL: Argo CD destinations name clusters by it. */
  readonly endpoints: ReadonlyMap<string, string>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Times a list whose connection was reset is asked again, and the pause before each (times the attempt). */
const RESET_RETRIES = 2;
const RESET_RETRY_DELAY_MS = 200;

/** Throws KubeconfigError when the kubeconfig itself cannot be used (missing, unknown context). */
export async function discoverTopology(options: DiscoverTopologyOptions = {}): Promise<DiscoveryResult> {
  const loaded = loadKubeconfig({
    kubeconfig: options.kubeconfig,
    contexts: options.contexts,
    trusted: options.trusted ?? true,
    env: options.env,
  });
  const resources = options.resources ?? watchedResources();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limits = listLimits();
  const reads = await Promise.all(
    loaded.endpoints.map((endpoint) => readCluster(endpoint, resources, timeoutMs, limits)),
  );
  const snapshot = new SnapshotBuilder().build(reads);
  const endpoints = new Map<string, string>();
  for (const endpoint of loaded.endpoints) if (endpoint.server) endpoints.set(endpoint.name, endpoint.server);
  return { snapshot, health: reads.map((read) => read.health()), files: loaded.files, endpoints };
}

interface ClusterRead {
  readonly name: string;
  readonly server?: string;
  readonly revision: number;
  objects(): readonly KubeObject[];
  health(): ClusterHealth;
}

async function readCluster(
  endpoint: ClusterEndpoint,
  resources: readonly WatchedResource[],
  timeoutMs: number,
  limits: ListLimits,
): Promise<ClusterRead> {
  const objects: KubeObject[][] = resources.map(() => []);
  const queue = [...resources];
  const failures: { resource: WatchedResource; error: KubeApiError }[] = [];
  /** Types listed, or found not served here: what the snapshot holds of them is all there is. */
  const read = new Set<WatchedResource>();
  let down: KubeApiError | null = null;
  let settled = 0;
  let contacted = false;
  const client = endpoint.config ? new KubeApiClient(endpoint.config, limits) : null;
  const finishedAt = { value: null as number | null };

  if (client) {
    const controller = new AbortController();
    // Every type's request listens to it, all at once while they wait for an exec plugin's credential.
    setMaxListeners(0, controller.signal);
    const deadline = setTimeout(() => {
      // A plugin still running when time is up is why nothing was asked; a server that answered but too
      // slowly for every type is not one that never answered.
      const plugin = client.pendingPlugin;
      down ??= plugin
        ? new KubeApiError('credential-plugin', null, pluginTimeoutMessage(plugin, timeoutMs))
        : new KubeApiError(
            'timeout',
            null,
            contacted
              ? `${timeoutMs / 1000}s were not enough to read every type from ${client.address}; allow more time with --timeout`
              : `no answer within ${timeoutMs / 1000}s from ${client.address}`,
          );
      controller.abort();
    }, timeoutMs);
    const readType = async (index: number, attempt = 0): Promise<void> => {
      const resource = queue[index] as WatchedResource;
      try {
        const listed = await listResource(
          client,
          resource,
          { requestTimeoutMs: timeoutMs, pageSize: 500 },
          controller.signal,
          () => (contacted = true),
        );
        objects[index] = listed.objects;
        read.add(resource);
        settled += 1;
      } catch (error) {
        if (controller.signal.aborted) return;
        const failure = toApiError(error, client.address, timeoutMs);
        // A list is safe to ask again, and one reset connection (an HTTP/2 stream a busy server dropped) is
        // not a cluster gone away: like client-go for its GETs, ask again before calling the cluster down.
        if (isConnectionReset(failure) && attempt < RESET_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, RESET_RETRY_DELAY_MS * (attempt + 1)));
          if (!controller.signal.aborted) await readType(index, attempt + 1);
          return;
        }
        if (failure.kind === 'not-found') {
          settled += 1; // not served here (Istio CRDs missing): nothing to read
          read.add(resource);
          return;
        }
        if (isClusterWide(failure.kind)) {
          // The others would fail the same way: stop asking this cluster.
          down ??= failure;
          controller.abort();
          return;
        }
        failures.push({ resource, error: failure });
        settled += 1;
      }
    };
    // Every type is asked for at once: the client paces them (kube-api-client.ts: three lists in flight,
    // and one whose answer is slow in coming gives its turn), as it does for live discovery. The watched
    // types first; then, once the pods say where gateways run, their credential Secrets.
    await Promise.all(queue.map((_, index) => readType(index)));
    if (!controller.signal.aborted) {
      const credentials = gatewayNamespaces(objects.flat()).map(credentialSecretsResource);
      const first = queue.length;
      queue.push(...credentials);
      objects.push(...credentials.map(() => []));
      await Promise.all(credentials.map((_, offset) => readType(first + offset)));
    }
    clearTimeout(deadline);
    client.dispose();
    finishedAt.value = Date.now();
  }

  const all = Object.freeze(withCredentialSummaries(queue, objects));
  const complete = down === null && endpoint.refused === null;
  return {
    name: endpoint.name,
    ...(endpoint.server ? { server: endpoint.server } : {}),
    revision: 0,
    objects: () => all,
    health: () =>
      describeHealth({
        cluster: endpoint.name,
        address: client?.address ?? endpoint.server,
        refused: endpoint.refused,
        down,
        retryAt: null,
        oneShot: true,
        contacted,
        settled,
        total: queue.length,
        lastSyncAt: complete ? finishedAt.value : null,
        failures,
        // A cluster never contacted (refused endpoint) has every type unread, not just those asked for.
        neverRead: (client ? queue : resources).filter((resource) => !read.has(resource)),
        now: Date.now(),
      }),
  };
}

/**
 * Every object read, in the order of the resources; a Secret read whole in a gateway namespace (with its
 * credential summary) replaces its metadata-only copy.
 */
function withCredentialSummaries(
  resources: readonly WatchedResource[],
  objects: readonly (readonly KubeObject[])[],
): KubeObject[] {
  const summarized = new Set<string>();
  resources.forEach((resource, index) => {
    if (resource.summarizesCredentials)
      for (const object of objects[index] ?? []) summarized.add(objectKey(object));
  });
  return resources.flatMap((resource, index) => {
    const read = objects[index] ?? [];
    return isMetadataOnlySecrets(resource)
      ? read.filter((object) => !summarized.has(objectKey(object)))
      : read;
  });
}
