/**
 * The JSON format: a versioned contract other tools parse (see docs/cli.md). `file` is the path as the
 * user gave it, `range` is zero-based as in LSP, `resource` is the object the diagnostic is about (null
 * when the document has no identity). `clusters` says which clusters were read whole, `targets` which
 * clusters each Istio document is meant for and why, and `tool` the program and version that wrote the
 * report (additions to version 1: tools that do not know them are unaffected). Bump JSON_REPORT_VERSION
 * for any change that is
 * not an addition.
 */
import { type MeshDiagnostic, type Range, type ResourceRef, type Severity } from '../mesh/diagnostic';
import { type AnalysisReport } from './analysis-report';
import { type ReportedCluster } from './cluster-report';
import { type DocumentTargetInfo } from '../analysis/targets/document-targets';
import { type TargetSource } from '../analysis/targets/resolved-targets';

export const JSON_REPORT_VERSION = 1;

/** The program that wrote a report: `meshwright` and the package version. */
export interface JsonTool {
  readonly name: string;
  readonly version: string;
}

export interface JsonReport {
  readonly version: typeof JSON_REPORT_VERSION;
  readonly tool: JsonTool;
  readonly diagnostics: readonly JsonDiagnostic[];
  /** Every cluster analysed against; empty for the files alone. */
  readonly clusters: readonly JsonCluster[];
  /** Every Istio document analysed: the clusters it is meant for and where that comes from. */
  readonly targets: readonly JsonDocumentTargets[];
}

export interface JsonDocumentTargets {
  readonly file: string;
  readonly range: Range;
  readonly resource: ResourceRef;
  /** The clusters the document is meant for (known ones; as declared when no cluster is known). */
  readonly clusters: readonly string[];
  /** `modeline`, `setting` (`--targets`, `meshwright.targets`), `gitops` or `default` (every primary). */
  readonly source: TargetSource;
  /** For `gitops`: the Argo CD / Flux objects deploying the document. */
  readonly origins: readonly JsonTargetOrigin[];
}

export interface JsonTargetOrigin {
  /** `Application`, `ApplicationSet`, `Kustomization`. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The name of the Application an ApplicationSet generates; null for the other kinds. */
  readonly application: string | null;
  readonly file: string;
  /** The object's `metadata.name`. */
  readonly range: Range;
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

export function formatJson(report: AnalysisReport, tool: JsonTool): string {
  const document: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name: tool.name, version: tool.version },
    diagnostics: report.diagnostics.map((diagnostic) => toJsonDiagnostic(diagnostic, report)),
    clusters: report.clusters.map(toJsonCluster),
    targets: report.targets.map((info) => toJsonTargets(info, report)),
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

function toJsonTargets(info: DocumentTargetInfo, report: AnalysisReport): JsonDocumentTargets {
  return {
    file: report.displayPath(info.uri),
    range: copyRange(info.range),
    resource: {
      apiVersion: info.resource.apiVersion,
      kind: info.resource.kind,
      namespace: info.resource.namespace,
      name: info.resource.name,
    },
    clusters: [...info.targets],
    source: info.source,
    origins: info.origins.map((origin) => ({
      kind: origin.kind,
      namespace: origin.namespace,
      name: origin.name,
      application: origin.generated ?? null,
      file: report.displayPath(origin.uri),
      range: copyRange(origin.range),
    })),
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
