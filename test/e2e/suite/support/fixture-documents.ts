/**
 * Opening the e2e workspace's fixture files (test/fixtures/e2e/workspace, copied per run) and finding
 * positions in them by their text, so tests never hard-code line numbers.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const MESHWRIGHT_EXTENSION_ID = 'meshwright.meshwright';

export function workspaceFileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open the fixture workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFileUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The position of the first occurrence of `text` (plus `offset` characters into it). */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(text);
  assert.notEqual(index, -1, `"${text}" not found in ${document.uri.path}`);
  return document.positionAt(index + offset);
}

/** The zero-based line of the first line containing `text`. */
export function lineOf(document: vscode.TextDocument, text: string): number {
  return positionOf(document, text).line;
}
