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

/**
 * Client → server request: the text of a live object's read-only virtual document
 * (`meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`), the rendering diagnostics' ranges refer to.
 * Answers null when the object is not (or no longer) in the clusters.
 */
export const LIVE_DOCUMENT_REQUEST = 'meshwright/liveDocument';
export interface LiveDocumentParams {
  readonly uri: string;
}

/** Settings under `meshwright.*` that the server reads through workspace/configuration. */
export interface MeshwrightSettings {
  readonly validation: { readonly enable: boolean };
  readonly kubeconfig: string;
  readonly contexts: readonly string[];
  /** `CODE=Kind name.namespace` patterns, as `meshwright analyze --suppress`. */
  readonly suppress: readonly string[];
  /** Offline cluster states: cluster name → workspace-relative files or directories holding its objects. */
  readonly clusters: Readonly<Record<string, readonly string[]>>;
  /** Workspace-relative MeshConfig file (a MeshConfig document or the istio ConfigMap); '' for none. */
  readonly meshConfig: string;
}

export const DEFAULT_SETTINGS: MeshwrightSettings = {
  validation: { enable: true },
  kubeconfig: '',
  contexts: [],
  suppress: [],
  clusters: {},
  meshConfig: '',
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
  /**
   * `client`: the client watches the workspace's YAML files itself and sends workspace/didChangeWatchedFiles
   * (the VS Code extension does), so the server does not register a watcher of its own.
   */
  readonly fileWatching?: 'client' | 'server';
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

/*
 * Targets and apply (issues 5 and 6). A document's targets are the primaries (config clusters) it is meant
 * for: by default every primary of the mesh, narrowed by a `# meshwright: clusters=...` modeline or the
 * `meshwright.targets` setting. The server computes them; the client shows them in CodeLenses and applies.
 */

/** Client → server request: the targets of every Istio document of a file. */
export const DOCUMENT_TARGETS_REQUEST = 'meshwright/documentTargets';
export interface DocumentTargetsParams {
  readonly uri: string;
}
export interface DocumentTargets {
  /** Zero-based range of the YAML document (its first to last line). */
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
  readonly resource: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
  };
  /** Cluster (context) names the document is meant for, in a stable order. */
  readonly targets: readonly string[];
  /** Targets that are remote clusters: no control plane reads Istio config there (MESH107). */
  readonly remoteTargets: readonly string[];
  /** Why these targets: the mesh's primaries by default, a modeline, or a workspace setting. */
  readonly source: 'default' | 'modeline' | 'setting';
}
export interface DocumentTargetsResult {
  readonly documents: readonly DocumentTargets[];
}

/**
 * Client commands that the server's code actions (MESH2xx quick fixes) invoke. The client registers them;
 * the server only names them in CodeAction.command.
 */
export const OPEN_LIVE_DIFF_COMMAND = 'meshwright.openLiveDiff';
/** Arguments of OPEN_LIVE_DIFF_COMMAND: diff the authored document against one cluster's live copy. */
export interface OpenLiveDiffArgs {
  /** The authored file. */
  readonly uri: string;
  /** Zero-based line range of the YAML document inside the file. */
  readonly documentRange: DocumentTargets['range'];
  readonly cluster: string;
  /** `meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`, served by LIVE_DOCUMENT_REQUEST. */
  readonly liveUri: string;
}

export const APPLY_DOCUMENT_COMMAND = 'meshwright.applyDocument';
/** Arguments of APPLY_DOCUMENT_COMMAND: server-side apply one document (dry run and confirmation first). */
export interface ApplyDocumentArgs {
  readonly uri: string;
  readonly documentRange: DocumentTargets['range'];
  /** The clusters to apply to; the client asks when absent. */
  readonly clusters?: readonly string[];
}
