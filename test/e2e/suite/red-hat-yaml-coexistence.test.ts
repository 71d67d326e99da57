import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture } from './support/fixture-documents';
import { codeOf, waitForMeshwrightDiagnostics } from './support/meshwright-diagnostics';

// The e2e run installs a stand-in extension with Red Hat YAML's id (test/fixtures/e2e/extensions):
// the real one cannot be downloaded here, and what is under test is Meshwright's reaction to it.
const RED_HAT_YAML = 'redhat.vscode-yaml';

describe('beside Red Hat YAML', () => {
  it('leaves YAML syntax errors to Red Hat YAML once it is active, keeping the Istio diagnostics', async () => {
    const document = await openFixture('syntax-and-schema-errors.yaml');
    await waitForMeshwrightDiagnostics(
      document.uri,
      (all) => all.some((d) => codeOf(d) === 'MESH001') && all.some((d) => codeOf(d) === 'IST0106'),
      'MESH001 and IST0106 while Red Hat YAML is inactive',
    );

    await vscode.commands.executeCommand('meshwrightE2e.activateRedHatYamlStandIn');
    assert.equal(
      vscode.extensions.getExtension(RED_HAT_YAML)?.isActive,
      true,
      `${RED_HAT_YAML} did not activate`,
    );

    // Any edit makes the server publish again; the client middleware filters that batch.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(document.lineCount, 0), '\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForMeshwrightDiagnostics(
      document.uri,
      (all) => !all.some((d) => codeOf(d) === 'MESH001') && all.some((d) => codeOf(d) === 'IST0106'),
      'IST0106 without MESH001 while Red Hat YAML is active',
    );
  });
});
