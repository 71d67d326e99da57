/**
 * Live topology for a long-running host (the language server): owns the TopologyDiscovery for the
 * current settings (kubeconfig, contexts, workspace trust), restarts it when they change, and hands out
 * the latest state at once (snapshot, each cluster's health, a kubeconfig problem). Discovery runs in the
 * background; nothing here waits for the network.
 *
 * Logs cluster health changes through the given logger, with every credential of the loaded kubeconfig
 * redacted.
 */
import { type ChangeFeedSettings, type ClusterChange } from './change-feed';
import { type ClusterHealth } from './cluster-health';
import { type ClusterWatcherSettings } from './cluster-watcher';
import { CredentialRedactor } from './kube-api/credential-redaction';
import { type ClusterEndpoint, KubeconfigError, loadKubeconfig } from './kube-api/kubeconfig-loader';
import { EMPTY_SNAPSHOT, type TopologySnapshot } from '../mesh/snapshot';
import { TopologyDiscovery } from './topology-discovery';

export interface TopologySettings {
  /** Kubeconfig path(s); empty: KUBECONFIG, else ~/.kube/config. */
  readonly kubeconfig: string;
  /** Contexts to watch; empty: all. */
  readonly contexts: readonly string[];
  /** Credential plugins may run only when true. */
  readonly trusted: boolean;
}

export interface TopologyState {
  readonly snapshot: TopologySnapshot;
  readonly health: readonly ClusterHealth[];
  /** Why no cluster is watched (no kubeconfig, unknown context); null when discovery runs. */
  readonly problem: string | null;
  /** Each watched context's API server URL (Argo CD destinations name clusters by it). */
  readonly endpoints?: ReadonlyMap<string, string>;
}

export interface TopologyServiceEvent {
  readonly state: TopologyState;
  /** Clusters and objects that changed; every cluster when the settings changed. */
  readonly changes: readonly ClusterChange[];
}

export type TopologyLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface TopologyServiceOptions {
  readonly log: TopologyLog;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly watcher?: Partial<ClusterWatcherSettings>;
  readonly changeFeed?: ChangeFeedSettings;
}

export class TopologyService {
  private discovery: TopologyDiscovery | null = null;
  private unsubscribe: (() => void) | null = null;
  private settingsKey: string | null = null;
  private problem: string | null = null;
  private lastVersion = 0;
  private redactor = new CredentialRedactor();
  private endpoints: ReadonlyMap<string, string> = new Map();
  private readonly listeners = new Set<(event: TopologyServiceEvent) => void>();
  private readonly lastReasons = new Map<string, string | null>();

  constructor(private readonly options: TopologyServiceOptions) {}

  /** Applies the settings: restarts discovery when they changed, does nothing otherwise. */
  configure(settings: TopologySettings): void {
    const key = JSON.stringify([settings.kubeconfig, [...settings.contexts], settings.trusted]);
    if (key === this.settingsKey) return;
    this.settingsKey = key;
    const before = this.state;
    this.stopDiscovery();
    try {
      const loaded = loadKubeconfig({ ...settings, env: this.options.env });
      this.redactor = redactorFor(loaded.endpoints);
      this.endpoints = new Map(
        loaded.endpoints.flatMap((endpoint) => (endpoint.server ? [[endpoint.name, endpoint.server]] : [])),
      );
      this.problem = null;
      this.log(
        'info',
        `topology: watching ${describeContexts(loaded.endpoints)} from ${loaded.files.join(', ')}`,
      );
      const discovery = TopologyDiscovery.start({
        endpoints: loaded.endpoints,
        watcher: this.options.watcher,
        changeFeed: this.options.changeFeed,
        startVersion: this.lastVersion,
      });
      this.discovery = discovery;
      this.unsubscribe = discovery.onDidChange((event) => {
        this.lastVersion = event.snapshot.version;
        this.logHealth(event.changes);
        this.emit(event.changes);
      });
      this.lastVersion = discovery.snapshot.version;
    } catch (error) {
      if (!(error instanceof KubeconfigError)) throw error;
      this.problem = error.message;
      this.log('info', `topology: no live clusters (${this.redactor.redact(error.message)})`);
    }
    // Everything that was known before may have changed.
    const names = new Set(
      [...before.snapshot.clusters, ...this.state.snapshot.clusters].map((cluster) => cluster.name),
    );
    this.emit([...names].map((cluster) => ({ cluster, keys: [], healthChanged: true })));
  }

  get state(): TopologyState {
    if (!this.discovery) {
      return {
        snapshot: { ...EMPTY_SNAPSHOT, version: this.lastVersion },
        health: [],
        problem: this.problem,
      };
    }
    return {
      snapshot: this.discovery.snapshot,
      health: this.discovery.health(),
      problem: null,
      endpoints: this.endpoints,
    };
  }

  /** Calls `listener` after every change of the snapshot; returns the unsubscribe function. */
  onDidChange(listener: (event: TopologyServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the current discovery's first sync is over (immediately without one). */
  whenSynced(): Promise<void> {
    return this.discovery?.whenSynced() ?? Promise.resolve();
  }

  dispose(): void {
    this.stopDiscovery();
    this.listeners.clear();
  }

  private stopDiscovery(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.discovery?.stop();
    this.discovery = null;
    this.lastReasons.clear();
  }

  private emit(changes: readonly ClusterChange[]): void {
    const event: TopologyServiceEvent = { state: this.state, changes };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log(
          'error',
          `topology listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  }

  /** One line per health change: `cluster west: in sync` or its stale reason. */
  private logHealth(changes: readonly ClusterChange[]): void {
    const health = this.discovery?.health() ?? [];
    for (const change of changes) {
      if (!change.healthChanged) continue;
      const current = health.find((entry) => entry.cluster === change.cluster);
      if (!current || current.state === 'connecting') continue;
      const reason = current.stale;
      if (this.lastReasons.has(change.cluster) && this.lastReasons.get(change.cluster) === reason) continue;
      this.lastReasons.set(change.cluster, reason);
      this.log(
        reason === null ? 'info' : 'warn',
        `topology: cluster ${change.cluster}: ${reason ?? 'in sync'}`,
      );
    }
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.log(level, this.redactor.redact(message));
  }
}

function redactorFor(endpoints: readonly ClusterEndpoint[]): CredentialRedactor {
  const redactor = new CredentialRedactor();
  for (const endpoint of endpoints) {
    const user = endpoint.config?.getCurrentUser();
    if (user) redactor.register(user.token, user.password, user.keyData, user.certData);
  }
  return redactor;
}

function describeContexts(endpoints: readonly ClusterEndpoint[]): string {
  if (endpoints.length === 0) return 'no context';
  return `context${endpoints.length > 1 ? 's' : ''} ${endpoints.map((endpoint) => endpoint.name).join(', ')}`;
}
