/**
 * One rendered Kustomize overlay analysed in the language server as `meshwright analyze` does it: its
 * objects beside the workspace's authored documents (so a route's Service may live outside the overlay),
 * never beside another overlay's copies. Only the findings on the overlay's own objects are kept, with
 * the schema checks of its documents, moved to the lines to edit.
 */
import { analyze } from '../analysis/engine';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { parseSuppressions } from '../mesh/suppression';
import { type RenderedOverlayMapper } from '../render/kustomize/overlay-diagnostics';
import { withSchemaResources } from '../yaml/schema-diagnostic-resources';
import { type SchemaLanguageService, schemaCheckedSegments } from '../yaml/schema-language-service';
import { yieldToEventLoop } from './timers';

export interface OverlayAnalysisOptions {
  readonly schemaService: SchemaLanguageService | undefined;
  readonly suppress: readonly string[];
  readonly defaultNamespace: string;
}

export async function analyseOverlay(
  overlay: RenderedOverlayMapper,
  authored: readonly { uri: string; text: string }[],
  options: OverlayAnalysisOptions,
): Promise<MeshDiagnostic[]> {
  const rendered = { uri: overlay.uri, text: overlay.overlay.yaml };
  const engine = analyze({
    documents: [...authored, rendered],
    defaultNamespace: options.defaultNamespace,
    suppressions: options.suppress,
    offline: true,
  });
  const found: MeshDiagnostic[] = engine.diagnostics.filter((diagnostic) => diagnostic.uri === overlay.uri);
  const service = options.schemaService;
  if (service) {
    const schema: MeshDiagnostic[] = [];
    for (const segment of schemaCheckedSegments(rendered.text)) {
      schema.push(...(await service.validateSegment(rendered.uri, segment)));
      await yieldToEventLoop();
    }
    const rules = parseSuppressions(options.suppress).rules;
    found.push(...withSchemaResources(schema, rendered.text, options.defaultNamespace, rules));
  }
  return found.map((diagnostic) => overlay.remap(diagnostic));
}
