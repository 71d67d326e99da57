/**
 * Custom LSP messages between the VS Code client and the Meshwright language server. Types and method
 * names only (no runtime dependencies), so the client can import this file without pulling in the server.
 */
import type { ClusterState } from './cluster-states';
import type { TopologySummary } from './topology-summary';
import type { ApplyPlan } from './apply';

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
  /**
   * Document targets by workspace-relative glob: the first rule matching a file gives the clusters its
   * documents are meant for (a `# meshwright: clusters=...` modeline in the file beats it).
   */
  readonly targets: readonly TargetsRule[];
}

/** One entry of `meshwright.targets`. */
export interface TargetsRule {
  readonly files: string;
  readonly clusters: readonly string[];
}

export const DEFAULT_SETTINGS: MeshwrightSettings = {
  validation: { enable: true },
  kubeconfig: '',
  contexts: [],
  suppress: [],
  clusters: {},
  meshConfig: '',
  targets: [],
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
 * Live topology. The server watches the kubeconfig's clusters in the background; the client
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
 * Targets and apply. A document's targets are the primaries (config clusters) it is meant
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
  /**
   * Why these targets: the mesh's primaries by default, a modeline, a workspace setting, or the
   * repository's Argo CD / Flux objects (`gitops`).
   */
  readonly source: 'default' | 'modeline' | 'setting' | 'gitops';
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

/*
 * Explorer: the sidebar's Topology and Policies views. The tree's lazy children and the policy
 * inventory are answered at once from the latest snapshot; problem counts come from the analysis of the
 * live objects (the same diagnostics an opened `meshwright:/` document shows). The views refresh on
 * TOPOLOGY_CHANGED_NOTIFICATION and EXPLORER_PROBLEMS_CHANGED_NOTIFICATION.
 */

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** One diagnostic, shortened for a tooltip. */
export interface ProblemLine {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** The `meshwright:/` document the diagnostic is on. */
  readonly uri: string;
}

/** Counts plus the most severe few diagnostics (at most three), for badges and tooltips. */
export interface ProblemSummary extends ProblemCounts {
  readonly top: readonly ProblemLine[];
}

/** Client → server request: the namespaces of one cluster (the tree's children of a cluster node). */
export const EXPLORER_NAMESPACES_REQUEST = 'meshwright/explorer/namespaces';
export interface ExplorerClusterParams {
  readonly cluster: string;
}
/** How a namespace's workloads join the mesh: injected sidecars, the ambient data plane, or neither. */
export type DataPlaneMode = 'sidecar' | 'ambient' | 'none';
export interface ExplorerNamespace {
  readonly name: string;
  /** `enabled`, `disabled`, `rev=<revision>` from the namespace's labels; null when unlabelled. */
  readonly injection: string | null;
  readonly dataPlaneMode: DataPlaneMode;
  /** The waypoints (Gateway API Gateways of a waypoint class) in this namespace, by name. */
  readonly waypoints: readonly string[];
  /** `namespace/name` of the waypoint the namespace's `istio.io/use-waypoint` names; null without one. */
  readonly useWaypoint: string | null;
  readonly services: number;
  /** Istio and Gateway API objects. */
  readonly configObjects: number;
  /** The problems of the live objects in this namespace of this cluster (the Namespace object included). */
  readonly problems: ProblemSummary;
}
export interface ExplorerNamespacesResult {
  readonly version: number;
  /** False when the snapshot has no such cluster (removed from the kubeconfig meanwhile). */
  readonly known: boolean;
  readonly namespaces: readonly ExplorerNamespace[];
}

/** Client → server request: the Services and Istio config objects of one namespace of one cluster. */
export const EXPLORER_NAMESPACE_REQUEST = 'meshwright/explorer/namespace';
export interface ExplorerNamespaceParams {
  readonly cluster: string;
  readonly namespace: string;
}
/** A Service's endpoints in one cluster: the pods its selector picks there, and how many run. */
export interface ServiceEndpoints {
  readonly cluster: string;
  /** Pods in phase Running. */
  readonly ready: number;
  readonly total: number;
}
export interface ExplorerService {
  readonly name: string;
  /** `reviews.bookinfo.svc.cluster.local` */
  readonly host: string;
  /** The live copy of this cluster's Service. */
  readonly uri: string;
  readonly ports: readonly {
    readonly name: string | null;
    readonly port: number;
    readonly protocol: string;
  }[];
  /** Per cluster of the mesh that has a Service of this name in this namespace (Istio merges them). */
  readonly endpoints: readonly ServiceEndpoints[];
  readonly problems: ProblemSummary;
}
export interface ExplorerConfigObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`, served by LIVE_DOCUMENT_REQUEST. */
  readonly uri: string;
  /**
   * A Gateway API route's parents (the Gateways and Services its `parentRefs` name) as live URIs in
   * this cluster, whether or not they exist; empty for every other object.
   */
  readonly parentUris: readonly string[];
  /** What a Gateway API Gateway is for Istio, by its class: `waypoint`, `east-west gateway`; else null. */
  readonly gatewayRole: string | null;
  readonly problems: ProblemSummary;
}
export interface ExplorerNamespaceResult {
  readonly version: number;
  readonly known: boolean;
  readonly services: readonly ExplorerService[];
  readonly configObjects: readonly ExplorerConfigObject[];
}

/** Client → server request (no params): the problems of the live objects, per cluster. */
export const EXPLORER_PROBLEMS_REQUEST = 'meshwright/explorer/problems';
export interface ExplorerProblemsResult {
  /** Increases whenever a live object's problems change. */
  readonly version: number;
  readonly clusters: readonly { readonly cluster: string; readonly problems: ProblemSummary }[];
  readonly total: ProblemCounts;
}

/** Server → client notification (debounced): the live objects' problems changed; ask again. */
export const EXPLORER_PROBLEMS_CHANGED_NOTIFICATION = 'meshwright/explorer/problemsChanged';
export interface ExplorerProblemsChangedParams {
  readonly version: number;
}

/**
 * Client → server request (no params): the Policies view. Per host, the Istio objects that configure it
 * and, per primary, whether that primary holds a copy identical to the reference copy (the first primary
 * holding it), a differing one (with the fields), or none. Objects without a host (PeerAuthentication,
 * AuthorizationPolicy, Sidecar, ...) are listed per namespace. Drift means what MESH201/MESH202 mean
 * (server/src/analysis/model/object-drift.ts).
 */
export const POLICY_INVENTORY_REQUEST = 'meshwright/policyInventory';
export type PolicyCopyState = 'reference' | 'identical' | 'differs' | 'missing';
export interface PolicyCopy {
  readonly cluster: string;
  readonly state: PolicyCopyState;
  /** The live copy; null when missing. */
  readonly uri: string | null;
  /** `spec.subsets`, ... where this copy differs from the reference; empty otherwise. */
  readonly differingFields: readonly string[];
}
export interface PolicyObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** identical: every primary holds the same; differs: some copies differ; missing: some primaries lack it. */
  readonly status: 'identical' | 'differs' | 'missing';
  /** One per primary, in the mesh's order. */
  readonly copies: readonly PolicyCopy[];
  /** Remote clusters that hold a copy no control plane reads (MESH107). */
  readonly remoteCopies: readonly string[];
}
export interface PolicyHost {
  /** `host:reviews.bookinfo.svc.cluster.local` or `namespace:istio-system`: stable, for tree ids. */
  readonly key: string;
  /** The host, or the namespace for objects without a host. */
  readonly label: string;
  readonly scope: 'host' | 'namespace';
  /** The worst status of its objects. */
  readonly status: 'identical' | 'differs' | 'missing';
  readonly objects: readonly PolicyObject[];
}
export interface PolicyInventory {
  readonly version: number;
  /** The primaries (and config clusters) compared, in the mesh's order. */
  readonly primaries: readonly string[];
  readonly hosts: readonly PolicyHost[];
}

/*
 * Mesh map: the webview's graph, computed by the server from the latest snapshot, the clusters'
 * health and the drift between primaries (server/src/views/mesh-graph.ts). The client asks again when
 * TOPOLOGY_CHANGED_NOTIFICATION arrives; there is no notification of its own.
 */

/** Client → server request (no params): the mesh graph. Answered at once from the latest snapshot. */
export const MESH_GRAPH_REQUEST = 'meshwright/meshGraph';
export type {
  DriftedObject,
  MeshEdgeKind,
  MeshGraph,
  MeshGraphEdge,
  MeshGraphNode,
  MeshHealth,
  MeshNodeKind,
} from './mesh-graph';

/*
 * Server-side apply: a dry run on every target first (`meshwright/applyPlan`), then the real apply
 * (`meshwright/apply`), both with field manager `meshwright`. The client sends the document's text (the
 * editor's, saved or not) and the clusters the user confirmed; the server loads the kubeconfig as discovery
 * does, refuses remote clusters (MESH107) and clusters whose role it does not know yet before any request,
 * and answers per cluster. The apply must present the plan's token (same text, planned clusters only), is
 * preceded by the server's own dry run in each cluster, and writes a kind outside Istio and the Gateway API
 * only when `allowedKinds` names it. Both requests honour cancellation and report per-cluster progress
 * through `workDoneToken`. See docs/apply.md.
 */

/** The YAML document to apply: exactly one document's text (a segment of the file). */
export interface ApplySource {
  /** The file it comes from, for the server's log. */
  readonly uri: string;
  readonly text: string;
}

/** Client → server request: the dry run. Answers an ApplyPlanResult (per cluster: create/change/unchanged/failed). */
export const APPLY_PLAN_REQUEST = 'meshwright/applyPlan';
export interface ApplyPlanParams {
  readonly document: ApplySource;
  /** Context names, in the order the report lists them. */
  readonly clusters: readonly string[];
  readonly workDoneToken?: string | number;
}
export interface ApplyPlanResult extends ApplyPlan {
  /**
   * Seals this dry run's document text and clusters: the apply of this plan sends it back (`planToken`),
   * and an apply of another text or of a cluster not planned is refused. Null when `problem` is set.
   */
  readonly planToken: string | null;
}

/** Client → server request: the real apply, cluster after cluster. Answers an ApplyReport. */
export const APPLY_REQUEST = 'meshwright/apply';
export interface ApplyParams extends ApplyPlanParams {
  /** Take over fields that other field managers own (only after the user chose to force). */
  readonly force: boolean;
  /** The `planToken` of the dry run the user confirmed; `clusters` must be among the ones it planned. */
  readonly planToken: string;
  /**
   * Kinds outside Istio and the Gateway API the user confirmed in a dialog naming them, as the plan's
   * `kindToConfirm` names them; any other such kind is refused (`kind-not-allowed`). Omitted = none.
   */
  readonly allowedKinds?: readonly string[];
}
export type {
  ApplyReport as ApplyResult,
  ApplyFailure,
  ApplyFailureKind,
  ApplyOutcome,
  ClusterApplyResult,
  ClusterPlan,
  FieldConflict,
  PlanOutcome,
} from './apply';
