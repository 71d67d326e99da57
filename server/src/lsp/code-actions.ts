/**
 * Quick fixes on an authored document. Those of the Gateway API and ambient diagnostics (MESH402, 404,
 * 407) are in gateway-api-quick-fixes.ts. Those of the cross-control-plane diagnostics (MESH107-109, MESH2xx),
 * from the `data.details.actions` the analyzers attach (analysis/targets/action-data.ts):
 * - "Diff with <cluster>'s live copy": the client command OPEN_LIVE_DIFF_COMMAND (OpenLiveDiffArgs);
 * - "Apply to <clusters> (dry run first)": APPLY_DOCUMENT_COMMAND (ApplyDocumentArgs), the clusters that
 *   lack the document or differ from it;
 * - "Narrow targets to <clusters>": a WorkspaceEdit inserting or editing the `# meshwright:` modeline.
 * The server only names the client's commands; the client implements the diff view and the apply flow.
 */
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { actionsOf } from '../analysis/targets/action-data';
import { type DocumentPlacement, fileTargets } from '../analysis/targets/file-targets';
import { narrowTargetsEdits } from '../analysis/targets/narrow-targets-edit';
import { DIAGNOSTIC_SOURCE } from './diagnostic-conversion';
import { gatewayApiQuickFixes } from './gateway-api-quick-fixes';
import {
  APPLY_DOCUMENT_COMMAND,
  type ApplyDocumentArgs,
  type DocumentTargets,
  type MeshDiagnosticData,
  OPEN_LIVE_DIFF_COMMAND,
  type OpenLiveDiffArgs,
} from '../../../protocol/requests';

/** Codes whose diagnostics may carry target actions. */
const TARGET_CODES = /^MESH(10[789]|20\d)$/;

export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>): void {
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    try {
      const text = document.getText();
      return [
        ...targetCodeActions(params, text),
        ...gatewayApiQuickFixes(params.textDocument.uri, text, params.context.diagnostics),
      ];
    } catch (error) {
      connection.console.error(
        `code actions failed for ${params.textDocument.uri}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      return null;
    }
  });
}

/** The quick fixes for the diagnostics of `params` in a document with `text`. */
export function targetCodeActions(params: CodeActionParams, text: string): CodeAction[] {
  const uri = params.textDocument.uri;
  const placements = fileTargets(text, undefined).documents;
  const found = new Map<string, CodeAction>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !TARGET_CODES.test(String(diagnostic.code ?? '')))
      continue;
    const actions = actionsOf((diagnostic.data as MeshDiagnosticData | undefined)?.details);
    const placement = documentAt(placements, diagnostic.range.start.line);
    if (!actions || !placement) continue;
    const documentRange: DocumentTargets['range'] = placement.range;
    const add = (action: CodeAction): void => {
      const existing = found.get(action.title);
      if (existing) existing.diagnostics = [...(existing.diagnostics ?? []), diagnostic];
      else found.set(action.title, action);
    };
    for (const live of actions.diff ?? []) {
      const args: OpenLiveDiffArgs = { uri, documentRange, cluster: live.cluster, liveUri: live.uri };
      add(
        quickFix(`Diff with ${live.cluster}'s live copy`, diagnostic, {
          title: `Diff with ${live.cluster}'s live copy`,
          command: OPEN_LIVE_DIFF_COMMAND,
          arguments: [args],
        }),
      );
    }
    if (actions.apply && actions.apply.length > 0) {
      const args: ApplyDocumentArgs = { uri, documentRange, clusters: actions.apply };
      const title = `Apply to ${actions.apply.join(', ')} (dry run first)`;
      add(quickFix(title, diagnostic, { title, command: APPLY_DOCUMENT_COMMAND, arguments: [args] }));
    }
    if (actions.narrowTo && actions.narrowTo.length > 0) {
      const edits = narrowTargetsEdits(text, placement.contentLine, actions.narrowTo);
      if (edits.length > 0) {
        const title = `Narrow targets to ${actions.narrowTo.join(', ')}`;
        add({ ...quickFix(title, diagnostic), edit: { changes: { [uri]: edits } } });
      }
    }
  }
  return [...found.values()];
}

/**
 * The document a diagnostic is about: the one whose content holds the line, else (a modeline's cluster
 * name, above the content) the first document after the line.
 */
function documentAt(placements: readonly DocumentPlacement[], line: number): DocumentPlacement | undefined {
  const withContent = placements.filter((p) => p.contentLine !== -1);
  return (
    withContent.find((p) => line >= p.contentLine && line <= p.range.end.line) ??
    withContent.find((p) => p.contentLine > line)
  );
}

function quickFix(title: string, diagnostic: Diagnostic, command?: CodeAction['command']): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...(command ? { command } : {}) };
}
