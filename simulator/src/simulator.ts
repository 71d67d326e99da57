/**
 * `startSimulator`: starts every simulated cluster on its own 127.0.0.1 HTTPS port with a fresh CA, the
 * control API beside them, and writes the kubeconfig. The CLI, the tests, the demo and the benchmarks all
 * go through here.
 */
import { cloneJson, type KubeObject } from './model/kube-object';
import { SimulatedCluster } from './cluster/simulated-cluster';
import { ControlServer } from './control/control-server';
import { demoClusters } from './demo/demo-mesh';
import { wireDemoRemoteSecrets } from './demo/demo-remote-secrets';
import { kubeconfigText, writeKubeconfig } from './kubeconfig/kubeconfig-file';
import { ResourceRegistry } from './registry/resource-registry';
import { loadState, type LoadedObject } from './state/state-loader';
import { CertificateAuthority } from './tls/certificate-authority';

export interface ClusterSource {
  /** Cluster and kubeconfig context name. */
  name: string;
  /** YAML files or directories with the cluster's initial state. */
  paths?: readonly string[];
  /** Initial objects given directly (after those from `paths`). */
  objects?: readonly KubeObject[];
  /**
   * `objects` are handed over: seeded as they are instead of copied, and the caller does not modify them
   * afterwards. Generated meshes share members between their objects (every pod's volumes, a workload's
   * template), which copies would multiply: 50 realistic clusters did not fit in the heap copied.
   */
  handedOver?: boolean;
  /** Port on 127.0.0.1; default: the simulator's `port` + index, or any free port. */
  port?: number;
}

export interface SimulatorOptions {
  clusters?: readonly ClusterSource[];
  /** Adds the demo mesh's clusters east, west and edge (simulator/demo). */
  demo?: boolean;
  /** Where to write the kubeconfig (mode 0600); none written when omitted. */
  kubeconfigPath?: string;
  /** First cluster port; cluster i listens on port + i, the control API on port + number of clusters. */
  port?: number;
  /** Control API port; default as above, or any free port. */
  controlPort?: number;
  /** Change events kept per cluster for watch resumption; older resourceVersions get 410 Gone. Default 10000. */
  watchHistorySize?: number;
  /** Interval of BOOKMARK events on watches that allow them. Default 60000 (a real server: about a minute). */
  bookmarkIntervalMs?: number;
  /** What `/version` reports. Default v1.32.4. */
  kubernetesVersion?: string;
  /** Called with unexpected handler failures (simulator bugs); default: printed to stderr. */
  onError?: (error: unknown) => void;
}

export interface Simulator {
  readonly clusters: readonly SimulatedCluster[];
  /** The cluster with this name; throws when there is none. */
  cluster(name: string): SimulatedCluster;
  readonly kubeconfigPath: string | undefined;
  /** The kubeconfig text (holds tokens: never log it). */
  readonly kubeconfig: string;
  readonly caCertificatePem: string;
  /** `https://127.0.0.1:<port>`: the control API (see docs/simulator.md). */
  readonly controlUrl: string;
  /** Stops every cluster and the control API. */
  stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const sources = [...(options.demo ? demoClusters() : []), ...(options.clusters ?? [])];
  if (sources.length === 0)
    throw new Error('no clusters to simulate: give at least one cluster (--cluster NAME=PATH) or --demo');
  const names = new Set<string>();
  for (const source of sources) {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(source.name)) {
      throw new Error(
        `cluster name ${JSON.stringify(source.name)} is not valid: use lower-case letters, digits, '-' and '.'`,
      );
    }
    if (names.has(source.name)) throw new Error(`cluster ${source.name} is given twice`);
    names.add(source.name);
  }

  const authority = await CertificateAuthority.create();
  const registry = new ResourceRegistry();
  const onError =
    options.onError ?? ((error: unknown) => console.error('meshwright-sim: internal error:', error));
  const clusters: SimulatedCluster[] = [];
  for (const [index, source] of sources.entries()) {
    const cluster = new SimulatedCluster(
      {
        name: source.name,
        port: source.port ?? (options.port !== undefined ? options.port + index : 0),
        credentials: await authority.issueServerCertificate(source.name),
        kubernetesVersion: options.kubernetesVersion ?? 'v1.32.4',
        watchHistorySize: options.watchHistorySize ?? 10_000,
        bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
        onError,
      },
      registry,
    );
    const loaded: LoadedObject[] = [
      ...loadState(source.paths ?? []),
      ...(source.objects ?? []).map((object, position) => ({
        object: source.handedOver ? object : cloneJson(object),
        source: `${source.name} objects[${position}]`,
      })),
    ];
    cluster.seed(loaded);
    clusters.push(cluster);
  }

  const byName = new Map(clusters.map((cluster) => [cluster.name, cluster]));
  const control = new ControlServer(byName, await authority.issueServerCertificate('meshwright-sim-control'));
  try {
    for (const cluster of clusters) await cluster.start();
    if (options.demo) wireDemoRemoteSecrets(clusters, authority.certificatePem);
    const controlPort = await control.start(
      options.controlPort ?? (options.port !== undefined ? options.port + clusters.length : 0),
    );
    const controlUrl = `https://127.0.0.1:${controlPort}`;
    const kubeconfig = kubeconfigText(
      clusters.map((cluster) => ({
        name: cluster.name,
        server: cluster.url,
        token: cluster.token,
        controlUrl: `${controlUrl}/__sim/clusters/${cluster.name}`,
      })),
      authority.certificatePem,
    );
    if (options.kubeconfigPath) writeKubeconfig(options.kubeconfigPath, kubeconfig);
    return {
      clusters,
      cluster(name) {
        const cluster = byName.get(name);
        if (!cluster)
          throw new Error(
            `no simulated cluster named ${JSON.stringify(name)}; known: ${[...byName.keys()].join(', ')}`,
          );
        return cluster;
      },
      kubeconfigPath: options.kubeconfigPath,
      kubeconfig,
      caCertificatePem: authority.certificatePem,
      controlUrl,
      async stop() {
        await Promise.all([...clusters.map((cluster) => cluster.dispose()), control.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([...clusters.map((cluster) => cluster.dispose()), control.stop()]);
    throw error;
  }
}
