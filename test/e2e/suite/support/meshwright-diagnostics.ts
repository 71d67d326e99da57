/**
 * Reading Meshwright's diagnostics through the real VS Code API, and waiting for them: the server
 * publishes after a debounce, so tests poll `getDiagnostics` until a condition holds (never a sleep).
 */
import * as vscode from 'vscode';
import { diagnosticCode } from '../../../../client/src/red-hat-yaml-coexistence';
import { waitFor } from '../../../../tools/e2e/deadline';

export const MESHWRIGHT_SOURCE = 'meshwright';

/** The diagnostic's code as a string (plain, or the value of a code with a documentation link). */
export const codeOf = diagnosticCode;

export function meshwrightDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === MESHWRIGHT_SOURCE);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `${codeOf(d) ?? '?'} line ${d.range.start.line + 1}: ${d.message.split('\n')[0] ?? ''}`)
    .join('; ');
}

/** Waits until Meshwright's diagnostics of `uri` satisfy `condition`, and returns them. */
export async function waitForMeshwrightDiagnostics(
  uri: vscode.Uri,
  condition: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 40_000,
): Promise<vscode.Diagnostic[]> {
  try {
    return await waitFor(
      () => {
        const diagnostics = meshwrightDiagnostics(uri);
        return condition(diagnostics) ? diagnostics : undefined;
      },
      { what: `${what} in ${uri.path}`, timeoutMs },
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}; Meshwright reported: ${describeDiagnostics(meshwrightDiagnostics(uri))}`,
    );
  }
}
