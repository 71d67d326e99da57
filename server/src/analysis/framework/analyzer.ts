/**
 * The contract between the engine and an analyzer. An analyzer lives in its own module under
 * analyzers/, checks one condition (one or a few related codes), and is registered in analyzers/index.ts.
 *
 * Two shapes:
 * - ResourceAnalyzer: looks at one object (the subject) and the mesh around it, e.g. "this
 *   VirtualService's gateways exist". Re-run when the subject changes or an answer it got changes.
 * - GroupAnalyzer: looks at the objects sharing a key, e.g. "the mesh VirtualServices that define host H"
 *   (IST0109) or "the clusters' copies of Service ns/name" (IST0170). Re-run when a member joins, leaves
 *   or changes, or an answer it got changes.
 * Analyzers are pure: they read `ctx.mesh` and call `ctx.report`, nothing else (no I/O, no globals).
 */
import { type Range, type Severity } from '../../mesh/diagnostic';
import { type FieldPath } from '../../yaml/node-locator';
import { type MeshResource } from '../model/resource';
import { type MeshQueries } from './mesh-queries';

/**
 * `kubernetes`: the analyzer judges Kubernetes objects (pods, Services, Namespaces, Secrets), the "K" of
 * the catalogue; it runs only when those are known (a cluster, offline files), since otherwise everything
 * would look missing.
 */
export type Requirement = 'kubernetes';

/** Another object (or another cluster's copy) that explains the problem; becomes relatedInformation. */
export interface RelatedReport {
  readonly resource: MeshResource;
  /** Field path in that object; its `metadata.name` when omitted. */
  readonly path?: FieldPath;
  readonly message: string;
}

export interface Report {
  readonly code: string;
  /** The object at fault: its file, range, cluster and suppression annotations are taken from it. */
  readonly resource: MeshResource;
  /** The field at fault (`['spec','http',0,'route',1,'destination','subset']`); `metadata.name` when omitted. */
  readonly path?: FieldPath;
  /** Underline the field's key instead of its value. */
  readonly target?: 'key' | 'value';
  /** What is wrong and what to do. */
  readonly message: string;
  /**
   * A lower severity than the code's (codes.ts gives the highest), for codes whose finding has degrees:
   * a root expiring soon (warning) or expired (error).
   */
  readonly severity?: Severity;
  readonly related?: readonly RelatedReport[];
  /** Machine-readable details for code actions. Never secrets. */
  readonly data?: unknown;
  /**
   * Where to underline instead of the object's field, for what lies outside the object but in its file
   * (a modeline's cluster name). Called when diagnostics are asked for, so it follows the text.
   */
  readonly location?: () => Range | undefined;
}

export interface AnalysisContext {
  readonly mesh: MeshQueries;
  report(report: Report): void;
}

interface AnalyzerBase {
  /** Unique, kebab-case, the module's file name: `virtualservice-gateways`. */
  readonly name: string;
  /** The codes it may report (each must exist in codes.ts). */
  readonly codes: readonly string[];
  /** Kinds of the subjects / group members, as `KINDS.*` values. */
  readonly kinds: readonly string[];
  readonly requires?: readonly Requirement[];
  /**
   * `effective` (default): subjects and group members are the merged view's objects (one copy of each
   * Istio object). `every-copy`: every copy, authored and each cluster's, effective or not: what the
   * cross-control-plane checks (MESH107, MESH2xx) compare through model/primary-views.ts.
   */
  readonly scope?: 'effective' | 'every-copy';
}

export interface ResourceAnalyzer extends AnalyzerBase {
  readonly type: 'resource';
  analyze(resource: MeshResource, ctx: AnalysisContext): void;
}

export interface GroupAnalyzer extends AnalyzerBase {
  readonly type: 'group';
  /** The groups an object belongs to; must depend on the object alone. */
  groupKeys(resource: MeshResource): readonly string[];
  /** `members` are the group's effective objects, in a stable order (authored first, then by cluster). */
  analyzeGroup(key: string, members: readonly MeshResource[], ctx: AnalysisContext): void;
}

export type Analyzer = ResourceAnalyzer | GroupAnalyzer;
