/**
 * Schema diagnostics (SchemaLanguageService) the way the CLI and the language server publish them: each
 * stamped with the identity of the object (YAML document) it is about, and dropped when a suppression
 * covers it (the `galley.istio.io/analyze-suppress` annotation on the object, or a `CODE=Kind
 * name.namespace` rule), exactly as the analysis engine treats its own diagnostics. Identities are read
 * only for documents that have a diagnostic, so clean files cost nothing here.
 */
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { type SuppressionRule, suppressedByAnnotation, suppressedByRules } from '../mesh/suppression';
import { type DocumentIdentity, documentIdentity } from '../../../protocol/document-identity';
import { type YamlSegment, splitYamlSegments } from '../../../protocol/yaml-documents';

export function withSchemaResources(
  diagnostics: readonly MeshDiagnostic[],
  text: string,
  defaultNamespace: string,
  rules: readonly SuppressionRule[] = [],
): MeshDiagnostic[] {
  if (diagnostics.length === 0) return [];
  const segments = splitYamlSegments(text);
  const identities = new Map<number, DocumentIdentity | undefined>();
  const stamped: MeshDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const segment = segmentAtLine(segments, diagnostic.range.start.line);
    if (!identities.has(segment.index)) {
      identities.set(segment.index, documentIdentity(segment.text, defaultNamespace));
    }
    const identity = identities.get(segment.index);
    if (identity && suppressedByAnnotation(diagnostic.code, identity.annotations)) continue;
    const withResource =
      identity && !diagnostic.resource ? { ...diagnostic, resource: identity.resource } : diagnostic;
    if (suppressedByRules(withResource, rules)) continue;
    stamped.push(withResource);
  }
  return stamped;
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
