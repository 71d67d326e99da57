/**
 * What every output format prints from: the diagnostics in report order (input order, then position),
 * how many files were analyzed, and the path to show for a URI. Paths are the ones the user gave
 * (`policies/vs.yaml`, `-` for standard input); a URI that is no input file (later: a live cluster's
 * object) is shown as the URI itself.
 */
import { type MeshDiagnostic, type Severity, compareDiagnostics } from '../mesh/diagnostic';
import { type ReportedCluster } from './cluster-report';
import { type DocumentTargetInfo } from '../analysis/targets/document-targets';

export interface ReportedFile {
  readonly uri: string;
  readonly displayPath: string;
}

export class AnalysisReport {
  readonly diagnostics: readonly MeshDiagnostic[];
  private readonly displayPaths: ReadonlyMap<string, string>;

  constructor(
    readonly files: readonly ReportedFile[],
    diagnostics: readonly MeshDiagnostic[],
    /** The clusters analysed against (live and from files), in the order given. */
    readonly clusters: readonly ReportedCluster[] = [],
    /** The targets of each Istio document analysed, and where they come from. */
    readonly targets: readonly DocumentTargetInfo[] = [],
  ) {
    this.displayPaths = new Map(files.map((file) => [file.uri, file.displayPath]));
    const order = new Map(files.map((file, index) => [file.uri, index]));
    const rank = (uri: string): number => order.get(uri) ?? files.length;
    this.diagnostics = [...diagnostics].sort((a, b) => rank(a.uri) - rank(b.uri) || compareDiagnostics(a, b));
  }

  displayPath(uri: string): string {
    return this.displayPaths.get(uri) ?? uri;
  }

  count(severity: Severity): number {
    return this.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  }

  /** Clusters the analysis could not read whole: their findings may be missing. */
  incompleteClusters(): readonly ReportedCluster[] {
    return this.clusters.filter((cluster) => !cluster.complete);
  }

  /** How many distinct files have at least one diagnostic. */
  filesWithFindings(): number {
    return new Set(this.diagnostics.map((diagnostic) => diagnostic.uri)).size;
  }
}
