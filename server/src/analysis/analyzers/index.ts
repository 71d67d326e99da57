/**
 * The registry: every analyzer the engine runs, in one list. A new analyzer is a module in this folder
 * plus one line here (see docs/analysis.md).
 */
import { type CelRuleIndex } from '../cel';
import { type Analyzer } from '../framework/analyzer';
import { authorizationPolicyNamespaces } from './authorization-policy-namespaces';
import { conflictingMeshGatewayHosts } from './conflicting-mesh-gateway-hosts';
import { destinationRuleHostExists } from './destinationrule-host';
import { destinationRuleSubsetPods } from './destinationrule-subset-pods';
import { gatewayCredentials } from './gateway-credentials';
import { gatewaySelectorWorkloads } from './gateway-selector-workloads';
import { multiclusterInconsistentService } from './multicluster-inconsistent-service';
import { namespaceInjection } from './namespace-injection';
import { schemaCelRules } from './schema-cel-rules';
import { sidecarSelectorWorkloads } from './sidecar-selector-workloads';
import { virtualServiceDestinationHosts } from './virtualservice-destination-hosts';
import { virtualServiceDestinationPort } from './virtualservice-destination-port';
import { virtualServiceDestinationSubsets } from './virtualservice-destination-subsets';
import { virtualServiceGateways } from './virtualservice-gateways';

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
];

/** The full list: ANALYZERS plus those built from bundled data (the CRDs' CEL rules, IST0106). */
export function allAnalyzers(celRules: CelRuleIndex | null): readonly Analyzer[] {
  return celRules ? [...ANALYZERS, schemaCelRules(celRules)] : ANALYZERS;
}
