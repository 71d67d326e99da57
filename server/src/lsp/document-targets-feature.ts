/**
 * `meshwright/documentTargets`: the targets of every Istio document of a file (modeline, setting or the
 * mesh's primaries), for the client's CodeLenses and apply flow; and the hover of a `# meshwright:`
 * modeline. Both answer from the workspace analysis at once; nothing waits for a cluster.
 */
import { type Connection, type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import { type AnalysisView } from '../analysis/session/analysis-view';
import { type DocumentTargetInfo } from '../analysis/targets/document-targets';
import {
  DOCUMENT_TARGETS_REQUEST,
  type DocumentTargets,
  type DocumentTargetsParams,
  type DocumentTargetsResult,
} from '../../../protocol/requests';

/** `viewOf(uri)`: the analysis as of the editor's text of that file. */
export function registerDocumentTargets(
  connection: Connection,
  viewOf: (uri: string) => Pick<AnalysisView, 'documentTargets'>,
): void {
  connection.onRequest(DOCUMENT_TARGETS_REQUEST, (params: DocumentTargetsParams): DocumentTargetsResult => {
    if (typeof params?.uri !== 'string') return { documents: [] };
    return { documents: viewOf(params.uri).documentTargets(params.uri).map(toProtocol) };
  });
}

/** The modeline hover at `position`, or null when the line holds no modeline. */
export function modelineHoverAt(
  view: Pick<AnalysisView, 'modelineHover'>,
  uri: string,
  position: Position,
): Hover | null {
  const markdown = view.modelineHover(uri, position.line);
  return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown } } : null;
}

function toProtocol(info: DocumentTargetInfo): DocumentTargets {
  return {
    range: info.range,
    resource: info.resource,
    targets: info.targets,
    remoteTargets: info.remoteTargets,
    source: info.source,
  };
}
