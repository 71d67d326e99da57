/**
 * Custom LSP messages between the VS Code client and the Meshwright language server. Types and method
 * names only (no runtime dependencies), so the client can import this file without pulling in the server.
 */
import type { ClusterState } from '../topology/cluster-health';
import type { TopologySummary } from '../topology/topology-summary';

/** Client → server request: validate every YAML file of the workspace folders and publish the results. */
export const ANALYZE_WORKSPACE_REQUEST = 'meshwright/analyzeWorkspace';
export interface AnalyzeWorkspaceResult {
  readonly files: number;
  readonly diagnostics: number;
}

/** Settings under `meshwright.*` that the server reads through workspace/configuration. */
export interface MeshwrightSettings {
  readonly validation: { readonly enable: boolean };
  readonly kubeconfig: string;
  readonly contexts: readonly string[];
}

export const DEFAULT_SETTINGS: MeshwrightSettings = {
  validation: { enable: true },
  kubeconfig: '',
  contexts: [],
};

/**
 * The `data` of every diagnostic the server publishes: which object it is about and where that object
 * lives, for code actions and tree badges. Never carries secrets.
 */
export interface MeshDiagnosticData {
  readonly resource?: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
  };
  /** The cluster of a live object; null for authored documents. */
  readonly cluster: string | null;
  /** Analyzer-specific details (MeshDiagnostic.data). */
  readonly details?: unknown;
}

/** `initializationOptions` the server understands (all optional). */
export interface MeshwrightInitializationOptions {
  /** Quiet period after an edit before validating, in milliseconds (default 200). */
  readonly validationDelayMs?: number;
  /** The `meshwright` settings section, for clients that neither answer workspace/configuration nor push it. */
  readonly meshwright?: unknown;
  /**
   * Whether the workspace is trusted (default false): only then may kubeconfig credential plugins
   * (`exec`, `auth-provider`) run. Editors without workspace trust send true when the user opts in.
   */
  readonly trustedWorkspace?: boolean;
}

/*
 * Live topology (issue 4). The server watches the kubeconfig's clusters in the background; the client
 * asks for the current state and is told when it changes (for the topology tree and map). Facts and
 * health only: never objects, never credentials.
 */

/** Client → server request (no params): the current topology. Answered at once from the latest snapshot. */
export const TOPOLOGY_REQUEST = 'meshwright/topology';

/** Per cluster: what discovery can say about it now. */
export interface ClusterHealthView {
  readonly cluster: string;
  /** connecting, synced, degraded (some types unreadable), unreachable, unauthorized, refused (not contacted). */
  readonly state: ClusterState;
  readonly reachable: boolean;
  /** Cause and way out, e.g. `cluster west unreachable (ECONNREFUSED 127.0.0.1:41234); ...`; null when fresh. */
  readonly stale: string | null;
  /** ISO 8601 time the cluster was last known in sync; null when it never was. */
  readonly lastSyncAt: string | null;
  /** Resource types that could not be read (RBAC, errors). */
  readonly unreadable: readonly string[];
}

/** The result of `meshwright/topology`: the same clusters/networks/controlPlanes as `meshwright topology --format json`. */
export interface TopologyView extends TopologySummary {
  /** The snapshot version; increases with every change. */
  readonly version: number;
  readonly health: readonly ClusterHealthView[];
  /** Why no cluster is watched (no kubeconfig, unknown context); null otherwise. */
  readonly problem: string | null;
}

/** Server → client notification (debounced): the topology changed. */
export const TOPOLOGY_CHANGED_NOTIFICATION = 'meshwright/topologyChanged';
export interface TopologyChangedParams {
  readonly version: number;
  /** Clusters whose objects or health changed since the previous notification. */
  readonly changedClusters: readonly string[];
  readonly topology: TopologyView;
}

/**
 * Client → server notification: the workspace trust changed (VS Code's "Trust" button). Kubeconfig
 * `exec` credential plugins and auth-providers run only in a trusted workspace; the initial value is
 * `MeshwrightInitializationOptions.trustedWorkspace`.
 */
export const WORKSPACE_TRUST_NOTIFICATION = 'meshwright/workspaceTrust';
export interface WorkspaceTrustParams {
  readonly trusted: boolean;
}
