/**
 * On the demo workspace against the simulated demo mesh (run-e2e.ts starts it; the workspace's committed
 * settings name its kubeconfig as ../.kube/config): the demo's policy files get their diagnostics, live
 * copies open read-only through the `meshwright:` provider with the server's diagnostics, and
 * `meshwright.revealCluster` (what the map calls) finds clusters by name.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MESHWRIGHT_EXTENSION_ID, workspaceFileUri } from './support/fixture-documents';
import {
  codeOf,
  describeDiagnostics,
  meshwrightDiagnostics,
  waitForMeshwrightDiagnostics,
} from './support/meshwright-diagnostics';

const OPEN_LIVE_OBJECT = 'meshwright.openLiveObject';
const hasCode = (code: string) => (diagnostics: readonly vscode.Diagnostic[]) =>
  diagnostics.some((diagnostic) => codeOf(diagnostic) === code);

describe('demo mesh: the demo workspace, live copies and the sidebar commands', function () {
  this.timeout(90_000);

  before(async () => {
    // Nothing here opens a YAML editor first: activate as opening the Meshwright view would.
    await vscode.extensions.getExtension(MESHWRIGHT_EXTENSION_ID)?.activate();
  });

  it("reports the demo's planted problems in its policy files, and nothing in the clean ones", async () => {
    // The analysis of files nobody opened is published too: no editor needed.
    const failover = workspaceFileUri('policies/details-failover.yaml');
    await waitForMeshwrightDiagnostics(
      failover,
      hasCode('MESH101'),
      'MESH101 (failover without outlierDetection)',
    );
    const canary = workspaceFileUri('policies/reviews-canary.yaml');
    const reported = await waitForMeshwrightDiagnostics(
      canary,
      hasCode('MESH205'),
      'MESH205 (subset v3 not in west)',
    );
    const mesh205 = reported.find((diagnostic) => codeOf(diagnostic) === 'MESH205') as vscode.Diagnostic;
    assert.match(mesh205.message, /west/, describeDiagnostics(reported));
    for (const clean of ['gateway/bookinfo-gateway.yaml', 'workloads/reviews-v3.yaml']) {
      const diagnostics = meshwrightDiagnostics(workspaceFileUri(clean));
      assert.deepEqual(diagnostics, [], `${clean}: ${describeDiagnostics(diagnostics)}`);
    }
  });

  it("opens a cluster's live copy read-only from the server, each cluster its own", async () => {
    const west = (await vscode.commands.executeCommand(
      OPEN_LIVE_OBJECT,
      'meshwright:/west/DestinationRule/bookinfo/reviews.yaml',
    )) as vscode.TextDocument;
    assert.equal(west.uri.scheme, 'meshwright');
    assert.equal(west.languageId, 'yaml');
    assert.match(west.getText(), /kind: DestinationRule/);
    assert.match(west.getText(), /name: v2/);
    assert.doesNotMatch(west.getText(), /name: v3/, "west's copy lacks subset v3 (the planted drift)");
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), west.uri.toString());

    const east = (await vscode.commands.executeCommand(
      OPEN_LIVE_OBJECT,
      vscode.Uri.parse('meshwright:/east/DestinationRule/bookinfo/reviews.yaml'),
    )) as vscode.TextDocument;
    assert.match(east.getText(), /name: v3/);

    const gone = (await vscode.commands.executeCommand(
      OPEN_LIVE_OBJECT,
      'meshwright:/west/DestinationRule/bookinfo/no-such-rule.yaml',
    )) as vscode.TextDocument;
    assert.match(gone.getText(), /is not in the clusters Meshwright reads/);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(OPEN_LIVE_OBJECT, 'file:///tmp/x.yaml')),
      /needs a meshwright:/,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('publishes the diagnostics of an open live copy (MESH107 on the VirtualService in remote edge)', async () => {
    const document = (await vscode.commands.executeCommand(
      OPEN_LIVE_OBJECT,
      'meshwright:/edge/VirtualService/bookinfo/ratings.yaml',
    )) as vscode.TextDocument;
    const diagnostics = await waitForMeshwrightDiagnostics(
      document.uri,
      hasCode('MESH107'),
      'MESH107 on the live copy',
    );
    const mesh107 = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'MESH107') as vscode.Diagnostic;
    assert.match(mesh107.message, /which no control plane reads/);
    // The range is on the rendered document the provider served.
    assert.ok(mesh107.range.start.line < document.lineCount);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('meshwright.revealCluster selects a cluster of the topology by name, and says false for an unknown one', async () => {
    assert.equal(await vscode.commands.executeCommand('meshwright.revealCluster', 'west'), true);
    assert.equal(await vscode.commands.executeCommand('meshwright.revealCluster', 'edge'), true);
    assert.equal(await vscode.commands.executeCommand('meshwright.revealCluster', 'north'), false);
  });
});
