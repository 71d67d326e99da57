/**
 * Read-only live copies of cluster objects: the `meshwright:` scheme, `meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`
 * (namespace `_` for cluster-scoped objects), with text from the language server's `meshwright/liveDocument`,
 * the same rendering its diagnostics' ranges refer to. VS Code shows content-provider documents read-only.
 * The tree opens them, and the apply flow's diff view reuses the scheme: `liveObjectUri()` builds a URI,
 * `LiveDocumentProvider.refresh(clusters)` re-reads the open copies of clusters that changed.
 */
import * as vscode from 'vscode';
import { LIVE_DOCUMENT_REQUEST, type LiveDocumentParams } from '../../../protocol/requests';
import { type LanguageServerSession } from '../language-server-session';

export const LIVE_DOCUMENT_SCHEME = 'meshwright';
/** `meshwright.openLiveObject(uri: string | vscode.Uri)`: opens a live copy in a preview editor. */
export const OPEN_LIVE_OBJECT_COMMAND = 'meshwright.openLiveObject';
const CLUSTER_SCOPED_SEGMENT = '_';

/** Same encoding as the server's (server/src/yaml/live-object-document.ts), so diagnostics match. */
export function liveObjectUri(cluster: string, kind: string, namespace: string, name: string): vscode.Uri {
  const parts = [cluster, kind, namespace || CLUSTER_SCOPED_SEGMENT, `${name}.yaml`];
  return vscode.Uri.parse(`${LIVE_DOCUMENT_SCHEME}:/${parts.map(encodeURIComponent).join('/')}`);
}

/** The cluster of a live copy's URI; undefined for other URIs. */
export function clusterOfLiveUri(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== LIVE_DOCUMENT_SCHEME) return undefined;
  return uri.path.split('/')[1] || undefined;
}

export class LiveDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly session: LanguageServerSession) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    let text: string | null;
    try {
      const client = await this.session.whenRunning();
      const params: LiveDocumentParams = { uri: uri.toString() };
      text = await client.sendRequest<string | null>(LIVE_DOCUMENT_REQUEST, params);
    } catch (error) {
      return `# Meshwright cannot read this live copy: ${error instanceof Error ? error.message : String(error)}\n`;
    }
    return (
      text ??
      `# ${uri.path.slice(1)} is not in the clusters Meshwright reads (deleted, or its cluster is not read yet).\n` +
        '# Refresh the Topology view, or check the cluster in the Meshwright output.\n'
    );
  }

  /** Re-reads the open live copies of these clusters (all of them when `clusters` is undefined). */
  refresh(clusters?: readonly string[]): void {
    for (const document of vscode.workspace.textDocuments) {
      const cluster = clusterOfLiveUri(document.uri);
      if (cluster !== undefined && (clusters === undefined || clusters.includes(cluster))) {
        this.changed.fire(document.uri);
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Registers the provider and the open command; returns the provider for refreshes. */
export function registerLiveDocuments(
  context: vscode.ExtensionContext,
  session: LanguageServerSession,
): LiveDocumentProvider {
  const provider = new LiveDocumentProvider(session);
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(LIVE_DOCUMENT_SCHEME, provider),
    vscode.commands.registerCommand(OPEN_LIVE_OBJECT_COMMAND, async (target: unknown) => {
      const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
      if (!(uri instanceof vscode.Uri) || uri.scheme !== LIVE_DOCUMENT_SCHEME) {
        throw new Error(
          'Meshwright: Open Live Copy needs a meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml URI',
        );
      }
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),
  );
  return provider;
}
