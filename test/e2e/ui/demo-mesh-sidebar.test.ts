/**
 * The sidebar, status bar and live copies in the real workbench (code-server 1.100.3 in Chromium), on the
 * demo workspace against the simulated demo mesh (its committed settings name the kubeconfig as
 * ../.kube/config, as `npm run demo` lays it out): the Topology tree, a live copy, the Policies view, a
 * policy file's MESH205 in Problems, and a cluster stopped and started through the simulator's control
 * API. Screenshots: test-output/e2e/demo-*.png.
 */
import * as assert from 'node:assert/strict';
import { type Locator } from 'playwright-core';
import { waitFor } from '../../../tools/e2e/deadline';
import { type DemoMesh, startDemoMesh } from '../../../tools/e2e/demo-mesh';
import { simulatorControl } from '../suite/support/simulator-control';
import { WorkbenchSession } from './workbench-session';

const CLUSTER_RECOVERY_MS = 45_000; // the watcher's retry backoff is at most 15 s, jittered

describe('Meshwright sidebar and status bar in the VS Code workbench (demo mesh)', function () {
  this.timeout(120_000);
  let mesh: DemoMesh | undefined;
  let vscode: WorkbenchSession;

  /** The rows of a view of the Meshwright container, by view name. */
  const rows = (view: string): Locator =>
    vscode.locator(`.pane:has(.pane-header[aria-label^="${view}"]) .monaco-list-row`);
  const row = (view: string, text: string | RegExp): Locator =>
    vscode.page
      .locator(`.pane:has(.pane-header[aria-label^="${view}"]) .monaco-list-row`, { hasText: text })
      .first();
  /** Folds or unfolds a view of the sidebar by its header, waiting until it is so. */
  const setExpanded = async (header: Locator, expanded: boolean): Promise<void> => {
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    await waitFor(
      async () => ((await header.getAttribute('aria-expanded')) === String(expanded) ? true : undefined),
      {
        what: `view ${expanded ? 'unfolded' : 'folded'}`,
        timeoutMs: 10_000,
      },
    );
  };
  const clustersItem = (): Locator => vscode.locator('.statusbar-item', /\d+\/\d+ clusters/).first();

  before(async function () {
    this.timeout(240_000);
    vscode = await WorkbenchSession.open({
      runName: 'ui-demo-mesh',
      workspace: async (runDir) => {
        mesh = await startDemoMesh(runDir);
        return mesh.workspace;
      },
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

  it('the Topology tree lists net1 (east, edge) and net2 (west) with their roles', async () => {
    await vscode.locator('.activitybar .action-item a[aria-label^="Meshwright"]').first().click();
    // Synced: the roles are known (while connecting the description says so).
    await row('Topology', /^east\s*primary · default$/).waitFor();
    await row('Topology', /^west\s*primary · default$/).waitFor();
    await row('Topology', /^edge\s*remote of east/).waitFor();
    const texts = (await rows('Topology').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    const index = (prefix: string): number => texts.findIndex((text) => text.startsWith(prefix));
    assert.ok(index('mesh mesh1') === 0, texts.join(' | '));
    assert.ok(index('net1') < index('east') && index('east') < index('edge'), texts.join(' | '));
    assert.ok(index('edge') < index('net2') && index('net2') < index('west'), texts.join(' | '));
    assert.match(texts[index('net1')] ?? '', /2 clusters · gateway 203\.0\.113\.10:15443/);
    await vscode.screenshot('demo-topology-tree');
  });

  it('expanding a cluster shows its control plane and namespaces; a namespace its Istio config and Services', async () => {
    await row('Topology', /^east\s*primary/).click();
    await row('Topology', /istiod \(default\)\s*serves east, edge/).waitFor();
    await row('Topology', /^bookinfo\s*sidecar · 7 config · 4 services/).click();
    await row('Topology', /^Istio config/).waitFor();
    // reviews: 2 pods in east (v1, v2), 1 in west (v3), none in edge.
    await row('Topology', /^reviews\s*east 2\/2 · west 1\/1 · edge 0\/0/).waitFor();
    await vscode.screenshot('demo-topology-expanded');
  });

  it("opening a live config object shows the cluster's YAML, read-only", async () => {
    await row('Topology', /^reviews\s*DestinationRule/).click();
    await vscode.locator('.tabs-container .tab.active', 'reviews.yaml').waitFor();
    const editor = vscode.locator('.editor-instance .monaco-editor').first();
    await vscode.locator('.editor-instance .view-lines', 'kind: DestinationRule').first().waitFor();
    await vscode.locator('.editor-instance .view-lines', 'name: v3').first().waitFor(); // east's copy has v3
    await editor.click();
    await vscode.page.keyboard.type('x');
    await vscode
      .locator('.monaco-editor-overlaymessage', /read-only/i)
      .first()
      .waitFor();
    await vscode.screenshot('demo-live-copy');
    await vscode.runCommand('View: Close All Editors');
  });

  it('Policies shows the reviews DestinationRule differing in west', async () => {
    // Three views share the sidebar: fold Topology away while reading Policies (unfolded at the end).
    const topologyHeader = vscode.locator('.pane-header[aria-label^="Topology"]').first();
    await setExpanded(topologyHeader, false);
    await row('Policies', /^reviews\.bookinfo\s*DestinationRule differs in west/).waitFor();
    await row('Policies', /^west\s*differs: spec\.subsets/).waitFor();
    await row('Policies', /^ratings\.bookinfo\s*.*VirtualService in no primary/).waitFor();
    await vscode.screenshot('demo-policies');
    // A differing copy opens the diff against the reference copy.
    await row('Policies', /^west\s*differs: spec\.subsets/).click();
    await vscode
      .locator('.tabs-container .tab.active', 'DestinationRule bookinfo/reviews: east ↔ west')
      .waitFor();
    await vscode.locator('.monaco-diff-editor').first().waitFor();
    await vscode.screenshot('demo-policies-diff');
    await vscode.runCommand('View: Close All Editors');
    await setExpanded(topologyHeader, true);
  });

  it('a policy file shows MESH205 in the Problems panel', async () => {
    await vscode.openFile('reviews-canary.yaml');
    await vscode.runCommand('View: Focus Problems');
    const problem = vscode.locator('.markers-panel .monaco-list-row', 'MESH205').first();
    await problem.waitFor();
    assert.match(await problem.innerText(), /subset v3|v3/i);
    await vscode.screenshot('demo-problems');
  });

  it('Meshwright: Get Started opens the walkthrough: connect your clusters, or try the demo mesh', async () => {
    await vscode.runCommand('Meshwright: Get Started');
    await vscode.locator('.gettingStartedContainer', 'Get Started with Meshwright').first().waitFor();
    for (const step of ['Connect your clusters', 'Or try the demo mesh', 'See the topology']) {
      await vscode.locator('.gettingStartedContainer .getting-started-step', step).first().waitFor();
    }
    await vscode.screenshot('demo-walkthrough');
    await vscode.runCommand('View: Close All Editors');
  });

  it('the status bar shows 3/3 clusters, warns while west is stopped (tree: stale with the reason), and recovers', async () => {
    assert.ok(mesh);
    await waitFor(
      async () => ((await clustersItem().innerText()).includes('3/3 clusters') ? true : undefined),
      {
        what: 'the status bar to show 3/3 clusters',
        timeoutMs: 30_000,
      },
    );
    assert.doesNotMatch((await clustersItem().getAttribute('class')) ?? '', /warning-kind/);

    // Fold east (expanded above) so that west is on screen.
    await row('Topology', /^east\s*primary/).click();
    await row('Topology', /^west\s*primary · default$/).waitFor();

    await simulatorControl(mesh.kubeconfig, 'west', 'stop');
    await vscode.locator('.statusbar-item', '2/3 clusters').first().waitFor({ timeout: 30_000 });
    assert.match((await clustersItem().getAttribute('class')) ?? '', /warning-kind/);
    const west = row('Topology', /^west\s*primary · default · unreachable/);
    await west.waitFor({ timeout: 30_000 });
    // The tooltip opens when the pointer enters the label and rests there: enter it from the editor.
    // (Its text comes from MarkdownString.appendText, which writes spaces as &nbsp;: hence \s.)
    const tooltip = vscode.locator(
      '.monaco-hover, .workbench-hover, [role="tooltip"]',
      /cluster\swest\sunreachable\s\(ECONNREFUSED/,
    );
    await waitFor(
      async () => {
        await vscode.page.mouse.move(700, 300);
        await west.locator('.monaco-icon-label').first().hover();
        return tooltip
          .first()
          .waitFor({ timeout: 3_000 })
          .then(() => true);
      },
      { what: "west's tooltip with the stale reason", timeoutMs: 30_000, intervalMs: 0 },
    );
    await vscode.screenshot('demo-stale-cluster');

    await simulatorControl(mesh.kubeconfig, 'west', 'start');
    await vscode.locator('.statusbar-item', '3/3 clusters').first().waitFor({ timeout: CLUSTER_RECOVERY_MS });
    await row('Topology', /^west\s*primary · default$/).waitFor({ timeout: CLUSTER_RECOVERY_MS });
    assert.doesNotMatch((await clustersItem().getAttribute('class')) ?? '', /warning-kind/);
  });
});
