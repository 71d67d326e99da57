import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../../../tools/e2e/deadline';
import { MESHWRIGHT_EXTENSION_ID, lineOf, openFixture, positionOf } from './support/fixture-documents';
import { codeOf, waitForMeshwrightDiagnostics } from './support/meshwright-diagnostics';
import { waitForMeshwrightOutput } from './support/meshwright-output';

interface ContributedCommand {
  readonly command: string;
}

describe('commands and settings', () => {
  it('registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(MESHWRIGHT_EXTENSION_ID);
    assert.ok(extension);
    const contributed = (
      extension.packageJSON as { contributes: { commands: ContributedCommand[] } }
    ).contributes.commands.map((entry) => entry.command);
    for (const required of [
      'meshwright.restartServer',
      'meshwright.showOutput',
      'meshwright.analyzeWorkspace',
    ]) {
      assert.ok(contributed.includes(required), `package.json does not contribute ${required}`);
    }
    const registered = await vscode.commands.getCommands(true);
    for (const command of contributed)
      assert.ok(registered.includes(command), `${command} is not registered`);
  });

  it('Show Output opens the Meshwright log', async () => {
    const text = await waitForMeshwrightOutput(/Meshwright language server is running/);
    assert.match(text, /Starting the Meshwright language server/);
  });

  it('meshwright.trace.server traces the LSP messages into the Meshwright output', async () => {
    const document = await openFixture('virtual-service-editing.yaml');
    const settings = vscode.workspace.getConfiguration('meshwright');
    try {
      await settings.update('trace.server', 'messages', vscode.ConfigurationTarget.Workspace);
      // Requests until one shows up traced: the client applies the setting when it sees the change.
      await waitFor(
        async () => {
          await vscode.commands.executeCommand(
            'vscode.executeHoverProvider',
            document.uri,
            positionOf(document, 'gateways', 2),
          );
          return /Sending request 'textDocument\/hover/.test(await waitForMeshwrightOutput(/./))
            ? true
            : undefined;
        },
        { what: "a traced 'textDocument/hover' request in the Meshwright output", timeoutMs: 20_000 },
      );
    } finally {
      await settings.update('trace.server', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Restart Language Server starts a working server again', async () => {
    const restarted = await vscode.commands.executeCommand<boolean>('meshwright.restartServer');
    assert.equal(restarted, true, 'the restarted server is not running (see the Meshwright output)');
    const document = await openFixture('virtual-service-weight.yaml');
    await waitForMeshwrightDiagnostics(
      document.uri,
      (all) => all.some((d) => codeOf(d) === 'IST0106'),
      'IST0106 from the restarted server',
    );
  });

  it('meshwright.validation.enable turns the diagnostics off and on', async () => {
    const document = await openFixture('virtual-service-weight.yaml');
    const weightLine = lineOf(document, 'weight: fifty');
    const settings = vscode.workspace.getConfiguration('meshwright', document.uri);
    try {
      await settings.update('validation.enable', false, vscode.ConfigurationTarget.Workspace);
      await waitForMeshwrightDiagnostics(
        document.uri,
        (all) => all.length === 0,
        'no diagnostics with validation off',
      );
    } finally {
      await settings.update('validation.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForMeshwrightDiagnostics(
      document.uri,
      (all) => all.some((d) => codeOf(d) === 'IST0106' && d.range.start.line === weightLine),
      'IST0106 back with validation on',
    );
  });
});
