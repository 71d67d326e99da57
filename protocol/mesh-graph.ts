/**
 * The mesh map's graph as the server sends it (`meshwright/meshGraph`) and the webview draws it: networks
 * as boxes (`parent`), clusters, control planes and east-west gateways as nodes, serving and remote-secret
 * links as edges, parents before children. Built by server/src/views/mesh-graph.ts.
 */

/** A node's health: ok, stale (old or partial data), unreachable, unknown (never read). */
export type MeshHealth = 'ok' | 'stale' | 'unreachable' | 'unknown';

/** How one config cluster's copy of an object disagrees with the others. */
export interface DriftedObject {
  /** `DestinationRule bookinfo/ratings` */
  readonly resource: string;
  /** missing: the others have it; extra: only a minority has it; differs: the content differs. */
  readonly kind: 'missing' | 'extra' | 'differs';
  /** The cluster the copy was compared with (a majority holder, or another side of a tie); null if none. */
  readonly comparedWith: string | null;
  /** Differing fields (`spec.trafficPolicy.tls.mode`), at most a few; empty unless `differs`. */
  readonly fields: readonly string[];
  /** This cluster's copy as a read-only live document; null when the cluster has no copy. */
  readonly liveUri: string | null;
}

export type MeshNodeKind = 'network' | 'cluster' | 'controlPlane' | 'gateway';
/**
 * trust: a problem between two clusters (no common root, a remote secret that fails or soon will),
 * drawn red and dashed whatever other link joins them.
 */
export type MeshEdgeKind = 'serves' | 'eastWest' | 'remoteSecret' | 'trust';

export interface MeshGraphNode {
  readonly id: string;
  readonly kind: MeshNodeKind;
  /** The id of the network box holding this node. */
  readonly parent?: string;
  readonly label: string;
  /** The cluster (context name) a cluster or control-plane node stands for. */
  readonly cluster?: string;
  /** Network name; null for the default network. */
  readonly network: string | null;
  readonly role?: 'primary' | 'remote' | 'config' | 'unknown';
  /** Cluster nodes: istiod revisions; control-plane nodes: its revision. */
  readonly revisions?: readonly string[];
  readonly health: MeshHealth;
  /** The stale reason, with cause and way out; null when the data is current. */
  readonly healthReason: string | null;
  /** Istio objects where this cluster disagrees with the other primaries (cluster nodes; 0 elsewhere). */
  readonly drift: number;
  /** The first drifted objects (at most MAX_DRIFTED_LISTED). */
  readonly drifted?: readonly DriftedObject[];
  /** What is wrong with this node besides health and drift, one sentence each. */
  readonly problems?: readonly string[];
  /** Gateway nodes: `203.0.113.10:15443 (east)` per gateway. */
  readonly addresses?: readonly string[];
  /** Cluster nodes: the cluster's ambient waypoints, `namespace/name`; absent when it has none. */
  readonly waypoints?: readonly string[];
}

export interface MeshGraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: MeshEdgeKind;
  /** Trust edges: what is wrong, one sentence each (with its MESH code). */
  readonly problems?: readonly string[];
  /** Trust edges: error when a check fails, warning when it only warns. */
  readonly severity?: 'error' | 'warning';
}

export interface MeshGraph {
  /** The snapshot version the graph was built from. */
  readonly version: number;
  /** Parents before children. */
  readonly nodes: readonly MeshGraphNode[];
  readonly edges: readonly MeshGraphEdge[];
  /** Why there are no clusters (no kubeconfig, unknown context); null otherwise. */
  readonly problem: string | null;
}
