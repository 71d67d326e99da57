/**
 * The one-shot engine API for the command line: inputs in, MeshDiagnostic[] out, no I/O (the caller
 * reads the files). Built on the same AnalysisSession the language server keeps alive, so the CLI and the
 * editor report identical diagnostics.
 *
 * Division of labour (no double reporting): YAML syntax errors (MESH001) and schema errors (IST0106 from
 * the JSON Schemas, unknown kinds and versions) of the *authored* documents come from
 * SchemaLanguageService; this engine reports the semantic checks, IST0106 for the CEL rules JSON Schema
 * cannot express, MESH002 for Helm templates (the caller should skip schema validation of those files,
 * see `isHelmTemplate`), and MESH001 only for inputs the schema service never sees (cluster files, mesh
 * config files).
 */
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { type CelRuleIndex } from './cel';
import { type TopologySnapshot } from '../mesh/snapshot';
import { findHelmTemplateAction } from '../yaml/helm-template';
import { AnalysisSession, type AnalyzerFailure } from './session/analysis-session';
import { type InputFile } from './session/mesh-settings';
import { type TargetRule } from './targets/target-rules';
import { type DocumentTargetInfo } from './targets/document-targets';

export { type InputFile } from './session/mesh-settings';
export { type TargetRule } from './targets/target-rules';

export interface ClusterFiles {
  /** The NAME of `--cluster NAME=PATH[,PATH...]`: diagnostics about its objects carry it as `cluster`. */
  readonly name: string;
  /** Every YAML file under the cluster's PATHs (the caller expands directories). */
  readonly files: readonly InputFile[];
}

export interface AnalyzeRequest {
  /** The documents being authored (positional arguments), `uri` = the path as given or a file URI. */
  readonly documents: readonly InputFile[];
  /** `--cluster` states. Without any, the documents' Kubernetes objects are the cluster state. */
  readonly clusters?: readonly ClusterFiles[];
  /** Live clusters; combined with `clusters` when both are given. */
  readonly snapshot?: TopologySnapshot;
  readonly meshConfig?: InputFile;
  readonly meshNetworks?: InputFile;
  /** Namespace for objects without one (`--namespace`); `default`. */
  readonly defaultNamespace?: string;
  /** `--suppress` patterns, `CODE=Kind name.namespace`. */
  readonly suppressions?: readonly string[];
  /**
   * Offline (`--offline`, default true): files are the cluster state and the default ingress gateway is
   * assumed unless the files define one. With a live snapshot pass false.
   */
  readonly offline?: boolean;
  /** CEL rules for IST0106; default: the bundled ones; null disables. */
  readonly celRules?: CelRuleIndex | null;
  /**
   * Targets of documents no modeline governs (`--targets`, the `meshwright.targets` setting): globs over
   * the documents' `uri` as given (`./` prefixes ignored); the first match decides.
   */
  readonly targetRules?: readonly TargetRule[];
  /**
   * Cluster name → API server URL (the kubeconfig's contexts): Argo CD destinations that name a server
   * are matched to clusters by it.
   */
  readonly clusterEndpoints?: ReadonlyMap<string, string>;
  /**
   * Every file of the repository walked, analysed or not (a kustomization's files may be rendered
   * instead): an Argo CD / Flux path with files only among these still exists.
   */
  readonly repositoryFiles?: readonly string[];
}

export interface AnalyzeResult {
  /** Sorted by uri, position, code. */
  readonly diagnostics: readonly MeshDiagnostic[];
  /** Problems with the request itself (bad `--suppress` patterns): show them and exit with usage error. */
  readonly inputErrors: readonly string[];
  /** Analyzers that crashed (a Meshwright bug): log them; the other results stand. */
  readonly failures: readonly AnalyzerFailure[];
  /** The targets of each Istio document of the documents, in input order, and where they come from. */
  readonly documentTargets: readonly DocumentTargetInfo[];
}

export function analyze(request: AnalyzeRequest): AnalyzeResult {
  const offline = request.offline ?? true;
  const session = new AnalysisSession({
    defaultNamespace: request.defaultNamespace,
    kubernetesState: offline ? 'files' : 'auto',
    defaultIngressGateway: offline,
    celRules: request.celRules,
    incremental: false,
  });
  const inputErrors = [...session.setSuppressions(request.suppressions ?? [])];
  if (request.targetRules) session.setTargetRules(request.targetRules, (uri) => uri);
  if (request.clusterEndpoints) session.setClusterEndpoints(request.clusterEndpoints);
  if (request.repositoryFiles) session.setRepositoryFiles(request.repositoryFiles);
  for (const document of request.documents) session.setDocument(document.uri, document.text);
  for (const cluster of request.clusters ?? []) session.setClusterFiles(cluster.name, cluster.files);
  if (request.snapshot) session.setSnapshot(request.snapshot);
  if (request.meshConfig || request.meshNetworks) {
    session.setMeshSettings({ meshConfig: request.meshConfig, meshNetworks: request.meshNetworks });
  }
  session.refresh();
  return {
    diagnostics: session.allDiagnostics(),
    inputErrors,
    failures: session.takeFailures(),
    documentTargets: request.documents.flatMap((document) => session.documentTargets(document.uri)),
  };
}

/** True when the file is a Helm template: skip its schema validation, the engine reports MESH002 once. */
export function isHelmTemplate(text: string): boolean {
  return findHelmTemplateAction(text) !== null;
}
