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
 */
import { type MeshDiagnostic, type MeshFinding, compareDiagnostics } from '../../mesh/diagnostic';
import { allAnalyzers } from '../analyzers';
import { type CelRuleIndex, loadCelRuleIndex } from '../cel';
import { type Analyzer } from '../framework/analyzer';
import { MESH_CONFIG_KEY, TOPOLOGY_KEY, keysProvidedBy } from '../framework/dependency-keys';
import { type ClusterCoverage, ReadCoverage } from '../framework/read-coverage';
import { type SuppressionRule, parseSuppressions } from '../../mesh/suppression';
import {
  DEFAULT_INGRESS_OBJECTS,
  DEFAULT_INGRESS_URI,
  definesIngressGateway,
} from '../model/default-ingress-gateway';
import { KINDS, isIstioGroup } from '../../../../protocol/kinds';
import { MeshIndex } from '../model/mesh-index';
import { type MeshResource, identityOf } from '../model/resource';
import { ResourceFactory } from '../model/resource-factory';
import { type ClusterFacts, deriveClusterFacts } from '../../mesh/derive-cluster-facts';
import { type TopologySnapshot } from '../../mesh/snapshot';
import { SegmentParser } from '../../yaml/parsed-segment';
import { type AnalysisView } from './analysis-view';
import { AnalysisRunner, type AnalyzerFailure, type ViewChange } from './analysis-runner';
import { coverageDiagnostics } from './coverage-diagnostics';
import { fileLevelDiagnostics, resourceDiagnostics, resourceFindings } from './diagnostic-output';
import { DocumentStore, type FileChange } from './document-store';
import { STEP_MS, StepTimer, type Steps, drain } from './stepped-work';
import { LiveClusters } from './live-clusters';
import { type InputFile, MeshSettings, type MeshSettingsFiles } from './mesh-settings';
import { type DocumentTargetInfo, documentTargetInfos } from '../targets/document-targets';
import { modelineDiagnostics } from '../targets/modeline-diagnostics';
import { modelineHover } from '../targets/modeline-hover';
import { DEFAULT_TARGETS } from '../targets/resolved-targets';
import { type RelativePathOf, TargetDeclarations } from '../targets/target-declarations';
import { type TargetRule } from '../targets/target-rules';
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
  private readonly wantsDefaultIngress: boolean;
  /** Cluster names in the order given (file clusters and live clusters alike): earlier wins ties. */
  private clusterOrder: string[] = [];
  private readonly fileClusters = new Set<string>();
  /** What the live snapshot could not read, per cluster (file clusters are complete). */
  private liveCoverage: readonly ClusterCoverage[] = [];
  private builtins: MeshResource[] = [];
  /** Whether updateDefaultIngress has looked at the whole index once (see there). */
  private ingressKnown = false;
  private suppressionRules: readonly SuppressionRule[] = [];

  private pendingAdded = new Set<MeshResource>();
  private pendingRemoved = new Set<MeshResource>();
  private pendingKeys = new Set<string>();
  /** Objects whose targets changed while they did not (see retarget()). */
  private pendingRetargeted = new Set<MeshResource>();
  private pendingUris = new Set<string>();
  private pendingClusters = true;
  /** A refresh running in steps (refreshInSteps), not finished yet. */
  private stepped: Steps<AnalysisUpdate> | undefined;

  constructor(options: AnalysisSessionOptions = {}) {
    this.factory = new ResourceFactory(options.defaultNamespace ?? 'default');
    this.store = new DocumentStore(this.parser, this.factory);
    this.live = new LiveClusters(this.factory);
    const cel = options.analyzers ? { rules: null } : loadCelRules(options.celRules);
    this.runner = new AnalysisRunner(this.index, options.analyzers ?? allAnalyzers(cel.rules), {
      trackDependencies: options.incremental ?? true,
    });
    if (cel.failure) this.runner.recordFailure(cel.failure);
    this.kubernetesMode = options.kubernetesState ?? 'auto';
    this.wantsDefaultIngress = options.defaultIngressGateway ?? true;
    this.index.declaredTargetsOf = (resource) => this.declarations.declaredOf(resource);
    this.index.locateTargetName = (resource, cluster) =>
      this.declarations.placementOf(resource)?.modeline?.clusters?.names.find((n) => n.name === cluster)
        ?.range;
  }

  // ---- Inputs: each records a change; refresh() applies them. ----

  /** An authored document (a positional CLI file, a workspace file), new or edited. */
  setDocument(uri: string, text: string): void {
    this.completeSteppedRefresh();
    this.record(this.store.set(uri, text, null));
    const resources = this.store.get(DocumentStore.key(uri, null))?.resources ?? [];
    this.retarget(this.declarations.update(uri, text, resources));
    this.pendingUris.add(uri);
  }

  removeDocument(uri: string): void {
    this.completeSteppedRefresh();
    this.record(this.store.delete(uri, null));
    this.declarations.remove(uri);
    this.pendingUris.add(uri);
  }

  /**
   * The `meshwright.targets` setting (or the CLI's `--targets`): globs matched against
   * `relativePath(uri)` of each authored document; the first match gives the targets of the documents no
   * modeline governs.
   */
  setTargetRules(rules: readonly TargetRule[], relativePath: RelativePathOf): void {
    this.completeSteppedRefresh();
    const changed = this.declarations.setRules(rules, relativePath);
    this.retarget(changed);
    for (const resource of changed) this.pendingUris.add(resource.source.uri);
  }

  /** A cluster's state from files (`--cluster NAME=PATH`): replaces the cluster's previous files. */
  setClusterFiles(cluster: string, files: readonly InputFile[]): void {
    this.completeSteppedRefresh();
    const wanted = new Set(files.map((file) => file.uri));
    for (const stored of this.store.filesOf(cluster)) {
      if (!wanted.has(stored.uri)) this.removeClusterFile(cluster, stored.uri);
    }
    for (const file of files) {
      this.record(this.store.set(file.uri, file.text, cluster));
      this.pendingUris.add(file.uri);
    }
    if (!this.clusterOrder.includes(cluster)) this.clusterOrder.push(cluster);
    this.fileClusters.add(cluster);
    this.pendingClusters = true;
  }

  removeCluster(cluster: string): void {
    this.completeSteppedRefresh();
    for (const stored of this.store.filesOf(cluster)) this.removeClusterFile(cluster, stored.uri);
    this.fileClusters.delete(cluster);
    if (!this.live.names().includes(cluster))
      this.clusterOrder = this.clusterOrder.filter((n) => n !== cluster);
    this.pendingClusters = true;
  }

  /** The live clusters. Objects without positions; diagnostics go to meshwright:/ URIs. */
  setSnapshot(snapshot: TopologySnapshot): void {
    this.completeSteppedRefresh();
    const change = this.live.apply(snapshot);
    this.record(change);
    for (const resource of [...change.added, ...change.removed]) this.pendingUris.add(resource.source.uri);
    const liveNames = new Set(snapshot.clusters.map((cluster) => cluster.name));
    this.clusterOrder = this.clusterOrder.filter(
      (name) => liveNames.has(name) || this.fileClusters.has(name),
    );
    for (const name of liveNames) if (!this.clusterOrder.includes(name)) this.clusterOrder.push(name);
    this.liveCoverage = snapshot.clusters.map((cluster) => ({
      cluster: cluster.name,
      unread: cluster.unread ?? [],
    }));
    this.pendingClusters = true;
  }

  setMeshSettings(files: MeshSettingsFiles): void {
    this.completeSteppedRefresh();
    this.meshSettings.set(files);
    for (const file of [files.meshConfig, files.meshNetworks]) if (file) this.pendingUris.add(file.uri);
    this.pendingKeys.add(MESH_CONFIG_KEY);
  }

  /**
   * `CODE=Kind name.namespace` patterns; returns one error per unreadable pattern. Takes effect on the
   * next diagnostics asked for (no refresh needed): re-publish every file.
   */
  setSuppressions(patterns: readonly string[]): readonly string[] {
    this.completeSteppedRefresh();
    const parsed = parseSuppressions(patterns);
    this.suppressionRules = parsed.rules;
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
    const steps = this.refreshSteps(new StepTimer(stepMs));
    this.stepped = steps;
    for (;;) {
      if (this.stepped !== steps) return this.refresh();
      let step: IteratorResult<void, AnalysisUpdate>;
      try {
        step = steps.next();
      } catch (error) {
        // A refresh that failed is over: nobody may try to complete it.
        this.stepped = undefined;
        throw error;
      }
      if (step.done) {
        this.stepped = undefined;
        return step.value;
      }
      yield;
    }
  }

  private completeSteppedRefresh(): void {
    const steps = this.stepped;
    if (!steps) return;
    this.stepped = undefined;
    for (const uri of drain(steps).changedUris) this.pendingUris.add(uri);
  }

  private *refreshSteps(timer: StepTimer): Steps<AnalysisUpdate> {
    const changedUris = new Set(this.pendingUris);
    const added = this.pendingAdded;
    const removed = this.pendingRemoved;
    const keys = this.pendingKeys;
    const retargeted = [...this.pendingRetargeted].filter((r) => !added.has(r) && !removed.has(r));
    this.pendingAdded = new Set();
    this.pendingRemoved = new Set();
    this.pendingKeys = new Set();
    this.pendingRetargeted = new Set();
    this.pendingUris = new Set();

    this.updateDefaultIngress(added, removed);
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
    if (this.pendingClusters) {
      this.pendingClusters = false;
      const clusters = this.clusterOrder.map((name) => ({ name, facts: this.factsOf(name) }));
      // A new snapshot usually leaves the facts as they were: then nothing that depends on them re-runs.
      if (!sameJson(clusters, this.index.clusters())) {
        this.index.setClusters(clusters);
        keys.add(TOPOLOGY_KEY);
        clustersChanged = true;
      }
    }
    if (keys.has(MESH_CONFIG_KEY) || keys.has(TOPOLOGY_KEY)) {
      this.index.setMeshConfig(this.meshSettings.resolve(this.index, this.clusterOrder));
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
    const diagnostics: MeshDiagnostic[] = [];
    for (const file of this.store.withUri(uri)) {
      diagnostics.push(...fileLevelDiagnostics(file));
      for (const resource of file.resources) diagnostics.push(...this.diagnosticsAbout(resource));
    }
    const liveResource = this.live.resourceAt(uri);
    if (liveResource) diagnostics.push(...this.diagnosticsAbout(liveResource));
    diagnostics.push(...this.coverageDiagnostics().filter((diagnostic) => diagnostic.uri === uri));
    const targets = this.declarations.fileTargets(uri);
    if (targets) diagnostics.push(...modelineDiagnostics(uri, targets.modelines, this.index.clusters()));
    diagnostics.push(...this.meshSettings.diagnostics(this.index, uri));
    return diagnostics.sort(compareDiagnostics);
  }

  /**
   * What the analysis says about a live object (`meshwright:/` URI), without ranges: the sidebar counts
   * and lists these for every object of every cluster, and locating them would render each as YAML.
   * The same findings as diagnosticsFor(uri), by code and message.
   */
  liveFindings(uri: string): MeshFinding[] {
    this.completeSteppedRefresh();
    const resource = this.live.resourceAt(uri);
    const findings: MeshFinding[] = resource
      ? resourceFindings(resource, this.runner.reportsAbout(resource), this.suppressionRules)
      : [];
    findings.push(...this.meshSettings.diagnostics(this.index, uri));
    return findings.sort((a, b) => a.code.localeCompare(b.code) || a.message.localeCompare(b.message));
  }

  /** Every diagnostic of the session, in a deterministic order (CLI output). */
  allDiagnostics(): MeshDiagnostic[] {
    this.completeSteppedRefresh();
    const uris = new Set<string>();
    for (const file of this.store.files()) uris.add(file.uri);
    for (const resource of this.live.resources()) uris.add(resource.source.uri);
    for (const diagnostic of this.meshSettings.diagnostics(this.index)) uris.add(diagnostic.uri);
    for (const diagnostic of this.coverageDiagnostics()) uris.add(diagnostic.uri);
    return [...uris].flatMap((uri) => this.diagnosticsFor(uri)).sort(compareDiagnostics);
  }

  /**
   * The targets of each Istio document of an authored file (as of the last refresh): its range, the
   * clusters it is meant for and why, and the modeline that decides (for hover and code actions).
   */
  documentTargets(uri: string): DocumentTargetInfo[] {
    this.completeSteppedRefresh();
    return documentTargetInfos(this.declarations, uri, this.index.clusters());
  }

  /** Markdown explaining the targets of the modeline on `line` of an authored file; undefined if none is there. */
  modelineHover(uri: string, line: number): string | undefined {
    this.completeSteppedRefresh();
    const targets = this.declarations.fileTargets(uri);
    const modeline = targets?.modelines.find((candidate) => candidate.line === line);
    if (!targets || !modeline) return undefined;
    const governed = this.documentTargets(uri).filter((document) => document.modeline === modeline);
    const fallback = targets.rule
      ? { source: 'setting' as const, clusters: targets.rule.clusters }
      : DEFAULT_TARGETS;
    return modelineHover(modeline, governed, this.index.clusters(), fallback);
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
   * Objects whose targets changed while the objects did not: only the analyses that compare per-primary
   * views (`every-copy` analyzers) see targets, so only theirs are re-run, as if these objects had changed.
   */
  private retarget(resources: readonly MeshResource[]): void {
    for (const resource of resources)
      if (!this.pendingAdded.has(resource)) this.pendingRetargeted.add(resource);
  }

  private record(change: FileChange): void {
    for (const resource of change.removed) {
      if (!this.pendingAdded.delete(resource)) this.pendingRemoved.add(resource);
    }
    for (const resource of change.added) this.pendingAdded.add(resource);
  }

  private removeClusterFile(cluster: string, uri: string): void {
    this.record(this.store.delete(uri, cluster));
    this.pendingUris.add(uri);
  }

  private factsOf(name: string): ClusterFacts {
    const live = this.live.facts(name);
    if (live && !this.fileClusters.has(name)) return live;
    const objects = this.store
      .filesOf(name)
      .flatMap((file) => file.resources.map((resource) => resource.object));
    return deriveClusterFacts(name, objects);
  }

  /**
   * Takes the live clusters' unread types into the runner; true when they changed (the analyses must run
   * again: which of them may speak changed). The clusters' URIs whose MESH010 may change are collected.
   */
  private updateCoverage(changedUris: Set<string>): boolean {
    const coverage = new ReadCoverage(
      this.liveCoverage.filter(
        (entry) => !this.fileClusters.has(entry.cluster) && this.clusterOrder.includes(entry.cluster),
      ),
    );
    const changed = coverage.key !== this.runner.coverage.key;
    // The causes may change while the types stay (another error): the diagnostics follow, no analysis.
    for (const diagnostic of [...this.coverageDiagnostics(), ...coverageDiagnostics(coverage)])
      changedUris.add(diagnostic.uri);
    this.runner.coverage = coverage;
    return changed;
  }

  private coverageDiagnostics(): MeshDiagnostic[] {
    return coverageDiagnostics(this.runner.coverage);
  }

  private computeKubernetesState(): boolean {
    if (this.kubernetesMode === 'files' || this.clusterOrder.length > 0) return true;
    return this.store.filesOf(null).some((file) => file.resources.some((r) => !isIstioGroup(r.group)));
  }

  /** Adds or removes the offline default ingress gateway as the inputs stop or start defining one. */
  private updateDefaultIngress(added: Set<MeshResource>, removed: Set<MeshResource>): void {
    if (!this.wantsDefaultIngress) return;
    // Once the answer is known, only a Pod or Service that defines an ingress gateway, added or removed,
    // can change it: looking at every pod and service of a 50-cluster mesh on each watch event cost about
    // 20 ms, a third of the analysis of the change.
    const concerned = (changed: Set<MeshResource>): boolean => [...changed].some(definesIngressGateway);
    if (this.ingressKnown && !concerned(added) && !concerned(removed)) return;
    this.ingressKnown = true;
    const stays = (resource: MeshResource): boolean =>
      definesIngressGateway(resource) && !removed.has(resource);
    const defined =
      [...added].some(definesIngressGateway) ||
      this.index.ofKind(KINDS.Pod).some(stays) ||
      this.index.ofKind(KINDS.Service).some(stays);
    if (defined && this.builtins.length > 0) {
      for (const builtin of this.builtins) removed.add(builtin);
      this.builtins = [];
    } else if (!defined && this.builtins.length === 0) {
      this.builtins = DEFAULT_INGRESS_OBJECTS.map((object) =>
        this.factory.builtin(object, DEFAULT_INGRESS_URI),
      );
      for (const builtin of this.builtins) added.add(builtin);
    }
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

  private diagnosticsAbout(resource: MeshResource): MeshDiagnostic[] {
    return resourceDiagnostics(resource, this.runner.reportsAbout(resource), this.suppressionRules);
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
