/**
 * The mesh map's host: one webview panel (shown again, not duplicated, when the command runs twice) that
 * draws the language server's mesh graph. It asks for the graph when the page is ready and after every
 * topology change, sends the colour theme, and turns the page's messages into editor actions (reveal a
 * cluster in the Topology view, open a live object). Everything it creates is disposed with the panel.
 *
 * No `retainContextWhenHidden`: a hidden panel's page is discarded and rebuilt when shown. The page saves
 * its positions and zoom with `setState` and the host sends the latest graph on `ready`, so nothing is
 * lost, and a hidden canvas with its layout engine does not sit in memory.
 */
import * as vscode from 'vscode';
import { MESH_GRAPH_REQUEST, type MeshGraph } from '../../../protocol/requests';
import {
  type HostToViewMessage,
  isMeshGraph,
  isViewToHostMessage,
  type ThemeKind,
  type ViewToHostMessage,
} from '../../../protocol/map-messages';
import { meshMapHtml } from './mesh-map-html';

/** Implemented by the Topology view (client/src/views); the map only asks for it. */
export const REVEAL_CLUSTER_COMMAND = 'meshwright.revealCluster';
export const MESH_MAP_VIEW_TYPE = 'meshwright.meshMap';

/** What the map needs of the client's topology source (client/src/views/topology-source.ts). */
export interface MeshGraphSource {
  /** Fires (debounced) when the server said the topology or the live objects' problems changed. */
  readonly onDidChange: vscode.Event<{ readonly topologyChanged: boolean }>;
  request<T>(method: string, params?: unknown): Promise<T>;
}

export class MeshMapPanel implements vscode.Disposable {
  private static current: MeshMapPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** A cluster to show once the page has a graph (the Topology view's "Reveal in Mesh Map"). */
  private pendingFocus: string | undefined;
  /** The page has said `ready` and has not been discarded since. */
  private ready = false;
  private fetching = false;
  private fetchAgain = false;

  /** Opens the map (or brings the open one forward); `focusCluster` selects and centres that cluster. */
  static show(
    extensionUri: vscode.Uri,
    source: MeshGraphSource,
    log: vscode.LogOutputChannel,
    focusCluster?: string,
  ): MeshMapPanel {
    const existing = MeshMapPanel.current;
    if (existing) {
      existing.panel.reveal();
      if (focusCluster !== undefined) existing.focus(focusCluster);
      return existing;
    }
    const webviewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(MESH_MAP_VIEW_TYPE, 'Mesh Map', vscode.ViewColumn.Active, {
      enableScripts: true,
      // The page may load only its own bundle and stylesheet.
      localResourceRoots: [webviewRoot],
    });
    const created = new MeshMapPanel(panel, webviewRoot, source, log);
    MeshMapPanel.current = created;
    if (focusCluster !== undefined) created.focus(focusCluster);
    return created;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    webviewRoot: vscode.Uri,
    private readonly source: MeshGraphSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const webview = panel.webview;
    // A fresh nonce every time the page is built (meshMapHtml makes one).
    webview.html = meshMapHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'map.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'map.css')).toString(),
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        // Hidden: the page is discarded; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      source.onDidChange((change) => {
        if (change.topologyChanged) void this.sendGraph();
      }),
      vscode.window.onDidChangeActiveColorTheme((theme) =>
        this.post({ type: 'theme', kind: themeKind(theme.kind) }),
      ),
    );
  }

  /** Closes the open map, if any (extension deactivation). */
  static closeCurrent(): void {
    MeshMapPanel.current?.dispose();
  }

  /** Shows the cluster now if the page has drawn a graph, else right after the first one. */
  focus(cluster: string): void {
    this.pendingFocus = cluster;
    if (this.ready && !this.fetching) this.flushFocus();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (MeshMapPanel.current === this) MeshMapPanel.current = undefined;
    this.ready = false;
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }

  private async receive(message: unknown): Promise<void> {
    if (!isViewToHostMessage(message)) {
      this.log.warn('Mesh map: ignored a malformed message from the webview');
      return;
    }
    await this.handle(message);
  }

  private async handle(message: ViewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'theme', kind: themeKind(vscode.window.activeColorTheme.kind) });
        await this.sendGraph();
        return;
      case 'refresh':
        await this.sendGraph();
        return;
      case 'revealCluster':
        await this.revealCluster(message.cluster);
        return;
      case 'openLive':
        await this.openLive(message.uri);
        return;
      case 'rendered':
        this.log.debug(
          `Mesh map: drew snapshot ${message.version} (${message.nodes} nodes, ${message.edges} edges; ` +
            `drawn in ${message.drawMs} ms, layout ${message.layoutMs} ms)`,
        );
        return;
      case 'cspViolation':
        this.log.warn(
          `Mesh map: the page's Content-Security-Policy refused ${message.blocked || 'an inline resource'} ` +
            `(${message.directive}); the map may be incomplete. Please report this.`,
        );
        return;
    }
  }

  /** Asks the server for the graph and posts it; concurrent calls coalesce into one more request. */
  private async sendGraph(): Promise<void> {
    if (!this.ready) return;
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    this.fetching = true;
    try {
      do {
        this.fetchAgain = false;
        const graph = await this.fetchGraph();
        if (graph) {
          this.post({ type: 'graph', graph });
          this.post({ type: 'status', message: null });
        }
      } while (this.fetchAgain && this.ready);
    } finally {
      this.fetching = false;
    }
    this.flushFocus();
  }

  private flushFocus(): void {
    if (this.pendingFocus === undefined || !this.ready) return;
    // The page draws graphs in order and handles this after the one posted before it.
    this.post({ type: 'focusCluster', cluster: this.pendingFocus });
    this.pendingFocus = undefined;
  }

  private async fetchGraph(): Promise<MeshGraph | undefined> {
    try {
      const graph = await this.source.request<unknown>(MESH_GRAPH_REQUEST);
      if (isMeshGraph(graph)) return graph;
      throw new Error('the language server answered meshwright/meshGraph with something that is not a graph');
    } catch (error) {
      const cause = describe(error);
      this.log.warn(`Mesh map: cannot get the mesh graph (${cause})`);
      this.post({ type: 'status', message: `The mesh graph is unavailable: ${cause}` });
      return undefined;
    }
  }

  private async revealCluster(cluster: string): Promise<void> {
    this.log.info(`Mesh map: revealing cluster ${cluster} in the Topology view`);
    try {
      await vscode.commands.executeCommand(REVEAL_CLUSTER_COMMAND, cluster);
    } catch (error) {
      const cause = describe(error);
      this.log.warn(`Mesh map: cannot reveal cluster ${cluster} (${cause})`);
      void vscode.window.showWarningMessage(
        `Meshwright: cannot reveal cluster ${cluster} in the Topology view (${cause}).`,
      );
    }
  }

  private async openLive(uri: string): Promise<void> {
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
      await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    } catch (error) {
      const cause = describe(error);
      this.log.warn(`Mesh map: cannot open ${uri} (${cause})`);
      void vscode.window.showWarningMessage(`Meshwright: cannot open the live object ${uri} (${cause}).`);
    }
  }

  private post(message: HostToViewMessage): void {
    // A hidden page is gone: what it misses it gets on `ready`.
    if (this.ready) void this.panel.webview.postMessage(message);
  }
}

function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
