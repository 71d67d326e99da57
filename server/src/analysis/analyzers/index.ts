/**
 * The registry: every analyzer the engine runs, in one list. A new analyzer is a module in this folder
 * plus one line here (see docs/analysis.md).
 */
import { type CelRuleIndex } from '../cel';
import { type Analyzer } from '../framework/analyzer';
import { SchemaCatalog } from '../../yaml/schema-catalog';
import { SchemaValidity } from '../../yaml/schema-validity';
import { alphaAnnotations } from './alpha-annotations';
import { ambientGlobalServices } from './ambient-global-services';
import { ambientL7Policy } from './ambient-l7-policy';
import { ambientMulticlusterTopology } from './ambient-multicluster-topology';
import { gatewayApiBackendRefs } from './gateway-api-backend-refs';
import { gatewayApiParentRefs } from './gateway-api-parent-refs';
import { globalServiceWaypoint } from './global-service-waypoint';
import { httpRouteVirtualServiceHost } from './httproute-virtualservice-host';
import { sidecarAndAmbient } from './sidecar-and-ambient';
import { useWaypointTarget } from './use-waypoint-target';
import { waypointBindingAcrossClusters } from './waypoint-binding-across-clusters';
import { applicationUid } from './application-uid';
import { authorizationPolicyNamespaces } from './authorization-policy-namespaces';
import { authorizationPolicyWorkloads } from './authorization-policy-workloads';
import { clusterLocalRoutes } from './cluster-local-routes';
import { conflictingGateways } from './conflicting-gateways';
import { conflictingMeshGatewayHosts } from './conflicting-mesh-gateway-hosts';
import { crossNetworkEndpoints } from './cross-network-endpoints';
import { defaultClusterId } from './default-cluster-id';
import { exportToDiffers } from './export-to-differs';
import { hostConfiguredDifferently } from './host-configured-differently';
import { hostResolvedByPickingOne } from './host-resolved-by-picking-one';
import { meshConfigVisibility } from './mesh-config-visibility';
import { mtlsDisabledAgainstStrict } from './mtls-disabled-against-strict';
import { namespaceMissingInPrimary } from './namespace-missing-in-primary';
import { objectDriftBetweenPrimaries } from './object-drift-between-primaries';
import { objectMissingInPrimaries } from './object-missing-in-primaries';
import { peerAuthenticationModes } from './peer-authentication-modes';
import { remoteClusterConfig } from './remote-cluster-config';
import { revisionNotRunning } from './revision-not-running';
import { subsetInSomePrimaries } from './subset-in-some-primaries';
import { deploymentServicePorts } from './deployment-service-ports';
import { deprecatedFields } from './deprecated-fields';
import { destinationRuleCaCertificates } from './destinationrule-ca-certificates';
import { destinationRuleHostExists } from './destinationrule-host';
import { destinationRuleSubsetPods } from './destinationrule-subset-pods';
import { eastWestGatewayNetwork } from './east-west-gateway-network';
import { envoyFilterOperationTargets } from './envoyfilter-operation-targets';
import { envoyFilterRelativeOperations } from './envoyfilter-relative-operations';
import { externalControlPlaneWebhooks } from './external-control-plane-webhooks';
import { externalNamePortName } from './externalname-port-name';
import { gatewayApiCrdVersion } from './gateway-api-crd-version';
import { gatewayCredentialValidity } from './gateway-credential-validity';
import { gatewayCredentials } from './gateway-credentials';
import { gatewayDuplicateCertificate } from './gateway-duplicate-certificate';
import { gatewaySelectorWorkloads } from './gateway-selector-workloads';
import { gatewayServicePorts } from './gateway-service-ports';
import { imageAutoInjection } from './image-auto-injection';
import { ingressRouteSubsets } from './ingress-route-subsets';
import { injectionWebhookOverlap } from './injection-webhook-overlap';
import { injectionWebhookService } from './injection-webhook-service';
import { istioAnnotations } from './istio-annotations';
import { jwtClaimRouting } from './jwt-claim-routing';
import { jwksUriFetchUnrestricted } from './jwks-uri-fetch-unrestricted';
import { localityFailoverOutlierDetection } from './locality-failover-outlier-detection';
import { localityLbSettings } from './locality-lb-settings';
import { meshIdentityAgreement } from './mesh-identity-agreement';
import { meshNetworksRegistry } from './mesh-networks-registry';
import { multiclusterInconsistentService } from './multicluster-inconsistent-service';
import { namespaceDefaultInjection } from './namespace-default-injection';
import { namespaceInjection } from './namespace-injection';
import { namespaceInjectionLabels } from './namespace-injection-labels';
import { negativeConditionStatus } from './negative-condition-status';
import { podMissingProxy } from './pod-missing-proxy';
import { policyGatewaySelector } from './policy-gateway-selector';
import { proxyImageMismatch } from './proxy-image-mismatch';
import { remoteSecretClusterId } from './remote-secret-cluster-id';
import { caCertificateExpiry } from './ca-certificate-expiry';
import { istiodVersionSkew } from './istiod-version-skew';
import { principalTrustDomain } from './principal-trust-domain';
import { remoteSecretAccess } from './remote-secret-access';
import { remoteSecretCoverage } from './remote-secret-coverage';
import { selfSignedRoot } from './self-signed-root';
import { sharedTrustRoots } from './shared-trust-roots';
import { schemaCelRules } from './schema-cel-rules';
import { serviceMissingInClusters } from './service-missing-in-clusters';
import { servicePortNames } from './service-port-names';
import { serviceEntryAddresses } from './serviceentry-addresses';
import { serviceEntryProtocolConflicts } from './serviceentry-protocol-conflicts';
import { sidecarAmbient } from './sidecar-ambient';
import { sidecarSelectorConflicts } from './sidecar-selector-conflicts';
import { sidecarSelectorWorkloads } from './sidecar-selector-workloads';
import { sidecarsWithoutSelector } from './sidecars-without-selector';
import { subsetTopologyLabels } from './subset-topology-labels';
import { telemetryDefaultSelectors } from './telemetry-default-selectors';
import { telemetryProviders } from './telemetry-providers';
import { telemetrySelectorConflicts } from './telemetry-selector-conflicts';
import { virtualServiceDestinationHosts } from './virtualservice-destination-hosts';
import { virtualServiceDestinationPort } from './virtualservice-destination-port';
import { virtualServiceDestinationSubsets } from './virtualservice-destination-subsets';
import { virtualServiceGatewayHosts } from './virtualservice-gateway-hosts';
import { virtualServiceGateways } from './virtualservice-gateways';
import { virtualServiceInternalGateway } from './virtualservice-internal-gateway';
import { virtualServiceUnreachableRules } from './virtualservice-unreachable-rules';

/** Analyzers that need nothing but the index. */
export const ANALYZERS: readonly Analyzer[] = [
  // IST0101 ReferencedResourceNotFound, one module per kind of reference.
  virtualServiceGateways,
  virtualServiceDestinationHosts,
  virtualServiceDestinationSubsets,
  authorizationPolicyNamespaces,
  gatewaySelectorWorkloads,
  sidecarSelectorWorkloads,
  gatewayCredentials,
  namespaceInjection, // IST0102
  conflictingMeshGatewayHosts, // IST0109
  virtualServiceDestinationPort, // IST0112
  multiclusterInconsistentService, // IST0170
  destinationRuleSubsetPods, // IST0173
  destinationRuleHostExists, // IST0174
  // Policy checks: routing, gateways, service entries, EnvoyFilters, telemetry.
  virtualServiceUnreachableRules, // IST0130, IST0131
  virtualServiceGatewayHosts, // IST0132
  serviceEntryAddresses, // IST0134
  gatewayDuplicateCertificate, // IST0138
  ingressRouteSubsets, // IST0140
  conflictingGateways, // IST0145
  jwtClaimRouting, // IST0149
  envoyFilterRelativeOperations, // IST0151, IST0155
  envoyFilterOperationTargets, // IST0152, IST0153, IST0154
  telemetryProviders, // IST0157
  telemetrySelectorConflicts, // IST0159
  telemetryDefaultSelectors, // IST0160
  gatewayServicePorts, // IST0162
  serviceEntryProtocolConflicts, // IST0177
  // Cluster state.
  injectionWebhookOverlap, // IST0139
  injectionWebhookService, // IST0139
  externalNamePortName, // IST0150
  proxyImageMismatch, // IST0158
  gatewayCredentialValidity, // IST0161
  externalControlPlaneWebhooks, // IST0163, IST0164
  virtualServiceInternalGateway, // IST0165
  policyGatewaySelector, // IST0166
  sidecarAmbient, // IST0167
  negativeConditionStatus, // IST0171
  jwksUriFetchUnrestricted, // IST0175
  gatewayApiCrdVersion, // IST0176
  // Deprecations, annotations, sidecars, workloads and injection.
  deprecatedFields, // IST0002
  istioAnnotations, // IST0107, IST0108, IST0125, IST0135
  alphaAnnotations, // IST0136
  sidecarSelectorConflicts, // IST0110
  sidecarsWithoutSelector, // IST0111
  deploymentServicePorts, // IST0116, IST0137
  servicePortNames, // IST0118
  namespaceInjectionLabels, // IST0123
  meshNetworksRegistry, // IST0126
  authorizationPolicyWorkloads, // IST0127
  destinationRuleCaCertificates, // IST0128, IST0129
  podMissingProxy, // IST0103
  applicationUid, // IST0144
  imageAutoInjection, // IST0146, IST0147
  namespaceDefaultInjection, // IST0148
  // Multicluster topology and correctness (MESH1xx).
  localityFailoverOutlierDetection, // MESH101
  localityLbSettings, // MESH102
  subsetTopologyLabels, // MESH103
  crossNetworkEndpoints, // MESH104
  clusterLocalRoutes, // MESH105
  serviceMissingInClusters, // MESH106
  remoteClusterConfig, // MESH107
  namespaceMissingInPrimary, // MESH108
  revisionNotRunning, // MESH109
  remoteSecretClusterId, // MESH110
  eastWestGatewayNetwork, // MESH110
  meshIdentityAgreement, // MESH110
  defaultClusterId, // MESH110
  // Cross-control-plane conflicts (MESH2xx): every copy, compared per primary view.
  objectDriftBetweenPrimaries, // MESH201
  objectMissingInPrimaries, // MESH202
  hostConfiguredDifferently, // MESH203
  mtlsDisabledAgainstStrict, // MESH204
  peerAuthenticationModes, // MESH204
  subsetInSomePrimaries, // MESH205
  exportToDiffers, // MESH206
  meshConfigVisibility, // MESH207
  hostResolvedByPickingOne, // MESH208
  // Trust, identity and remote access (MESH3xx).
  sharedTrustRoots, // MESH301
  caCertificateExpiry, // MESH302
  selfSignedRoot, // MESH303
  principalTrustDomain, // MESH304
  remoteSecretAccess, // MESH305, MESH306
  remoteSecretCoverage, // MESH307
  istiodVersionSkew, // MESH308
  // Gateway API references and the ambient data plane (MESH4xx), per cluster.
  gatewayApiParentRefs, // MESH401
  gatewayApiBackendRefs, // MESH402
  httpRouteVirtualServiceHost, // MESH403
  useWaypointTarget, // MESH404
  ambientL7Policy, // MESH405
  sidecarAndAmbient, // MESH406
  // Ambient across clusters (MESH4xx), every cluster's copy compared.
  ambientGlobalServices, // MESH407
  globalServiceWaypoint, // MESH408
  ambientMulticlusterTopology, // MESH409
  waypointBindingAcrossClusters, // MESH410
];

/** The full list: ANALYZERS plus those built from bundled data (the CRDs' CEL rules, IST0106). */
export function allAnalyzers(celRules: CelRuleIndex | null): readonly Analyzer[] {
  if (!celRules) return ANALYZERS;
  let validity: SchemaValidity | undefined;
  const schemaRefuses = (apiVersion: string, kind: string, object: unknown) =>
    (validity ??= new SchemaValidity(SchemaCatalog.load())).certainlyRejects(apiVersion, kind, object);
  return [...ANALYZERS, schemaCelRules(celRules, schemaRefuses)];
}
