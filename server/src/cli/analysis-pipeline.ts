/**
 * The analysis behind `meshwright analyze`: source documents in, MeshDiagnostic[] out. Today that is
 * YAML syntax (MESH001) and Istio schema (IST0106) checks through the shared schema service, each
 * diagnostic stamped with the identity of the object it is about. The analysis engine (issue 3) extends
 * this one function with parsed resources, the semantic analyzers, offline clusters (`--cluster`) and
 * suppressions; live topology (issue 4) arrives through the options. No file or network I/O here: the
 * CLI reads and decodes the files (input-files.ts, source-decoding.ts) before calling it.
 */
import { type MeshDiagnostic, type ResourceRef } from '../analysis/diagnostic';
import { resourceIdentity } from '../yaml/resource-identity';
import { SchemaLanguageService } from '../yaml/schema-language-service';
import { type YamlSegment, splitYamlSegments } from '../yaml/yaml-segments';

export interface SourceDocument {
  /** The URI its diagnostics carry. */
  readonly uri: string;
  readonly text: string;
}

export interface AnalysisOptions {
  /** Where objects without `metadata.namespace` land (`--namespace`). */
  readonly defaultNamespace: string;
  /** A warm service to reuse (the language server has one); a fresh one otherwise. */
  readonly schemaService?: SchemaLanguageService;
}

export async function analyzeSources(
  sources: readonly SourceDocument[],
  options: AnalysisOptions,
): Promise<MeshDiagnostic[]> {
  const schemaService = options.schemaService ?? new SchemaLanguageService();
  const diagnostics: MeshDiagnostic[] = [];
  for (const source of sources) {
    const found = await schemaService.validate(source.uri, source.text);
    if (found.length > 0) diagnostics.push(...withResources(found, source.text, options.defaultNamespace));
  }
  return diagnostics;
}

/** Stamps each diagnostic with the identity of the YAML document (segment) its range starts in. */
function withResources(
  diagnostics: readonly MeshDiagnostic[],
  text: string,
  defaultNamespace: string,
): MeshDiagnostic[] {
  const segments = splitYamlSegments(text);
  const identities = new Map<number, ResourceRef | undefined>();
  return diagnostics.map((diagnostic) => {
    if (diagnostic.resource) return diagnostic;
    const segment = segmentAtLine(segments, diagnostic.range.start.line);
    if (!identities.has(segment.index)) {
      identities.set(segment.index, resourceIdentity(segment.text, defaultNamespace));
    }
    const resource = identities.get(segment.index);
    return resource ? { ...diagnostic, resource } : diagnostic;
  });
}

function segmentAtLine(segments: readonly YamlSegment[], line: number): YamlSegment {
  // Segments are in file order and never empty (splitYamlSegments returns at least one).
  let found = segments[0] as YamlSegment;
  for (const segment of segments) {
    if (segment.startLine > line) break;
    found = segment;
  }
  return found;
}
