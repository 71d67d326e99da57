/**
 * `meshwright/documentTargets`: the targets of every Istio document of a file (modeline, setting or the
 * mesh's primaries), for the client's CodeLenses and apply flow; and the hover of a `# meshwright:`
 * modeline. Both answer from the workspace analysis at once; nothing waits for a cluster.
 */
import { type Connection, type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import { type DocumentTargetInfo } from '../analysis/targets/document-targets';
import {
  DOCUMENT_TARGETS_REQUEST,
  type DocumentTargets,
  type DocumentTargetsParams,
  type DocumentTargetsResult,
} from '../../../protocol/requests';

/** What the feature needs from the workspace analysis. */
export interface TargetsSource {
  documentTargets(uri: string): DocumentTargetInfo[];
  modelineHover(uri: string, line: number): string | undefined;
}

export function registerDocumentTargets(connection: Connection, source: () => TargetsSource): void {
  connection.onRequest(DOCUMENT_TARGETS_REQUEST, (params: DocumentTargetsParams): DocumentTargetsResult => {
    if (typeof params?.uri !== 'string') return { documents: [] };
    return { documents: source().documentTargets(params.uri).map(toProtocol) };
  });
}

/** The modeline hover at `position`, or null when the line holds no modeline. */
export function modelineHoverAt(source: TargetsSource, uri: string, position: Position): Hover | null {
  const markdown = source.modelineHover(uri, position.line);
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
