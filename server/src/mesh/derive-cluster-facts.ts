/**
 * Derives a cluster's facts (ID, network, role, revisions, mesh ID, trust domain, control plane, remote
 * secrets, east-west gateways; ambient namespaces, waypoints and ambient east-west gateways from
 * ambient-facts.ts) from its objects. One pure function for live clusters and for
 * clusters given as files (`--cluster east=DIR`), so both give the same diagnostics.
 *
 * Secrets are read for their labels, annotations and data *keys*: a remote secret's key is the cluster ID
 * it reaches; of its value (a kubeconfig with a token) only the summary of remote-secret-summary.ts comes
 * out: the server URL, the CA's fingerprint and the token's claims, never the token.
 */
import { certificatesOf } from './certificate-bundle';
import { remoteSecretSummaryOf } from './remote-secret-summary';
import { parseBoundedYamlValue } from '../text/bounded-yaml-value';
import { deriveAmbientFacts } from './ambient-facts';
import {
  type ClusterRole,
  type ClusterSnapshot,
  type EastWestGatewayFact,
  type KubeObject,
  type IstiodFact,
  type RemoteSecretFact,
  type TrustFacts,
} from './snapshot';

export const CONTROL_PLANE_NAMESPACE = 'istio-system';
export const NETWORK_LABEL = 'topology.istio.io/network';
export const CLUSTER_LABEL = 'topology.istio.io/cluster';
const REMOTE_SECRET_LABEL = 'istio/multiCluster';
const CLUSTER_ANNOTATION = 'networking.istio.io/cluster';
const CONTROL_PLANE_CLUSTERS_ANNOTATION = 'topology.istio.io/controlPlaneClusters';
const GATEWAY_PORT_LABEL = 'networking.istio.io/gatewayPort';
const DEFAULT_EAST_WEST_PORT = 15443;
/** The ConfigMap istiod publishes its roots in, to every namespace; istio-system's copy is read. */
export const ROOT_CERT_CONFIGMAP = 'istio-ca-root-cert';
export const ROOT_CERT_KEY = 'root-cert.pem';
/** The plugged-in CA (root, intermediate and its key) and istiod's own self-signed CA. */
export const PLUGGED_IN_CA_SECRET = 'cacerts';
export const SELF_SIGNED_CA_SECRET = 'istio-ca-secret';

export type ClusterFacts = Omit<ClusterSnapshot, 'objects' | 'reachable' | 'stale' | 'unread'>;

export function deriveClusterFacts(name: string, objects: readonly KubeObject[]): ClusterFacts {
  const inControlPlane = objects.filter((o) => o.metadata.namespace === CONTROL_PLANE_NAMESPACE);
  const istiods = inControlPlane.filter(isIstiodDeployment);
  const controlPlaneNamespace = objects.find(
    (o) => o.kind === 'Namespace' && o.metadata.name === CONTROL_PLANE_NAMESPACE,
  );
  const mesh = meshSettings(inControlPlane);
  const role = roleOf(istiods, inControlPlane, objects);
  const servedBy = controlPlaneNamespace?.metadata.annotations?.[CONTROL_PLANE_CLUSTERS_ANNOTATION] ?? null;
  return {
    name,
    id: istiods.map(clusterIdOf).find((id): id is string => Boolean(id)) ?? name,
    network: controlPlaneNamespace?.metadata.labels?.[NETWORK_LABEL] ?? null,
    role,
    revisions: [...new Set(istiods.map(revisionOf))].sort(),
    meshId: mesh.meshId,
    trustDomain: mesh.trustDomain,
    // A config cluster is where its control plane reads config: apply and MESH107 point there.
    controlPlane: role === 'primary' || role === 'config' ? name : servedBy,
    remoteSecrets: inControlPlane.flatMap(remoteSecretFacts),
    trust: trustFacts(istiods, inControlPlane),
    eastWestGateways: inControlPlane.flatMap(eastWestGatewayFact),
    ...deriveAmbientFacts(objects),
  };
}

function isIstiodDeployment(object: KubeObject): boolean {
  return object.kind === 'Deployment' && /^istiod(-.+)?$/.test(object.metadata.name);
}

function roleOf(
  istiods: readonly KubeObject[],
  inControlPlane: readonly KubeObject[],
  objects: readonly KubeObject[],
): ClusterRole {
  if (istiods.length > 0) return 'primary';
  // A remote has the istiod Service but no istiod pods: Istio's remote profile installs it without a
  // selector, its endpoints being the primary's east-west gateway (or external istiod). A Service that
  // selects istiod pods is a primary's whose Deployment is not known (not read yet, or refused): unknown.
  const remoteService = inControlPlane.some(
    (o) =>
      o.kind === 'Service' &&
      (o.metadata.name === 'istiod' || o.metadata.name === 'istiod-remote') &&
      !selectsPods(o),
  );
  if (!remoteService) return 'unknown';
  return objects.some(isRevisionValidationWebhook) ? 'config' : 'remote';
}

/**
 * istiod's chart installs the per-revision validation webhook (`rev.validation.istio.io`) only where
 * Istio config is written: with istiod, or in the remote profile with `global.configCluster=true`, the
 * config cluster of an external control plane. A plain remote has at most the base chart's default
 * validator (`validation.istio.io`), so this webhook without an istiod tells a config cluster from a remote.
 */
function isRevisionValidationWebhook(object: KubeObject): boolean {
  if (object.kind !== 'ValidatingWebhookConfiguration' || !Array.isArray(object.webhooks)) return false;
  return (object.webhooks as unknown[]).some(
    (webhook) =>
      typeof webhook === 'object' &&
      webhook !== null &&
      (webhook as { name?: unknown }).name === 'rev.validation.istio.io',
  );
}

function selectsPods(service: KubeObject): boolean {
  const selector = (service.spec as { selector?: unknown } | undefined)?.selector;
  return typeof selector === 'object' && selector !== null && Object.keys(selector).length > 0;
}

function containersOf(deployment: KubeObject): readonly Record<string, unknown>[] {
  const spec = deployment.spec as { template?: { spec?: { containers?: unknown } } } | undefined;
  const containers = spec?.template?.spec?.containers;
  // A half-written list holds nulls and scalars among its containers.
  return Array.isArray(containers) ? containers.filter(isRecord) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clusterIdOf(deployment: KubeObject): string | undefined {
  for (const container of containersOf(deployment)) {
    const env = Array.isArray(container.env) ? container.env.filter(isRecord) : [];
    const clusterId = env.find((entry) => entry.name === 'CLUSTER_ID');
    if (typeof clusterId?.value === 'string' && clusterId.value) return clusterId.value;
  }
  return undefined;
}

function revisionOf(deployment: KubeObject): string {
  const label = deployment.metadata.labels?.['istio.io/rev'];
  if (label) return label;
  const suffix = /^istiod-(.+)$/.exec(deployment.metadata.name);
  return suffix?.[1] ?? 'default';
}

function meshSettings(inControlPlane: readonly KubeObject[]): {
  meshId: string | null;
  trustDomain: string | null;
} {
  const configMap = inControlPlane.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio');
  const text = asMap(configMap?.data)?.mesh;
  if (typeof text !== 'string') return { meshId: null, trustDomain: null };
  let mesh: Record<string, unknown> = {};
  try {
    mesh = asMap(parseBoundedYamlValue(text)) ?? {};
  } catch {
    // A broken mesh config is reported by the analysis of the ConfigMap; the facts keep Istio's defaults.
  }
  const meshId = asMap(mesh.defaultConfig)?.meshId;
  const trustDomain = mesh.trustDomain;
  return {
    meshId: typeof meshId === 'string' && meshId ? meshId : null,
    trustDomain: typeof trustDomain === 'string' && trustDomain ? trustDomain : 'cluster.local',
  };
}

function remoteSecretFacts(object: KubeObject): RemoteSecretFact[] {
  if (object.kind !== 'Secret' || object.metadata.labels?.[REMOTE_SECRET_LABEL] !== 'true') return [];
  const keys = Object.keys({ ...(asMap(object.data) ?? {}), ...(asMap(object.stringData) ?? {}) });
  return keys.map((key) => ({
    cluster: key,
    key,
    annotatedCluster: object.metadata.annotations?.[CLUSTER_ANNOTATION] ?? null,
    secret: { namespace: object.metadata.namespace ?? CONTROL_PLANE_NAMESPACE, name: object.metadata.name },
    access: remoteSecretSummaryOf(object, key),
  }));
}

function trustFacts(istiods: readonly KubeObject[], inControlPlane: readonly KubeObject[]): TrustFacts {
  const rootConfigMap = inControlPlane.find(
    (o) => o.kind === 'ConfigMap' && o.metadata.name === ROOT_CERT_CONFIGMAP,
  );
  const rootPem = asMap(rootConfigMap?.data)?.[ROOT_CERT_KEY];
  const secret = (name: string) =>
    inControlPlane.find((o) => o.kind === 'Secret' && o.metadata.name === name);
  const pluggedIn = secret(PLUGGED_IN_CA_SECRET);
  const caPem = asMap(pluggedIn?.data)?.['ca-cert.pem'];
  return {
    roots: rootConfigMap ? certificatesOf(typeof rootPem === 'string' ? rootPem : '') : null,
    pluggedInCa: pluggedIn !== undefined,
    selfSignedCa: secret(SELF_SIGNED_CA_SECRET) !== undefined,
    // Only the public certificate of the plugged-in CA is decoded, and only when a file carries it.
    caCertificate:
      typeof caPem === 'string' && caPem
        ? (certificatesOf(Buffer.from(caPem, 'base64').toString('utf8'))[0] ?? null)
        : null,
    istiods: istiods.map(istiodFact),
  };
}

function istiodFact(deployment: KubeObject): IstiodFact {
  const container =
    containersOf(deployment).find((c) => c.name === 'discovery') ?? containersOf(deployment)[0];
  return {
    name: deployment.metadata.name,
    revision: revisionOf(deployment),
    version: typeof container?.image === 'string' ? imageTag(container.image) : null,
  };
}

/** `docker.io/istio/pilot:1.24.2` → `1.24.2`; a digest-only or untagged image has no version. */
function imageTag(image: string): string | null {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon >= 0 ? withoutDigest.slice(colon + 1) || null : null;
}

function eastWestGatewayFact(object: KubeObject): EastWestGatewayFact[] {
  const labels = object.metadata.labels ?? {};
  if (object.kind !== 'Service' || labels.istio !== 'eastwestgateway') return [];
  const network = labels[NETWORK_LABEL];
  if (!network) return [];
  const spec = asMap(object.spec) ?? {};
  const status = asMap(object.status) ?? {};
  const ingress = (asMap(status.loadBalancer)?.ingress as Record<string, unknown>[] | undefined)?.[0];
  const externalIps = Array.isArray(spec.externalIPs) ? (spec.externalIPs as unknown[]) : [];
  const address =
    (typeof ingress?.ip === 'string' && ingress.ip) ||
    (typeof ingress?.hostname === 'string' && ingress.hostname) ||
    (typeof externalIps[0] === 'string' && externalIps[0]) ||
    null;
  const portLabel = Number(labels[GATEWAY_PORT_LABEL]);
  return [
    {
      network,
      address,
      port: Number.isInteger(portLabel) && portLabel > 0 ? portLabel : DEFAULT_EAST_WEST_PORT,
      service: {
        namespace: object.metadata.namespace ?? CONTROL_PLANE_NAMESPACE,
        name: object.metadata.name,
      },
    },
  ];
}

function asMap(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
