/**
 * The mesh map at 50 clusters on 5 networks (generateMesh, 500 services each):
 *   1. the server side: building the graph from the snapshot (facts, health, drift between the 50
 *      primaries' Istio config), as `meshwright/meshGraph` pays it once per topology change;
 *   2. the page: the built dist/webview/map.js in headless Chromium (/usr/bin/chromium, no GPU) under the
 *      extension's CSP, with a stand-in acquireVsCodeApi: page load to `ready`, graph posted to first
 *      render (the fcose layout included, and the layout alone), a health change redrawn in place, and a
 *      cluster added (incremental layout).
 * BENCH_MAP_SHAPE overrides the mesh, e.g. `clusters=100,networks=10,services=50`; BENCH_RUNS the runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type MeshGraph } from '../protocol/requests';
import { buildMeshGraph } from '../server/src/views/mesh-graph';
import { generateMesh } from '../simulator/src/index';
import { MeshMapPage } from '../test/e2e/map/mesh-map-page';
import { snapshotOfObjects } from '../test/unit/support/cluster-state-snapshots';
import { formatMs, measure, percentile, printTimings, runsFromEnvironment, type Timing } from './benchmark';

export const name = 'map';
export const description =
  'mesh map at 50 clusters / 5 networks: graph build (server), page load, first render + fcose layout, in-place update (headless Chromium)';

function shape(): { clusters: number; networks: number; services: number } {
  const fields = Object.fromEntries(
    (process.env.BENCH_MAP_SHAPE ?? 'clusters=50,networks=5,services=500')
      .split(',')
      .map((pair) => pair.split('=') as [string, string])
      .map(([key, value]) => [key.trim(), Number(value)]),
  );
  return {
    clusters: fields.clusters ?? 50,
    networks: fields.networks ?? 5,
    services: fields.services ?? 500,
  };
}

export async function run(): Promise<void> {
  const { clusters, networks, services } = shape();
  const runs = runsFromEnvironment(5);
  const mesh = generateMesh({ clusters, networks, servicesPerCluster: services });
  const snapshot = snapshotOfObjects(mesh.clusters.map((c) => ({ name: c.name, objects: c.objects ?? [] })));
  const objects = snapshot.clusters.reduce((sum, cluster) => sum + cluster.objects.length, 0);
  console.log(
    `\nmesh: ${clusters} clusters, ${networks} networks, ${services} services each (${objects} objects)`,
  );

  let graph: MeshGraph = buildMeshGraph({ snapshot });
  // New cluster snapshot objects: nothing cached (the first request, or every cluster changed).
  const cold = await measure('build the graph, every cluster read', runsFromEnvironment(20), async () => {
    graph = buildMeshGraph({ snapshot: { ...snapshot, clusters: snapshot.clusters.map((c) => ({ ...c })) } });
  });
  // The usual change: one cluster's snapshot is new, the others are reused as the snapshot builder does.
  const oneChanged = await measure(
    'build the graph after one cluster changed',
    runsFromEnvironment(20),
    async () => {
      graph = buildMeshGraph({
        snapshot: { ...snapshot, clusters: snapshot.clusters.map((c, i) => (i === 0 ? { ...c } : c)) },
      });
    },
  );
  console.log(
    `graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${JSON.stringify(graph).length} bytes of JSON`,
  );
  printTimings('server (meshwright/meshGraph after a topology change)', [cold, oneChanged]);

  const bundle = path.join(__dirname, '..', 'dist', 'webview', 'map.js');
  if (fs.existsSync(bundle))
    console.log(`\npage bundle dist/webview/map.js: ${(fs.statSync(bundle).size / 1024).toFixed(0)} KiB`);

  const load: number[] = [];
  const firstRender: number[] = [];
  const firstDraw: number[] = [];
  const layout: number[] = [];
  const inPlace: number[] = [];
  const inPlaceDraw: number[] = [];
  const added: number[] = [];
  const addedDraw: number[] = [];
  const addedLayout: number[] = [];
  const refusals: string[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    const page = await MeshMapPage.open({ width: 1600, height: 1000 });
    try {
      load.push(performance.now() - started);
      const posted = performance.now();
      const first = await page.draw({ type: 'graph', graph: { ...graph, version: 1 } }, 60_000);
      firstRender.push(performance.now() - posted);
      firstDraw.push(first.drawMs);
      layout.push(first.layoutMs);

      const unhealthy: MeshGraph = {
        ...graph,
        version: 2,
        nodes: graph.nodes.map((node, position) =>
          node.kind === 'cluster' && position % 7 === 0 ? { ...node, health: 'unreachable' } : node,
        ),
      };
      const updated = performance.now();
      inPlaceDraw.push((await page.draw({ type: 'graph', graph: unhealthy })).drawMs);
      inPlace.push(performance.now() - updated);

      const network = graph.nodes.find((node) => node.kind === 'network');
      const grown: MeshGraph = {
        ...graph,
        version: 3,
        nodes: [
          ...graph.nodes,
          {
            id: 'cluster:bench-new',
            kind: 'cluster',
            parent: network?.id,
            label: 'bench-new',
            cluster: 'bench-new',
            network: network?.network ?? null,
            role: 'remote',
            health: 'ok',
            healthReason: null,
            drift: 0,
          },
        ],
      };
      const grew = performance.now();
      const grownDraw = await page.draw({ type: 'graph', graph: grown }, 60_000);
      added.push(performance.now() - grew);
      addedDraw.push(grownDraw.drawMs);
      addedLayout.push(grownDraw.layoutMs);
      refusals.push(...page.refusals, ...(await page.state()).cspViolations);
    } finally {
      await page.close();
    }
  }
  const timing = (label: string, samples: number[]): Timing => ({
    label,
    samples,
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
  });
  // "posted -> drawn" includes the test's round trip (it polls the page); "in the page" is the page's own.
  printTimings(`page (fresh Chromium page per run)`, [
    timing('page load to ready (browser start included)', load),
    timing('graph posted -> first render seen', firstRender),
    timing('  first render in the page', firstDraw),
    timing('  of which the fcose layout', layout),
    timing('health change posted -> redrawn seen', inPlace),
    timing('  redrawn in place, in the page', inPlaceDraw),
    timing('one cluster added posted -> drawn seen', added),
    timing('  drawn in the page', addedDraw),
    timing('  of which the incremental fcose layout', addedLayout),
  ]);
  console.log(
    `CSP refusals: ${refusals.length === 0 ? 'none' : refusals.join('; ')}; first render median ${formatMs(percentile(firstRender, 50))}`,
  );
}
