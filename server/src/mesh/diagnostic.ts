/**
 * The diagnostic model every part of Meshwright shares: analyzers produce it, the language server turns
 * it into LSP diagnostics, the CLI prints it as text, JSON or SARIF, and the tree view badges with it.
 * Ranges are zero-based with UTF-16 character offsets, exactly as in LSP.
 */
import { type ResourceRef } from '../../../protocol/resource-ref';

export type { ResourceRef };

export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Another place that explains the problem: the other resource, or another cluster's copy of an object. */
export interface RelatedLocation {
  readonly uri: string;
  readonly range: Range;
  readonly message: string;
  readonly cluster?: string | null;
}

export interface MeshDiagnostic {
  /** `IST0106`, `MESH205`, ... (see docs/diagnostics.md). */
  readonly code: string;
  readonly severity: Severity;
  /** Says what is wrong and what to do about it. */
  readonly message: string;
  /** The document the range is in: a file URI, or `meshwright:/<cluster>/...` for a live object. */
  readonly uri: string;
  readonly range: Range;
  readonly resource?: ResourceRef;
  /** The cluster the object lives in, when it comes from a cluster; null for authored documents. */
  readonly cluster: string | null;
  readonly related: readonly RelatedLocation[];
  /** Machine-readable details for code actions (targets, clusters). Never user secrets. */
  readonly data?: unknown;
  /** The rendering the object came from (a Kustomize overlay); absent for a file analysed as written. */
  readonly source?: RenderSource;
}

/** Which rendering produced the object a finding is about: `overlay` as the user sees it (`overlays/east`). */
export interface RenderSource {
  readonly kind: 'kustomize';
  readonly overlay: string;
}

/**
 * What a diagnostic says without where: enough to count and list problems (the sidebar). Ranges of a live
 * object need it rendered as YAML, which most objects never are.
 */
export type MeshFinding = Pick<MeshDiagnostic, 'code' | 'severity' | 'message' | 'uri' | 'resource'>;

/** Codes Meshwright defines for problems that are not about Istio semantics. */
export const YAML_SYNTAX_ERROR = 'MESH001';
export const HELM_TEMPLATE_FILE = 'MESH002';
export const SCHEMA_VALIDATION_ERROR = 'IST0106';
export const CLUSTER_PARTLY_READ = 'MESH010';

/** istio.io hosts a page per IST code; MESH codes are documented in the project's README. */
export function documentationUrl(code: string): string | undefined {
  const ist = /^IST(\d{4})$/.exec(code);
  if (ist) return `https://istio.io/latest/docs/reference/config/analysis/ist${ist[1]}/`;
  return undefined;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export function compareDiagnostics(a: MeshDiagnostic, b: MeshDiagnostic): number {
  return (
    a.uri.localeCompare(b.uri) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}
