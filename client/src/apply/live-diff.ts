/**
 * `meshwright.openLiveDiff` (OpenLiveDiffArgs; the MESH2xx quick fix "Diff with west's live copy"): a diff
 * editor with the cluster's live copy (`meshwright:` document, served by the live-documents provider from
 * the topology snapshot) on the left and the authored document on the right, titled
 * "reviews (west live) ↔ policies/reviews.yaml". The right side is the file itself when it holds only
 * this document (so it stays editable), else a read-only copy of just this document. From the Command
 * Palette (no arguments) it diffs the Istio document under the cursor with the cluster the user picks.
 */
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { type OpenLiveDiffArgs } from '../../../protocol/requests';
import { splitYamlSegments } from '../../../protocol/yaml-documents';
import { type ApplyDiffDocuments } from './apply-diff-documents';
import { liveObjectUri } from '../live-documents/live-document-provider';
import { pickCluster } from './cluster-choice';
import { documentTextAt, documentsFromText } from './document-targets';

export async function openLiveDiff(args: OpenLiveDiffArgs, diffs: ApplyDiffDocuments): Promise<void> {
  if (typeof args?.uri !== 'string' || typeof args.liveUri !== 'string' || typeof args.cluster !== 'string') {
    throw new Error('meshwright.openLiveDiff needs { uri, documentRange, cluster, liveUri }');
  }
  const uri = vscode.Uri.parse(args.uri);
  const live = vscode.Uri.parse(args.liveUri);
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const relative = vscode.workspace.asRelativePath(uri);
  const name = decodeURIComponent(live.path.split('/').pop() ?? '').replace(/\.yaml$/, '') || relative;
  const onlyDocument = splitYamlSegments(text).filter((segment) => segment.text.trim() !== '').length <= 1;
  let authored = uri;
  if (!onlyDocument) {
    const found = documentTextAt(text, args.documentRange?.start.line ?? 0);
    authored = diffs.add(['authored', relative.split('/').pop() ?? 'document.yaml'], found?.text ?? text);
  }
  await vscode.commands.executeCommand(
    'vscode.diff',
    live,
    authored,
    `${name} (${args.cluster} live) ↔ ${relative}`,
    {
      preview: false,
    },
  );
}

/** The arguments for the document under the active editor's cursor and a cluster the user picks. */
export async function liveDiffArgsAtCursor(client: LanguageClient): Promise<OpenLiveDiffArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  const found = editor ? documentTextAt(editor.document.getText(), editor.selection.active.line) : undefined;
  const [entry] = found ? documentsFromText(found.text) : [];
  if (!editor || !found || !entry) {
    void vscode.window.showInformationMessage(
      'Meshwright: put the cursor in an Istio document to compare it with a live copy.',
    );
    return undefined;
  }
  const { kind, namespace, name } = entry.resource;
  const cluster = await pickCluster(
    client,
    `Meshwright: diff ${kind} ${namespace}/${name} with the live copy in...`,
  );
  if (!cluster) return undefined;
  return {
    uri: editor.document.uri.toString(),
    documentRange: found.range,
    cluster,
    liveUri: liveObjectUri(cluster, kind, namespace, name).toString(),
  };
}
