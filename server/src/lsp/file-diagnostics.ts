/**
 * What the language server publishes for a file: the schema diagnostics (IST0106, MESH001) of an authored
 * document, stamped with their objects and filtered by suppressions, plus the analysis engine's. Schema
 * results are kept for the text they were computed on, so a file republished because another file
 * changed (a Gateway deleted elsewhere) costs no new validation; the schema service caches by segment,
 * so a changed file re-validates only its changed documents.
 */
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { parseSuppressions } from '../mesh/suppression';
import { LIVE_OBJECT_SCHEME } from '../yaml/live-object-document';
import { withSchemaResources } from '../yaml/schema-diagnostic-resources';
import { type SchemaLanguageService, schemaCheckedSegments } from '../yaml/schema-language-service';
import { type YamlSegment } from '../../../protocol/yaml-documents';
import { type WorkspaceDocuments } from './workspace-documents';
import { yieldToEventLoop } from './timers';

export interface FileDiagnosticsOptions {
  /** `meshwright.suppress` patterns. */
  readonly suppress: readonly string[];
  /** False while the workspace is being indexed: the engine would miss other files' objects. */
  readonly withEngine: boolean;
  readonly defaultNamespace: string;
}

export class FileDiagnostics {
  private readonly schema: SchemaResults;

  constructor(
    private readonly files: WorkspaceDocuments,
    service: () => SchemaLanguageService | undefined,
  ) {
    this.schema = new SchemaResults(service);
  }

  /** The diagnostics of the text the session holds for `uri`; undefined when that text changed meanwhile. */
  async of(uri: string, options: FileDiagnosticsOptions): Promise<MeshDiagnostic[] | undefined> {
    if (uri.startsWith(`${LIVE_OBJECT_SCHEME}:`))
      return options.withEngine ? this.files.view().diagnosticsFor(uri) : [];
    const file = this.files.get(uri);
    if (!file) return [];
    const schema = file.role.kind === 'authored' ? await this.schema.of(uri, file.text) : [];
    if (this.files.get(uri)?.text !== file.text) return undefined;
    const rules = parseSuppressions(options.suppress).rules;
    const stamped = withSchemaResources(schema, file.text, options.defaultNamespace, rules);
    return options.withEngine ? [...stamped, ...this.files.view().diagnosticsFor(uri)] : stamped;
  }

  forget(uri: string): void {
    this.schema.forget(uri);
  }

  clear(): void {
    this.schema.clear();
  }
}

/** Documents validated between two turns of the event loop. */
const SEGMENTS_PER_STEP = 16;

class SchemaResults {
  private readonly results = new Map<
    string,
    { readonly text: string; readonly diagnostics: MeshDiagnostic[] }
  >();

  constructor(private readonly service: () => SchemaLanguageService | undefined) {}

  async of(uri: string, text: string): Promise<MeshDiagnostic[]> {
    const known = this.results.get(uri);
    if (known?.text === text) return known.diagnostics;
    const service = this.service();
    if (!service) return [];
    // SchemaLanguageService.validate, a few documents at a time: a 200-document file validated cold
    // takes a few hundred milliseconds, and requests (hover, completion) are answered in between.
    const diagnostics: MeshDiagnostic[] = [];
    const segments = schemaCheckedSegments(text);
    for (let index = 0; index < segments.length; index++) {
      diagnostics.push(...(await service.validateSegment(uri, segments[index] as YamlSegment)));
      if (index % SEGMENTS_PER_STEP === SEGMENTS_PER_STEP - 1) await yieldToEventLoop();
    }
    this.results.set(uri, { text, diagnostics });
    return diagnostics;
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  clear(): void {
    this.results.clear();
  }
}
