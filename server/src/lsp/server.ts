/**
 * Wires the Meshwright language server onto an LSP connection: capabilities, document sync (incremental),
 * settings, the validation scheduler, the workspace analysis (the analysis engine over every YAML file of
 * the workspace, workspace-analysis.ts), file watching, the document features, live topology and the
 * custom requests. Each concern lives in its own module; this file only connects them. Nothing here
 * imports VS Code.
 */
import {
  type Connection,
  type InitializeParams,
  type InitializeResult,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { SchemaLanguageService } from '../yaml/schema-language-service';
import { packageVersion } from './command-line';
import { registerApplyFeature } from './apply-feature';
import { registerCodeActions } from './code-actions';
import { registerDocumentFeatures } from './document-features';
import { modelineHoverAt, registerDocumentTargets } from './document-targets-feature';
import { registerExplorerFeature } from './explorer-feature';
import { FirstSyncGate } from './first-sync-gate';
import { isYamlDocument } from './document-selection';
import {
  ANALYZE_WORKSPACE_REQUEST,
  type AnalyzeWorkspaceResult,
  type MeshwrightInitializationOptions,
} from '../../../protocol/requests';
import { SETTINGS_SECTION, SettingsStore } from './settings';
import { registerLiveDocuments } from './live-documents';
import { registerMeshGraphFeature } from './mesh-graph-feature';
import { registerMeshHealthFeature } from './mesh-health-feature';
import { stopCredentialPlugins } from '../topology/kube-api/exec-credential-cache';
import { registerTopologyFeature } from './topology-feature';
import { ValidationScheduler } from './validation-scheduler';
import { type Timers } from './timers';
import { WorkspaceAnalysis } from './workspace-analysis';
import { withWorkspaceRelativeKubeconfig } from './workspace-relative-kubeconfig';

export const DEFAULT_VALIDATION_DELAY_MS = 200;

export interface LanguageServerOptions {
  /** The schema service to use; by default one over the bundled schemas. */
  readonly createService?: () => SchemaLanguageService;
  readonly timers?: Timers;
}

export function startLanguageServer(connection: Connection, options: LanguageServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let service: SchemaLanguageService | undefined;
  let settings = new SettingsStore(undefined);
  let workspaceFolders: string[] = [];
  let capabilities = {
    configurationPull: false,
    dynamicConfiguration: false,
    folderNotifications: false,
    progress: false,
    watchedFilesRegistration: false,
  };
  let fileWatchingByClient = false;

  const snapshot = (uri: string): { version: number; text: string } | undefined => {
    const document = documents.get(uri);
    if (!document || !isYamlDocument(uri, document.languageId)) return undefined;
    return { version: document.version, text: document.getText() };
  };

  let analysis = createAnalysis(DEFAULT_VALIDATION_DELAY_MS);
  function createAnalysis(delayMs: number): WorkspaceAnalysis {
    return new WorkspaceAnalysis({
      connection,
      documents,
      schemaService: () => service,
      readSettings: () => settings.get(),
      delayMs,
      ...(options.timers ? { timers: options.timers } : {}),
      progressSupported: capabilities.progress,
      // The sidebar's problem badges follow the analysis (explorer-feature.ts).
      onRefreshed: (changedUris) => explorer.analysisRefreshed(changedUris),
      // Kustomize overlays are rendered (a program runs) only in a trusted workspace.
      trusted: () => topology.trusted(),
    });
  }

  let scheduler = createScheduler(DEFAULT_VALIDATION_DELAY_MS);
  function createScheduler(delayMs: number): ValidationScheduler<MeshDiagnostic[]> {
    return new ValidationScheduler<MeshDiagnostic[]>({
      delayMs,
      ...(options.timers ? { timers: options.timers } : {}),
      snapshot,
      validate: (uri, text, version) => analysis.validateOpenDocument(uri, text, version),
      publish: (uri, version, diagnostics) => analysis.publish(uri, diagnostics, version),
      clear: (uri) => analysis.documentClosed(uri),
      onError: (uri, error) =>
        connection.console.error(
          `validation of ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`,
        ),
    });
  }

  const folderPaths = (): string[] =>
    workspaceFolders.flatMap((uri) => {
      const parsed = URI.parse(uri);
      return parsed.scheme === 'file' ? [parsed.fsPath] : [];
    });
  const configureAnalysis = (): void =>
    void settings.get().then(
      (current) => {
        analysis.configure(current, folderPaths());
        explorer.recountAll(); // Suppressions and validation.enable change every badge.
      },
      (error: unknown) => connection.console.error(`analysis: cannot read the settings: ${String(error)}`),
    );

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const client = params.capabilities;
    capabilities = {
      configurationPull: !!client.workspace?.configuration,
      dynamicConfiguration: !!client.workspace?.didChangeConfiguration?.dynamicRegistration,
      folderNotifications: !!client.workspace?.workspaceFolders,
      progress: !!client.window?.workDoneProgress,
      watchedFilesRegistration: !!client.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    };
    workspaceFolders =
      params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const init = (params.initializationOptions ?? {}) as MeshwrightInitializationOptions;
    topology.setTrusted(init.trustedWorkspace === true);
    settings = new SettingsStore(
      capabilities.configurationPull
        ? () =>
            // A relative meshwright.kubeconfig is relative to the workspace folder (the demo's settings).
            (connection.workspace.getConfiguration({ section: SETTINGS_SECTION }) as Promise<unknown>).then(
              (section) => withWorkspaceRelativeKubeconfig(section, folderPaths()),
            )
        : undefined,
      init.meshwright,
      (message) => connection.console.warn(message),
    );
    fileWatchingByClient = init.fileWatching === 'client';
    const delayMs = validationDelay(init.validationDelayMs);
    analysis = createAnalysis(delayMs);
    scheduler = createScheduler(delayMs);
    try {
      service = options.createService?.() ?? new SchemaLanguageService();
    } catch (error) {
      // Without schemas there is nothing to validate against; stay up so the editor keeps working.
      connection.console.error(`Meshwright cannot load its schemas: ${String(error)}`);
    }
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        completionProvider: { resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: { label: 'Meshwright' },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'meshwright-language-server', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    configureTopology();
    // The workspace is indexed in the background: initialize has long been answered.
    configureAnalysis();
    if (capabilities.dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (capabilities.watchedFilesRegistration && !fileWatchingByClient) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }],
      });
    }
    if (capabilities.folderNotifications) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        workspaceFolders = [
          ...workspaceFolders.filter((uri) => !removed.has(uri)),
          ...event.added.map((folder) => folder.uri),
        ];
        configureAnalysis();
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params.settings);
    configureTopology();
    configureAnalysis();
    // `validation.enable` may have flipped: re-validate (or clear, via an empty result) every open document.
    for (const document of documents.all()) scheduler.now(document.uri);
  });

  connection.onDidChangeWatchedFiles((params) => analysis.filesChanged(params.changes));

  documents.onDidOpen((event) => scheduler.now(event.document.uri));
  documents.onDidChangeContent((event) => scheduler.changed(event.document.uri));
  documents.onDidSave((event) => scheduler.now(event.document.uri));
  documents.onDidClose((event) => scheduler.closed(event.document.uri));

  // Targets: the documentTargets request, the modeline hover, the MESH1xx/MESH2xx quick fixes.
  registerDocumentTargets(connection, (uri) => analysis.viewOf(uri));
  registerDocumentFeatures(connection, documents, () => service, [
    (uri, position) => modelineHoverAt(analysis.viewOf(uri), uri, position),
  ]);
  registerCodeActions(connection, documents);

  // Live clusters: watched in the background from the kubeconfig settings.
  const topology = registerTopologyFeature(connection);
  // Their objects are the cluster state of the workspace analysis, once the first sync is over.
  const firstSync = new FirstSyncGate((snapshot) => analysis.setSnapshot(snapshot), options.timers);
  topology.onSnapshot((event) => {
    analysis.setClusterEndpoints(event.state.endpoints ?? new Map());
    firstSync.offer(event.state.snapshot, event.state.health);
  });
  registerLiveDocuments(connection, () => topology.snapshot());
  // Server-side apply: dry run and apply with the kubeconfig and trust discovery uses.
  registerApplyFeature(connection, {
    settings: () => settings.get(),
    topology: () => topology.state(),
    trusted: () => topology.trusted(),
  });
  // The sidebar: the tree's lazy children, the Policies inventory, live objects' problems.
  const explorer = registerExplorerFeature(connection, {
    snapshot: () => topology.snapshot(),
    analysis: () => analysis.settledView(),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  // The Mesh Health view: `meshwright check`'s checklist of the live clusters.
  const meshHealth = registerMeshHealthFeature(connection, { topology, settings: () => settings.get() });
  // The mesh map's graph, from the same topology state, with the checklist's trust problems.
  const meshGraph = registerMeshGraphFeature(connection, topology, () => meshHealth.linkChecks());
  const configureTopology = (): void =>
    void settings.get().then(
      (current) => topology.configure(current),
      (error: unknown) => connection.console.error(`topology: cannot read the settings: ${String(error)}`),
    );

  connection.onRequest(ANALYZE_WORKSPACE_REQUEST, async (_params, token): Promise<AnalyzeWorkspaceResult> => {
    if (!(await settings.get()).validation.enable) {
      connection.console.info('analyzeWorkspace: validation is off (meshwright.validation.enable = false)');
      return { files: 0, diagnostics: 0 };
    }
    return analysis.analyzeAll(() => token.isCancellationRequested);
  });

  connection.onShutdown(() => {
    firstSync.dispose();
    scheduler.dispose();
    analysis.dispose();
    explorer.dispose();
    meshGraph.dispose();
    meshHealth.dispose();
    topology.dispose();
    stopCredentialPlugins();
  });

  documents.listen(connection);
  connection.listen();
}

function validationDelay(requested: unknown): number {
  return typeof requested === 'number' && Number.isFinite(requested) && requested >= 0
    ? requested
    : DEFAULT_VALIDATION_DELAY_MS;
}
