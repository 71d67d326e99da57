/**
 * The apply commands: `meshwright.applyDocument` (the CodeLens and the MESH2xx quick fixes; ApplyDocumentArgs),
 * `meshwright.applyFile` (every Istio document of a file, one after the other), `meshwright.diffDocument`
 * (dry run, then the diff of what the apply would change), and `meshwright.openLiveDiff` (the quick fix
 * "Diff with west's live copy"; OpenLiveDiffArgs). Each resolves the document's current text from the
 * editor (saved or not), finds its targets, and hands over to the apply flow.
 */
import * as vscode from 'vscode';
import {
  APPLY_DOCUMENT_COMMAND,
  type ApplyDocumentArgs,
  OPEN_LIVE_DIFF_COMMAND,
  type OpenLiveDiffArgs,
} from '../../../protocol/requests';
import { type LanguageServerSession } from '../language-server-session';
import { ApplyDiffDocuments } from './apply-diff-documents';
import { type ApplyFlowContext, type ApplyFlowOutcome, runApplyFlow } from './apply-flow';
import { requestPlan } from './apply-requests';
import { pickClusters } from './cluster-choice';
import { type IstioDocument, documentTextAt, documentsFromText, istioDocumentsOf } from './document-targets';
import { liveDiffArgsAtCursor, openLiveDiff } from './live-diff';

export const APPLY_FILE_COMMAND = 'meshwright.applyFile';
export const DIFF_DOCUMENT_COMMAND = 'meshwright.diffDocument';

export function registerApplyCommands(
  context: vscode.ExtensionContext,
  session: LanguageServerSession,
  log: vscode.LogOutputChannel,
): void {
  const diffs = ApplyDiffDocuments.register(context);
  const flowContext = async (): Promise<ApplyFlowContext> => ({
    client: await session.whenRunning(),
    diffs,
    log,
  });
  const guarded =
    <A extends unknown[], R>(what: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await run(...args);
      } catch (error) {
        if (error instanceof vscode.CancellationError) return undefined;
        const cause = error instanceof Error ? error.message : String(error);
        log.error(`${what} failed: ${cause}`);
        void vscode.window.showErrorMessage(`Meshwright: ${what} failed (${cause}).`);
        return undefined;
      }
    };

  context.subscriptions.push(
    vscode.commands.registerCommand(
      APPLY_DOCUMENT_COMMAND,
      guarded('apply', async (args?: ApplyDocumentArgs): Promise<ApplyFlowOutcome | undefined> => {
        const target = await resolveDocument(args);
        if (!target) return undefined;
        const flow = await flowContext();
        const clusters = args?.clusters ?? (await targetsOf(flow, target));
        if (!clusters) return undefined;
        return runApplyFlow(flow, target.source, clusters, target.label);
      }),
    ),
    vscode.commands.registerCommand(
      APPLY_FILE_COMMAND,
      guarded('apply file', async (resource?: vscode.Uri): Promise<(ApplyFlowOutcome | undefined)[]> => {
        const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
        if (!uri) {
          void vscode.window.showInformationMessage(
            'Meshwright: open a YAML file to apply its Istio documents.',
          );
          return [];
        }
        const document = await vscode.workspace.openTextDocument(uri);
        const flow = await flowContext();
        const documents = await istioDocumentsOf(flow.client, document);
        if (documents.length === 0) {
          void vscode.window.showInformationMessage(
            `Meshwright: ${vscode.workspace.asRelativePath(uri)} has no Istio document to apply.`,
          );
          return [];
        }
        // Documents without known targets share one choice of clusters, asked once for the file.
        let chosen: string[] | undefined;
        const outcomes: (ApplyFlowOutcome | undefined)[] = [];
        for (const entry of documents) {
          const text = documentTextAt(document.getText(), entry.range.start.line);
          if (!text) continue;
          chosen = entry.targets
            ? [...entry.targets, ...entry.remoteTargets]
            : (chosen ?? (await pickClusters(flow.client, vscode.workspace.asRelativePath(uri))));
          if (!chosen) break;
          outcomes.push(
            await runApplyFlow(flow, { uri: uri.toString(), text: text.text }, chosen, labelOf(entry)),
          );
        }
        return outcomes;
      }),
    ),
    vscode.commands.registerCommand(
      DIFF_DOCUMENT_COMMAND,
      guarded('diff', async (args?: ApplyDocumentArgs): Promise<void> => {
        const target = await resolveDocument(args);
        if (!target) return;
        const flow = await flowContext();
        const clusters = args?.clusters ?? (await targetsOf(flow, target));
        if (!clusters) return;
        const plan = await requestPlan(flow.client, target.source, clusters, target.label);
        if (plan.problem !== null || plan.resource === null) {
          void vscode.window.showErrorMessage(
            `Meshwright: cannot diff this document: ${plan.problem ?? 'no object'}.`,
          );
          return;
        }
        const comparable = plan.clusters.filter((entry) => entry.wouldBeYaml !== null);
        const failures = plan.clusters.filter((entry) => entry.wouldBeYaml === null && entry.failure);
        for (const entry of failures) log.warn(`Diff of ${target.label}: ${entry.failure?.message ?? ''}`);
        if (comparable.length === 0) {
          void vscode.window.showErrorMessage(
            `Meshwright: no dry run succeeded for ${target.label}: ${failures.map((entry) => entry.failure?.message).join('; ')}`,
          );
          return;
        }
        const name = plan.resource.name;
        const pick =
          comparable.length === 1
            ? comparable[0]
            : (
                await vscode.window.showQuickPick(
                  comparable.map((entry) => ({
                    label: entry.cluster,
                    description:
                      entry.outcome === 'failed'
                        ? 'conflict (diff with force)'
                        : entry.outcome === 'change'
                          ? `change ${entry.changedFields.join(', ')}`
                          : entry.outcome,
                    entry,
                  })),
                  { title: `Meshwright: diff ${target.label} with...`, placeHolder: 'Pick a cluster' },
                )
              )?.entry;
        if (pick) await diffs.showPlanDiff(name, pick);
      }),
    ),
    vscode.commands.registerCommand(
      OPEN_LIVE_DIFF_COMMAND,
      guarded('diff with the live copy', async (args?: OpenLiveDiffArgs) => {
        const resolved = args ?? (await liveDiffArgsAtCursor(await session.whenRunning()));
        if (resolved) await openLiveDiff(resolved, diffs);
      }),
    ),
  );
}

interface ResolvedDocument {
  readonly document: vscode.TextDocument;
  readonly source: { readonly uri: string; readonly text: string };
  readonly line: number;
  readonly label: string;
}

/** The document the command is about: from its arguments, else the one under the active editor's cursor. */
async function resolveDocument(args: ApplyDocumentArgs | undefined): Promise<ResolvedDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = args?.uri ? vscode.Uri.parse(args.uri) : editor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage(
      'Meshwright: put the cursor in an Istio document of a YAML file first.',
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const line = args?.documentRange.start.line ?? editor?.selection.active.line ?? 0;
  const found = documentTextAt(document.getText(), line);
  if (!found || found.text.trim() === '') {
    void vscode.window.showInformationMessage('Meshwright: there is no YAML document there to apply.');
    return undefined;
  }
  const [entry] = documentsFromText(found.text);
  return {
    document,
    source: { uri: uri.toString(), text: found.text },
    line: found.range.start.line,
    label: entry ? labelOf(entry) : vscode.workspace.asRelativePath(uri),
  };
}

/** The server's targets for the document (remote ones included: the server explains their refusal), else ask. */
async function targetsOf(flow: ApplyFlowContext, target: ResolvedDocument): Promise<string[] | undefined> {
  const documents = await istioDocumentsOf(flow.client, target.document);
  const entry = documents.find((candidate) => candidate.range.start.line === target.line);
  if (entry?.targets && entry.targets.length + entry.remoteTargets.length > 0) {
    return [...new Set([...entry.targets, ...entry.remoteTargets])];
  }
  return pickClusters(flow.client, target.label);
}

export function labelOf(entry: IstioDocument): string {
  const { kind, namespace, name } = entry.resource;
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
