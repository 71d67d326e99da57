/**
 * The facts of a topology snapshot without its objects, grouped the way people think of a mesh:
 * clusters, networks (with their clusters and east-west gateways) and control planes (with the clusters
 * each serves). `meshwright topology --format json` prints exactly this; the language server sends it
 * (plus health) for the topology tree and map. Holds no credentials: a remote secret is its cluster and
 * data key, nothing more.
 */

export interface ClusterSummary {
  readonly name: string;
  readonly id: string;
  readonly network: string | null;
  readonly role: 'primary' | 'remote' | 'config' | 'unknown';
  readonly revisions: readonly string[];
  readonly meshId: string | null;
  readonly trustDomain: string | null;
  readonly controlPlane: string | null;
  readonly reachable: boolean;
  readonly stale: string | null;
  readonly remoteSecrets: readonly { readonly cluster: string; readonly key: string }[];
  readonly eastWestGateways: readonly {
    readonly network: string;
    readonly address: string | null;
    readonly port: number;
  }[];
  /** Namespaces in ambient mode, with the waypoint each names (`istio.io/use-waypoint`), if any. */
  readonly ambientNamespaces: readonly {
    readonly name: string;
    readonly waypoint: ObjectName | null;
  }[];
  /** Gateway API Gateways of class `istio-waypoint`, with the traffic each takes (`istio.io/waypoint-for`). */
  readonly waypoints: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly waypointFor: string;
  }[];
  /** Gateway API Gateways of class `istio-east-west`: the ambient cross-network gateways. */
  readonly ambientEastWestGateways: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly network: string | null;
    readonly address: string | null;
  }[];
}

export interface ObjectName {
  readonly namespace: string;
  readonly name: string;
}

export interface NetworkSummary {
  /** null: the clusters without a network label (Istio's default network). */
  readonly name: string | null;
  readonly clusters: readonly string[];
  readonly gateways: readonly {
    readonly cluster: string;
    readonly address: string | null;
    readonly port: number;
  }[];
}

export interface ControlPlaneSummary {
  /** The cluster istiod runs in, or for an external control plane the config cluster it reads. */
  readonly cluster: string;
  readonly revision: string;
  /** The clusters it serves: itself (unless a config cluster) and the remotes that name it. */
  readonly serves: readonly string[];
  /** Present for an external control plane: istiod runs outside `cluster` and reads its config there. */
  readonly external?: true;
}

export interface TopologySummary {
  readonly clusters: readonly ClusterSummary[];
  readonly networks: readonly NetworkSummary[];
  readonly controlPlanes: readonly ControlPlaneSummary[];
}
