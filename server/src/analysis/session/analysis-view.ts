/**
 * The analysis as the features that answer questions read it: a file's diagnostics, a live object's
 * findings, a file's document targets and the targets hovers. Read-only, so a feature can be handed the
 * session itself without being able to feed or refresh it; AnalysisSession implements it.
 */
import { type MeshDiagnostic, type MeshFinding } from '../../mesh/diagnostic';
import { type DocumentTargetInfo } from '../targets/document-targets';

export interface AnalysisView {
  /** Diagnostics of one file (authored or a cluster's) or one live object's virtual document. */
  diagnosticsFor(uri: string): MeshDiagnostic[];
  /** What the analysis says about a live object (`meshwright:/` URI), by code and message, without ranges. */
  liveFindings(uri: string): MeshFinding[];
  /** The targets of each Istio document of an authored file, as of the last refresh. */
  documentTargets(uri: string): DocumentTargetInfo[];
  /** Markdown explaining the targets of the modeline on `line` of an authored file; undefined if none is there. */
  modelineHover(uri: string, line: number): string | undefined;
  /**
   * Markdown saying where the targets of the document starting on `line` (its first content line) come
   * from, when the repository's Argo CD / Flux objects decide them; undefined otherwise.
   */
  gitOpsTargetsHover(uri: string, line: number): string | undefined;
}
