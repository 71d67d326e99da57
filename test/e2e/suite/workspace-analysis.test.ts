import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, positionOf, workspaceFileUri } from './support/fixture-documents';
import { codeOf, describeDiagnostics, waitForMeshwrightDiagnostics } from './support/meshwright-diagnostics';

const gatewayMissing = (diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic | undefined =>
  diagnostics.find((d) => codeOf(d) === 'IST0101' && /bookinfo-gateway/.test(d.message));

describe('workspace analysis: references across files', () => {
  it('resolves a Gateway defined in another file, and reports it once that file stops defining it', async () => {
    const routes = await openFixture('bookinfo-routes.yaml');
    await waitForMeshwrightDiagnostics(
      routes.uri,
      (all) => all.length === 0,
      'no diagnostics: the Gateway of bookinfo-gateway.yaml is found',
    );

    // Rename the Gateway in the editor (unsaved): the open VirtualService gets IST0101.
    const gateway = await openFixture('bookinfo-gateway.yaml');
    const nameAt = positionOf(gateway, 'bookinfo-gateway');
    const rename = new vscode.WorkspaceEdit();
    rename.replace(gateway.uri, new vscode.Range(nameAt, nameAt.translate(0, 'bookinfo'.length)), 'retired');
    assert.ok(await vscode.workspace.applyEdit(rename));
    const reported = await waitForMeshwrightDiagnostics(
      routes.uri,
      (all) => gatewayMissing(all) !== undefined,
      'IST0101 for the renamed Gateway',
    );
    const diagnostic = gatewayMissing(reported) as vscode.Diagnostic;
    assert.equal(routes.getText(diagnostic.range), 'bookinfo-gateway', describeDiagnostics(reported));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);

    // Undo: resolved again.
    await vscode.window.showTextDocument(gateway);
    await vscode.commands.executeCommand('undo');
    await waitForMeshwrightDiagnostics(routes.uri, (all) => all.length === 0, 'no diagnostics after undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('republishes when the Gateway file is deleted on disk, and again when it comes back', async () => {
    const routes = await openFixture('bookinfo-routes.yaml');
    const gatewayUri = workspaceFileUri('bookinfo-gateway.yaml');
    const saved = await vscode.workspace.fs.readFile(gatewayUri);
    await vscode.workspace.fs.delete(gatewayUri);
    try {
      await waitForMeshwrightDiagnostics(
        routes.uri,
        (all) => gatewayMissing(all) !== undefined,
        'IST0101 once bookinfo-gateway.yaml is deleted',
      );
    } finally {
      await vscode.workspace.fs.writeFile(gatewayUri, saved);
    }
    await waitForMeshwrightDiagnostics(
      routes.uri,
      (all) => all.length === 0,
      'no diagnostics once it is back',
    );
  });
});
