/**
 * The JSON format: a versioned contract other tools parse (see docs/cli.md). `file` is the path as the
 * user gave it, `range` is zero-based as in LSP, `resource` is the object the diagnostic is about (null
 * when the document has no identity). `clusters` says which clusters were read whole (an addition to
 * version 1: tools that do not know it are unaffected). Bump JSON_REPORT_VERSION for any change that is
 * not an addition.
 */
import { type MeshDiagnostic, type Range, type ResourceRef, type Severity } from '../mesh/diagnostic';
import { type AnalysisReport } from './analysis-report';
import { type ReportedCluster } from './cluster-report';

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  readonly version: typeof JSON_REPORT_VERSION;
  readonly diagnostics: readonly JsonDiagnostic[];
  /** Every cluster analysed against; empty for the files alone. */
  readonly clusters: readonly JsonCluster[];
}

export type JsonCluster = ReportedCluster;

export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  readonly resource: ResourceRef | null;
  readonly cluster: string | null;
  readonly related: readonly JsonRelatedLocation[];
  /** The Kustomize overlay whose rendering holds the object (an addition to version 1); null for a file as written. */
  readonly source: JsonSource | null;
}

export interface JsonSource {
  readonly kind: 'kustomize';
  /** The overlay directory as shown to the user (`overlays/east`). */
  readonly overlay: string;
}

export interface JsonRelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  readonly cluster: string | null;
}

export function formatJson(report: AnalysisReport): string {
  const document: JsonReport = {
    version: JSON_REPORT_VERSION,
    diagnostics: report.diagnostics.map((diagnostic) => toJsonDiagnostic(diagnostic, report)),
    clusters: report.clusters.map(toJsonCluster),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function toJsonDiagnostic(diagnostic: MeshDiagnostic, report: AnalysisReport): JsonDiagnostic {
  // Built field by field, in contract order, so nothing internal (e.g. `data`) leaks into the contract.
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: report.displayPath(diagnostic.uri),
    range: copyRange(diagnostic.range),
    resource: diagnostic.resource
      ? {
          apiVersion: diagnostic.resource.apiVersion,
          kind: diagnostic.resource.kind,
          namespace: diagnostic.resource.namespace,
          name: diagnostic.resource.name,
        }
      : null,
    cluster: diagnostic.cluster,
    related: diagnostic.related.map((related) => ({
      file: report.displayPath(related.uri),
      range: copyRange(related.range),
      message: related.message,
      cluster: related.cluster ?? null,
    })),
    source: diagnostic.source ? { kind: diagnostic.source.kind, overlay: diagnostic.source.overlay } : null,
  };
}

function toJsonCluster(cluster: ReportedCluster): JsonCluster {
  // Field by field, in contract order, as the diagnostics.
  return {
    name: cluster.name,
    source: cluster.source,
    state: cluster.state,
    complete: cluster.complete,
    reachable: cluster.reachable,
    unread: [...cluster.unread],
    reason: cluster.reason,
  };
}

function copyRange(range: Range): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}
