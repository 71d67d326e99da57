/**
 * The topology snapshot: what Meshwright knows about every cluster of the mesh at one moment, immutable,
 * handed to the analysis engine. Live discovery (kubeconfig + watches) and offline analysis
 * (`--cluster NAME=DIR`) both produce it, so the engine cannot tell them apart and gives the same results.
 *
 * Cluster facts (role, network, control plane, gateways, remote secrets) are derived from the objects by
 * a pure function, never stored by hand, so that live and offline agree.
 */
import { type CertificateFact } from './certificate-bundle';
import { type RemoteAccessSummary } from './remote-secret-summary';

/** A Kubernetes object as the API returns it (status and managedFields may be present). */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: KubeObjectMeta;
  readonly [field: string]: unknown;
}

export interface KubeObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly resourceVersion?: string;
  readonly uid?: string;
  readonly [field: string]: unknown;
}

/**
 * primary: runs istiod and reads its own config; remote: served by another cluster's istiod, its Istio
 * config is ignored; config: the config cluster of an external control plane; unknown: no Istio found.
 */
export type ClusterRole = 'primary' | 'remote' | 'config' | 'unknown';

export interface RemoteSecretFact {
  /** The cluster ID the secret claims to reach (its data key), never its contents. */
  readonly cluster: string;
  readonly key: string;
  /** `networking.istio.io/cluster` annotation, when present. */
  readonly annotatedCluster: string | null;
  readonly secret: { readonly namespace: string; readonly name: string };
  /**
   * What its kubeconfig says (server URL, CA fingerprint, the token's unverified claims), never the
   * credential; null when unknown (an older snapshot, a value that could not be summarised).
   */
  readonly access?: RemoteAccessSummary | null;
}

/** What a cluster's control plane trusts and runs: public facts only, never a key or a token. */
export interface TrustFacts {
  /** The roots istiod publishes (`istio-ca-root-cert` in istio-system); null when that ConfigMap is not known. */
  readonly roots: readonly CertificateFact[] | null;
  /** A plugged-in CA (Secret `cacerts` in istio-system) exists; known from its metadata alone. */
  readonly pluggedInCa: boolean;
  /** istiod's own self-signed CA (Secret `istio-ca-secret`) exists. */
  readonly selfSignedCa: boolean;
  /**
   * The plugged-in intermediate (`ca-cert.pem` of `cacerts`), when a cluster file carries its data; live
   * discovery never reads that Secret (it holds the CA's private key).
   */
  readonly caCertificate: CertificateFact | null;
  readonly istiods: readonly IstiodFact[];
}

export interface IstiodFact {
  /** The Deployment's name: `istiod`, `istiod-1-24`. */
  readonly name: string;
  readonly revision: string;
  /** The image tag: `1.24.2`, `1.24.2-distroless`; null when the image has no tag. */
  readonly version: string | null;
}

export interface EastWestGatewayFact {
  readonly network: string;
  readonly address: string | null;
  readonly port: number;
  readonly service: { readonly namespace: string; readonly name: string };
}

/** A namespace in ambient mode (`istio.io/dataplane-mode=ambient`, no sidecar injection label). */
export interface AmbientNamespaceFact {
  readonly name: string;
  /** The waypoint its `istio.io/use-waypoint` (and `-namespace`) names; null without one or with `none`. */
  readonly waypoint: { readonly namespace: string; readonly name: string } | null;
}

/** A Gateway API Gateway of class `istio-waypoint`: an ambient L7 proxy. */
export interface WaypointFact {
  readonly gateway: { readonly namespace: string; readonly name: string };
  readonly className: string;
  /** `istio.io/waypoint-for` of the Gateway, else of its GatewayClass, else `service`. */
  readonly waypointFor: string;
  /** Its `topology.istio.io/network` label, when labelled. */
  readonly network: string | null;
}

/** One listener of a Gateway API Gateway, as far as the east-west checks need it. */
export interface GatewayListenerFact {
  readonly name: string;
  readonly port: number | null;
  readonly protocol: string | null;
  /** `tls.mode` (`Terminate`, `Passthrough`). */
  readonly tlsMode: string | null;
  /** `tls.options["gateway.istio.io/tls-terminate-mode"]` (`ISTIO_MUTUAL`). */
  readonly tlsTerminateMode: string | null;
}

/** A Gateway API Gateway of class `istio-east-west`: the ambient cross-network gateway. */
export interface AmbientEastWestGatewayFact {
  readonly gateway: { readonly namespace: string; readonly name: string };
  /** Its `topology.istio.io/network` label. */
  readonly network: string | null;
  /** The first of `status.addresses`. */
  readonly address: string | null;
  readonly listeners: readonly GatewayListenerFact[];
}

export interface ClusterSnapshot {
  /** Kubeconfig context name (or the NAME of `--cluster NAME=DIR`). Diagnostics name clusters by it. */
  readonly name: string;
  /** istiod's CLUSTER_ID, else the name. */
  readonly id: string;
  readonly network: string | null;
  readonly role: ClusterRole;
  readonly revisions: readonly string[];
  readonly meshId: string | null;
  readonly trustDomain: string | null;
  /** Name of the cluster whose control plane serves this one (itself for a primary). */
  readonly controlPlane: string | null;
  readonly reachable: boolean;
  /** Why the data is old or partial (unreachable, RBAC refusal, expired credentials); null when fresh. */
  readonly stale: string | null;
  /**
   * The resource types Meshwright could not read in this cluster (RBAC refusal, server error, cluster
   * down before they were listed): the objects of these types are unknown, not absent, so checks that
   * need them say nothing about this cluster. A type listed once and failing since counts as read (its
   * last known objects are kept, the stale reason says how old). Absent: every type was read (cluster
   * files, fixtures).
   */
  readonly unread?: readonly UnreadType[];
  readonly remoteSecrets: readonly RemoteSecretFact[];
  /** Roots, CAs and istiod versions; absent in snapshots made by hand (fixtures). */
  readonly trust?: TrustFacts;
  /** The API server URL the kubeconfig gives for this cluster (live clusters only). */
  readonly apiServer?: string | null;
  readonly eastWestGateways: readonly EastWestGatewayFact[];
  /** Namespaces in ambient mode, by name. */
  readonly ambientNamespaces: readonly AmbientNamespaceFact[];
  /** Waypoints (Gateways of class `istio-waypoint`), by namespace and name. */
  readonly waypoints: readonly WaypointFact[];
  /** Ambient east-west gateways (Gateways of class `istio-east-west`), by namespace and name. */
  readonly ambientEastWestGateways: readonly AmbientEastWestGatewayFact[];
  /**
   * Every object known in the cluster: namespaces, nodes, services, pods, deployments, istiod's
   * ConfigMaps, Istio config, webhooks, and Secrets *without their data* (keys only).
   */
  readonly objects: readonly KubeObject[];
}

/** A resource type that could not be read in a cluster, and why. */
export interface UnreadType {
  /** The watched type: `destinationrules.networking.istio.io`, `secrets in istio-system`. */
  readonly id: string;
  /**
   * Its kind as the analysis names kinds (`Kind.group`): `DestinationRule.networking.istio.io`, `Secret`;
   * REMOTE_SECRETS_KIND for the remote secrets, which only the clusters' facts are derived from.
   */
  readonly kind: string;
  /** Why it was not read: `RBAC: cannot list destinationrules.networking.istio.io (403)`. */
  readonly reason: string;
}

/**
 * The unread "kind" of a cluster's remote secrets. They are Secrets, but unlike the other Secrets (gateway
 * credentials, read by name) only the topology is derived from them: a gap in one does not blind the
 * checks that rely on the other.
 */
export const REMOTE_SECRETS_KIND = 'Secret (remote secrets)';

export interface TopologySnapshot {
  /** Increases with every change; lets consumers skip work when nothing moved. */
  readonly version: number;
  readonly clusters: readonly ClusterSnapshot[];
}

export const EMPTY_SNAPSHOT: TopologySnapshot = { version: 0, clusters: [] };
