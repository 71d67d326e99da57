/**
 * The analysis engine with state: the documents being authored, the clusters' state (files or a live
 * snapshot), mesh settings and suppressions in; diagnostics per file out. The CLI uses it once (see
 * engine.ts); the language server keeps one for the workspace and feeds it every edit.
 *
 * Incremental: inputs only record what changed; `refresh()` then updates the index object by object and
 * lets the AnalysisRunner re-run just the analyses the change can affect: those of new or changed
 * objects, groups they join or leave, and analyses whose recorded dependency keys (dependency-keys.ts)
 * an old or new object provides. Diagnostics are computed from stored reports on demand, so they follow
 * the text as lines move.
 *
 * This class orchestrates; each job is its own module: what changed since the last refresh
 * (pending-changes.ts), the refresh that others may complete early (stepped-work.ts), the clusters' order,
 * facts and coverage (cluster-roster.ts), the offline default ingress gateway (default-ingress.ts) and
 * the outputs, diagnostics to hover text (session-outputs.ts).
 */
import { type MeshDiagnostic, type MeshFinding } from '../../mesh/diagnostic';
import { allAnalyzers } from '../analyzers';
import { type CelRuleIndex, loadCelRuleIndex } from '../cel';
import { type Analyzer } from '../framework/analyzer';
import { MESH_CONFIG_KEY, TOPOLOGY_KEY, keysProvidedBy } from '../framework/dependency-keys';
import { type ReadCoverage } from '../framework/read-coverage';
import { parseSuppressions } from '../../mesh/suppression';
import { isIstioGroup } from '../../../../protocol/kinds';
import { MeshIndex } from '../model/mesh-index';
import { type MeshResource, identityOf } from '../model/resource';
import { ResourceFactory } from '../model/resource-factory';
import { type TopologySnapshot } from '../../mesh/snapshot';
import { SegmentParser } from '../../yaml/parsed-segment';
import { type AnalysisView } from './analysis-view';
import { AnalysisRunner, type AnalyzerFailure, type ViewChange } from './analysis-runner';
import { coverageDiagnostics } from './coverage-diagnostics';
import { ClusterRoster } from './cluster-roster';
import { DefaultIngress } from './default-ingress';
import { DocumentStore } from './document-store';
import { PendingChanges } from './pending-changes';
import { SessionOutputs } from './session-outputs';
import { InterruptibleRun, STEP_MS, StepTimer, type Steps, drain } from './stepped-work';
import { LiveClusters } from './live-clusters';
import { type InputFile, MeshSettings, type MeshSettingsFiles } from './mesh-settings';
import { type DocumentTargetInfo } from '../targets/document-targets';
import { type RelativePathOf, TargetDeclarations } from '../targets/target-declarations';
import { type TargetRule } from '../targets/target-rules';
import { isGitOpsInput, resolveGitOpsTargets } from '../targets/gitops/gitops-targets';
import { sameJson } from '../../text/same-json';

export { type AnalyzerFailure } from './analysis-runner';

export interface AnalysisSessionOptions {
  /** Namespace of objects without `metadata.namespace` (kubectl's `-n`); `default`. */
  readonly defaultNamespace?: string;
  /**
   * When analyzers that judge Kubernetes objects ("K") run. `files` (the CLI's offline mode, like
   * `istioctl analyze --use-kube=false`): always, the files are the cluster state. `auto` (the editor):
   * when a cluster is known or the documents hold Kubernetes objects, so a workspace of Istio config
   * alone is not flooded with "Service not found".
   */
  readonly kubernetesState?: 'files' | 'auto';
  /** Assume the default ingress gateway unless the inputs define one (offline mode). Default true. */
  readonly defaultIngressGateway?: boolean;
  /** The analyzers to run; all registered ones by default. */
  readonly analyzers?: readonly Analyzer[];
  /**
   * The CRDs' CEL rules for IST0106 (analysis/cel). Default: the bundled schemas/cel-rules.json, read
   * once per process; null: no CEL checks.
   */
  readonly celRules?: CelRuleIndex | null;
  /**
   * Keep what each analysis depended on so that a later refresh re-runs only what a change affects (the
   * editor; the default). False for a single analysis (the CLI): nothing is recorded, and every refresh
   * analyses everything.
   */
  readonly incremental?: boolean;
}

export interface AnalysisUpdate {
  /** URIs whose diagnostics may have changed (re-publish these). */
  readonly changedUris: readonly string[];
}

export class AnalysisSession implements AnalysisView {
  private readonly parser = new SegmentParser();
  private readonly factory: ResourceFactory;
  private readonly store: DocumentStore;
  private readonly live: LiveClusters;
  private readonly index = new MeshIndex();
  private readonly runner: AnalysisRunner;
  private readonly meshSettings = new MeshSettings();
  /** What each authored object is declared for (modelines, `meshwright.targets` / `--targets`). */
  private readonly declarations = new TargetDeclarations();
  private readonly kubernetesMode: 'files' | 'auto';
  private readonly clusters: ClusterRoster;
  private readonly defaultIngress: DefaultIngress;
  private readonly outputs: SessionOutputs;
  private readonly pending = new PendingChanges();
  /** Cluster name → API server URL (kubeconfig contexts): Argo CD destinations name servers. */
  private endpoints: ReadonlyMap<string, string> = new Map();
  /** The GitOps targets may have changed (an object, the files, the clusters): re-resolve on refresh. */
  private gitOpsDirty = false;
  private gitOpsClusters = '';
  /** Files of the repository that exist without being analysed (rendered away, skipped): paths are there. */
  private repositoryFiles: readonly string[] = [];
  /** A refresh running in steps (refreshInSteps), not finished yet. */
  private readonly steppedRefresh = new InterruptibleRun<AnalysisUpdate>();

  constructor(options: AnalysisSessionOptions = {}) {
    this.factory = new ResourceFactory(options.defaultNamespace ?? 'default');
    this.store = new DocumentStore(this.parser, this.factory);
    this.live = new LiveClusters(this.factory);
    this.clusters = new ClusterRoster(this.store, this.live);
    const cel = options.analyzers ? { rules: null } : loadCelRules(options.celRules);
    this.runner = new AnalysisRunner(this.index, options.analyzers ?? allAnalyzers(cel.rules), {
      trackDependencies: options.incremental ?? true,
    });
    if (cel.failure) this.runner.recordFailure(cel.failure);
    this.kubernetesMode = options.kubernetesState ?? 'auto';
    this.defaultIngress = new DefaultIngress(this.factory, options.defaultIngressGateway ?? true);
    this.index.declaredTargetsOf = (resource) => this.declarations.declaredOf(resource);
    this.index.locateTargetName = (resource, cluster) =>
      this.declarations.placementOf(resource)?.modeline?.clusters?.names.find((n) => n.name === cluster)
        ?.range;
    this.outputs = new SessionOutputs({
      store: this.store,
      live: this.live,
      runner: this.runner,
      index: this.index,
      declarations: this.declarations,
      meshSettings: this.meshSettings,
    });
  }

  // ---- Inputs: each records a change; refresh() applies them. ----

  /** An authored document (a positional CLI file, a workspace file), new or edited. */
  setDocument(uri: string, text: string): void {
    this.completeSteppedRefresh();
    const before = this.store.get(DocumentStore.key(uri, null))?.resources;
    this.pending.record(this.store.set(uri, text, null));
    const resources = this.store.get(DocumentStore.key(uri, null))?.resources ?? [];
    if (!before || before.some(isGitOpsInput) || resources.some(isGitOpsInput)) this.gitOpsDirty = true;
    this.pending.retarget(this.declarations.update(uri, text, resources));
    this.pending.touchUri(uri);
  }

  removeDocument(uri: string): void {
    this.completeSteppedRefresh();
    this.gitOpsDirty = true;
    this.pending.record(this.store.delete(uri, null));
    this.declarations.remove(uri);
    this.pending.touchUri(uri);
  }

  /**
   * The `meshwright.targets` setting (or the CLI's `--targets`): globs matched against
   * `relativePath(uri)` of each authored document; the first match gives the targets of the documents no
   * modeline governs.
   */
  setTargetRules(rules: readonly TargetRule[], relativePath: RelativePathOf): void {
    this.completeSteppedRefresh();
    const changed = this.declarations.setRules(rules, relativePath);
    this.pending.retarget(changed);
    for (const resource of changed) this.pending.touchUri(resource.source.uri);
  }

  /**
   * The API server URL of each cluster (kubeconfig context → `server`), which Argo CD destinations and
   * cluster Secrets name clusters by.
   */
  setClusterEndpoints(endpoints: ReadonlyMap<string, string>): void {
    this.completeSteppedRefresh();
    if (sameJson([...endpoints], [...this.endpoints])) return;
    this.endpoints = new Map(endpoints);
    this.gitOpsDirty = true;
  }

  /**
   * Files of the repository that are not analysed as documents (a kustomization's patches, its
   * `kustomization.yaml`), so that an Argo CD or Flux path holding only those still exists.
   */
  setRepositoryFiles(uris: readonly string[]): void {
    this.completeSteppedRefresh();
    if (sameJson(uris, this.repositoryFiles)) return;
    this.repositoryFiles = [...uris];
    this.gitOpsDirty = true;
  }

  /** A cluster's state from files (`--cluster NAME=PATH`): replaces the cluster's previous files. */
  setClusterFiles(cluster: string, files: readonly InputFile[]): void {
    this.completeSteppedRefresh();
    const wanted = new Set(files.map((file) => file.uri));
    for (const stored of this.store.filesOf(cluster)) {
      if (!wanted.has(stored.uri)) this.removeClusterFile(cluster, stored.uri);
    }
    for (const file of files) {
      this.pending.record(this.store.set(file.uri, file.text, cluster));
      this.pending.touchUri(file.uri);
    }
    this.clusters.addFileCluster(cluster);
    this.pending.touchClusters();
  }

  removeCluster(cluster: string): void {
    this.completeSteppedRefresh();
    for (const stored of this.store.filesOf(cluster)) this.removeClusterFile(cluster, stored.uri);
    this.clusters.removeFileCluster(cluster);
    this.pending.touchClusters();
  }

  /** The live clusters. Objects without positions; diagnostics go to meshwright:/ URIs. */
  setSnapshot(snapshot: TopologySnapshot): void {
    this.completeSteppedRefresh();
    const change = this.live.apply(snapshot);
    this.pending.record(change);
    for (const resource of [...change.added, ...change.removed]) this.pending.touchUri(resource.source.uri);
    this.clusters.setLive(snapshot);
    this.pending.touchClusters();
  }

  setMeshSettings(files: MeshSettingsFiles): void {
    this.completeSteppedRefresh();
    this.meshSettings.set(files);
    for (const file of [files.meshConfig, files.meshNetworks]) if (file) this.pending.touchUri(file.uri);
    this.pending.touchKey(MESH_CONFIG_KEY);
  }

  /**
   * `CODE=Kind name.namespace` patterns; returns one error per unreadable pattern. Takes effect on the
   * next diagnostics asked for (no refresh needed): re-publish every file.
   */
  setSuppressions(patterns: readonly string[]): readonly string[] {
    this.completeSteppedRefresh();
    const parsed = parseSuppressions(patterns);
    this.outputs.suppress(parsed.rules);
    return parsed.errors;
  }

  // ---- Analysis ----

  /** Applies every recorded change and re-runs the analyses it affects. */
  refresh(): AnalysisUpdate {
    this.completeSteppedRefresh();
    return drain(this.refreshSteps(new StepTimer()));
  }

  /**
   * refresh() in steps of bounded work, for a caller that yields to its event loop between steps (the
   * language server, so that a big refresh does not hold up its requests). Any other use of the session
   * meanwhile first completes the refresh at once, so nobody sees a half-done analysis; the URIs it
   * changed are then in the next refresh's result, which is what this one returns when it resumes.
   */
  *refreshInSteps(stepMs: number = STEP_MS): Steps<AnalysisUpdate> {
    this.completeSteppedRefresh();
    const update = yield* this.steppedRefresh.run(this.refreshSteps(new StepTimer(stepMs)));
    return update ?? this.refresh();
  }

  private completeSteppedRefresh(): void {
    const update = this.steppedRefresh.complete();
    for (const uri of update?.changedUris ?? []) this.pending.touchUri(uri);
  }

  private *refreshSteps(timer: StepTimer): Steps<AnalysisUpdate> {
    this.updateGitOpsTargets();
    const {
      added,
      removed,
      keys,
      retargeted,
      uris: changedUris,
      clusters: clustersTouched,
    } = this.pending.take();

    this.defaultIngress.update(this.index, added, removed);
    const identities = new Set([...added, ...removed].filter((r) => isIstioGroup(r.group)).map(identityOf));
    const effectiveBefore = this.effectiveCopies(identities);
    for (const resource of removed) {
      this.index.remove(resource);
      if (timer.due()) yield* timer.nextStep();
    }
    for (const resource of added) {
      this.index.add(resource);
      if (timer.due()) yield* timer.nextStep();
    }
    for (const resource of [...added, ...removed]) {
      for (const key of keysProvidedBy(resource)) keys.add(key);
      if (timer.due()) yield* timer.nextStep();
    }

    let clustersChanged = false;
    if (clustersTouched) {
      const clusters = this.clusters.withFacts();
      // A new snapshot usually leaves the facts as they were: then nothing that depends on them re-runs.
      if (!sameJson(clusters, this.index.clusters())) {
        this.index.setClusters(clusters);
        keys.add(TOPOLOGY_KEY);
        clustersChanged = true;
      }
    }
    if (keys.has(MESH_CONFIG_KEY) || keys.has(TOPOLOGY_KEY)) {
      this.index.setMeshConfig(this.meshSettings.resolve(this.index, this.clusters.names()));
      keys.add(MESH_CONFIG_KEY);
    }

    const coverageChanged = this.updateCoverage(changedUris);
    const kubernetesState = this.computeKubernetesState();
    if (
      kubernetesState !== this.runner.hasKubernetesState ||
      clustersChanged ||
      coverageChanged ||
      !this.runner.tracksDependencies
    ) {
      // Which analyzers run, which cluster's copies stand for the others, or which kinds are unknown
      // where, changed: start over.
      // (Clusters come and go rarely; edits and snapshot updates take the incremental path, unless the
      // session was made for a single analysis and knows no dependencies.)
      this.runner.hasKubernetesState = kubernetesState;
      yield* this.runner.rebuildSteps(this.allSubjects(), changedUris, timer);
    } else {
      yield* this.runner.updateSteps(
        this.viewChange(added, removed, identities, effectiveBefore, keys, retargeted),
        changedUris,
        timer,
      );
    }
    // Modeline diagnostics name clusters: a topology change can change them in every authored file.
    if (clustersChanged) for (const uri of this.declarations.uris()) changedUris.add(uri);
    return { changedUris: [...changedUris].sort() };
  }

  // ---- Outputs ----

  /** Diagnostics of one file (authored or a cluster's) or one live object's virtual document. */
  diagnosticsFor(uri: string): MeshDiagnostic[] {
    this.completeSteppedRefresh();
    return this.outputs.diagnosticsFor(uri);
  }

  /** What the analysis says about a live object (`meshwright:/` URI), by code and message (the sidebar). */
  liveFindings(uri: string): MeshFinding[] {
    this.completeSteppedRefresh();
    return this.outputs.liveFindings(uri);
  }

  /** Every diagnostic of the session, in a deterministic order (CLI output). */
  allDiagnostics(): MeshDiagnostic[] {
    this.completeSteppedRefresh();
    return this.outputs.allDiagnostics();
  }

  /** The targets of each Istio document of an authored file (as of the last refresh). */
  documentTargets(uri: string): DocumentTargetInfo[] {
    this.completeSteppedRefresh();
    return this.outputs.documentTargets(uri);
  }

  /** Markdown explaining the targets of the modeline on `line` of an authored file; undefined if none is there. */
  modelineHover(uri: string, line: number): string | undefined {
    this.completeSteppedRefresh();
    return this.outputs.modelineHover(uri, line);
  }

  /** Markdown on the first content line of a document whose targets come from Argo CD / Flux objects. */
  gitOpsTargetsHover(uri: string, line: number): string | undefined {
    this.completeSteppedRefresh();
    return this.outputs.gitOpsTargetsHover(uri, line);
  }

  /**
   * Per live cluster, the types that could not be read (as of the last refresh): the checks that need
   * them are silent, and one info diagnostic (MESH010) per cluster and cause says so.
   */
  readCoverage(): ReadCoverage {
    this.completeSteppedRefresh();
    return this.runner.coverage;
  }

  /** Analyzers that threw since the last call (the host logs them; the session carries on). */
  takeFailures(): AnalyzerFailure[] {
    this.completeSteppedRefresh();
    return this.runner.takeFailures();
  }

  /** Work counters, for tests and the benchmark: incrementality made visible. */
  stats(): { readonly tasks: number; readonly tasksRun: number; readonly parsedSegments: number } {
    this.completeSteppedRefresh();
    return { ...this.runner.stats(), parsedSegments: this.parser.size };
  }

  // ---- Internals ----

  /**
   * Re-resolves the repository's Argo CD / Flux targets when an input changed; objects whose targets
   * moved are re-analysed as retargeted, and every file with notes before or after is re-published.
   */
  private updateGitOpsTargets(): void {
    const clusters = this.clusters.names();
    if (clusters.join('\n') !== this.gitOpsClusters) {
      this.gitOpsClusters = clusters.join('\n');
      this.gitOpsDirty = true;
    }
    if (!this.gitOpsDirty) return;
    this.gitOpsDirty = false;
    const authored = this.store.filesOf(null);
    const resources = authored.flatMap((file) => file.resources);
    const notesBefore = this.declarations.gitOpsNotes();
    if (notesBefore.length === 0 && !this.declarations.hasGitOps() && !resources.some(isGitOpsInput)) return;
    const targets = resolveGitOpsTargets({
      resources,
      uris: [...new Set([...authored.map((file) => file.uri), ...this.repositoryFiles])],
      clusters,
      endpoints: this.endpoints,
    });
    const changed = this.declarations.setGitOps(targets);
    this.pending.retarget(changed);
    for (const resource of changed) this.pending.touchUri(resource.source.uri);
    for (const note of [...notesBefore, ...targets.notes]) this.pending.touchUri(note.uri);
  }

  private removeClusterFile(cluster: string, uri: string): void {
    this.pending.record(this.store.delete(uri, cluster));
    this.pending.touchUri(uri);
  }

  /**
   * Takes the live clusters' unread types into the runner; true when they changed (the analyses must run
   * again: which of them may speak changed). The clusters' URIs whose MESH010 may change are collected.
   */
  private updateCoverage(changedUris: Set<string>): boolean {
    const coverage = this.clusters.coverage();
    const changed = coverage.key !== this.runner.coverage.key;
    // The causes may change while the types stay (another error): the diagnostics follow, no analysis.
    for (const diagnostic of [...this.outputs.coverageDiagnostics(), ...coverageDiagnostics(coverage)])
      changedUris.add(diagnostic.uri);
    this.runner.coverage = coverage;
    return changed;
  }

  private computeKubernetesState(): boolean {
    if (this.kubernetesMode === 'files' || this.clusters.names().length > 0) return true;
    return this.store.filesOf(null).some((file) => file.resources.some((r) => !isIstioGroup(r.group)));
  }

  private effectiveCopies(identities: ReadonlySet<string>): Set<MeshResource> {
    const effective = new Set<MeshResource>();
    for (const identity of identities) {
      const [groupKind = '', namespace = '', ...name] = identity.split('/');
      for (const copy of this.index.copies(groupKind, namespace, name.join('/'))) {
        if (this.index.isEffective(copy)) effective.add(copy);
      }
    }
    return effective;
  }

  /** What entered and left the view: new objects, removed ones, and copies whose precedence changed. */
  private viewChange(
    added: ReadonlySet<MeshResource>,
    removed: ReadonlySet<MeshResource>,
    identities: ReadonlySet<string>,
    effectiveBefore: ReadonlySet<MeshResource>,
    keys: ReadonlySet<string>,
    retargeted: readonly MeshResource[],
  ): ViewChange {
    const leaving = new Set(removed);
    const entering = new Set([...added].filter((resource) => this.index.isEffective(resource)));
    const effectiveAfter = this.effectiveCopies(identities);
    for (const copy of effectiveBefore) if (!effectiveAfter.has(copy)) leaving.add(copy);
    for (const copy of effectiveAfter) if (!effectiveBefore.has(copy) && !added.has(copy)) entering.add(copy);
    const retargetKeys = new Set(retargeted.flatMap(keysProvidedBy));
    return { entering, leaving, added, removed, keys, retargeted: new Set(retargeted), retargetKeys };
  }

  /** Every object, effective or not (the runner picks the analyzers each one is a subject of). */
  private allSubjects(): MeshResource[] {
    return [...[...this.store.files()].flatMap((file) => file.resources), ...this.live.resources()];
  }
}

/** The bundled CEL rules, or why they could not be read (reported as a failure, not thrown). */
function loadCelRules(given: CelRuleIndex | null | undefined): {
  rules: CelRuleIndex | null;
  failure?: AnalyzerFailure;
} {
  if (given !== undefined) return { rules: given };
  try {
    return { rules: loadCelRuleIndex() };
  } catch (error) {
    return { rules: null, failure: { analyzer: 'schema-cel-rules', subject: '', error: String(error) } };
  }
}
