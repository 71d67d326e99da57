/**
 * Every diagnostic code of the catalogue (docs/diagnostics.md in the shared docs): its name, default
 * severity and one-line summary. Analyzers report by code and take the severity from here, so a code has
 * one severity everywhere; `istioctl analyze` users find the same code, name and severity they know.
 */
import { type Severity, documentationUrl } from './diagnostic';

export interface CodeInfo {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
  /** istio.io's page for IST codes. */
  readonly documentation: string | undefined;
}

type Entry = readonly [code: string, name: string, severity: Severity, summary: string];

const ENTRIES: readonly Entry[] = [
  // Meshwright's own, outside Istio semantics.
  ['MESH001', 'YamlSyntaxError', 'error', 'The YAML document cannot be parsed.'],
  ['MESH002', 'HelmTemplate', 'info', 'The file is a Helm template; it is not analysed until rendered.'],
  [
    'MESH003',
    'TargetsModelineProblem',
    'warning',
    'A `# meshwright:` modeline cannot be read or names a cluster the mesh does not have.',
  ],
  [
    'MESH010',
    'ClusterPartlyRead',
    'info',
    'Some resource types of a cluster could not be read; the checks that need them are silent.',
  ],
  [
    'MESH020',
    'RenderFailed',
    'error',
    'A Kustomize overlay cannot be rendered; what its clusters receive is unknown.',
  ],
  [
    'MESH030',
    'GitOpsTargetNotFollowed',
    'info',
    'An Argo CD or Flux object names a path, cluster or generator Meshwright cannot follow; those files get no targets from it.',
  ],
  // istioctl analyze: policy.
  ['IST0002', 'Deprecated', 'warning', 'A deprecated field is used.'],
  ['IST0101', 'ReferencedResourceNotFound', 'error', 'A reference points at a resource that does not exist.'],
  ['IST0102', 'NamespaceNotInjected', 'info', 'A namespace has no sidecar injection label.'],
  ['IST0106', 'SchemaValidationError', 'error', "The object fails Istio's schema."],
  ['IST0107', 'MisplacedAnnotation', 'warning', 'An Istio annotation is on a kind it does not apply to.'],
  ['IST0108', 'UnknownAnnotation', 'warning', 'An unknown Istio annotation is used.'],
  [
    'IST0109',
    'ConflictingMeshGatewayVirtualServiceHosts',
    'error',
    'Several mesh VirtualServices define the same host.',
  ],
  ['IST0110', 'ConflictingSidecarWorkloadSelectors', 'error', 'Several Sidecars select the same workload.'],
  [
    'IST0111',
    'MultipleSidecarsWithoutWorkloadSelectors',
    'error',
    'Several selector-less Sidecars in one namespace.',
  ],
  [
    'IST0112',
    'VirtualServiceDestinationPortSelectorRequired',
    'error',
    'A destination needs a port: its host has several.',
  ],
  [
    'IST0116',
    'DeploymentAssociatedToMultipleServices',
    'warning',
    'A workload is behind several Services with different protocols on one port.',
  ],
  [
    'IST0118',
    'PortNameIsNotUnderNamingConvention',
    'info',
    'A Service port name does not tell its protocol.',
  ],
  [
    'IST0123',
    'NamespaceMultipleInjectionLabels',
    'warning',
    'A namespace has both istio-injection and istio.io/rev.',
  ],
  ['IST0125', 'InvalidAnnotation', 'warning', 'An Istio annotation has an invalid value.'],
  ['IST0126', 'UnknownMeshNetworksServiceRegistry', 'error', 'A meshNetworks fromRegistry names no cluster.'],
  ['IST0127', 'NoMatchingWorkloadsFound', 'warning', 'An AuthorizationPolicy selector matches no workload.'],
  [
    'IST0128',
    'NoServerCertificateVerificationDestinationLevel',
    'warning',
    'TLS without caCertificates at destination level.',
  ],
  [
    'IST0129',
    'NoServerCertificateVerificationPortLevel',
    'warning',
    'TLS without caCertificates at port level.',
  ],
  ['IST0130', 'VirtualServiceUnreachableRule', 'warning', 'An HTTP route can never match.'],
  ['IST0131', 'VirtualServiceIneffectiveMatch', 'info', 'A match duplicates an earlier one.'],
  [
    'IST0132',
    'VirtualServiceHostNotFoundInGateway',
    'warning',
    "A VirtualService host is not among its Gateway's hosts.",
  ],
  ['IST0134', 'ServiceEntryAddressesRequired', 'warning', 'A TCP ServiceEntry port needs addresses.'],
  ['IST0135', 'DeprecatedAnnotation', 'info', 'A deprecated Istio annotation is used.'],
  ['IST0137', 'DeploymentConflictingPorts', 'warning', 'Two Services map one targetPort to different ports.'],
  ['IST0138', 'GatewayDuplicateCertificate', 'warning', 'Several Gateways use the same certificate.'],
  [
    'IST0140',
    'IngressRouteRulesNotAffected',
    'warning',
    'A gateway route ignores subsets used for the host elsewhere.',
  ],
  [
    'IST0145',
    'ConflictingGateways',
    'error',
    'Gateways selecting the same gateway pods overlap in hosts on a port.',
  ],
  [
    'IST0149',
    'JwtClaimBasedRoutingWithoutRequestAuthN',
    'error',
    'Routing on JWT claims without RequestAuthentication.',
  ],
  [
    'IST0151',
    'EnvoyFilterUsesRelativeOperation',
    'warning',
    'A relative EnvoyFilter operation without priority.',
  ],
  [
    'IST0152',
    'EnvoyFilterUsesReplaceOperationIncorrectly',
    'error',
    'REPLACE used outside HTTP/network filters.',
  ],
  [
    'IST0153',
    'EnvoyFilterUsesAddOperationIncorrectly',
    'error',
    'ADD used on ROUTE_CONFIGURATION or HTTP_ROUTE.',
  ],
  [
    'IST0154',
    'EnvoyFilterUsesRemoveOperationIncorrectly',
    'error',
    'REMOVE used on ROUTE_CONFIGURATION or HTTP_ROUTE.',
  ],
  [
    'IST0155',
    'EnvoyFilterUsesRelativeOperationWithProxyVersion',
    'warning',
    'A relative operation with a proxyVersion match and no priority.',
  ],
  ['IST0157', 'InvalidTelemetryProvider', 'warning', 'A Telemetry has an empty providers list.'],
  [
    'IST0159',
    'ConflictingTelemetryWorkloadSelectors',
    'error',
    'Several Telemetries select the same workload.',
  ],
  [
    'IST0160',
    'MultipleTelemetriesWithoutWorkloadSelectors',
    'error',
    'Several selector-less Telemetries in one namespace.',
  ],
  [
    'IST0162',
    'GatewayPortNotDefinedOnService',
    'warning',
    "A Gateway port is not exposed by the gateway's Service.",
  ],
  ['IST0170', 'MultiClusterInconsistentService', 'warning', 'A Service differs across clusters.'],
  ['IST0173', 'DestinationRuleSubsetNotSelectPods', 'error', "A subset's labels match no pod of the host."],
  ['IST0174', 'UnknownDestinationRuleHost', 'warning', 'A DestinationRule host matches no service.'],
  [
    'IST0177',
    'ConflictingServiceEntryProtocol',
    'warning',
    'ServiceEntries give one host and port different protocols.',
  ],
  // istioctl analyze: cluster state.
  ['IST0103', 'PodMissingProxy', 'warning', 'A pod in an injected namespace has no istio-proxy.'],
  ['IST0136', 'AlphaAnnotation', 'info', 'An alpha-maturity Istio annotation is used.'],
  ['IST0139', 'InvalidWebhook', 'error', 'Injection webhooks overlap or point at a missing Service.'],
  ['IST0144', 'InvalidApplicationUID', 'warning', "An application container runs as the proxy's UID 1337."],
  [
    'IST0146',
    'ImageAutoWithoutInjectionWarning',
    'warning',
    'A Deployment with `image: auto` is not selected for injection.',
  ],
  ['IST0147', 'ImageAutoWithoutInjectionError', 'error', 'A Pod with `image: auto` was not injected.'],
  ['IST0148', 'NamespaceInjectionEnabledByDefault', 'info', 'The injector injects unlabelled namespaces.'],
  [
    'IST0150',
    'ExternalNameServiceTypeInvalidPortName',
    'warning',
    "An ExternalName Service's port name breaks TCP.",
  ],
  [
    'IST0158',
    'PodsIstioProxyImageMismatchInNamespace',
    'warning',
    "Proxies run an image other than the injector's.",
  ],
  ['IST0161', 'InvalidGatewayCredential', 'error', 'A Gateway credential Secret holds no valid certificate.'],
  [
    'IST0163',
    'InvalidExternalControlPlaneConfig',
    'warning',
    "An external control plane's webhook URL is blank or invalid.",
  ],
  [
    'IST0164',
    'ExternalControlPlaneAddressIsNotAHostname',
    'info',
    'An external control plane webhook uses an IP address.',
  ],
  ['IST0165', 'ReferencedInternalGateway', 'warning', 'A VirtualService references a generated Gateway.'],
  ['IST0166', 'IneffectiveSelector', 'warning', 'A policy selector hits a Kubernetes Gateway pod.'],
  ['IST0167', 'IneffectivePolicy', 'warning', 'A Sidecar applies to ambient workloads.'],
  [
    'IST0175',
    'JwksUriFetchUnrestricted',
    'warning',
    'RequestAuthentications exist but istiod has no BLOCKED_CIDRS_IN_JWKS_URIS.',
  ],
  [
    'IST0176',
    'GatewayAPICRDVersionBelowMinimum',
    'warning',
    'A Gateway API CRD is below the version Istio needs; its resources are ignored.',
  ],
  ['IST0171', 'NegativeConditionStatus', 'warning', "A resource's status carries a negative condition."],
  // Meshwright: topology and multicluster correctness.
  [
    'MESH101',
    'LocalityFailoverWithoutOutlierDetection',
    'warning',
    'Locality failover without outlierDetection never fails over.',
  ],
  [
    'MESH102',
    'LocalityUnknownOrUnbalanced',
    'warning',
    'Locality settings name absent localities or weights not totalling 100.',
  ],
  [
    'MESH103',
    'SubsetUnknownClusterOrNetwork',
    'error',
    'A subset selects a cluster or network the mesh does not have.',
  ],
  [
    'MESH104',
    'NetworkWithoutEastWestGateway',
    'warning',
    'Endpoints on a network no east-west gateway exposes.',
  ],
  [
    'MESH105',
    'ClusterLocalHostRoutedAcrossClusters',
    'warning',
    'A cluster-local host is routed to another cluster.',
  ],
  [
    'MESH106',
    'ServiceMissingInSomeClusters',
    'warning',
    'A destination Service exists in some clusters only.',
  ],
  ['MESH107', 'ConfigInRemoteCluster', 'error', 'Istio config in a remote cluster is ignored.'],
  ['MESH108', 'NamespaceMissingInPrimary', 'error', 'The namespace does not exist in a targeted primary.'],
  ['MESH109', 'RevisionNotRunning', 'warning', 'The object targets a revision no control plane runs.'],
  ['MESH110', 'TopologyMisconfigured', 'error', 'Cluster IDs, networks, mesh ID or trust domain disagree.'],
  // Meshwright: cross-control-plane conflicts.
  ['MESH201', 'ObjectDiffersBetweenPrimaries', 'warning', 'The object differs between primaries.'],
  ['MESH202', 'ObjectMissingInSomePrimaries', 'warning', 'The object is missing in some targeted primaries.'],
  [
    'MESH203',
    'HostConfiguredDifferentlyAcrossPrimaries',
    'warning',
    'One host is configured differently in different primaries.',
  ],
  ['MESH204', 'MtlsConflictAcrossPrimaries', 'error', 'mTLS settings conflict across primaries.'],
  ['MESH205', 'SubsetMissingInSomePrimaries', 'error', 'A routed subset is defined in some primaries only.'],
  ['MESH206', 'ExportToDiffersBetweenPrimaries', 'warning', 'exportTo differs between primaries.'],
  [
    'MESH207',
    'MeshVisibilityDiffersBetweenPrimaries',
    'warning',
    'Visibility-related mesh config differs between primaries.',
  ],
  ['MESH208', 'HostResolvedByPickingOne', 'warning', 'Two objects configure one host and Istio picks one.'],
  // Meshwright: trust, identity and remote access (the highest severity; lesser degrees are warnings).
  [
    'MESH301',
    'NoCommonTrustRoot',
    'error',
    'Clusters of one mesh trust no common root (or differ: rotation).',
  ],
  [
    'MESH302',
    'CaCertificateExpiring',
    'error',
    'A root or plugged-in CA certificate expired or expires soon.',
  ],
  [
    'MESH303',
    'SelfSignedRootInMulticluster',
    'error',
    'A multicluster istiod uses its own self-signed root.',
  ],
  [
    'MESH304',
    'PrincipalTrustDomainUnknown',
    'warning',
    'A principal names a trust domain no target cluster uses.',
  ],
  [
    'MESH305',
    'RemoteSecretServerMismatch',
    'warning',
    "A remote secret's server differs from the kubeconfig's.",
  ],
  [
    'MESH306',
    'RemoteSecretTokenExpiring',
    'error',
    "A remote secret's token expired or expires within 7 days.",
  ],
  ['MESH307', 'RemoteSecretMissing', 'error', 'A primary has no remote secret for a cluster it should read.'],
  ['MESH308', 'IstiodVersionSkew', 'warning', "Primaries' istiod versions differ by more than one minor."],
  // Meshwright: Gateway API references and the ambient data plane, per cluster.
  [
    'MESH401',
    'GatewayApiParentNotFound',
    'error',
    "A route's parentRefs name a Gateway, listener or Service that does not exist or does not admit it.",
  ],
  [
    'MESH402',
    'GatewayApiBackendNotFound',
    'error',
    "A route's backendRefs name a missing backend or port, or another namespace without a ReferenceGrant.",
  ],
  [
    'MESH403',
    'HttpRouteAndVirtualServiceForOneHost',
    'warning',
    'An HTTPRoute attached to a Service and a VirtualService both route the same mesh host.',
  ],
  [
    'MESH404',
    'UseWaypointNotFound',
    'error',
    '`istio.io/use-waypoint` names a missing waypoint or one that does not take that traffic type.',
  ],
  [
    'MESH405',
    'L7PolicyWithoutWaypoint',
    'warning',
    'An AuthorizationPolicy with L7 rules applies to ambient workloads no waypoint serves.',
  ],
  ['MESH406', 'SidecarAndAmbient', 'error', 'A namespace or pod is both sidecar-injected and ambient.'],
  // Meshwright: ambient across clusters.
  [
    'MESH407',
    'GlobalServiceLabelDiffers',
    'warning',
    'A Service is `istio.io/global` in some clusters only, or a mesh config does not make labelled Services global.',
  ],
  [
    'MESH408',
    'GlobalServiceLocalWaypoint',
    'error',
    'A global Service is bound to a waypoint whose Service is not global.',
  ],
  [
    'MESH409',
    'AmbientMulticlusterUnsupported',
    'error',
    'Ambient across clusters in an unsupported topology, or a network without a valid ambient east-west gateway.',
  ],
  [
    'MESH410',
    'WaypointDiffersAcrossClusters',
    'warning',
    'The same Namespace or Service names different waypoints (or none) in different clusters.',
  ],
];

export const CODES: ReadonlyMap<string, CodeInfo> = new Map(
  ENTRIES.map(([code, name, severity, summary]) => [
    code,
    { code, name, severity, summary, documentation: documentationUrl(code) },
  ]),
);

export function codeInfo(code: string): CodeInfo {
  const info = CODES.get(code);
  if (!info) throw new Error(`unknown diagnostic code ${code}: add it to server/src/mesh/codes.ts`);
  return info;
}
