/**
 * The client's copy of what the language server knows about the clusters: the latest TopologyView and
 * the live objects' problem counts, plus typed requests for the tree's lazy children and the Policies
 * inventory. Listens to the server's change notifications on every client the session starts (restarts
 * included) and turns their bursts into one `onDidChange` per quiet period, so the views, the status bar
 * and the live documents refresh once per change, not once per notification.
 */
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import {
  EXPLORER_PROBLEMS_CHANGED_NOTIFICATION,
  EXPLORER_PROBLEMS_REQUEST,
  type ExplorerProblemsResult,
  TOPOLOGY_CHANGED_NOTIFICATION,
  TOPOLOGY_REQUEST,
  type TopologyChangedParams,
  type TopologyView,
} from '../../../protocol/requests';
import { type LanguageServerSession } from '../language-server-session';

/** Quiet period between a notification and the views' refresh (the server already batches). */
export const REFRESH_DEBOUNCE_MS = 150;

export interface TopologySourceChange {
  readonly topologyChanged: boolean;
  readonly problemsChanged: boolean;
  /** Clusters whose objects or health changed (from the server's notifications). */
  readonly changedClusters: readonly string[];
}

export class TopologySource implements vscode.Disposable {
  private current: TopologyView | undefined;
  private currentProblems: ExplorerProblemsResult | undefined;
  private readonly changed = new vscode.EventEmitter<TopologySourceChange>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;
  private pending = { topology: false, problems: false, clusters: new Set<string>() };

  constructor(
    private readonly session: LanguageServerSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(session.onDidStartClient((client) => this.attach(client)));
  }

  /** The latest topology; undefined until the server first answered. */
  get topology(): TopologyView | undefined {
    return this.current;
  }

  get problems(): ExplorerProblemsResult | undefined {
    return this.currentProblems;
  }

  /** Asks the server for the topology and problems now (the Refresh button, a new client). */
  async refresh(): Promise<void> {
    this.pending.topology = true;
    this.pending.problems = true;
    await this.flush();
  }

  /** A request to the running server; rejects with the session's explanation when it is not running. */
  async request<T>(method: string, params?: unknown): Promise<T> {
    const client = await this.session.whenRunning();
    return (
      params === undefined ? client.sendRequest(method) : client.sendRequest(method, params)
    ) as Promise<T>;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private attach(client: LanguageClient): void {
    this.disposables.push(
      client.onNotification(TOPOLOGY_CHANGED_NOTIFICATION, (params: TopologyChangedParams) => {
        // The notification carries the topology: keep the newest, fetch nothing.
        if (!this.current || params.version >= this.current.version) this.current = params.topology;
        this.pending.topology = true;
        for (const cluster of params.changedClusters) this.pending.clusters.add(cluster);
        this.schedule();
      }),
      client.onNotification(EXPLORER_PROBLEMS_CHANGED_NOTIFICATION, () => {
        this.pending.problems = true;
        this.schedule();
      }),
    );
    void this.refresh();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, REFRESH_DEBOUNCE_MS);
  }

  private async flush(): Promise<void> {
    const { topology, problems, clusters } = this.pending;
    this.pending = { topology: false, problems: false, clusters: new Set() };
    if (!topology && !problems) return;
    try {
      const [view, counts] = await Promise.all([
        // A notification already delivered the topology; a refresh asks for it.
        topology && clusters.size === 0 ? this.request<TopologyView>(TOPOLOGY_REQUEST) : undefined,
        problems ? this.request<ExplorerProblemsResult>(EXPLORER_PROBLEMS_REQUEST) : undefined,
      ]);
      if (view && (!this.current || view.version >= this.current.version)) this.current = view;
      if (counts) this.currentProblems = counts;
    } catch (error) {
      this.log.warn(`Meshwright views: cannot read the topology (${describe(error)})`);
    }
    this.changed.fire({
      topologyChanged: topology,
      problemsChanged: problems,
      changedClusters: [...clusters],
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
