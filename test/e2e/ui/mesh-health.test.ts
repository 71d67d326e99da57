/**
 * The Mesh Health view in the real workbench (code-server in Chromium) on the demo workspace against the
 * simulated demo mesh: the checklist shows the planted warning (east's remote secret for edge, its token
 * expiring in 3 days) with its hint, "Meshwright: Check Mesh" opens the same checklist as a read-only
 * report, and "Meshwright: Verify Remote Secrets" asks before it uses the credentials, then adds what each
 * one could do; the mesh map marks the failing link. Screenshots: test-output/e2e/mesh-health-*.png.
 */
import { type Locator } from 'playwright-core';
import { type DemoMesh, startDemoMesh } from '../../../tools/e2e/demo-mesh';
import { WorkbenchSession } from './workbench-session';

describe('Mesh Health view in the VS Code workbench (demo mesh)', function () {
  this.timeout(120_000);
  let mesh: DemoMesh | undefined;
  let vscode: WorkbenchSession;

  const row = (text: string | RegExp): Locator =>
    vscode.page
      .locator('.pane:has(.pane-header[aria-label^="Mesh Health"]) .monaco-list-row', { hasText: text })
      .first();

  before(async function () {
    this.timeout(240_000);
    vscode = await WorkbenchSession.open({
      runName: 'ui-mesh-health',
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

  it('shows the planted MESH306 warning of east → edge with its hint', async () => {
    await vscode.locator('.activitybar .action-item a[aria-label^="Meshwright"]').first().click();
    // The view starts folded below Topology and Policies: fold those, unfold it.
    for (const view of ['Topology', 'Policies']) {
      const other = vscode.locator(`.pane-header[aria-label^="${view}"]`).first();
      if ((await other.getAttribute('aria-expanded')) === 'true') await other.click();
    }
    const header = vscode.locator('.pane-header[aria-label^="Mesh Health"]').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    // The section with a warning opens by itself; the passing ones stay closed.
    await row(/^remote secrets\s*\d+ of \d+ need attention/).waitFor();
    const warning = row(/east → edge: the token .* expires in 3 days.*MESH306 · east → edge/);
    await warning.waitFor();
    await warning.locator('.codicon-warning').waitFor();
    await row(/^reachability\s*3 passed/).waitFor();
    await warning.click();
    await row(
      /^hint: recreate it with a longer-lived token: istioctl create-remote-secret --context=edge/,
    ).waitFor();
    await vscode.screenshot('mesh-health-view');
  });

  it('"Meshwright: Check Mesh" opens the checklist as a read-only report', async () => {
    await vscode.runCommand('Meshwright: Check Mesh');
    await vscode.locator('.tabs-container .tab.active', 'Mesh Check.txt').waitFor();
    const editor = vscode.locator('.editor-group-container.active .view-lines');
    await editor
      .filter({ hasText: /east\s→\sedge:\sthe\stoken.*expires\sin\s3\sdays.*\[MESH306\]/ })
      .waitFor();
    await editor.filter({ hasText: /\d+\spassed,\s\d+\swarnings?,\s\d+\sfailed/ }).waitFor();
    await vscode.screenshot('mesh-health-report');
  });

  it('"Meshwright: Verify Remote Secrets" asks first, then shows what each credential could do', async () => {
    await vscode.runCommand('Meshwright: Verify Remote Secrets');
    const dialog = vscode.locator('.monaco-dialog-box').first();
    await dialog.filter({ hasText: /use the credentials they hold/ }).waitFor();
    await vscode.screenshot('mesh-health-verify-confirmation');
    // Like its menus, VS Code's dialog can ignore a click that comes right after it opened: use the keyboard.
    const verify = dialog.locator('.monaco-button', { hasText: 'Verify Remote Secrets' }).first();
    await verify.focus();
    await vscode.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    // The demo's tokens are not valid credentials for the simulated servers: every one is refused.
    await vscode.locator('.notifications-toasts', /Verified 4 remote secrets: 4 failing/).waitFor();
    const refused = row(/east → edge: https:\/\/127\.0\.0\.1:\d+ could not be used as system:serviceaccount/);
    await refused.waitFor();
    await refused.locator('.codicon-error').waitFor();
    await vscode
      .locator('.pane:has(.pane-header[aria-label^="Mesh Health"]) .message', /remote secrets verified/)
      .waitFor();
    // The report opened before gains the verification's lines.
    await vscode
      .locator('.editor-group-container.active .view-lines')
      .filter({ hasText: /east\s→\sedge:\shttps:\/\/127\.0\.0\.1:\d+\scould\snot\sbe\sused/ })
      .waitFor();
    await vscode.screenshot('mesh-health-verified');
  });

  it('the mesh map marks the failing link east → edge and lists its problems', async () => {
    await vscode.runCommand('Meshwright: Show Mesh Map');
    const map = vscode.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const east = map.locator('#summary li[data-cluster="east"]');
    await east.locator('.problem', { hasText: /^MESH306: east → edge: the token/ }).waitFor();
    await east
      .locator('.problem', { hasText: /^east → edge: https:\/\/127\.0\.0\.1:\d+ could not be used/ })
      .waitFor();
    await map
      .locator('#summary li[data-cluster="edge"] .problem', { hasText: /^MESH306: east → edge/ })
      .waitFor();
    await vscode.screenshot('mesh-health-map');
  });
});
