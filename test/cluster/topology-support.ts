/**
 * Helpers for the topology tests: live discovery against a simulator with short retry delays (so "down,
 * then back" takes seconds), and waiting for a snapshot or a health state with a deadline.
 */
import path from 'node:path';
import { type ClusterHealth } from '../../server/src/topology/cluster-health';
import { loadKubeconfig } from '../../server/src/topology/kube-api/kubeconfig-loader';
import { type ClusterSnapshot, type TopologySnapshot } from '../../server/src/mesh/snapshot';
import { TopologyDiscovery, type TopologyChangeEvent } from '../../server/src/topology/topology-discovery';
import { waitFor } from './sim-harness';

export const TOPOLOGY_FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'topology');

/** Retries within a second or two: tests wait for recovery, they must not wait for production backoffs. */
export const FAST_RETRIES = {
  backoff: { initialMs: 100, maxMs: 1_000 },
  probeBackoff: { initialMs: 100, maxMs: 1_000 },
  requestTimeoutMs: 15_000,
};

export interface LiveTopology {
  readonly discovery: TopologyDiscovery;
  readonly events: TopologyChangeEvent[];
  cluster(name: string): ClusterSnapshot;
  health(name: string): ClusterHealth;
  /** Waits until the latest snapshot satisfies `accept`; returns it. */
  until(
    accept: (snapshot: TopologySnapshot) => boolean,
    what: string,
    deadlineMs?: number,
  ): Promise<TopologySnapshot>;
  untilHealth(
    name: string,
    accept: (health: ClusterHealth) => boolean,
    what: string,
    deadlineMs?: number,
  ): Promise<ClusterHealth>;
  stop(): void;
}

export function watchLive(
  kubeconfig: string,
  options: {
    contexts?: string[];
    trusted?: boolean;
    requestTimeoutMs?: number;
    maxWatchHoldMs?: number;
    /** How long the server keeps each watch open before discovery reopens it (±25%). */
    watchTimeoutSeconds?: number;
  } = {},
): LiveTopology {
  const { endpoints } = loadKubeconfig({
    kubeconfig,
    contexts: options.contexts,
    trusted: options.trusted ?? true,
  });
  const discovery = TopologyDiscovery.start({
    endpoints,
    watcher: {
      ...FAST_RETRIES,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.watchTimeoutSeconds ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
    },
    ...(options.maxWatchHoldMs ? { maxWatchHoldMs: options.maxWatchHoldMs } : {}),
  });
  const events: TopologyChangeEvent[] = [];
  discovery.onDidChange((event) => events.push(event));
  const cluster = (name: string): ClusterSnapshot => {
    const found = discovery.snapshot.clusters.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no cluster ${name} in the snapshot`);
    return found;
  };
  const health = (name: string): ClusterHealth => {
    const found = discovery.health().find((candidate) => candidate.cluster === name);
    if (!found) throw new Error(`no health for cluster ${name}`);
    return found;
  };
  return {
    discovery,
    events,
    cluster,
    health,
    until: async (accept, what, deadlineMs = 15_000) =>
      (await waitFor(
        () => (accept(discovery.snapshot) ? discovery.snapshot : undefined),
        what,
        deadlineMs,
      )) as TopologySnapshot,
    untilHealth: async (name, accept, what, deadlineMs = 15_000) => {
      try {
        return (await waitFor(
          () => (accept(health(name)) ? health(name) : undefined),
          what,
          deadlineMs,
        )) as ClusterHealth;
      } catch (error) {
        throw new Error(`${String(error)}; cluster ${name} is ${JSON.stringify(health(name))}`);
      }
    },
    stop: () => discovery.stop(),
  };
}

/** True when the cluster's snapshot holds an object of this kind and name. */
export function hasObject(
  cluster: ClusterSnapshot,
  kind: string,
  namespace: string | undefined,
  name: string,
): boolean {
  return cluster.objects.some(
    (object) =>
      object.kind === kind && object.metadata.name === name && object.metadata.namespace === namespace,
  );
}
