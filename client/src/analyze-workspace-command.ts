/**
 * "Meshwright: Analyze Workspace": asks the server to validate every YAML file of the workspace folders
 * (the server publishes the diagnostics to the Problems panel), with a progress notification while it
 * runs and the counts when it is done. Returns the counts so other extensions and tests can use them.
 */
import * as vscode from 'vscode';
import { ANALYZE_WORKSPACE_REQUEST, type AnalyzeWorkspaceResult } from '../../protocol/requests';
import { type LanguageServerSession } from './language-server-session';

export async function analyzeWorkspace(
  session: LanguageServerSession,
  log: vscode.LogOutputChannel,
): Promise<AnalyzeWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Meshwright: open a folder to analyze its YAML files.');
    return undefined;
  }
  try {
    const client = await session.whenRunning();
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Meshwright: analyzing the workspace',
        cancellable: true,
      },
      (_progress, token) =>
        client.sendRequest<AnalyzeWorkspaceResult>(ANALYZE_WORKSPACE_REQUEST, undefined, token),
    );
    const summary = `Meshwright analyzed ${plural(result.files, 'YAML file')}: ${plural(result.diagnostics, 'problem')}.`;
    log.info(summary);
    void vscode.window.showInformationMessage(summary);
    return result;
  } catch (error) {
    if (error instanceof vscode.CancellationError || isCancelledRequest(error)) {
      log.info('Workspace analysis cancelled');
      return undefined;
    }
    const cause = error instanceof Error ? error.message : String(error);
    log.error(`Analyzing the workspace failed: ${cause}`);
    void vscode.window.showErrorMessage(`Meshwright: analyzing the workspace failed (${cause}).`);
    return undefined;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** vscode-jsonrpc rejects a cancelled request with a ResponseError of code RequestCancelled (-32800). */
function isCancelledRequest(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === -32800;
}
