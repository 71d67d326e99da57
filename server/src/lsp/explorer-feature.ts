/**
 * The sidebar's server side: the Topology tree's lazy children (a cluster's namespaces, a
 * namespace's Services and Istio config), the Policies inventory, and the problems of live objects for
 * the tree's badges. Requests are answered at once from the latest snapshot (pure builders in
 * topology/explorer-*.ts and views/policy-inventory.ts). Problems follow the analysis: after each of
 * its refreshes the live objects whose diagnostics may have changed are recounted (in the background,
 * in chunks) and the client is told, debounced, to ask again.
 */
import { type Connection } from 'vscode-languageserver';
import { type AnalysisView } from '../analysis/session/analysis-view';
import { clusterNamespaces, namespaceContents } from '../views/explorer-namespaces';
import { LiveProblemIndex } from '../views/explorer-problems';
import { policyInventory } from '../views/policy-inventory';
import { type TopologySnapshot } from '../mesh/snapshot';
import { LIVE_OBJECT_SCHEME, liveObjectUri } from '../yaml/live-object-document';
import {
  EXPLORER_NAMESPACE_REQUEST,
  EXPLORER_NAMESPACES_REQUEST,
  EXPLORER_PROBLEMS_CHANGED_NOTIFICATION,
  EXPLORER_PROBLEMS_REQUEST,
  type ExplorerClusterParams,
  type ExplorerNamespaceParams,
  type ExplorerNamespaceResult,
  type ExplorerNamespacesResult,
  type ExplorerProblemsChangedParams,
  type ExplorerProblemsResult,
  POLICY_INVENTORY_REQUEST,
  type PolicyInventory,
} from '../../../protocol/requests';
import { type Timers, Throttle, systemTimers, yieldToEventLoop } from './timers';

/** Quiet period before changed objects are recounted: the analysis publishes in bursts. */
const RECOUNT_DELAY_MS = 100;
/** The client hears about problem changes at most this often. */
const NOTIFICATION_INTERVAL_MS = 250;
/** Objects recounted between two turns of the event loop. */
const RECOUNTS_PER_STEP = 2000;

export interface ExplorerFeatureOptions {
  readonly snapshot: () => TopologySnapshot;
  /** The analysis to count live objects' problems from; undefined while it has none to give (none counted). */
  readonly analysis: () => Pick<AnalysisView, 'liveFindings'> | undefined;
  readonly timers?: Timers;
}

export interface ExplorerFeature {
  /** The analysis re-ran; these URIs' diagnostics may have changed (only `meshwright:/` ones matter). */
  analysisRefreshed(changedUris: readonly string[]): void;
  /** Something that filters every diagnostic changed (suppressions, validation on/off): recount all. */
  recountAll(): void;
  dispose(): void;
}

export function registerExplorerFeature(
  connection: Connection,
  options: ExplorerFeatureOptions,
): ExplorerFeature {
  const timers = options.timers ?? systemTimers;
  const problems = new LiveProblemIndex();
  let inventory: { snapshot: TopologySnapshot; result: PolicyInventory } | undefined;

  connection.onRequest(
    EXPLORER_NAMESPACES_REQUEST,
    (params: ExplorerClusterParams): ExplorerNamespacesResult => {
      const snapshot = options.snapshot();
      if (typeof params?.cluster !== 'string')
        return { version: snapshot.version, known: false, namespaces: [] };
      return { version: snapshot.version, ...clusterNamespaces(snapshot, params.cluster, problems) };
    },
  );
  connection.onRequest(
    EXPLORER_NAMESPACE_REQUEST,
    (params: ExplorerNamespaceParams): ExplorerNamespaceResult => {
      const snapshot = options.snapshot();
      if (typeof params?.cluster !== 'string' || typeof params.namespace !== 'string') {
        return { version: snapshot.version, known: false, services: [], configObjects: [] };
      }
      return {
        version: snapshot.version,
        ...namespaceContents(snapshot, params.cluster, params.namespace, problems),
      };
    },
  );
  connection.onRequest(EXPLORER_PROBLEMS_REQUEST, (): ExplorerProblemsResult => ({
    version: problems.version,
    clusters: problems.clusters(),
    total: problems.total(),
  }));
  connection.onRequest(POLICY_INVENTORY_REQUEST, (): PolicyInventory => {
    const snapshot = options.snapshot();
    // The inventory compares every object across primaries: computed once per snapshot.
    if (inventory?.snapshot !== snapshot) {
      inventory = { snapshot, result: { version: snapshot.version, ...policyInventory(snapshot) } };
    }
    return inventory.result;
  });

  // ---- Recounting problems after the analysis ----

  const problemsChanged = new Throttle(
    () => {
      const params: ExplorerProblemsChangedParams = { version: problems.version };
      void connection.sendNotification(EXPLORER_PROBLEMS_CHANGED_NOTIFICATION, params);
    },
    { intervalMs: NOTIFICATION_INTERVAL_MS, timers },
  );

  const pending = new Set<string>();
  let recountTimer: unknown;
  let recounting = false;
  let disposed = false;

  const scheduleRecount = (): void => {
    if (recountTimer !== undefined || recounting || disposed) return;
    recountTimer = timers.setTimeout(() => {
      recountTimer = undefined;
      void recount();
    }, RECOUNT_DELAY_MS);
  };

  const recount = async (): Promise<void> => {
    recounting = true;
    let changed = false;
    try {
      while (pending.size > 0 && !disposed) {
        const batch = [...pending].slice(0, RECOUNTS_PER_STEP);
        const analysis = options.analysis();
        for (const uri of batch) {
          pending.delete(uri);
          if (problems.set(uri, analysis?.liveFindings(uri) ?? [])) changed = true;
        }
        if (pending.size > 0) await yieldToEventLoop();
      }
    } catch (error) {
      connection.console.error(`explorer: counting the live objects' problems failed: ${String(error)}`);
    } finally {
      recounting = false;
    }
    if (changed) problemsChanged.request();
    if (pending.size > 0) scheduleRecount();
  };

  return {
    analysisRefreshed: (changedUris) => {
      let added = false;
      for (const uri of changedUris) {
        if (!uri.startsWith(`${LIVE_OBJECT_SCHEME}:`)) continue;
        pending.add(uri);
        added = true;
      }
      if (added) scheduleRecount();
    },
    recountAll: () => {
      for (const uri of problems.uris()) pending.add(uri);
      for (const cluster of options.snapshot().clusters) {
        for (const object of cluster.objects) {
          pending.add(
            liveObjectUri(cluster.name, object.kind, object.metadata.namespace ?? '', object.metadata.name),
          );
        }
      }
      scheduleRecount();
    },
    dispose: () => {
      disposed = true;
      if (recountTimer !== undefined) timers.clearTimeout(recountTimer);
      problemsChanged.dispose();
    },
  };
}
