/**
 * CodeLenses above every Istio document of a YAML file: "$(cloud-upload) Apply to east, west" (its primary
 * targets, from the server's `meshwright/documentTargets`), "$(diff) Diff", and, when the document targets
 * a remote cluster, a lens that says it will not be applied there and why (MESH107). Until the server
 * answers the targets request, the lens reads "Apply..." and the flow asks for the clusters. Lenses are
 * refreshed when diagnostics change (the server republishes them when the topology or the file changes),
 * and never wait for a cluster: the targets come from the server's latest snapshot.
 */
import * as vscode from 'vscode';
import { APPLY_DOCUMENT_COMMAND, type ApplyDocumentArgs } from '../../../protocol/requests';
import { DIFF_DOCUMENT_COMMAND } from '../apply/apply-commands';
import { type IstioDocument, istioDocumentsOf } from '../apply/document-targets';
import { type LanguageServerSession } from '../language-server-session';

export const EXPLAIN_REMOTE_TARGETS_COMMAND = 'meshwright.explainRemoteTargets';

export class ApplyCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly session: LanguageServerSession) {
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      vscode.commands.registerCommand(EXPLAIN_REMOTE_TARGETS_COMMAND, (remotes: readonly string[]) =>
        vscode.window.showWarningMessage(
          `Meshwright: ${remotes.join(', ')} ${remotes.length === 1 ? 'is a remote cluster' : 'are remote clusters'}: no control plane reads Istio config there, so this document is not applied there (MESH107). Apply it to the primary that serves ${remotes.length === 1 ? 'it' : 'them'} instead.`,
        ),
      ),
    );
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    let client;
    try {
      client = await this.session.whenRunning();
    } catch {
      return []; // No server, no lenses; the session reports why.
    }
    const documents = await istioDocumentsOf(client, document, token).catch(() => []);
    return documents.flatMap((entry) => lensesFor(document, entry));
  }

  /** Diagnostics arrive in bursts (a topology change re-publishes many files): refresh once per burst. */
  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changed.fire();
    }, 300);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.changed.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

export function lensesFor(document: vscode.TextDocument, entry: IstioDocument): vscode.CodeLens[] {
  const range = new vscode.Range(entry.range.start.line, 0, entry.range.start.line, 0);
  const args = (clusters?: readonly string[]): ApplyDocumentArgs => ({
    uri: document.uri.toString(),
    documentRange: entry.range,
    ...(clusters ? { clusters } : {}),
  });
  const remotes = entry.remoteTargets;
  const primaries = entry.targets?.filter((cluster) => !remotes.includes(cluster)) ?? null;
  const lenses: vscode.CodeLens[] = [];
  if (primaries === null || primaries.length === 0) {
    lenses.push(
      new vscode.CodeLens(range, {
        title: '$(cloud-upload) Apply...',
        tooltip: 'Dry run, preview and apply this document to the clusters you pick',
        command: APPLY_DOCUMENT_COMMAND,
        arguments: [args()],
      }),
    );
  } else {
    lenses.push(
      new vscode.CodeLens(range, {
        title: `$(cloud-upload) Apply to ${primaries.join(', ')}`,
        tooltip: `Dry run on ${primaries.join(', ')}, preview, confirm, then server-side apply`,
        command: APPLY_DOCUMENT_COMMAND,
        arguments: [args(primaries)],
      }),
    );
  }
  lenses.push(
    new vscode.CodeLens(range, {
      title: '$(diff) Diff',
      tooltip: 'What applying this document would change in each target (dry run)',
      command: DIFF_DOCUMENT_COMMAND,
      arguments: [args(primaries && primaries.length > 0 ? primaries : undefined)],
    }),
  );
  if (remotes.length > 0) {
    lenses.push(
      new vscode.CodeLens(range, {
        title: `$(warning) Not applied to ${remotes.join(', ')}: remote (MESH107)`,
        tooltip: 'No control plane reads Istio config in a remote cluster',
        command: EXPLAIN_REMOTE_TARGETS_COMMAND,
        arguments: [remotes],
      }),
    );
  }
  return lenses;
}

export function registerApplyCodeLenses(
  context: vscode.ExtensionContext,
  session: LanguageServerSession,
): void {
  const provider = new ApplyCodeLensProvider(session);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider(
      [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
      ],
      provider,
    ),
  );
}
