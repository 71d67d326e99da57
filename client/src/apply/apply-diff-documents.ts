/**
 * Read-only documents for the apply diffs: the live copy a dry run read, what the cluster would store
 * (the dry run's answer), and a single YAML document cut out of a multi-document file. They live under the
 * `meshwright-apply:` scheme, served from memory by a TextDocumentContentProvider, so VS Code shows them
 * read-only and they never touch the disk. (Live copies from the topology snapshot are `meshwright:`
 * documents, served by the live-documents provider.)
 */
import * as vscode from 'vscode';
import { type ClusterPlan } from '../../../protocol/requests';

export const APPLY_DIFF_SCHEME = 'meshwright-apply';

export class ApplyDiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private next = 1;

  static register(context: vscode.ExtensionContext): ApplyDiffDocuments {
    const documents = new ApplyDiffDocuments();
    context.subscriptions.push(
      documents,
      vscode.workspace.registerTextDocumentContentProvider(APPLY_DIFF_SCHEME, documents),
    );
    return documents;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# This preview is gone: run the dry run (Diff) again.\n';
  }

  /** A read-only document with this text; the path's last segment is what the editor tab shows. */
  add(pathSegments: readonly string[], text: string): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: APPLY_DIFF_SCHEME,
      path: `/${this.next++}/${pathSegments.map(encodeURIComponent).join('/')}`,
    });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  /** Opens the diff of one cluster's dry run: live copy (empty when it would be created) ↔ would-be object. */
  async showPlanDiff(name: string, plan: ClusterPlan): Promise<void> {
    const live = this.add([plan.cluster, 'live', `${name}.yaml`], plan.liveYaml ?? '');
    const wouldBe = this.add([plan.cluster, 'after-apply', `${name}.yaml`], plan.wouldBeYaml ?? '');
    const left =
      plan.liveYaml === null ? `${name} (not in ${plan.cluster})` : `${name} (${plan.cluster} live)`;
    const right = plan.failure?.kind === 'conflict' ? 'after a forced apply' : 'after apply';
    await vscode.commands.executeCommand(
      'vscode.diff',
      live,
      wouldBe,
      `${left} ↔ ${name} (${plan.cluster} ${right})`,
      {
        preview: false,
      },
    );
  }

  dispose(): void {
    this.texts.clear();
    this.changes.dispose();
  }
}
