/**
 * Kubernetes and Istio kinds the engine knows by name. A kind is keyed by `Kind.group` (kubectl's
 * notation, `Service` for the core group) so a `Service` of another API group is never mistaken for a
 * Kubernetes Service, while every served version of an Istio kind (v1, v1beta1, v1alpha3) is the same kind.
 */

export const KINDS = {
  // Istio
  VirtualService: 'VirtualService.networking.istio.io',
  DestinationRule: 'DestinationRule.networking.istio.io',
  Gateway: 'Gateway.networking.istio.io',
  ServiceEntry: 'ServiceEntry.networking.istio.io',
  Sidecar: 'Sidecar.networking.istio.io',
  WorkloadEntry: 'WorkloadEntry.networking.istio.io',
  WorkloadGroup: 'WorkloadGroup.networking.istio.io',
  EnvoyFilter: 'EnvoyFilter.networking.istio.io',
  ProxyConfig: 'ProxyConfig.networking.istio.io',
  AuthorizationPolicy: 'AuthorizationPolicy.security.istio.io',
  PeerAuthentication: 'PeerAuthentication.security.istio.io',
  RequestAuthentication: 'RequestAuthentication.security.istio.io',
  Telemetry: 'Telemetry.telemetry.istio.io',
  WasmPlugin: 'WasmPlugin.extensions.istio.io',
  // Kubernetes
  Namespace: 'Namespace',
  Node: 'Node',
  Pod: 'Pod',
  Service: 'Service',
  Secret: 'Secret',
  ConfigMap: 'ConfigMap',
  Deployment: 'Deployment.apps',
  MutatingWebhookConfiguration: 'MutatingWebhookConfiguration.admissionregistration.k8s.io',
  ValidatingWebhookConfiguration: 'ValidatingWebhookConfiguration.admissionregistration.k8s.io',
} as const;

export type KnownKind = (typeof KINDS)[keyof typeof KINDS];

/** The Istio config kinds: what a control plane reads from its config cluster. */
export const ISTIO_CONFIG_KINDS: readonly string[] = Object.values(KINDS).filter((kind) =>
  kind.endsWith('.istio.io'),
);

/** `v1` → '', `apps/v1` → 'apps', `networking.istio.io/v1` → 'networking.istio.io'. */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function groupKindOf(apiVersion: string, kind: string): string {
  const group = apiGroupOf(apiVersion);
  return group ? `${kind}.${group}` : kind;
}

export function isIstioGroup(group: string): boolean {
  return group === 'istio.io' || group.endsWith('.istio.io');
}

/** Kinds without a namespace: `metadata.namespace` is ignored and no default is applied. */
const CLUSTER_SCOPED = new Set<string>([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'ClusterRole.rbac.authorization.k8s.io',
  'ClusterRoleBinding.rbac.authorization.k8s.io',
  'CustomResourceDefinition.apiextensions.k8s.io',
  'APIService.apiregistration.k8s.io',
  'IngressClass.networking.k8s.io',
  'GatewayClass.gateway.networking.k8s.io',
  'CertificateSigningRequest.certificates.k8s.io',
  KINDS.MutatingWebhookConfiguration,
  KINDS.ValidatingWebhookConfiguration,
]);

export function isClusterScoped(groupKind: string): boolean {
  return CLUSTER_SCOPED.has(groupKind);
}

/** The served versions of each Istio API group (schemas/index.json); other versions are unknown kinds. */
const SERVED_ISTIO_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'networking.istio.io': ['v1', 'v1beta1', 'v1alpha3'],
  'security.istio.io': ['v1', 'v1beta1'],
  'telemetry.istio.io': ['v1', 'v1alpha1'],
  'extensions.istio.io': ['v1alpha1'],
};

/**
 * The kind key the engine uses for an object: `groupKindOf`, except that an Istio apiVersion that is not
 * served (`networking.istio.io/v2`) keeps its version in the key, so no analyzer takes it for the real
 * kind. The schema check reports the unknown version; analysing it as well would only add noise.
 */
export function analysisKindOf(apiVersion: string, kind: string): string {
  const group = apiGroupOf(apiVersion);
  const served = SERVED_ISTIO_VERSIONS[group];
  if (isIstioGroup(group) && !served?.includes(apiVersion.slice(group.length + 1)))
    return `${kind}.${apiVersion}`;
  return groupKindOf(apiVersion, kind);
}
