/**
 * `meshwright/documentTargets`: the targets of every Istio document of a file (modeline, setting or the
 * mesh's primaries, or the repository's Argo CD / Flux objects), for the client's CodeLenses and apply
 * flow; the hover of a `# meshwright:` modeline, and of a document whose targets the repository gives. Both answer from the workspace analysis at once; nothing waits for a cluster.
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

/**
 * The targets hover at `position`: a modeline's, or on a document's first line where its targets come
 * from the repository's Argo CD / Flux objects, theirs; null elsewhere.
 */
export function modelineHoverAt(
  view: Pick<AnalysisView, 'modelineHover' | 'gitOpsTargetsHover'>,
  uri: string,
  position: Position,
): Hover | null {
  const markdown = view.modelineHover(uri, position.line) ?? view.gitOpsTargetsHover(uri, position.line);
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
