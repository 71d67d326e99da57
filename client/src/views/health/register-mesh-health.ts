/**
 * The Mesh Health view and its commands: the checklist of `meshwright check` in the sidebar, refreshed
 * whenever the topology changes; "Check Mesh" opens the same checklist as a read-only report; "Verify
 * Remote Secrets" asks first (it uses the credentials the remote secrets hold) and runs only in a trusted
 * workspace, the server doing the requests, and its results join the view.
 */
import * as vscode from 'vscode';
import {
  VERIFY_REMOTE_SECRETS_REQUEST,
  type VerifyRemoteSecretsResult,
} from '../../../../protocol/mesh-health';
import { type TopologySource } from '../topology-source';
import { worstStatus } from './mesh-health-node';
import { MeshHealthTreeProvider } from './mesh-health-tree-provider';

export const MESH_HEALTH_VIEW_ID = 'meshwright.meshHealth';
export const MESH_HEALTH_COMMANDS = {
  checkMesh: 'meshwright.checkMesh',
  verifyRemoteSecrets: 'meshwright.verifyRemoteSecrets',
  refresh: 'meshwright.meshHealth.refresh',
} as const;
/** Read-only documents: VS Code offers no way to edit a document of a content provider's scheme. */
export const MESH_REPORT_SCHEME = 'meshwright-check';
const REPORT_URI = vscode.Uri.from({ scheme: MESH_REPORT_SCHEME, path: '/Mesh Check.txt' });
const VERIFY_CHOICE = 'Verify Remote Secrets';

export function registerMeshHealth(
  context: vscode.ExtensionContext,
  source: TopologySource,
  log: vscode.LogOutputChannel,
): MeshHealthTreeProvider {
  const provider = new MeshHealthTreeProvider(source);
  const view = vscode.window.createTreeView(MESH_HEALTH_VIEW_ID, { treeDataProvider: provider });
  const report = new ReportDocuments();
  context.subscriptions.push(
    provider,
    view,
    report,
    vscode.workspace.registerTextDocumentContentProvider(MESH_REPORT_SCHEME, report),
    provider.onDidChangeMessage((message) => (view.message = message)),
    source.onDidChange((change) => {
      if (change.topologyChanged) provider.refresh();
    }),
    vscode.commands.registerCommand(MESH_HEALTH_COMMANDS.refresh, () => provider.refresh()),
    vscode.commands.registerCommand(MESH_HEALTH_COMMANDS.checkMesh, async () => {
      try {
        const result = await provider.load();
        report.set(
          result.checks.length > 0
            ? result.report
            : `No cluster to check${result.problem ? `: ${result.problem}` : ''}.\n`,
        );
        const document = await vscode.workspace.openTextDocument(REPORT_URI);
        await vscode.window.showTextDocument(document, { preview: false });
        provider.refresh();
      } catch (error) {
        void vscode.window.showErrorMessage(`Meshwright cannot check the mesh: ${describe(error)}`);
      }
    }),
    vscode.commands.registerCommand(MESH_HEALTH_COMMANDS.verifyRemoteSecrets, async () => {
      const result = await verifyRemoteSecrets(source, provider, log);
      // An open report gains the verification's lines too.
      if (result && result.refused === null && report.opened) report.set((await provider.load()).report);
    }),
  );
  return provider;
}

async function verifyRemoteSecrets(
  source: TopologySource,
  provider: MeshHealthTreeProvider,
  log: vscode.LogOutputChannel,
): Promise<VerifyRemoteSecretsResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'Meshwright verifies remote secrets only in a trusted workspace: it uses the credentials they hold.',
    );
    return undefined;
  }
  const choice = await vscode.window.showWarningMessage(
    'Verify the remote secrets of the primaries?',
    {
      modal: true,
      detail:
        "Meshwright will read each primary's remote secrets and use the credentials they hold to ask each remote API server what istiod may read there (SelfSubjectAccessReview). The credentials stay in the language server's memory and are never shown or stored.",
    },
    VERIFY_CHOICE,
  );
  if (choice !== VERIFY_CHOICE) {
    log.info('Verify remote secrets: cancelled');
    return undefined;
  }
  log.info('Verify remote secrets: confirmed; the language server verifies them');
  try {
    const result = await vscode.window.withProgress(
      { location: { viewId: MESH_HEALTH_VIEW_ID }, title: 'Verifying remote secrets' },
      () => source.request<VerifyRemoteSecretsResult>(VERIFY_REMOTE_SECRETS_REQUEST),
    );
    log.info(`Verify remote secrets: ${result.refused ?? `${result.checks.length} verified`}`);
    provider.refresh();
    if (result.refused) {
      void vscode.window.showWarningMessage(
        `Meshwright did not verify the remote secrets: ${result.refused}`,
      );
      return result;
    }
    for (const unreadable of result.unreadable) {
      log.warn(
        `Verify remote secrets: ${unreadable.cluster}: cannot read its remote secrets: ${unreadable.reason}`,
      );
    }
    const failing = result.checks.filter((check) => check.status !== 'pass').length;
    const summary = `Verified ${result.checks.length} remote secret${result.checks.length === 1 ? '' : 's'}: ${failing === 0 ? 'all work' : `${failing} failing`}${result.unreadable.length > 0 ? `; could not read those of ${result.unreadable.map((u) => u.cluster).join(', ')}` : ''}. See the Mesh Health view.`;
    if (worstStatus(result.checks) === 'pass' && result.unreadable.length === 0)
      void vscode.window.showInformationMessage(summary);
    else void vscode.window.showWarningMessage(summary);
    return result;
  } catch (error) {
    log.warn(`Verify remote secrets: ${describe(error)}`);
    void vscode.window.showErrorMessage(`Meshwright cannot verify the remote secrets: ${describe(error)}`);
    return undefined;
  }
}

/** The report's text, served to the editor; a new check replaces it in the open editor too. */
class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private text = '';
  /** Whether a report was ever shown (an update then reaches its editor). */
  opened = false;

  set(text: string): void {
    this.text = text;
    this.opened = true;
    this.changed.fire(REPORT_URI);
  }

  provideTextDocumentContent(): string {
    return this.text;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
