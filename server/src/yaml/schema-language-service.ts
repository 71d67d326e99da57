/**
 * Istio and Gateway API schema features over yaml-language-server, used as a library: validation (IST0106 and YAML
 * syntax errors), completion, hover and document symbols. Each YAML document of a file is handled as its
 * own segment (yaml-segments.ts): its schema comes from its own apiVersion + kind through the dispatcher
 * schema, and its validation result is cached by text, so an edit re-validates only the documents it
 * touched. Helm templates are skipped. Documents that are neither Istio nor Gateway API resources are never validated, so a
 * Deployment, a workflow or a Helm values file stays clean. A document over a parsing bound (yaml-bounds.ts)
 * never reaches yaml-language-server, which parses with its own copy of the `yaml` package: no
 * diagnostics (the analysis engine reports the bound), no hover, completion or symbols. This module is a language *service*:
 * document in, results out, no LSP connection.
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
  SymbolKind,
} from 'vscode-languageserver-types';
import {
  type MeshDiagnostic,
  type Position,
  type Range,
  SCHEMA_VALIDATION_ERROR,
  YAML_SYNTAX_ERROR,
} from '../mesh/diagnostic';
import { findHelmTemplateAction } from './helm-template';
import { completeIstioKeys, hoverIstioKeys } from './istio-key-assist';
import { declaredKind } from './declared-kind';
import {
  DISPATCHER_SCHEMA_URI,
  type KindVersionEntry,
  SCHEMA_URI_PREFIX,
  SchemaCatalog,
} from './schema-catalog';
import { SegmentFields, explainSchemaProblem } from './schema-messages';
import { kindSnippets } from './schema-snippets';
import { SchemaValidity } from './schema-validity';
import { documentBoundExceeded } from './yaml-bounds';
import { type YamlSegment, splitYamlSegments } from '../../../protocol/yaml-documents';

/**
 * A Red Hat YAML modeline (`# yaml-language-server: $schema=…`) picks a schema for *that* server; for us it
 * would replace Istio's schema with one we refuse to fetch. Blanking its colon (same length, so positions
 * hold) makes yaml-language-server ignore it.
 */
const MODELINE = /^([ \t]*#[ \t]*yaml-language-server[ \t]*):/gm;

/** A diagnostic relative to its segment (line 0 = the segment's first line). */
type SegmentDiagnostic = Omit<MeshDiagnostic, 'uri'>;

export interface SchemaLanguageServiceOptions {
  readonly catalog?: SchemaCatalog;
  /** Upper bound on cached segment results; the oldest are dropped first. */
  readonly cacheSize?: number;
  /**
   * Validate a document whose kind its text declares plainly against that kind's schema directly, with
   * the schemas handed to yaml-language-server already parsed (the default). False: every document
   * through the dispatcher, schemas loaded by yaml-language-server itself. Same results; false exists to
   * prove it in tests.
   */
  readonly directKindSchemas?: boolean;
  /**
   * Ask the compiled validity check (schema-fast-check.ts) before yaml-language-server, and skip it for
   * documents the check finds valid (the default). False: yaml-language-server validates every document.
   * Same results; false exists to prove it in tests and to measure the saving.
   */
  readonly fastValidityChecks?: boolean;
}

/**
 * Segments are handed to yaml-language-server under scratch URIs whose schema associations pick the
 * schema: a document whose kind is read with certainty (declared-kind.ts) goes to its kind's URI and is
 * validated against that schema alone; any other document goes to SEGMENT_URI, whose schema is the
 * dispatcher (unknown kinds and versions, and everything declared-kind.ts cannot read for sure).
 */
const SEGMENT_URI = 'meshwright-segment:///document.yaml';
const KIND_URI_PREFIX = 'meshwright-segment:///kinds/';

function kindSegmentPath(entry: KindVersionEntry): string {
  return `kinds/${entry.apiVersion}/${entry.kind}.yaml`;
}

/**
 * yaml-language-server caches its parse by (uri, version) in a cache shared by the whole process; a fresh
 * version per call, counted across every instance of this service, keeps it honest.
 */
let scratchVersion = 0;

export class SchemaLanguageService {
  readonly catalog: SchemaCatalog;
  private readonly service: LanguageService;
  private readonly cache = new Map<string, readonly SegmentDiagnostic[]>();
  private readonly cacheSize: number;
  private readonly directKindSchemas: boolean;
  /** Undefined when fast validity checks are off. */
  private readonly validity: SchemaValidity | undefined;

  constructor(options: SchemaLanguageServiceOptions = {}) {
    this.catalog = options.catalog ?? SchemaCatalog.load();
    this.cacheSize = options.cacheSize ?? 20_000;
    this.directKindSchemas = options.directKindSchemas ?? true;
    this.validity =
      (options.fastValidityChecks ?? true) && this.directKindSchemas
        ? new SchemaValidity(this.catalog)
        : undefined;
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
      // Schema *associations* (not registerCustomSchemaProvider): yaml-language-server then resolves each
      // schema once and reuses it. A custom provider makes it resolve and meta-validate them again for
      // every document, about 40 ms each (see `npm run bench`). A kind's schema is resolved only when a
      // document of that kind is validated. The schemas are handed over parsed: JSON.parse reads all 35
      // in ~8 ms, where yaml-language-server's own JSON parser needs ~25 ms for each big one.
      schemas: this.directKindSchemas
        ? [
            { uri: DISPATCHER_SCHEMA_URI, fileMatch: ['document.yaml'], name: 'Istio configuration' },
            ...this.catalog.entries.map((entry) => {
              const schema = this.catalog.readSchema(entry);
              return {
                uri: `${SCHEMA_URI_PREFIX}${entry.file}`,
                fileMatch: [kindSegmentPath(entry)],
                ...(schema ? { schema } : {}),
              };
            }),
          ]
        : [{ uri: DISPATCHER_SCHEMA_URI, fileMatch: ['*'], name: 'Istio configuration' }],
    });
  }

  /** Schema and syntax diagnostics for a whole file, reusing cached results of unchanged documents. */
  async validate(uri: string, text: string): Promise<MeshDiagnostic[]> {
    const diagnostics: MeshDiagnostic[] = [];
    for (const segment of schemaCheckedSegments(text))
      diagnostics.push(...(await this.validateSegment(uri, segment)));
    return diagnostics;
  }

  /**
   * The diagnostics of one of a file's schemaCheckedSegments, placed in the file under `uri`. validate()
   * is this over every such segment; the CLI spreads the segments of big inputs over worker threads.
   */
  async validateSegment(uri: string, segment: YamlSegment): Promise<MeshDiagnostic[]> {
    const relative = await this.validateSegmentText(segment.text);
    return relative.map((diagnostic) => placeInFile(diagnostic, uri, segment));
  }

  async complete(text: string, position: LspPosition): Promise<CompletionList> {
    const { segment, local } = segmentAt(text, position);
    if (documentBoundExceeded(segment.text)) return { isIncomplete: false, items: [] };
    const snippetRange = emptyDocumentWordRange(segment.text, local);
    if (snippetRange) {
      return {
        isIncomplete: false,
        items: kindSnippets(this.catalog.entries, shiftRange(snippetRange, segment)),
      };
    }
    const list = await this.service.doComplete(this.scratchDocument(segment.text), local, false);
    // Label and annotation keys and gateway class names: ours, for documents of any kind.
    list.items.push(...completeIstioKeys(segment.text, local));
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
    if (documentBoundExceeded(segment.text)) return null;
    const hover =
      hoverIstioKeys(segment.text, local) ??
      (await this.service.doHover(this.scratchDocument(segment.text), local));
    if (hover?.range) hover.range = shiftRange(hover.range, segment);
    return hover;
  }

  /** One parent symbol per YAML document (`VirtualService bookinfo/reviews`), its fields as children. */
  documentSymbols(text: string): DocumentSymbol[] {
    const symbols: DocumentSymbol[] = [];
    for (const segment of splitYamlSegments(text)) {
      if (documentBoundExceeded(segment.text)) continue;
      const shift = (symbol: DocumentSymbol): DocumentSymbol => ({
        ...symbol,
        range: shiftRange(symbol.range, segment),
        selectionRange: shiftRange(symbol.selectionRange, segment),
        children: symbol.children?.map(shift),
      });
      const children = this.service.findDocumentSymbols2(this.scratchDocument(segment.text)).map(shift);
      if (children.length > 0) symbols.push(documentSymbol(segment, children));
    }
    return symbols;
  }

  private async validateSegmentText(text: string): Promise<readonly SegmentDiagnostic[]> {
    const cached = this.cache.get(text);
    if (cached) {
      // Refresh its place in the insertion order so the most recently used results survive eviction.
      this.cache.delete(text);
      this.cache.set(text, cached);
      return cached;
    }
    // Validated through schemaCheckedSegments, which leaves such documents out; a direct caller may not.
    if (documentBoundExceeded(text)) return [];
    if (this.validity?.certainlyValid(text)) {
      this.remember(text, []);
      return [];
    }
    const declared = this.directKindSchemas ? declaredKind(text) : undefined;
    const entry = declared && this.catalog.find(declared.apiVersion, declared.kind);
    let document = this.scratchDocument(
      text,
      entry ? `${KIND_URI_PREFIX}${kindSegmentPath(entry).slice('kinds/'.length)}` : SEGMENT_URI,
    );
    let raw = await this.service.doValidation(document, false);
    if (entry && raw.some(isSyntaxError)) {
      // Broken YAML may not be the mapping its lines suggest: the dispatcher decides, as it always did.
      document = this.scratchDocument(text);
      raw = await this.service.doValidation(document, false);
    }
    const converted = convertSegmentDiagnostics(raw, document);
    this.remember(text, converted);
    return converted;
  }

  private remember(text: string, diagnostics: readonly SegmentDiagnostic[]): void {
    this.cache.set(text, diagnostics);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  private scratchDocument(text: string, uri: string = SEGMENT_URI): TextDocument {
    return TextDocument.create(uri, 'yaml', ++scratchVersion, text.replace(MODELINE, '$1 '));
  }
}

/**
 * yaml-language-server reports syntax errors with source `YAML` and schema problems as `yaml-schema: …`.
 */
function convertSegmentDiagnostics(
  raw: readonly LspDiagnostic[],
  document: TextDocument,
): SegmentDiagnostic[] {
  // A document with a syntax error gets no schema diagnostics at all: they would describe the parser's
  // recovery (a value lost to a tab, a mapping cut short), not the author's intent, and the syntax error
  // says so ("schema checks resume once it parses"). The analysis engine does the same for its checks.
  const broken = raw.some(isSyntaxError);
  let fields: SegmentFields | undefined;
  const fieldsOfSegment = (): SegmentFields => (fields ??= new SegmentFields(document.getText()));

  const converted: SegmentDiagnostic[] = [];
  const seen = new Set<string>();
  for (const diagnostic of raw) {
    let message: string;
    let code: string;
    if (isSchemaDiagnostic(diagnostic)) {
      if (broken) continue;
      code = SCHEMA_VALIDATION_ERROR;
      message = schemaMessage(diagnostic, document, fieldsOfSegment());
    } else if (diagnostic.severity === DiagnosticSeverity.Error) {
      code = YAML_SYNTAX_ERROR;
      message = `YAML syntax error: ${diagnostic.message.trim().replace(/\.$/, '')}. Fix the YAML first; schema checks resume once it parses.`;
    } else {
      // Style hints (unused anchors and the like) are Red Hat YAML's business, not ours.
      continue;
    }
    const key = `${code} ${JSON.stringify(diagnostic.range)} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    converted.push({
      code,
      severity: 'error',
      message,
      range: diagnostic.range,
      cluster: null,
      related: [],
    });
  }
  return converted;
}

function isSyntaxError(diagnostic: LspDiagnostic): boolean {
  return !isSchemaDiagnostic(diagnostic) && diagnostic.severity === DiagnosticSeverity.Error;
}

function isSchemaDiagnostic(diagnostic: LspDiagnostic): boolean {
  return (diagnostic.source ?? '').startsWith('yaml-schema');
}

function schemaMessage(diagnostic: LspDiagnostic, document: TextDocument, fields: SegmentFields): string {
  const title = (diagnostic.source ?? '').replace(/^yaml-schema:\s*/, '');
  // The dispatcher's own messages (unknown version, unknown kind) are already specific.
  if (title === 'Istio configuration' || title === '') return diagnostic.message.trim();
  const kind = title.replace(/ \(.*\)$/, '');
  const location = fields.fieldAt(
    document.offsetAt(diagnostic.range.start),
    document.offsetAt(diagnostic.range.end),
  );
  const data = diagnostic.data as { properties?: unknown } | undefined;
  const allowed = Array.isArray(data?.properties) ? data.properties.filter((p) => typeof p === 'string') : [];
  return explainSchemaProblem(diagnostic.message, kind, location, allowed);
}

/** Istio's API groups and the Gateway API's, whose kinds Istio reads and whose schemas we bundle. */
const ISTIO_API_GROUP = String.raw`(?:(?:networking|security|telemetry|extensions)\.istio\.io|gateway\.networking\.k8s\.io)/`;
/** A top-level (column 0) `apiVersion:` line naming an Istio or Gateway API group. */
const ISTIO_BLOCK_API_VERSION = new RegExp(String.raw`^apiVersion:[ \t]*["']?${ISTIO_API_GROUP}`, 'm');
/** The same in a flow (JSON-style) document. */
const ISTIO_FLOW_API_VERSION = new RegExp(String.raw`["']?apiVersion["']?\s*:\s*["']?${ISTIO_API_GROUP}`);

/**
 * True when the YAML document declares an Istio or Gateway API apiVersion: only those get our schema
 * diagnostics.
 */
export function isIstioDocument(text: string): boolean {
  if (ISTIO_BLOCK_API_VERSION.test(text)) return true;
  const firstContent = /^(?:[ \t]*(?:#.*|---.*|%.*)?\r?\n)*[ \t]*(\S)/.exec(text);
  return firstContent?.[1] === '{' && ISTIO_FLOW_API_VERSION.test(text);
}

/** GitHub Actions expressions (`${{ github.sha }}`) look like template actions but are plain YAML text. */
const GITHUB_EXPRESSION = /\$\{\{[^\n]*?\}\}/g;

/**
 * The segments of a file that schema validation checks: its Istio documents, none at all for a Helm
 * template (not YAML until rendered: schema checks would only report parser noise; the analysis engine
 * marks such files with MESH002, see yaml-file.ts). Documents over a parsing bound are left out: the
 * analysis engine reports them (MESH001 naming the bound).
 */
export function schemaCheckedSegments(text: string): YamlSegment[] {
  if (isHelmTemplate(text)) return [];
  return splitYamlSegments(text).filter(
    (segment) => isIstioDocument(segment.text) && !documentBoundExceeded(segment.text),
  );
}

function isHelmTemplate(text: string): boolean {
  return (
    findHelmTemplateAction(text.replace(GITHUB_EXPRESSION, (expression) => ' '.repeat(expression.length))) !==
    null
  );
}

/**
 * The range to replace with a kind skeleton when the cursor is in a document with no content yet
 * (only comments, markers or blank lines besides the cursor line, which holds at most a word being typed
 * at column 0). Undefined anywhere else, so yaml-language-server's own completion applies.
 */
function emptyDocumentWordRange(segmentText: string, cursor: LspPosition): Range | undefined {
  const lines = segmentText.split('\n').map((line) => line.replace(/\r$/, ''));
  const cursorLine = lines[cursor.line] ?? '';
  if (!/^[A-Za-z]*$/.test(cursorLine) || cursor.character > cursorLine.length) return undefined;
  const onlyNoise = lines.every(
    (line, index) => index === cursor.line || /^\s*(?:#.*)?$/.test(line) || /^(?:---|\.\.\.|%)/.test(line),
  );
  if (!onlyNoise) return undefined;
  return {
    start: { line: cursor.line, character: 0 },
    end: { line: cursor.line, character: cursorLine.length },
  };
}

function documentSymbol(segment: YamlSegment, children: DocumentSymbol[]): DocumentSymbol {
  const detailOf = (symbols: readonly DocumentSymbol[] | undefined, name: string): string | undefined =>
    symbols?.find((symbol) => symbol.name === name)?.detail || undefined;
  const apiVersion = detailOf(children, 'apiVersion');
  const kind = detailOf(children, 'kind');
  const metadata = children.find((symbol) => symbol.name === 'metadata')?.children;
  const name = detailOf(metadata, 'name');
  const namespace = detailOf(metadata, 'namespace');
  const label = kind
    ? [kind, name ? `${namespace ? `${namespace}/` : ''}${name}` : ''].filter(Boolean).join(' ')
    : `YAML document ${segment.index + 1}`;
  const first = children[0] as DocumentSymbol;
  const kindSymbol = children.find((symbol) => symbol.name === 'kind') ?? first;
  return {
    name: label,
    ...(apiVersion ? { detail: apiVersion } : {}),
    kind: SymbolKind.Module,
    range: { start: { line: segment.startLine, character: 0 }, end: segmentEnd(segment) },
    selectionRange: kindSymbol.selectionRange,
    children,
  };
}

function segmentEnd(segment: YamlSegment): Position {
  const lines = segment.text.split('\n');
  const last = (lines[lines.length - 1] as string).replace(/\r$/, '');
  return { line: segment.startLine + lines.length - 1, character: last.length };
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

/** The segment holding `position`, and the position relative to that segment's first line. */
function segmentAt(text: string, position: LspPosition): { segment: YamlSegment; local: LspPosition } {
  const segments = splitYamlSegments(text);
  let found = segments[0] as YamlSegment;
  for (const segment of segments) {
    if (segment.startLine <= position.line) found = segment;
  }
  return { segment: found, local: { line: position.line - found.startLine, character: position.character } };
}
