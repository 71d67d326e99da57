/**
 * The analysis engine inside the language server: one AnalysisSession for the whole workspace, fed with
 * every YAML file of the workspace folders (indexed in the background at start-up), the editor's text of
 * open documents, file changes on disk, the offline cluster states and mesh config named in the settings,
 * and live clusters. After each change it re-analyses only what the change affects and publishes, for
 * every URI whose diagnostics may have changed, the schema diagnostics plus the engine's, including files
 * that are not open (a VirtualService whose Gateway was deleted in another file gets its diagnostic).
 *
 * Work that touches the whole workspace (indexing, batches of file changes, settings) runs one task at a
 * time, yielding to the event loop between chunks, so requests stay answered while a big workspace loads.
 */
import path from 'node:path';
import { type Connection, FileChangeType, type FileEvent, type TextDocuments } from 'vscode-languageserver';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { type AnalysisView } from '../analysis/session/analysis-view';
import { type TopologySnapshot } from '../mesh/snapshot';
import { LIVE_OBJECT_SCHEME } from '../yaml/live-object-document';
import { type SchemaLanguageService } from '../yaml/schema-language-service';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import { type IndexingProgress, startIndexingProgress } from './indexing-progress';
import {
  type AnalyzeWorkspaceResult,
  DEFAULT_SETTINGS,
  type MeshwrightSettings,
} from '../../../protocol/requests';
import { FileDiagnostics } from './file-diagnostics';
import { type Timers, systemTimers, yieldToEventLoop } from './timers';
import { type RefreshResult, WorkspaceDocuments } from './workspace-documents';
import {
  fileUriOf,
  localPathOf,
  readWorkspaceFile,
  workspaceYamlFiles,
  yamlFilesAt,
} from './workspace-files';
import { type FileRole, WorkspaceLayout } from './workspace-layout';
import { KustomizeOverlays } from './kustomize-overlays';
import { OverlayAnalysis } from './overlay-analysis';
import { sameJson } from '../text/same-json';

/** Files read per step of the start-up indexing; the event loop gets a turn between steps. */
const FILES_PER_STEP = 32;
/** URIs published per step. */
const PUBLICATIONS_PER_STEP = 64;
/** Objects without metadata.namespace land here, as with `kubectl apply` and `meshwright analyze`. */
const DEFAULT_NAMESPACE = 'default';

export interface WorkspaceAnalysisOptions {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly schemaService: () => SchemaLanguageService | undefined;
  /** The current settings (pulled from the client when they changed). */
  readonly readSettings: () => Promise<MeshwrightSettings>;
  /** Quiet period before a batch of disk or cluster changes is analysed. */
  readonly delayMs: number;
  readonly timers?: Timers;
  /** The client shows window/workDoneProgress. */
  readonly progressSupported: boolean;
  /** After every analysis refresh: the URIs whose diagnostics may have changed (the sidebar's problem badges). */
  readonly onRefreshed?: (changedUris: readonly string[]) => void;
  /** Whether programs may run: Kustomize overlays are rendered only in a trusted workspace. */
  readonly trusted?: () => boolean;
}

/** At least this quiet period before an overlay is rendered again: rendering runs a program. */
const OVERLAY_RENDER_DELAY_MS = 300;

const isLiveObject = (uri: string): boolean => uri.startsWith(`${LIVE_OBJECT_SCHEME}:`);

export class WorkspaceAnalysis {
  /** The files the analysis session holds, and their roles. */
  private readonly files = new WorkspaceDocuments({ defaultNamespace: DEFAULT_NAMESPACE });
  private layout = new WorkspaceLayout([], {}, '');
  private settings: MeshwrightSettings = DEFAULT_SETTINGS;
  private configured = false;
  /** False until the start-up indexing is done: the engine's results would be missing other files. */
  private ready = false;
  /** Bumped by every re-index, so the tasks of an older index stop. */
  private generation = 0;
  private tasks: Promise<void> = Promise.resolve();
  private refreshTimer: unknown;
  private readonly publisher: DiagnosticsPublisher;
  private readonly diagnostics: FileDiagnostics;
  private readonly timers: Timers;
  private readonly overlays: KustomizeOverlays;
  private readonly overlayAnalysis = new OverlayAnalysis();
  private markConfigured: () => void = () => undefined;
  /** Requests that need the workspace wait for the first settings. */
  private readonly whenConfigured = new Promise<void>((resolve) => (this.markConfigured = resolve));

  constructor(private readonly options: WorkspaceAnalysisOptions) {
    this.publisher = new DiagnosticsPublisher(options.connection, options.documents);
    this.diagnostics = new FileDiagnostics(this.files, options.schemaService);
    this.timers = options.timers ?? systemTimers;
    this.overlays = new KustomizeOverlays({
      timers: this.timers,
      delayMs: Math.max(options.delayMs, OVERLAY_RENDER_DELAY_MS),
      trusted: () => options.trusted?.() === true,
      openText: (file) => {
        const held = this.files.get(fileUriOf(file));
        return held?.version !== undefined ? held.text : undefined;
      },
      analyse: (overlay) =>
        this.overlayAnalysis.analyse(overlay, this.files.authored(), {
          schemaService: options.schemaService(),
          suppress: this.settings.suppress,
          defaultNamespace: DEFAULT_NAMESPACE,
        }),
      onTreeChanged: () => void this.enqueue(() => this.reassignRoles()),
      onChanged: (uris) =>
        void this.enqueue(() => this.publishUris(uris, this.generation).then(() => undefined)),
      displayName: (directory) =>
        workspaceRelativePath(fileUriOf(directory), this.layout.folders) ?? directory,
      log: (message) => this.log(message),
    });
  }

  /** What a file is to the analysis: its layout role, unless a Kustomize overlay reads it. */
  private roleOf(file: string): FileRole {
    const role = this.layout.roleOf(file);
    return role.kind === 'authored' && this.overlays.owns(file) ? { kind: 'rendering-input' } : role;
  }

  /** Finds the workspace's kustomizations and takes the files they read out of the session. */
  private async findOverlays(): Promise<void> {
    const directories = new Set<string>();
    for (const uri of this.files.uris()) {
      const file = localPathOf(uri);
      if (file) directories.add(path.dirname(file));
    }
    await this.overlays.rescan(directories);
    this.overlayAnalysis.forget();
    for (const uri of this.files.uris()) {
      const file = localPathOf(uri);
      const held = this.files.get(uri);
      if (file && held && held.role.kind === 'authored' && this.overlays.owns(file))
        this.files.hold(uri, { ...held, role: { kind: 'rendering-input' } });
    }
  }

  /** Files a kustomization now reads leave the session; files none reads any more come back to it. */
  private async reassignRoles(): Promise<void> {
    const moved: string[] = [];
    for (const uri of this.files.uris()) {
      const file = localPathOf(uri);
      const held = this.files.get(uri);
      if (!file || !held) continue;
      const role = this.roleOf(file);
      if (role.kind !== held.role.kind) {
        this.files.hold(uri, { ...held, role });
        moved.push(uri);
      }
    }
    if (moved.length > 0 && this.ready) await this.refreshAndPublish(moved);
  }

  /** Renders the overlays whose inputs changed and publishes the files their findings point into. */
  private async renderOverlays(generation: number): Promise<void> {
    const changed = await this.overlays.renderAll();
    if (generation === this.generation) await this.publishUris(changed, generation);
  }

  // ---- Settings and workspace folders ----

  /** Applies settings and folders; the first call starts the background indexing. */
  configure(settings: MeshwrightSettings, folderPaths: readonly string[]): void {
    const previous = this.settings;
    this.settings = settings;
    const suppressionsChanged = !sameJson(previous.suppress, settings.suppress);
    if (suppressionsChanged || !this.configured) this.applySuppressions(settings.suppress);
    const layout = new WorkspaceLayout(folderPaths, settings.clusters, settings.meshConfig);
    const targetsChanged =
      !this.configured ||
      !sameJson(previous.targets, settings.targets) ||
      !sameJson(layout.folders, this.layout.folders);
    if (targetsChanged) {
      this.files.setTargetRules(settings.targets, (uri) => workspaceRelativePath(uri, layout.folders));
    }
    if (!this.configured || !layout.sameAs(this.layout)) {
      this.configured = true;
      this.layout = layout;
      this.reindex();
      this.markConfigured();
      return;
    }
    if (previous.validation.enable !== settings.validation.enable || suppressionsChanged) {
      void this.enqueue(async () => void (await this.publishEverything(false)));
    }
    if (targetsChanged && this.ready) void this.enqueue(() => this.refreshAndPublish());
  }

  // ---- What features read ----

  /**
   * The analysis as of the editor's text of `uri` when the file is open (document targets, the modeline
   * hover): the targets follow the modelines as typed, before the next validation.
   */
  viewOf(uri: string): AnalysisView {
    this.holdOpenText(uri);
    return this.files.view();
  }

  /**
   * The analysis for the sidebar's live objects' problems: undefined while the start-up indexing runs
   * (its results would miss other files) or validation is off.
   */
  settledView(): AnalysisView | undefined {
    return this.ready && this.settings.validation.enable ? this.files.view() : undefined;
  }

  /** An open authored document whose text the session does not hold yet (typed since the last run). */
  private holdOpenText(uri: string): void {
    const open = this.options.documents.get(uri);
    if (!open || this.files.get(uri)?.text === open.getText()) return;
    const file = localPathOf(uri);
    const role = file ? this.roleOf(file) : { kind: 'authored' as const };
    if (role.kind !== 'authored') return;
    this.files.hold(uri, { text: open.getText(), version: open.version, role });
  }

  // ---- Editor documents (through the ValidationScheduler) ----

  /** The diagnostics of an open document at this text; other URIs the change affects are published too. */
  async validateOpenDocument(uri: string, text: string, version: number): Promise<MeshDiagnostic[]> {
    const enabled = (await this.options.readSettings()).validation.enable;
    // A live object's virtual document is cluster state, not a document being authored.
    if (isLiveObject(uri)) return enabled && this.ready ? this.files.view().diagnosticsFor(uri) : [];
    const path = localPathOf(uri);
    this.files.hold(uri, { text, version, role: path ? this.roleOf(path) : { kind: 'authored' } });
    if (path && this.overlays.owns(path)) this.overlays.fileChanged(path);
    if (this.ready) {
      const others = this.refresh().filter((changed) => changed !== uri);
      if (others.length > 0) void this.publishUris(others, this.generation);
    }
    return enabled ? this.diagnosticsOf(uri, true) : [];
  }

  /** Publishes an open document's diagnostics for the version they were computed on. */
  publish(uri: string, diagnostics: readonly MeshDiagnostic[], version: number): void {
    this.publisher.publish(uri, diagnostics, version);
  }

  /** A document was closed: the analysis goes back to the file on disk (or forgets an untitled one). */
  documentClosed(uri: string): void {
    void this.enqueue(async () => {
      const path = localPathOf(uri);
      const text = path && this.layout.contains(path) ? await readWorkspaceFile(path) : undefined;
      if (this.options.documents.get(uri)) return; // Reopened meanwhile.
      if (text === undefined || !path) this.forget(uri);
      else this.files.hold(uri, { text, version: undefined, role: this.roleOf(path) });
      this.publisher.clear(uri);
      if (this.ready) await this.refreshAndPublish([uri]);
    });
  }

  // ---- Disk and clusters ----

  /**
   * workspace/didChangeWatchedFiles. A changed file that is open is left alone (the editor's text wins, and
   * the editor reloads it); a deleted file leaves the analysis even when an editor still shows it (it is
   * no longer part of the workspace; editing it again brings it back).
   */
  filesChanged(changes: readonly FileEvent[]): void {
    void this.enqueue(async () => {
      for (const change of changes) {
        const path = localPathOf(change.uri);
        if (!path) continue;
        if (change.type === FileChangeType.Deleted) {
          // A deleted directory arrives as one event: everything held under it goes.
          for (const uri of this.files.uris()) {
            if (uri === change.uri || uri.startsWith(`${change.uri}/`)) this.forget(uri);
          }
          continue;
        }
        if (!this.layout.contains(path)) continue;
        this.overlays.fileChanged(path);
        const open = this.options.documents.get(change.uri);
        if (open) {
          // Back on disk while an editor still shows it: the editor's text rejoins the analysis.
          if (!this.files.get(change.uri)) {
            this.files.hold(change.uri, {
              text: open.getText(),
              version: open.version,
              role: this.roleOf(path),
            });
          }
          continue;
        }
        for await (const file of yamlFilesAt(path)) await this.readIntoSession(file);
      }
      this.scheduleRefresh();
    });
  }

  /** The kubeconfig contexts' API server URLs: the next refresh matches Argo CD destinations by them. */
  setClusterEndpoints(endpoints: ReadonlyMap<string, string>): void {
    this.files.setClusterEndpoints(endpoints);
  }

  /** Live clusters: their objects are the cluster state; diagnostics about them go to meshwright:/ URIs. */
  setSnapshot(snapshot: TopologySnapshot): void {
    this.files.setSnapshot(snapshot);
    // Not the typing delay: the topology's change feed has already gathered the burst this snapshot
    // ends, and a watch event is to be re-published within 200 ms.
    this.scheduleRefresh(0);
  }

  // ---- Requests ----

  /** `meshwright/analyzeWorkspace`: re-reads the workspace from disk, analyses it and publishes every file. */
  async analyzeAll(isCancelled: () => boolean): Promise<AnalyzeWorkspaceResult> {
    let result: AnalyzeWorkspaceResult = { files: 0, diagnostics: 0 };
    await this.whenConfigured;
    await this.enqueue(async () => {
      const generation = this.generation;
      await this.readWorkspace(generation, undefined, true);
      if (generation !== this.generation || isCancelled()) return;
      await this.findOverlays();
      await this.overlays.renderAll();
      if (generation !== this.generation || isCancelled()) return;
      this.ready = true;
      await this.refreshInSteps();
      result = await this.publishEverything(true, isCancelled);
    });
    return result;
  }

  dispose(): void {
    this.overlays.dispose();
    this.generation++;
    if (this.refreshTimer !== undefined) this.timers.clearTimeout(this.refreshTimer);
  }

  // ---- Indexing ----

  private reindex(): void {
    const generation = ++this.generation;
    this.ready = false;
    void this.enqueue(async () => {
      if (generation !== this.generation) return;
      // A layout change may turn documents into cluster files and back: start from a clean session,
      // keeping the open documents (their text is the editor's, not the disk's).
      const wasShown = this.publisher.shown();
      const open = this.files.openFiles();
      this.files.reset();
      this.diagnostics.clear();
      for (const [uri, file] of open) {
        const path = localPathOf(uri);
        this.files.hold(uri, { ...file, role: path ? this.roleOf(path) : file.role });
      }
      const progress = this.options.progressSupported
        ? await startIndexingProgress(this.options.connection)
        : undefined;
      try {
        await this.readWorkspace(generation, progress, false);
        if (generation !== this.generation) return;
        await this.findOverlays();
        if (generation !== this.generation) return;
        this.ready = true;
        progress?.report('analysing');
        await this.refreshInSteps();
        if (generation !== this.generation) return;
        progress?.report('publishing diagnostics');
        await this.publishEverything(false);
        for (const uri of wasShown) {
          if (!this.files.get(uri) && !this.options.documents.get(uri)) this.publisher.clear(uri);
        }
      } finally {
        progress?.done();
      }
      // Rendering runs programs: the other documents' findings are published first, not held back by it.
      void this.enqueue(() => this.renderOverlays(generation));
    });
  }

  /** Reads every YAML file of the folders, the cluster roots and the mesh config into the session. */
  private async readWorkspace(
    generation: number,
    progress: IndexingProgress | undefined,
    forgetMissing: boolean,
  ): Promise<void> {
    const onSkipped = (file: string, reason: string): void => this.log(`skipped ${file} (${reason})`);
    const list = await workspaceYamlFiles(
      this.layout.folders,
      [...this.layout.clusterRoots.map((root) => root.path), ...this.layout.meshConfigCandidates],
      onSkipped,
    );
    for (let start = 0; start < list.length; start += FILES_PER_STEP) {
      if (generation !== this.generation) return;
      const chunk = list.slice(start, start + FILES_PER_STEP);
      await Promise.all(chunk.map((file) => this.readIntoSession(file, false)));
      this.files.syncClusters();
      const done = Math.min(start + FILES_PER_STEP, list.length);
      progress?.report(`${done}/${list.length} files`, (done / list.length) * 100);
      await yieldToEventLoop();
    }
    if (forgetMissing) {
      const present = new Set(list.map(fileUriOf));
      for (const uri of this.files.uris()) {
        if (this.files.get(uri)?.version === undefined && !present.has(uri)) this.forget(uri);
      }
    }
  }

  /** A file from disk into the session, unless the editor has it open (its text wins). */
  private async readIntoSession(file: string, syncCluster = true): Promise<void> {
    const uri = fileUriOf(file);
    if (this.options.documents.get(uri)) return;
    const text = await readWorkspaceFile(file, (skipped, reason) =>
      this.log(`skipped ${skipped} (${reason})`),
    );
    if (this.options.documents.get(uri)) return; // Opened while it was read.
    if (text === undefined) this.forget(uri);
    else this.files.hold(uri, { text, version: undefined, role: this.roleOf(file) }, syncCluster);
  }

  // ---- The session ----

  /** A file is gone: out of the session, and its diagnostics cleared. */
  private forget(uri: string): void {
    const held = this.files.get(uri) !== undefined;
    this.files.release(uri);
    this.diagnostics.forget(uri);
    if (held) this.publisher.clear(uri);
  }

  private applySuppressions(patterns: readonly string[]): void {
    for (const error of this.files.setSuppressions(patterns)) {
      const message = `meshwright.suppress: ${error}; the pattern is ignored until it is fixed`;
      this.log(message);
      void this.options.connection.window.showWarningMessage(`Meshwright: ${message}`);
    }
  }

  /** Re-runs what changed; returns the URIs to republish. */
  private refresh(): readonly string[] {
    return this.refreshed(this.files.refresh());
  }

  /**
   * refresh(), yielding to the event loop between steps of bounded work: the first analysis of a big
   * mesh takes seconds, and hovers, completions and the views' requests are answered meanwhile.
   */
  private async refreshInSteps(): Promise<readonly string[]> {
    const steps = this.files.refreshInSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return this.refreshed(step.value);
      await yieldToEventLoop();
    }
  }

  private refreshed({ changedUris, failures }: RefreshResult): readonly string[] {
    for (const failure of failures) {
      this.options.connection.console.error(
        `analyzer ${failure.analyzer} failed${failure.subject ? ` on ${failure.subject}` : ''}: ${failure.error}. ` +
          'Its findings are missing until the next change; this is a bug in Meshwright, please report it.',
      );
    }
    this.options.onRefreshed?.(changedUris);
    return changedUris;
  }

  private async refreshAndPublish(extra: readonly string[] = []): Promise<void> {
    const changed = new Set([...(await this.refreshInSteps()), ...extra]);
    await this.publishUris([...changed], this.generation);
  }

  private scheduleRefresh(delayMs: number = this.options.delayMs): void {
    if (this.refreshTimer !== undefined) this.timers.clearTimeout(this.refreshTimer);
    this.refreshTimer = this.timers.setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.ready) void this.enqueue(() => this.refreshAndPublish());
    }, delayMs);
  }

  // ---- Publishing ----

  /** Schema diagnostics of an authored file plus the engine's, for the text the session holds. */
  private async diagnosticsOf(
    uri: string,
    enabled = this.settings.validation.enable,
  ): Promise<MeshDiagnostic[]> {
    if (!enabled) return [];
    const found = await this.diagnostics.of(uri, {
      suppress: this.settings.suppress,
      withEngine: this.ready,
      defaultNamespace: DEFAULT_NAMESPACE,
    });
    // undefined: the text moved on while the schema was checked; the newer run publishes.
    return found === undefined ? [] : [...found, ...this.overlays.diagnosticsFor(uri)];
  }

  /** Publishes each URI; returns how many diagnostics were published. */
  private async publishUris(uris: readonly string[], generation: number, always = false): Promise<number> {
    let count = 0;
    for (let index = 0; index < uris.length; index++) {
      if (generation !== this.generation) return count;
      const uri = uris[index] as string;
      const file = this.files.get(uri);
      if (!file && !isLiveObject(uri)) {
        this.publisher.clear(uri); // Gone from the session (deleted, closed and untitled).
        continue;
      }
      const diagnostics = await this.diagnosticsOf(uri);
      if (file && this.files.get(uri)?.text !== file.text) continue; // A newer text publishes.
      this.publisher.publish(uri, diagnostics, file?.version, always);
      count += diagnostics.length;
      if (index % PUBLICATIONS_PER_STEP === PUBLICATIONS_PER_STEP - 1) await yieldToEventLoop();
    }
    return count;
  }

  /** Every held file (and every URI showing diagnostics); `always` sends empty lists too. */
  private async publishEverything(
    always: boolean,
    isCancelled?: () => boolean,
  ): Promise<AnalyzeWorkspaceResult> {
    if (!this.settings.validation.enable) {
      for (const uri of this.publisher.shown()) this.publisher.clear(uri);
      return { files: 0, diagnostics: 0 };
    }
    const files = this.files.uris();
    const uris = [...new Set([...files, ...this.overlays.uris(), ...this.publisher.shown()])];
    if (isCancelled?.()) return { files: 0, diagnostics: 0 };
    const diagnostics = await this.publishUris(uris, this.generation, always);
    return { files: files.length, diagnostics };
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.tasks.then(task).catch((error: unknown) => {
      this.options.connection.console.error(
        `workspace analysis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    });
    this.tasks = run;
    return run;
  }

  private log(message: string): void {
    this.options.connection.console.info(`workspace analysis: ${message}`);
  }
}

/** `policies/east/vs.yaml` for a file under a workspace folder (the `meshwright.targets` globs' form). */
function workspaceRelativePath(uri: string, folders: readonly string[]): string | undefined {
  const file = localPathOf(uri);
  if (!file) return undefined;
  const folder = folders.find((candidate) => file.startsWith(candidate + path.sep));
  return folder ? path.relative(folder, file).split(path.sep).join('/') : undefined;
}
