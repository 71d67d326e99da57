/**
 * Istio schema features over yaml-language-server, used as a library: validation (IST0106 and YAML
 * syntax errors), completion, hover and document symbols. Each YAML document of a file is handled as its
 * own segment (yaml-segments.ts): its schema comes from its own apiVersion + kind through the dispatcher
 * schema, and its validation result is cached by text, so an edit re-validates only the documents it
 * touched. This module is a language *service*: document in, results out, no LSP connection.
 */
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CompletionList,
  type Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  type DocumentSymbol,
  type Hover,
  type Position as LspPosition,
} from 'vscode-languageserver-types';
import {
  type MeshDiagnostic,
  type Position,
  type Range,
  SCHEMA_VALIDATION_ERROR,
  YAML_SYNTAX_ERROR,
} from '../analysis/diagnostic';
import { DISPATCHER_SCHEMA_URI, SchemaCatalog } from './schema-catalog';
import { type YamlSegment, splitYamlSegments } from './yaml-segments';

/** A diagnostic relative to its segment (line 0 = the segment's first line). */
type SegmentDiagnostic = Omit<MeshDiagnostic, 'uri'>;

export interface SchemaLanguageServiceOptions {
  readonly catalog?: SchemaCatalog;
  /** Upper bound on cached segment results; the oldest are dropped first. */
  readonly cacheSize?: number;
}

export class SchemaLanguageService {
  readonly catalog: SchemaCatalog;
  private readonly service: LanguageService;
  private readonly cache = new Map<string, readonly SegmentDiagnostic[]>();
  private readonly cacheSize: number;
  /** yaml-language-server caches its parse by (uri, version); a fresh version per call keeps it honest. */
  private version = 0;

  constructor(options: SchemaLanguageServiceOptions = {}) {
    this.catalog = options.catalog ?? SchemaCatalog.load();
    this.cacheSize = options.cacheSize ?? 20_000;
    this.service = getLanguageService({
      schemaRequestService: this.catalog.requestSchema,
      workspaceContext: {
        resolveRelativePath: (relative, resource) => new URL(relative, resource).toString(),
      },
    });
    this.service.configure({
      validate: true,
      hover: true,
      completion: true,
      format: false,
      isKubernetes: false,
      hoverSchemaSource: false,
      schemas: [],
    });
    this.service.registerCustomSchemaProvider(() => Promise.resolve(DISPATCHER_SCHEMA_URI));
  }

  /** Schema and syntax diagnostics for a whole file, reusing cached results of unchanged documents. */
  async validate(uri: string, text: string): Promise<MeshDiagnostic[]> {
    const diagnostics: MeshDiagnostic[] = [];
    for (const segment of splitYamlSegments(text)) {
      const relative = await this.validateSegment(segment.text);
      for (const diagnostic of relative) diagnostics.push(placeInFile(diagnostic, uri, segment));
    }
    return diagnostics;
  }

  async complete(text: string, position: LspPosition): Promise<CompletionList> {
    const { segment, local } = segmentAt(text, position);
    const list = await this.service.doComplete(this.scratchDocument(segment.text), local, false);
    for (const item of list.items) {
      if (item.textEdit && 'range' in item.textEdit)
        item.textEdit.range = shiftRange(item.textEdit.range, segment);
      if (item.textEdit && 'insert' in item.textEdit) {
        item.textEdit.insert = shiftRange(item.textEdit.insert, segment);
        item.textEdit.replace = shiftRange(item.textEdit.replace, segment);
      }
      item.additionalTextEdits = item.additionalTextEdits?.map((edit) => ({
        ...edit,
        range: shiftRange(edit.range, segment),
      }));
    }
    return list;
  }

  async hover(text: string, position: LspPosition): Promise<Hover | null> {
    const { segment, local } = segmentAt(text, position);
    const hover = await this.service.doHover(this.scratchDocument(segment.text), local);
    if (hover?.range) hover.range = shiftRange(hover.range, segment);
    return hover;
  }

  documentSymbols(text: string): DocumentSymbol[] {
    const symbols: DocumentSymbol[] = [];
    for (const segment of splitYamlSegments(text)) {
      const shift = (symbol: DocumentSymbol): DocumentSymbol => ({
        ...symbol,
        range: shiftRange(symbol.range, segment),
        selectionRange: shiftRange(symbol.selectionRange, segment),
        children: symbol.children?.map(shift),
      });
      symbols.push(...this.service.findDocumentSymbols2(this.scratchDocument(segment.text)).map(shift));
    }
    return symbols;
  }

  private async validateSegment(text: string): Promise<readonly SegmentDiagnostic[]> {
    const cached = this.cache.get(text);
    if (cached) {
      // Refresh its place in the insertion order so the most recently used results survive eviction.
      this.cache.delete(text);
      this.cache.set(text, cached);
      return cached;
    }
    const raw = await this.service.doValidation(this.scratchDocument(text), false);
    const converted = raw.flatMap((diagnostic) => {
      const mesh = toMeshDiagnostic(diagnostic);
      return mesh ? [mesh] : [];
    });
    this.cache.set(text, converted);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return converted;
  }

  private scratchDocument(text: string): TextDocument {
    return TextDocument.create('meshwright-segment:///document.yaml', 'yaml', ++this.version, text);
  }
}

/** yaml-language-server reports syntax errors with source `YAML` and schema problems as `yaml-schema: …`. */
function toMeshDiagnostic(diagnostic: LspDiagnostic): SegmentDiagnostic | undefined {
  const source = diagnostic.source ?? '';
  if (source.startsWith('yaml-schema')) {
    return {
      code: SCHEMA_VALIDATION_ERROR,
      severity: 'error',
      message: schemaMessage(diagnostic.message, source),
      range: diagnostic.range,
      cluster: null,
      related: [],
    };
  }
  if (diagnostic.severity === DiagnosticSeverity.Error) {
    return {
      code: YAML_SYNTAX_ERROR,
      severity: 'error',
      message: `YAML syntax error: ${diagnostic.message}`,
      range: diagnostic.range,
      cluster: null,
      related: [],
    };
  }
  // Style hints (unused anchors and the like) are Red Hat YAML's business, not ours.
  return undefined;
}

function schemaMessage(message: string, source: string): string {
  const title = source.replace(/^yaml-schema:\s*/, '');
  const trimmed = message.trim();
  const kind = title.replace(/ \(.*\)$/, '');
  return kind && title !== 'Istio configuration' ? `${kind}: ${trimmed}` : trimmed;
}

function placeInFile(diagnostic: SegmentDiagnostic, uri: string, segment: YamlSegment): MeshDiagnostic {
  return { ...diagnostic, uri, range: shiftRange(diagnostic.range, segment) };
}

function shiftRange(range: Range, segment: YamlSegment): { start: Position; end: Position } {
  return {
    start: { line: range.start.line + segment.startLine, character: range.start.character },
    end: { line: range.end.line + segment.startLine, character: range.end.character },
  };
}

function segmentAt(text: string, position: LspPosition): { segment: YamlSegment; local: LspPosition } {
  const segments = splitYamlSegments(text);
  let found = segments[0] as YamlSegment;
  for (const segment of segments) {
    if (segment.startLine <= position.line) found = segment;
  }
  return { segment: found, local: { line: position.line - found.startLine, character: position.character } };
}
