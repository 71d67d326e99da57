/**
 * The analysis behind `meshwright analyze`: decoded inputs in, MeshDiagnostic[] out. Two checkers share
 * the work without reporting anything twice (see docs/analysis.md): the schema service checks YAML syntax
 * (MESH001) and Istio schemas (IST0106) of the authored documents; the analysis engine adds everything
 * semantic, the Helm template notes (MESH002) and the syntax errors of cluster and mesh config files. The
 * schema checks of big inputs run on worker threads while this thread runs the engine. No file or
 * network I/O here: the CLI reads and decodes the files before calling it.
 */
import { compareDiagnostics, type MeshDiagnostic } from '../mesh/diagnostic';
import { type AnalyzeRequest, type InputFile, analyze } from '../analysis/engine';
import { parseSuppressions } from '../mesh/suppression';
import { type AnalyzerFailure } from '../analysis/session/analysis-session';
import { withSchemaResources } from '../yaml/schema-diagnostic-resources';
import { type SchemaLanguageService } from '../yaml/schema-language-service';
import { type DocumentTargetInfo } from '../analysis/targets/document-targets';
import { type SchemaValidationStats, startSchemaValidation } from './schema-validation';

/** A decoded file: the URI its diagnostics carry, and its text. */
export type SourceDocument = InputFile;

/** What the CLI read (documents, `--cluster` files, mesh settings, live clusters): the engine's input. */
export type AnalysisInput = Pick<
  AnalyzeRequest,
  'documents' | 'clusters' | 'snapshot' | 'meshConfig' | 'meshNetworks'
>;

export interface AnalysisOptions {
  /** Where objects without `metadata.namespace` land (`--namespace`). */
  readonly defaultNamespace: string;
  /** `--suppress` patterns, `CODE=Kind name.namespace`. */
  readonly suppressions?: readonly string[];
  /** A warm service to reuse; a fresh one otherwise. */
  readonly schemaService?: SchemaLanguageService;
  /** Worker threads for the schema checks; undefined: decided by the input's size and the CPUs. */
  readonly schemaWorkers?: number;
  /** `--targets`: the clusters of the documents no modeline governs (default: every primary). */
  readonly targets?: readonly string[];
  /** The live clusters' API server URLs (Argo CD destinations name clusters by them). */
  readonly clusterEndpoints?: ReadonlyMap<string, string>;
  /** Every file walked in PATHS, analysed or not: which Argo CD / Flux paths exist. */
  readonly repositoryFiles?: readonly string[];
}

export interface AnalysisOutcome {
  /** Sorted by uri and position. */
  readonly diagnostics: readonly MeshDiagnostic[];
  /** Analyzers that crashed (a Meshwright bug): the other findings stand, the run is incomplete. */
  readonly failures: readonly AnalyzerFailure[];
  /** Problems with the request itself (unreadable `--suppress` patterns). */
  readonly inputErrors: readonly string[];
  /** How the schema checks were shared between threads (MESHWRIGHT_DEBUG prints it). */
  readonly schemaStats: SchemaValidationStats;
  /** The targets of each Istio document, and where they come from. */
  readonly documentTargets: readonly DocumentTargetInfo[];
}

export async function analyzeSources(
  input: AnalysisInput,
  options: AnalysisOptions,
): Promise<AnalysisOutcome> {
  const suppressions = options.suppressions ?? [];
  // Started first: with workers, the schema checks run while this thread runs the engine below.
  const schema = startSchemaValidation(input.documents, {
    ...(options.schemaService ? { service: options.schemaService } : {}),
    ...(options.schemaWorkers !== undefined ? { workers: options.schemaWorkers } : {}),
  });
  let engine;
  try {
    engine = analyze({
      documents: input.documents,
      clusters: input.clusters ?? [],
      ...(input.snapshot ? { snapshot: input.snapshot } : {}),
      ...(input.meshConfig ? { meshConfig: input.meshConfig } : {}),
      ...(input.meshNetworks ? { meshNetworks: input.meshNetworks } : {}),
      defaultNamespace: options.defaultNamespace,
      suppressions,
      ...(options.targets ? { targetRules: [{ files: '**', clusters: options.targets }] } : {}),
      ...(options.clusterEndpoints ? { clusterEndpoints: options.clusterEndpoints } : {}),
      ...(options.repositoryFiles ? { repositoryFiles: options.repositoryFiles } : {}),
      // Cluster states (live, or `--cluster` files) are the cluster state as it is: no default ingress
      // gateway is assumed then, so `--cluster` files and live clusters give the same findings.
      offline: input.snapshot === undefined && (input.clusters ?? []).length === 0,
    });
  } catch (error) {
    await schema.cancel();
    throw error;
  }
  const schemaResults = await schema.finish();

  const rules = parseSuppressions(suppressions).rules;
  const diagnostics: MeshDiagnostic[] = [...engine.diagnostics];
  input.documents.forEach((source, index) => {
    const found = schemaResults[index] ?? [];
    diagnostics.push(...withSchemaResources(found, source.text, options.defaultNamespace, rules));
  });
  return {
    diagnostics: diagnostics.sort(compareDiagnostics),
    failures: engine.failures,
    inputErrors: engine.inputErrors,
    schemaStats: schema.stats(),
    documentTargets: engine.documentTargets,
  };
}
