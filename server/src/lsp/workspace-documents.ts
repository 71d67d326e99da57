/**
 * The files the language server's AnalysisSession holds, and in which role: authored documents (the
 * editor's text of open ones, the disk's otherwise), files of an offline cluster (`meshwright.clusters`,
 * handed to the session per cluster) and the mesh config file. Keeps the session and this bookkeeping in
 * step, so a file that changes role (a settings change) leaves the old role cleanly.
 */
import { AnalysisSession, type AnalyzerFailure } from '../analysis/session/analysis-session';
import { type AnalysisView } from '../analysis/session/analysis-view';
import { type Steps } from '../analysis/session/stepped-work';
import { type RelativePathOf } from '../analysis/targets/target-declarations';
import { type TargetRule } from '../analysis/targets/target-rules';
import { type TopologySnapshot } from '../mesh/snapshot';
import { type FileRole } from './workspace-layout';
import { sameJson } from '../text/same-json';

export interface RefreshResult {
  readonly changedUris: readonly string[];
  readonly failures: readonly AnalyzerFailure[];
}

export interface HeldFile {
  readonly text: string;
  /** The editor's version when the text is an open document's; undefined for the file on disk. */
  readonly version: number | undefined;
  readonly role: FileRole;
}

export interface WorkspaceDocumentsOptions {
  /** Objects without metadata.namespace land here. */
  readonly defaultNamespace: string;
}

export class WorkspaceDocuments {
  private session: AnalysisSession;
  private readonly held = new Map<string, HeldFile>();
  /** The held files of each offline cluster. */
  private readonly clusters = new Map<string, Set<string>>();
  private suppressions: readonly string[] = [];
  private snapshot: TopologySnapshot | undefined;
  private targets: { rules: readonly TargetRule[]; relativePath: RelativePathOf } | undefined;
  private endpoints: ReadonlyMap<string, string> | undefined;

  constructor(private readonly options: WorkspaceDocumentsOptions) {
    this.session = this.newSession();
  }

  get(uri: string): HeldFile | undefined {
    return this.held.get(uri);
  }

  uris(): string[] {
    return [...this.held.keys()];
  }

  /** The authored documents as the session holds them (an overlay is analysed beside them). */
  authored(): { uri: string; text: string }[] {
    return [...this.held].flatMap(([uri, file]) =>
      file.role.kind === 'authored' ? [{ uri, text: file.text }] : [],
    );
  }

  /** The open documents' entries (their text is the editor's). */
  openFiles(): [string, HeldFile][] {
    return [...this.held].filter(([, file]) => file.version !== undefined);
  }

  /** `syncCluster` false: the caller syncs the cluster's files once for a whole batch (syncClusters). */
  hold(uri: string, file: HeldFile, syncCluster = true): void {
    const previous = this.held.get(uri);
    if (previous && !sameJson(previous.role, file.role)) this.release(uri);
    this.held.set(uri, file);
    switch (file.role.kind) {
      case 'authored':
        this.session.setDocument(uri, file.text);
        return;
      case 'cluster':
        this.clusterUris(file.role.cluster).add(uri);
        if (syncCluster) this.syncCluster(file.role.cluster);
        return;
      case 'mesh-config':
        this.session.setMeshSettings({ meshConfig: { uri, text: file.text } });
        return;
      case 'rendering-input':
        return;
    }
  }

  /** Drops a file from the session. */
  release(uri: string): void {
    const previous = this.held.get(uri);
    this.held.delete(uri);
    switch (previous?.role.kind ?? 'authored') {
      case 'authored':
        this.session.removeDocument(uri);
        return;
      case 'cluster': {
        const cluster = (previous?.role as { cluster: string }).cluster;
        this.clusterUris(cluster).delete(uri);
        this.syncCluster(cluster);
        return;
      }
      case 'mesh-config':
        this.session.setMeshSettings({ meshConfig: null });
        return;
      case 'rendering-input':
        return;
    }
  }

  /** Hands the session every cluster's files as they are held now. */
  syncClusters(): void {
    for (const cluster of this.clusters.keys()) this.syncCluster(cluster);
  }

  /** Forgets everything: a fresh session with the same suppressions and live clusters. */
  reset(): void {
    this.held.clear();
    this.clusters.clear();
    this.session = this.newSession();
  }

  /** `CODE=Kind name.namespace` patterns; returns one message per pattern it cannot read. */
  setSuppressions(patterns: readonly string[]): readonly string[] {
    this.suppressions = patterns;
    return this.session.setSuppressions(patterns);
  }

  /** `meshwright.targets`: kept for the sessions a reset creates. */
  setTargetRules(rules: readonly TargetRule[], relativePath: RelativePathOf): void {
    this.targets = { rules, relativePath };
    this.session.setTargetRules(rules, relativePath);
  }

  setSnapshot(snapshot: TopologySnapshot): void {
    this.snapshot = snapshot;
    this.session.setSnapshot(snapshot);
  }

  /** The kubeconfig contexts' API server URLs (Argo CD destinations name clusters by them). */
  setClusterEndpoints(endpoints: ReadonlyMap<string, string>): void {
    this.endpoints = endpoints;
    this.session.setClusterEndpoints(endpoints);
  }

  /** Re-runs what changed: the URIs whose diagnostics may differ, and analyzers that crashed. */
  refresh(): RefreshResult {
    const { changedUris } = this.session.refresh();
    return { changedUris, failures: this.session.takeFailures() };
  }

  /** refresh() in steps of bounded work (AnalysisSession.refreshInSteps): the caller yields between them. */
  *refreshInSteps(): Steps<RefreshResult> {
    const session = this.session;
    const { changedUris } = yield* session.refreshInSteps();
    return { changedUris, failures: session.takeFailures() };
  }

  /** What the session says, read-only. A reset replaces the session: ask again rather than keep this. */
  view(): AnalysisView {
    return this.session;
  }

  private newSession(): AnalysisSession {
    const session = new AnalysisSession({
      kubernetesState: 'auto',
      defaultNamespace: this.options.defaultNamespace,
    });
    session.setSuppressions(this.suppressions);
    if (this.targets) session.setTargetRules(this.targets.rules, this.targets.relativePath);
    if (this.snapshot) session.setSnapshot(this.snapshot);
    if (this.endpoints) session.setClusterEndpoints(this.endpoints);
    return session;
  }

  private clusterUris(cluster: string): Set<string> {
    let uris = this.clusters.get(cluster);
    if (!uris) this.clusters.set(cluster, (uris = new Set()));
    return uris;
  }

  /** The session replaces a cluster's previous set of files with the one given. */
  private syncCluster(cluster: string): void {
    const files = [...this.clusterUris(cluster)].flatMap((uri) => {
      const file = this.held.get(uri);
      return file ? [{ uri, text: file.text }] : [];
    });
    if (files.length > 0) this.session.setClusterFiles(cluster, files);
    else this.session.removeCluster(cluster);
  }
}
