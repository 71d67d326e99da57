/**
 * The mesh map page itself (dist/webview/map.js under the extension's CSP) in headless Chromium, with the
 * test playing the extension host: boxes hold their clusters, clicks post the right messages, updates keep
 * the user's zoom, the theme's colours are used, 50 clusters stay readable, and the policy refuses nothing.
 * Screenshots: test-output/e2e/map-page-*.png.
 */
import assert from 'node:assert/strict';
import { type MeshGraph } from '../../../protocol/requests';
import { buildMeshGraph } from '../../../server/src/views/mesh-graph';
import { waitFor } from '../../../tools/e2e/deadline';
import { OUTPUT_DIR } from '../../../tools/e2e/paths';
import { saveScreenshot } from '../../../tools/e2e/workbench-browser';
import { demoDirectory, generateMesh } from '../../../simulator/src/index';
import { snapshotOfDirectories, snapshotOfObjects } from '../../unit/support/cluster-state-snapshots';
import { MeshMapPage } from '../map/mesh-map-page';
import type { MeshMapProbe } from '../../../webview/map/main';

type Box = MeshMapProbe['nodes'][number]['box'];

const contains = (outer: Box, inner: Box): boolean =>
  inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2;
const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const centre = (box: Box): { x: number; y: number } => ({
  x: (box.x1 + box.x2) / 2,
  y: (box.y1 + box.y2) / 2,
});

function nodeOf(state: MeshMapProbe, id: string): MeshMapProbe['nodes'][number] {
  const node = state.nodes.find((candidate) => candidate.id === id);
  assert.ok(node, `${id} is not drawn; drawn: ${state.nodes.map((n) => n.id).join(', ')}`);
  return node;
}

/** Clicks a node where cytoscape drew it (the map container's coordinates). */
async function clickNode(map: MeshMapPage, id: string): Promise<void> {
  const { x, y } = centre(nodeOf(await map.state(), id).box);
  await map.page.locator('#map').click({ position: { x, y } });
}

describe('mesh map page (headless Chromium, the extension playing host)', function () {
  this.timeout(60_000);
  const demo = buildMeshGraph({ snapshot: snapshotOfDirectories(demoDirectory(), 5) });
  let map: MeshMapPage;

  before(async () => {
    map = await MeshMapPage.open({ theme: 'dark' });
    await map.draw({ type: 'graph', graph: demo });
  });
  after(async () => {
    await map?.close();
  });

  it('draws the networks as boxes holding their clusters, and lists them in the summary', async () => {
    const state = await map.state();
    assert.equal(state.version, 5);
    for (const [network, members] of [
      ['network:net1', ['cluster:east', 'cluster:edge', 'controlPlane:east/default', 'gateway:net1']],
      ['network:net2', ['cluster:west', 'controlPlane:west/default', 'gateway:net2']],
    ] as const) {
      const box = nodeOf(state, network).box;
      for (const member of members) {
        assert.equal(nodeOf(state, member).parent, network);
        assert.ok(contains(box, nodeOf(state, member).box), `${member} is drawn inside ${network}`);
      }
    }
    assert.ok(!overlaps(nodeOf(state, 'network:net1').box, nodeOf(state, 'network:net2').box), 'boxes apart');
    const summary = map.page.locator('#summary');
    assert.deepEqual(await summary.locator('li[data-network="net1"] li[data-cluster]').allInnerTexts(), [
      // east runs the demo's waypoint (namespace ambient-demo).
      'east: primary, revision default; in sync; drift 2 (Istio objects missing or different vs other primaries); 1 waypoint',
      'edge: remote; in sync; no drift\n1 Istio object in remote cluster edge: no control plane reads it; apply it to its primary instead',
    ]);
    assert.deepEqual(
      await summary
        .locator('li[data-network="net2"] li[data-cluster]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-cluster'))),
      ['west'],
    );
    assert.match(await map.page.locator('#status').innerText(), /^3 clusters in 2 networks/);
    await saveScreenshot(map.page, OUTPUT_DIR, 'map-page-demo');
  });

  it('colours health and drift with the theme: green borders, a drift outline on the primaries', async () => {
    const state = await map.state();
    assert.equal(nodeOf(state, 'cluster:east').borderColour, 'rgb(137,209,133)'); // --vscode-charts-green
    assert.ok(nodeOf(state, 'cluster:east').classes.includes('drifted'));
    assert.ok(!nodeOf(state, 'cluster:edge').classes.includes('drifted'));
    await map.setTheme('light');
    // --vscode-charts-green of the light theme, once the page noticed the change.
    await waitFor(
      async () =>
        nodeOf(await map.state(), 'cluster:east').borderColour === 'rgb(56,138,52)' ? true : undefined,
      { what: "the light theme's green on cluster east", timeoutMs: 10_000 },
    );
    await saveScreenshot(map.page, OUTPUT_DIR, 'map-page-light-theme');
    await map.setTheme('dark');
  });

  it('asks the host to reveal a clicked cluster, and pins its details with the drifted objects', async () => {
    await clickNode(map, 'cluster:west');
    await map.waitForPosted(
      (message) => message.type === 'revealCluster' && message.cluster === 'west',
      'revealCluster west',
    );
    const details = map.page.locator('#details');
    await details.waitFor({ state: 'visible' });
    const text = await details.innerText();
    assert.match(text, /^west — cluster/);
    assert.match(text, /DestinationRule bookinfo\/ratings differs \(vs east\): spec\.trafficPolicy/);
    await details
      .locator('li', { hasText: 'bookinfo/ratings' })
      .getByRole('button', { name: 'Open live copy' })
      .click();
    await map.waitForPosted(
      (message) =>
        message.type === 'openLive' &&
        message.uri === 'meshwright:/west/DestinationRule/bookinfo/ratings.yaml',
      'openLive of west ratings',
    );
    await map.page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    // A control plane stands for its cluster.
    await clickNode(map, 'controlPlane:east/default');
    await map.waitForPosted((m) => m.type === 'revealCluster' && m.cluster === 'east', 'revealCluster east');
    await map.page.keyboard.press('Escape');
  });

  it('focuses a cluster the Topology view asks for: selected, centred, details pinned', async () => {
    await map.send({ type: 'focusCluster', cluster: 'edge' });
    await waitFor(async () => (nodeOf(await map.state(), 'cluster:edge').selected ? true : undefined), {
      what: 'cluster edge selected',
      timeoutMs: 10_000,
    });
    const state = await map.state();
    assert.ok(state.zoom >= 1, `zoomed in to read (zoom ${state.zoom})`);
    const edge = centre(nodeOf(state, 'cluster:edge').box);
    const viewport = await map.page.locator('#map').boundingBox();
    assert.ok(
      viewport && Math.abs(edge.x - viewport.width / 2) < 2 && Math.abs(edge.y - viewport.height / 2) < 2,
    );
    assert.match(await map.page.locator('#details').innerText(), /^edge — cluster/);
    await map.send({ type: 'focusCluster', cluster: 'nowhere' });
    await map.page.locator('#status', { hasText: 'Cluster nowhere is not in the map' }).waitFor();
    await map.page.keyboard.press('Escape');
    await map.page.getByRole('button', { name: 'Fit' }).click();
  });

  it("updates health in place: positions and the user's zoom stay", async () => {
    const fitted = (await map.state()).zoom;
    await map.page.locator('#map').hover({ position: { x: 300, y: 300 } });
    await map.page.mouse.wheel(0, -300);
    const zoomed = await waitFor(async () => ((await map.state()).zoom !== fitted ? true : undefined), {
      what: 'the wheel to zoom the map',
      timeoutMs: 10_000,
    });
    assert.ok(zoomed);
    const before = await map.state();
    const reason =
      'cluster west unreachable (ECONNREFUSED 127.0.0.1:41234); showing the snapshot from 14:02:10';
    const down: MeshGraph = {
      ...demo,
      version: 6,
      nodes: demo.nodes.map((node) =>
        node.id === 'cluster:west' ? { ...node, health: 'unreachable', healthReason: reason } : node,
      ),
    };
    const { layoutMs } = await map.draw({ type: 'graph', graph: down });
    assert.equal(layoutMs, 0, 'no layout for a health change');
    const after = await map.state();
    assert.equal(after.zoom, before.zoom);
    assert.deepEqual(nodeOf(after, 'cluster:east').box, nodeOf(before, 'cluster:east').box);
    assert.equal(nodeOf(after, 'cluster:west').borderColour, 'rgb(241,76,76)'); // --vscode-charts-red
    assert.match(
      await map.page.locator('#summary li[data-cluster="west"]').innerText(),
      /unreachable: cluster west unreachable \(ECONNREFUSED/,
    );
    await map.page.getByRole('button', { name: 'Fit' }).click();
  });

  it('lays a changed structure out again, keeping the clusters that stayed in their boxes', async () => {
    const withoutEdge: MeshGraph = {
      ...demo,
      version: 7,
      nodes: demo.nodes.filter((node) => node.id !== 'cluster:edge'),
      edges: demo.edges.filter((edge) => edge.target !== 'cluster:edge'),
    };
    const { layoutMs } = await map.draw({ type: 'graph', graph: withoutEdge });
    assert.ok(layoutMs > 0, 'a layout ran');
    const state = await map.state();
    assert.ok(!state.nodes.some((node) => node.id === 'cluster:edge'));
    assert.ok(contains(nodeOf(state, 'network:net1').box, nodeOf(state, 'cluster:east').box));
    assert.equal(await map.page.locator('#summary li[data-cluster="edge"]').count(), 0);
  });

  it('says why there is no graph', async () => {
    await map.draw({
      type: 'graph',
      graph: { version: 8, nodes: [], edges: [], problem: 'no kubeconfig: set meshwright.kubeconfig' },
    });
    assert.equal(await map.page.locator('#status').innerText(), 'no kubeconfig: set meshwright.kubeconfig');
    await map.send({
      type: 'status',
      message: 'The mesh graph is unavailable: the language server is not running',
    });
    await map.page.locator('#status', { hasText: 'the language server is not running' }).waitFor();
  });

  it('refuses nothing under its Content-Security-Policy', async () => {
    assert.deepEqual(map.refusals, []);
    assert.deepEqual((await map.state()).cspViolations, []);
    assert.deepEqual(
      (await map.posted()).filter((message) => message.type === 'cspViolation'),
      [],
    );
  });
});

describe('mesh map page at 50 clusters on 5 networks', function () {
  this.timeout(60_000);
  let map: MeshMapPage;

  after(async () => {
    await map?.close();
  });

  it('keeps every cluster in its box, no two boxes or clusters on top of each other', async () => {
    map = await MeshMapPage.open({ width: 1600, height: 1000 });
    const mesh = generateMesh({ clusters: 50, networks: 5, servicesPerCluster: 10 });
    const graph = buildMeshGraph({
      snapshot: snapshotOfObjects(mesh.clusters.map((c) => ({ name: c.name, objects: c.objects ?? [] }))),
    });
    await map.draw({ type: 'graph', graph }, 30_000);
    const state = await map.state();
    const networks = state.nodes.filter((node) => node.classes.includes('network'));
    const clusters = state.nodes.filter((node) => node.classes.includes('cluster'));
    assert.equal(networks.length, 5);
    assert.equal(clusters.length, 50);
    for (const cluster of clusters) {
      const box = networks.find((network) => network.id === cluster.parent)?.box;
      assert.ok(box && contains(box, cluster.box), `${cluster.id} inside ${cluster.parent}`);
    }
    networks.forEach((a, index) =>
      networks
        .slice(index + 1)
        .forEach((b) => assert.ok(!overlaps(a.box, b.box), `${a.id} / ${b.id} overlap`)),
    );
    const leaves = state.nodes.filter((node) => !node.classes.includes('network'));
    leaves.forEach((a, index) =>
      leaves.slice(index + 1).forEach((b) => assert.ok(!overlaps(a.box, b.box), `${a.id} / ${b.id} overlap`)),
    );
    assert.equal(await map.page.locator('#summary li[data-cluster]').count(), 50);
    assert.deepEqual(map.refusals, []);
    await saveScreenshot(map.page, OUTPUT_DIR, 'map-page-50-clusters');
  });
});
