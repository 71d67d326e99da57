/**
 * Each rendered overlay is what one set of clusters receives, so each is analysed on its own, beside the
 * documents analysed as written (the Services a route points at may live there): two overlays' copies
 * of one VirtualService are never a conflict with each other. Only the findings on the overlay's own
 * objects are kept from its run (the documents' findings come from their own run), moved to the line
 * to edit and naming the overlay.
 */
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { type AnalyzerFailure } from '../analysis/session/analysis-session';
import { type RenderedOverlayMapper } from '../render/kustomize/overlay-diagnostics';
import { type AnalysisInput, type AnalysisOptions, analyzeSources } from './analysis-pipeline';

export interface OverlayFindings {
  readonly diagnostics: readonly MeshDiagnostic[];
  readonly failures: readonly AnalyzerFailure[];
}

export async function analyzeOverlays(
  overlays: readonly RenderedOverlayMapper[],
  input: AnalysisInput,
  options: AnalysisOptions,
): Promise<OverlayFindings> {
  const diagnostics: MeshDiagnostic[] = [];
  const failures: AnalyzerFailure[] = [];
  for (const overlay of overlays) {
    const targets = overlay.overlay.targets ?? options.targets;
    const outcome = await analyzeSources(
      { ...input, documents: [...input.documents, { uri: overlay.uri, text: overlay.overlay.yaml }] },
      { ...options, ...(targets ? { targets } : {}) },
    );
    for (const diagnostic of outcome.diagnostics) {
      if (diagnostic.uri === overlay.uri) diagnostics.push(overlay.remap(diagnostic));
    }
    failures.push(...outcome.failures);
  }
  return { diagnostics, failures };
}
