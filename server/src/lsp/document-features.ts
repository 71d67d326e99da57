/**
 * Completion, hover and document symbols: thin handlers that hand the open document's text to the schema
 * service. A failure in one request is logged and answered with "nothing", never a crash.
 */
import { type Connection, type Hover, type Position, type TextDocuments } from 'vscode-languageserver';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type SchemaLanguageService } from '../yaml/schema-language-service';
import { isYamlDocument } from './document-selection';

/** Hovers other features answer before the schema documentation (the modeline hover of targets). */
export type HoverContributor = (uri: string, position: Position) => Hover | null;

export function registerDocumentFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: () => SchemaLanguageService | undefined,
  hoverContributors: readonly HoverContributor[] = [],
): void {
  /** The open YAML document and the service, or undefined when either is missing. */
  const target = (uri: string): { text: string; schemas: SchemaLanguageService } | undefined => {
    const document = documents.get(uri);
    const schemas = service();
    if (!document || !schemas || !isYamlDocument(uri, document.languageId)) return undefined;
    return { text: document.getText(), schemas };
  };

  const guarded = async <T>(
    feature: string,
    uri: string,
    answer: () => Promise<T> | T,
  ): Promise<T | null> => {
    try {
      return await answer();
    } catch (error) {
      connection.console.error(
        `${feature} failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      return null;
    }
  };

  connection.onCompletion((params) => {
    const found = target(params.textDocument.uri);
    if (!found) return null;
    return guarded('completion', params.textDocument.uri, () =>
      found.schemas.complete(found.text, params.position),
    );
  });

  connection.onHover(async (params) => {
    const found = target(params.textDocument.uri);
    if (!found) return null;
    for (const contribute of hoverContributors) {
      const contributed = await guarded('hover', params.textDocument.uri, () =>
        contribute(params.textDocument.uri, params.position),
      );
      if (contributed) return contributed;
    }
    return guarded('hover', params.textDocument.uri, () => found.schemas.hover(found.text, params.position));
  });

  connection.onDocumentSymbol((params) => {
    const found = target(params.textDocument.uri);
    if (!found) return null;
    return guarded('document symbols', params.textDocument.uri, () =>
      found.schemas.documentSymbols(found.text),
    );
  });
}
