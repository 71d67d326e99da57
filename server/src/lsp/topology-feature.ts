/**
 * The language server's live topology: a TopologyService driven by the `meshwright.kubeconfig` and
 * `meshwright.contexts` settings and the workspace trust the client reports, the `meshwright/topology`
 * request (answered at once from the latest snapshot), the debounced `meshwright/topologyChanged`
 * notification, and `onSnapshot`, the hook the analysis integration uses to re-analyse what a change
 * touches. Discovery runs in the background; no handler here waits for a cluster.
 */
import { type Connection } from 'vscode-languageserver';
import { type ClusterHealth } from '../topology/cluster-health';
import { type TopologySnapshot } from '../mesh/snapshot';
import {
  type TopologyServiceEvent,
  type TopologyServiceOptions,
  TopologyService,
  type TopologyState,
} from '../topology/topology-service';
import { summarizeTopology } from '../views/topology-summary';
import {
  type ClusterHealthView,
  type MeshwrightSettings,
  TOPOLOGY_CHANGED_NOTIFICATION,
  TOPOLOGY_REQUEST,
  type TopologyChangedParams,
  type TopologyView,
  WORKSPACE_TRUST_NOTIFICATION,
  type WorkspaceTrustParams,
} from '../../../protocol/requests';
import { Throttle } from './timers';

/** The client hears about changes at most this often (the snapshot itself is already debounced). */
const NOTIFICATION_INTERVAL_MS = 250;

export interface TopologyFeature {
  /** The latest snapshot, for analysis. */
  snapshot(): TopologySnapshot;
  /** The latest snapshot with each cluster's health as of it (the apply guards read both). */
  state(): TopologyState;
  /** Called with every new snapshot and what changed in it; returns the unsubscribe function. */
  onSnapshot(listener: (event: TopologyServiceEvent) => void): () => void;
  /** Initial trust (initializationOptions.trustedWorkspace); the client may change it later. */
  setTrusted(trusted: boolean): void;
  /** Whether credential plugins may run now (the apply feature loads the kubeconfig with the same trust). */
  trusted(): boolean;
  /** (Re)applies the settings; call after initialize and on every configuration change. */
  configure(settings: MeshwrightSettings): void;
  dispose(): void;
}

export function registerTopologyFeature(
  connection: Connection,
  serviceOptions: Partial<TopologyServiceOptions> = {},
): TopologyFeature {
  const service = new TopologyService({
    log: (level, message) => connection.console[level === 'warn' ? 'warn' : level](message),
    ...serviceOptions,
  });
  let trusted = false;
  let settings: MeshwrightSettings | undefined;
  let configured = false;
  const apply = (): void => {
    if (!settings) return;
    configured = true;
    service.configure({ kubeconfig: settings.kubeconfig, contexts: settings.contexts, trusted });
  };

  connection.onRequest(TOPOLOGY_REQUEST, (): TopologyView => topologyView(service.state));
  connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: WorkspaceTrustParams) => {
    trusted = params?.trusted === true;
    apply();
  });

  const pendingClusters = new Set<string>();
  const topologyChanged = new Throttle(
    () => {
      const topology = topologyView(service.state);
      const params: TopologyChangedParams = {
        version: topology.version,
        changedClusters: [...pendingClusters],
        topology,
      };
      pendingClusters.clear();
      void connection.sendNotification(TOPOLOGY_CHANGED_NOTIFICATION, params);
    },
    { intervalMs: NOTIFICATION_INTERVAL_MS },
  );
  service.onDidChange((event) => {
    for (const change of event.changes) pendingClusters.add(change.cluster);
    topologyChanged.request();
  });

  return {
    snapshot: () => service.state.snapshot,
    state: () => service.state,
    onSnapshot: (listener) => service.onDidChange(listener),
    trusted: () => trusted,
    setTrusted: (value) => {
      trusted = value;
      if (configured) apply();
    },
    configure: (next) => {
      settings = next;
      apply();
    },
    dispose: () => {
      topologyChanged.dispose();
      service.dispose();
    },
  };
}

export function topologyView(state: TopologyState): TopologyView {
  return {
    version: state.snapshot.version,
    ...summarizeTopology(state.snapshot),
    health: state.health.map(healthView),
    problem: state.problem,
  };
}

function healthView(health: ClusterHealth): ClusterHealthView {
  return {
    cluster: health.cluster,
    state: health.state,
    reachable: health.reachable,
    stale: health.stale,
    lastSyncAt: health.lastSyncAt !== null ? new Date(health.lastSyncAt).toISOString() : null,
    unreadable: health.unreadable,
  };
}
