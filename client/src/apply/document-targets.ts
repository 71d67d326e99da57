/**
 * The Istio documents of a file and the clusters each is meant for. The server answers
 * `meshwright/documentTargets`; while a server does not implement it yet (JSON-RPC "method not
 * found"), the documents are found here from the text, with unknown targets, and the apply flow asks the
 * user for the clusters instead. Also finds a document's current text from a (possibly stale) range: the
 * document that now starts at or encloses that line, so an edit above it does not apply the wrong one.
 */
import type * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { isIstioGroup, apiGroupOf } from '../../../protocol/kinds';
import {
  DOCUMENT_TARGETS_REQUEST,
  type DocumentTargets,
  type DocumentTargetsParams,
  type DocumentTargetsResult,
} from '../../../protocol/requests';
import { resourceIdentity } from '../../../protocol/document-identity';
import { splitYamlSegments, type YamlSegment } from '../../../protocol/yaml-documents';

export interface IstioDocument {
  readonly range: DocumentTargets['range'];
  readonly resource: DocumentTargets['resource'];
  /** Null when the server cannot say (no targets request yet): the user picks the clusters. */
  readonly targets: readonly string[] | null;
  readonly remoteTargets: readonly string[];
}

/** JSON-RPC's "method not found": the server has no handler for the request (yet). */
const METHOD_NOT_FOUND = -32601;

export async function istioDocumentsOf(
  client: LanguageClient | undefined,
  document: vscode.TextDocument,
  token?: vscode.CancellationToken,
): Promise<IstioDocument[]> {
  if (client) {
    try {
      const params: DocumentTargetsParams = { uri: document.uri.toString() };
      const result = await client.sendRequest<DocumentTargetsResult | null>(
        DOCUMENT_TARGETS_REQUEST,
        params,
        token,
      );
      if (result?.documents) return result.documents.map((entry) => ({ ...entry }));
    } catch (error) {
      if ((error as { code?: unknown }).code !== METHOD_NOT_FOUND) throw error;
    }
  }
  return documentsFromText(document.getText());
}

/** Every Istio document of the text, with its range and identity (targets unknown). */
export function documentsFromText(text: string): IstioDocument[] {
  return splitYamlSegments(text).flatMap((segment) => {
    const resource = resourceIdentity(segment.text);
    if (!resource || !isIstioGroup(apiGroupOf(resource.apiVersion))) return [];
    return [{ range: segmentRange(segment), resource, targets: null, remoteTargets: [] }];
  });
}

/** The text of the YAML document that contains `line` now, with its range. */
export function documentTextAt(
  text: string,
  line: number,
): { readonly text: string; readonly range: DocumentTargets['range'] } | undefined {
  const segments = splitYamlSegments(text);
  const segment = [...segments].reverse().find((candidate) => candidate.startLine <= line);
  return segment ? { text: segment.text, range: segmentRange(segment) } : undefined;
}

export function segmentRange(segment: YamlSegment): DocumentTargets['range'] {
  const lines = segment.text.replace(/\r?\n$/, '').split(/\r?\n/);
  return {
    start: { line: segment.startLine, character: 0 },
    end: { line: segment.startLine + lines.length - 1, character: lines.at(-1)?.length ?? 0 },
  };
}
