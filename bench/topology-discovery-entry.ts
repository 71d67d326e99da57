/**
 * The discovering side of `npm run bench -- topology`, run as its own node process so its peak RSS is
 * discovery's alone (the simulator runs in another process). Modes:
 *   live KUBECONFIG SAMPLES  first complete snapshot (time, RSS, objects), then SAMPLES watch events
 *                            (a DestinationRule created through the API) -> change event latencies;
 *   oneshot KUBECONFIG [bulky]  discoverTopology, as `meshwright topology` and `analyze --kubeconfig` pay
 *                            it; `bulky`: with the byte pruner cutting managedFields and last-applied
 *                            annotations only, as before resources named their own unread members;
 *   bytes KUBECONFIG         the bytes one cluster (the first context) serves for discovery's lists.
 * Prints one JSON line of figures.
 */
import fs from 'node:fs';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { discoverTopology } from '../server/src/topology/discover-topology';
import { loadKubeconfig } from '../server/src/topology/kube-api/kubeconfig-loader';
import { TopologyDiscovery } from '../server/src/topology/topology-discovery';
import { watchedResources } from '../server/src/topology/watched-resources';
import { isolatedChangePause } from './isolated-change';
import { listBytes } from './list-bytes';

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

/**
 * CPU time of the simulator process (MESHWRIGHT_BENCH_SIMULATOR_PID), from /proc on Linux; null elsewhere.
 * It shares the machine's cores with discovery, so it bounds how short the sync can be here.
 */
function simulatorCpuMs(): number | null {
  const pid = process.env.MESHWRIGHT_BENCH_SIMULATOR_PID;
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (in parentheses, which may hold spaces): utime and stime are the 14th and
    // 15th fields of the line, in clock ticks (100 per second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function live(kubeconfig: string, samples: number): Promise<object> {
  const started = performance.now();
  const simulatorCpuAtStart = simulatorCpuMs();
  const { endpoints } = loadKubeconfig({ kubeconfig, trusted: true });
  // One simulator process serves every cluster here (real clusters have an API server each), so its
  // answers queue up; a long deadline measures discovery's throughput rather than the simulator's queue.
  const discovery = TopologyDiscovery.start({ endpoints, watcher: { requestTimeoutMs: 120_000 } });
  await discovery.whenSynced();
  const syncMs = performance.now() - started;
  const syncRss = maxRssMiB();
  const atSync = process.memoryUsage();
  const memoryAtSyncMiB = {
    rss: atSync.rss / 1048576,
    heapTotal: atSync.heapTotal / 1048576,
    heapUsed: atSync.heapUsed / 1048576,
    external: atSync.external / 1048576,
  };
  const syncCpuMs = (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  const simulatorCpuAtSync = simulatorCpuMs();
  const simulatorSyncCpuMs =
    simulatorCpuAtStart === null || simulatorCpuAtSync === null
      ? null
      : simulatorCpuAtSync - simulatorCpuAtStart;
  const snapshot = discovery.snapshot;
  const objects = snapshot.clusters.reduce((sum, cluster) => sum + cluster.objects.length, 0);
  // What the snapshot keeps, as opposed to the peak (bodies in flight, garbage not yet collected).
  (globalThis as { gc?: () => void }).gc?.();
  const retainedHeapMiB = process.memoryUsage().heapUsed / 1024 / 1024;
  const unsynced = discovery
    .health()
    .filter((health) => health.state !== 'synced')
    .map((health) => `${health.cluster}: ${health.stale}`);

  // Watch latency: create an object through the real API, time until discovery publishes it.
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  const target = endpoints[Math.floor(endpoints.length / 2)]?.name ?? '';
  config.setCurrentContext(target);
  const api = KubernetesObjectApi.makeApiClient(config);
  // The client's first call looks the type up (API discovery) and opens its connection: done here, so the
  // first sample times the watch path like the others, not the benchmark's own client warming up.
  await api.list('networking.istio.io/v1', 'DestinationRule', 'app-01');
  const latencies: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    await isolatedChangePause();
    const name = `bench-${process.pid}-${index}`;
    const key = `DestinationRule.networking.istio.io app-01/${name}`;
    const seen = new Promise<number>((resolve) => {
      const unsubscribe = discovery.onDidChange((event) => {
        if (event.changes.some((change) => change.cluster === target && change.keys.includes(key))) {
          unsubscribe();
          resolve(performance.now());
        }
      });
    });
    const sent = performance.now();
    await api.create({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name, namespace: 'app-01' },
      spec: { host: `svc-0001.app-01.svc.cluster.local` },
    });
    latencies.push((await seen) - sent);
  }
  discovery.stop();
  return {
    syncMs,
    syncCpuMs,
    simulatorSyncCpuMs,
    syncRss,
    memoryAtSyncMiB,
    retainedHeapMiB,
    finalRss: maxRssMiB(),
    clusters: snapshot.clusters.length,
    objects,
    unsynced,
    latencies,
  };
}

async function oneShot(kubeconfig: string, pruning: string | undefined): Promise<object> {
  const resources =
    pruning === 'bulky'
      ? watchedResources().map(({ pruner: _pruner, ...resource }) => resource)
      : watchedResources();
  const started = performance.now();
  const result = await discoverTopology({ kubeconfig, timeoutMs: 120_000, resources });
  const objects = result.snapshot.clusters.reduce((sum, cluster) => sum + cluster.objects.length, 0);
  const unsynced = result.health
    .filter((health) => health.state !== 'synced')
    .map((health) => `${health.cluster}: ${health.stale}`);
  const cpu = process.cpuUsage();
  return {
    ms: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rss: maxRssMiB(),
    objects,
    unsynced,
  };
}

async function bytes(kubeconfig: string): Promise<object> {
  const { endpoints } = loadKubeconfig({ kubeconfig, trusted: true });
  return listBytes(kubeconfig, endpoints[0]?.name ?? '');
}

const [mode, kubeconfig, samples] = process.argv.slice(2);
const figuresOf = {
  live: () => live(kubeconfig ?? '', Number(samples ?? 20)),
  oneshot: () => oneShot(kubeconfig ?? '', samples),
  bytes: () => bytes(kubeconfig ?? ''),
}[mode ?? ''];
if (!figuresOf) throw new Error(`unknown mode ${mode}: live, oneshot or bytes`);
figuresOf().then(
  (figures) => {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
