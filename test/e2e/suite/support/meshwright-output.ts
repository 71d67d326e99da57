/**
 * Reading the Meshwright output channel from the extension host. Once the channel is shown, VS Code
 * exposes it as a text document of scheme "output" whose path names the channel; its text follows the
 * log with a short delay, so callers wait for the line they expect.
 */
import * as vscode from 'vscode';
import { waitFor } from '../../../../tools/e2e/deadline';

export async function waitForMeshwrightOutput(expected: RegExp, timeoutMs = 10_000): Promise<string> {
  await vscode.commands.executeCommand('meshwright.showOutput');
  return waitFor(
    () => {
      const log = vscode.workspace.textDocuments.find(
        (document) => document.uri.scheme === 'output' && document.uri.path.includes('Meshwright'),
      );
      const text = log?.getText();
      return text !== undefined && expected.test(text) ? text : undefined;
    },
    { what: `the Meshwright output to show ${String(expected)}`, timeoutMs },
  );
}
