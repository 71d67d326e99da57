/**
 * The apply flow in the real workbench (code-server 1.100.3 in Chromium) against the demo mesh served by
 * meshwright-sim: the CodeLens "Apply to east, west" above a new VirtualService (targets from the server),
 * the dry-run preview, the modal confirmation and the per-cluster report, then the object read back from
 * both clusters with kubectl; and the MESH201 quick fix "Diff with west's live copy" opening a diff
 * editor of west's live copy and the file. Screenshots: test-output/e2e/apply-*.png.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from '../../../tools/e2e/deadline';
import { startForTest, type SimulatorUnderTest } from '../../cluster/sim-harness';
import { WorkbenchSession } from './workbench-session';

const NEW_OBJECT = `# A VirtualService no cluster has yet: the CodeLens applies it.
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: details
  namespace: bookinfo
spec:
  hosts:
    - details
  http:
    - route:
        - destination:
            host: details
      timeout: 5s
`;

/** east's DestinationRule bookinfo/reviews: west's live copy lacks subset v3 (MESH201 for west). */
const DRIFTED_OBJECT = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
  subsets:
    - name: v1
      labels:
        version: v1
    - name: v2
      labels:
        version: v2
    - name: v3
      labels:
        version: v3
`;

describe('Meshwright apply in the VS Code workbench (demo mesh)', function () {
  this.timeout(180_000);
  let sim: SimulatorUnderTest;
  let vscode: WorkbenchSession;

  before(async function () {
    this.timeout(240_000);
    sim = await startForTest({ demo: true });
    vscode = await WorkbenchSession.open();
    // The workspace reads the demo mesh (workspace settings are picked up while the workbench runs).
    fs.mkdirSync(path.join(vscode.workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(vscode.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'meshwright.kubeconfig': sim.kubeconfigPath }, null, 2),
    );
    fs.writeFileSync(path.join(vscode.workspace, 'apply-details.yaml'), NEW_OBJECT);
    fs.writeFileSync(path.join(vscode.workspace, 'reviews-rule.yaml'), DRIFTED_OBJECT);
  });

  after(async () => {
    await vscode?.close();
    await sim?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && vscode !== undefined) {
      await vscode.screenshot(`failure-${this.currentTest.title}`).catch(() => undefined);
    }
  });

  it('the CodeLens apply flow (dry run, preview, confirm) creates the object in east and west', async () => {
    await vscode.openFile('apply-details.yaml');
    // The targets are the mesh's primaries, known once the server has read the clusters.
    const lens = vscode.locator('.codelens-decoration a', 'Apply to east, west');
    await lens.waitFor({ timeout: 60_000 });
    await vscode.screenshot('apply-codelens');
    await lens.click();

    const applyRow = vscode.locator('.quick-input-list .monaco-list-row', 'Apply to east, west');
    await applyRow.waitFor({ timeout: 60_000 });
    const rows = await vscode.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(
      rows.some((row) => /east\s*create/.test(row)),
      rows.join(' | '),
    );
    assert.ok(
      rows.some((row) => /west\s*create/.test(row)),
      rows.join(' | '),
    );
    await vscode.screenshot('apply-preview');
    await applyRow.click();

    const dialog = vscode.locator(
      '.monaco-dialog-box',
      'Apply VirtualService bookinfo/details to east, west?',
    );
    await dialog.waitFor();
    await vscode.screenshot('apply-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).click();

    await vscode
      .locator(
        '.notifications-toasts .notification-list-item',
        'VirtualService bookinfo/details: applied: east created, west created',
      )
      .waitFor({ timeout: 60_000 });
    await vscode
      .locator('.notifications-toasts .notification-list-item', 'applying VirtualService')
      .waitFor({ state: 'hidden' });
    await vscode.screenshot('apply-report');

    for (const cluster of ['east', 'west']) {
      const result = await sim.kubectl(
        '--context',
        cluster,
        'get',
        'virtualservice',
        'details',
        '-n',
        'bookinfo',
        '-o',
        'json',
        '--show-managed-fields',
      );
      assert.equal(result.code, 0, `${cluster}: ${result.stderr}`);
      const object = JSON.parse(result.stdout) as {
        spec: { hosts: string[] };
        metadata: { managedFields: { manager: string }[] };
      };
      assert.deepEqual(object.spec.hosts, ['details']);
      assert.ok(object.metadata.managedFields.some((entry) => entry.manager === 'meshwright'));
    }
    const edge = await sim.kubectl('--context', 'edge', 'get', 'virtualservice', 'details', '-n', 'bookinfo');
    assert.notEqual(edge.code, 0, 'edge (a remote cluster) was not a target');
  });

  it('the quick fix "Diff with west\'s live copy" opens a diff editor', async () => {
    await vscode.openFile('reviews-rule.yaml');
    // The drift of west's copy is known once the server has read the clusters: ask until MESH201 is there.
    await waitFor(
      async () => {
        await vscode.runCommand('Go to Next Problem (Error, Warning, Info)');
        const found = await vscode
          .locator('.marker-widget', 'MESH201')
          .waitFor({ timeout: 3_000 })
          .then(() => true)
          .catch(() => undefined);
        if (!found) await vscode.page.keyboard.press('Escape');
        return found;
      },
      { what: 'the MESH201 of reviews-rule.yaml', timeoutMs: 60_000, intervalMs: 0 },
    );
    await vscode.page.keyboard.press('Escape');
    await vscode.runCommand('Quick Fix...');
    const fix = vscode.locator('.action-widget .monaco-list-row', "Diff with west's live copy");
    await fix.first().waitFor();
    await vscode.screenshot('apply-quick-fix');
    // The action widget takes the keyboard (a pointer block covers it while it opens): arrow to the fix.
    const focused = vscode.locator('.action-widget .monaco-list-row.focused');
    for (
      let step = 0;
      step < 10 && !(await focused.innerText()).includes("Diff with west's live copy");
      step++
    ) {
      await vscode.page.keyboard.press('ArrowDown');
    }
    await vscode.page.keyboard.press('Enter');
    await vscode.locator('.tabs-container .tab', 'reviews (west live) ↔ reviews-rule.yaml').waitFor();
    // The live copy has server-set fields the authored file does not.
    await vscode
      .locator('.monaco-diff-editor .editor.original .view-line', 'resourceVersion')
      .first()
      .waitFor();
    await vscode.screenshot('apply-live-diff');
  });
});
