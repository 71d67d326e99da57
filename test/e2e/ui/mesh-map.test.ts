/**
 * The mesh map in the real workbench (code-server 1.100.3 in Chromium), on the demo workspace against the
 * simulated demo mesh: "Meshwright: Show Mesh Map" draws networks net1 (east, edge) and net2 (west) as
 * boxes, a click on a cluster reveals it in the Topology view, a cluster going down turns red without a
 * new layout, and the page's Content-Security-Policy refuses nothing. Screenshots: test-output/e2e/map*.png.
 */
import * as assert from 'node:assert/strict';
import { type FrameLocator, type Locator } from 'playwright-core';
import { waitFor } from '../../../tools/e2e/deadline';
import { type DemoMesh, startDemoMesh } from '../../../tools/e2e/demo-mesh';
import type { MeshMapProbe } from '../../../webview/map/main';
import { WorkbenchSession } from './workbench-session';

// Functions given to the webview's frame run in the page, whose DOM this Node project does not type.
declare const window: { meshMap?: { state(): MeshMapProbe } };

type Box = MeshMapProbe['nodes'][number]['box'];
const contains = (outer: Box, inner: Box): boolean =>
  inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2;

const CLUSTER_RECOVERY_MS = 45_000; // the watcher's retry backoff is at most 15 s, jittered

describe('Meshwright mesh map in the VS Code workbench (demo mesh)', function () {
  this.timeout(120_000);
  let mesh: DemoMesh | undefined;
  let vscode: WorkbenchSession;
  const refusals: string[] = [];

  /** The map's page: the webview's inner frame (the only webview this session opens). */
  const map = (): FrameLocator =>
    vscode.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const probe = (): Promise<MeshMapProbe> =>
    map()
      .locator('body')
      .evaluate(() => {
        if (!window.meshMap) throw new Error('the map page exposes no window.meshMap');
        return window.meshMap.state();
      });
  const nodeOf = (state: MeshMapProbe, id: string): MeshMapProbe['nodes'][number] => {
    const node = state.nodes.find((candidate) => candidate.id === id);
    assert.ok(node, `${id} is not drawn; drawn: ${state.nodes.map((n) => n.id).join(', ')}`);
    return node;
  };
  const summaryCluster = (cluster: string): Locator =>
    map().locator(`#summary li[data-cluster="${cluster}"]`);

  before(async function () {
    this.timeout(240_000);
    vscode = await WorkbenchSession.open({
      runName: 'ui-mesh-map',
      workspace: async (runDir) => {
        mesh = await startDemoMesh(runDir);
        return mesh.workspace;
      },
    });
    // Webview pages log CSP refusals to the console, which Playwright reports for every frame.
    vscode.page.on('console', (message) => {
      if (message.text().includes('Refused to')) refusals.push(message.text());
    });
  });

  after(async () => {
    await vscode?.close();
    await mesh?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && vscode !== undefined) {
      await vscode.screenshot(`failure-${this.currentTest.title}`).catch(() => undefined);
    }
  });

  it('Meshwright: Show Mesh Map draws net1 (east, edge) and net2 (west) as boxes around their clusters', async () => {
    await vscode.runCommand('Meshwright: Show Mesh Map');
    await vscode.locator('.tabs-container .tab', 'Mesh Map').first().waitFor();
    // In sync: the topology has been read (before that the clusters are "not read yet").
    for (const cluster of ['east', 'edge', 'west']) {
      await summaryCluster(cluster).and(map().locator('[data-health="ok"]')).waitFor();
    }
    const clustersOf = (network: string): Promise<(string | null)[]> =>
      map()
        .locator(`#summary li[data-network="${network}"] li[data-cluster]`)
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-cluster')));
    assert.deepEqual(await clustersOf('net1'), ['east', 'edge']);
    assert.deepEqual(await clustersOf('net2'), ['west']);
    assert.match(
      await summaryCluster('west').innerText(),
      /^west: primary, revision default; in sync; drift 2/,
    );

    // What cytoscape drew: every cluster inside its network's box.
    const state = await probe();
    for (const [network, clusters] of [
      ['network:net1', ['cluster:east', 'cluster:edge']],
      ['network:net2', ['cluster:west']],
    ] as const) {
      for (const cluster of clusters) {
        assert.equal(nodeOf(state, cluster).parent, network);
        assert.ok(
          contains(nodeOf(state, network).box, nodeOf(state, cluster).box),
          `${cluster} in ${network}`,
        );
      }
    }
    assert.ok(nodeOf(state, 'cluster:east').classes.includes('drifted'));
    await vscode.screenshot('map');
  });

  it('clicking a cluster on the map reveals it in the Topology view', async () => {
    const west = nodeOf(await probe(), 'cluster:west').box;
    await map()
      .locator('#map')
      .click({ position: { x: (west.x1 + west.x2) / 2, y: (west.y1 + west.y2) / 2 } });
    // meshwright.revealCluster (the Topology view's command) selects the cluster's row.
    await vscode
      .locator('.pane:has(.pane-header[aria-label^="Topology"]) .monaco-list-row.selected', /^west/)
      .first()
      .waitFor();
    await map().locator('#details', { hasText: 'west — cluster' }).waitFor();
    await vscode.screenshot('map-reveal-cluster');
  });

  it("the Topology view's Reveal in Mesh Map selects and centres that cluster on the map", async () => {
    const edgeRow = vscode
      .locator('.pane:has(.pane-header[aria-label^="Topology"]) .monaco-list-row', /^edge/)
      .first();
    // The row's context menu (the Topology view's command calls meshwright.showMap with the cluster).
    await vscode.contextMenu(edgeRow, 'Reveal in Mesh Map');
    await waitFor(async () => (nodeOf(await probe(), 'cluster:edge').selected ? true : undefined), {
      what: 'cluster edge selected on the map',
      timeoutMs: 20_000,
    });
    await map().locator('#details', { hasText: 'edge — cluster' }).waitFor();
    await vscode.screenshot('map-focus-cluster');
    await map().locator('#map').press('Escape');
    await map().getByRole('button', { name: 'Fit' }).click();
  });

  it('a cluster going down turns red on the map, keeping the layout', async () => {
    assert.ok(mesh);
    const before = await probe();
    await mesh.simulator.cluster('west').stop();
    try {
      await summaryCluster('west').and(map().locator('[data-health="unreachable"]')).waitFor({
        timeout: CLUSTER_RECOVERY_MS,
      });
      const after = await probe();
      assert.notEqual(
        nodeOf(after, 'cluster:west').borderColour,
        nodeOf(before, 'cluster:west').borderColour,
      );
      assert.deepEqual(
        nodeOf(after, 'cluster:east').box,
        nodeOf(before, 'cluster:east').box,
        'no new layout',
      );
      assert.match(await summaryCluster('west').innerText(), /unreachable: cluster west unreachable/);
      await vscode.screenshot('map-cluster-down');
    } finally {
      await mesh.simulator.cluster('west').start();
    }
    await waitFor(
      async () => ((await summaryCluster('west').getAttribute('data-health')) === 'ok' ? true : undefined),
      {
        what: 'west back in sync on the map',
        timeoutMs: CLUSTER_RECOVERY_MS,
      },
    );
  });

  it("the map's Content-Security-Policy refuses nothing", async () => {
    assert.deepEqual(refusals, []);
    assert.deepEqual((await probe()).cspViolations, []);
  });
});
