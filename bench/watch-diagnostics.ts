/**
 * Section (4) of `npm run bench -- topology`: the whole path the 200 ms watch-to-diagnostics goal is about, in the
 * language server (dist/server/server.js over stdio, discovering the simulated mesh from its kubeconfig).
 * An authored file holds one VirtualService per sample, each routing to a subset `bench` that no cluster
 * defines; each sample creates, through the real API, a DestinationRule that defines it in one cluster,
 * and measures until the server re-publishes the file's diagnostics. That includes the API call, the watch
 * delivery, the change feed, the analysis of the new snapshot and the publication. Each sample is an
 * isolated change (ISOLATED_CHANGE_PAUSE_MS after the previous one), as a user's apply is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { isolatedChangePause } from './isolated-change';
import { ANALYZE_WORKSPACE_REQUEST, TOPOLOGY_REQUEST, type TopologyView } from '../protocol/requests';
import { LspTestClient, fileUri } from '../test/lsp/support/lsp-test-client';

export interface WatchToDiagnostics {
  /** From initialize to the analysis of the synced mesh (sync + first analysis). */
  readonly firstAnalysisMs: number;
  readonly latencies: readonly number[];
}

const NAMESPACE = 'app-01';

function hostOf(sample: number): string {
  return `svc-${String(sample + 1).padStart(4, '0')}.${NAMESPACE}.svc.cluster.local`;
}

function routes(samples: number): string {
  return Array.from(
    { length: samples },
    (_, sample) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: bench-route-${sample}
  namespace: ${NAMESPACE}
spec:
  hosts:
    - ${hostOf(sample)}
  http:
    - route:
        - destination:
            host: ${hostOf(sample)}
            subset: bench
`,
  ).join('---\n');
}

/** Resolves once the server reports every cluster in sync (meshwright/topology, polled). */
async function whenSynced(client: LspTestClient, clusters: number): Promise<void> {
  const deadline = performance.now() + 600_000;
  for (;;) {
    const view = (await client.connection.sendRequest(TOPOLOGY_REQUEST)) as TopologyView;
    if (view.health.length === clusters && view.health.every((health) => health.state === 'synced')) return;
    if (performance.now() > deadline)
      throw new Error(`the mesh did not sync: ${JSON.stringify(view.health)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function watchToDiagnostics(kubeconfig: string, samples: number): Promise<WatchToDiagnostics> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-bench-watch-'));
  const file = path.join(workspace, 'routes.yaml');
  fs.writeFileSync(file, routes(samples));
  const uri = fileUri(file);
  const started = performance.now();
  const client = await LspTestClient.start({
    workspaceFolders: [workspace],
    settings: { validation: { enable: true }, kubeconfig, contexts: [] },
  });
  try {
    const config = new KubeConfig();
    config.loadFromFile(kubeconfig);
    const contexts = config.getContexts().map((context) => context.name);
    await whenSynced(client, contexts.length);
    // Requests of the workspace analysis run one after the other: this one ends after the analysis of the
    // synced mesh, and publishes the file.
    await client.connection.sendRequest(ANALYZE_WORKSPACE_REQUEST);
    const firstAnalysisMs = performance.now() - started;

    config.setCurrentContext(contexts[Math.floor(contexts.length / 2)] ?? '');
    const api = KubernetesObjectApi.makeApiClient(config);
    // The client's first call looks the type up (API discovery) and opens its connection: done here, so the
    // first sample times the watch path like the others, not the benchmark's own client warming up.
    await api.list('networking.istio.io/v1', 'DestinationRule', NAMESPACE);
    const latencies: number[] = [];
    for (let sample = 0; sample < samples; sample++) {
      await isolatedChangePause();
      const since = client.published.length;
      const sent = performance.now();
      await api.create({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: `bench-subset-${process.pid}-${sample}`, namespace: NAMESPACE },
        spec: { host: hostOf(sample), subsets: [{ name: 'bench', labels: { version: 'v1' } }] },
      });
      await client.waitForDiagnostics(
        (params) => params.uri === uri && client.published.indexOf(params) >= since,
        `diagnostics of ${uri} after DestinationRule ${sample}`,
        30_000,
      );
      latencies.push(performance.now() - sent);
    }
    return { firstAnalysisMs, latencies };
  } finally {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
