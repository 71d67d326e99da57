/**
 * MESH409: ambient across clusters set up in a way Istio does not support or that cannot carry traffic
 * (ambient multicluster is multi-primary, multi-network; cross-network traffic goes through an ambient
 * east-west gateway):
 * - an ambient namespace in a remote cluster or in the config cluster of an external control plane:
 *   neither topology serves ambient workloads;
 * - a network whose clusters run ambient workloads, in a mesh where ambient spans several networks, has
 *   no `istio-east-west` Gateway: the other networks cannot reach its workloads (reported once per
 *   cluster, on its first ambient namespace);
 * - an `istio-east-west` Gateway with no listener on port 15008, protocol HBONE, TLS Terminate with
 *   `gateway.istio.io/tls-terminate-mode: ISTIO_MUTUAL` (without it istiod rejects the gateway), or whose
 *   `topology.istio.io/network` label is missing or differs from its namespace's.
 */
import { type AnalysisContext, type RelatedReport, type ResourceAnalyzer } from '../framework/analyzer';
import { isAmbientNamespace } from '../model/ambient-mode';
import { clustersOfCopy, copiesPerCluster } from '../model/ambient-multicluster';
import { GATEWAY_API_KINDS } from '../model/gateway-api';
import { KINDS } from '../../../../protocol/kinds';
import { NETWORK_LABEL } from '../model/mesh-identities';
import { ISTIO_SYSTEM } from '../model/mesh-config';
import { asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, describe, labelsOf, specOf } from '../model/resource';
import { clusterList } from '../model/service-presence';
import { EAST_WEST_CLASS, gatewayClassNameOf } from '../model/waypoints';

const HBONE_PORT = 15008;
const TLS_TERMINATE_MODE_OPTION = 'gateway.istio.io/tls-terminate-mode';

export const ambientMulticlusterTopology: ResourceAnalyzer = {
  type: 'resource',
  name: 'ambient-multicluster-topology',
  codes: ['MESH409'],
  kinds: [KINDS.Namespace, GATEWAY_API_KINDS.Gateway],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (resource.groupKind === KINDS.Namespace) analyzeNamespace(resource, ctx);
    else if (gatewayClassNameOf(resource) === EAST_WEST_CLASS) analyzeEastWestGateway(resource, ctx);
  },
};

function analyzeNamespace(namespace: MeshResource, ctx: AnalysisContext): void {
  const clusters = ctx.mesh.clusters();
  if (clusters.length < 2 || !isAmbientNamespace(namespace)) return;
  const path = ['metadata', 'labels', 'istio.io/dataplane-mode'];
  for (const name of clustersOfCopy(ctx.mesh, namespace)) {
    const facts = clusters.find((cluster) => cluster.name === name)?.facts;
    if (facts?.role !== 'remote' && facts?.role !== 'config') continue;
    // A remote names its control plane by cluster ID (the annotation) or by context name.
    const serving = clusters.find(
      (cluster) =>
        cluster.name !== name && [cluster.name, cluster.facts.id].includes(facts.controlPlane ?? ''),
    );
    const topology =
      facts.role === 'remote'
        ? `a remote cluster (served by ${serving?.name ?? facts.controlPlane ?? 'another cluster'}'s control plane)`
        : 'the config cluster of an external control plane';
    const istiod = serving
      ? copiesPerCluster(ctx.mesh, KINDS.Deployment, ISTIO_SYSTEM, 'istiod').get(serving.name)
      : undefined;
    const servingIstiod = istiod
      ? [{ resource: istiod, message: `${describe(istiod)}: the control plane serving cluster ${name}` }]
      : [];
    ctx.report({
      code: 'MESH409',
      resource: namespace,
      path,
      related: servingIstiod,
      message: `${describe(namespace)} is ambient, but cluster ${name} is ${topology}: Istio supports ambient across clusters only between primaries (multi-primary, multi-network), so its workloads are not served as expected. Run a primary control plane in ${name}, or keep the namespace on sidecars.`,
      data: { cluster: name, role: facts.role },
    });
    return;
  }
  if (namespace.cluster === null) return;
  const own = clusters.find((cluster) => cluster.name === namespace.cluster)?.facts;
  if (!own?.network || own.ambientNamespaces[0]?.name !== namespace.name) return;
  const ambientNetworks = new Set(
    clusters
      .filter((cluster) => cluster.facts.ambientNamespaces.length > 0 && cluster.facts.network)
      .map((cluster) => cluster.facts.network),
  );
  if (ambientNetworks.size < 2) return;
  const gatewaysOn = (
    network: string | null,
  ): { cluster: string; gateway: { namespace: string; name: string } }[] =>
    clusters.flatMap((cluster) =>
      cluster.facts.ambientEastWestGateways
        .filter((gateway) => gateway.network === network)
        .map((gateway) => ({ cluster: cluster.name, gateway: gateway.gateway })),
    );
  if (gatewaysOn(own.network).length > 0) return;
  const elsewhere = [...ambientNetworks].filter((network) => network !== own.network).sort();
  const related: RelatedReport[] = elsewhere.flatMap((network) =>
    gatewaysOn(network).flatMap(({ cluster, gateway }) => {
      const copy = copiesPerCluster(ctx.mesh, GATEWAY_API_KINDS.Gateway, gateway.namespace, gateway.name).get(
        cluster,
      );
      return copy
        ? [{ resource: copy, message: `${describe(copy)}: the east-west gateway of network ${network}` }]
        : [];
    }),
  );
  const sameNetwork = clusters.filter((cluster) => cluster.facts.network === own.network).map((c) => c.name);
  ctx.report({
    code: 'MESH409',
    resource: namespace,
    path,
    message: `${describe(namespace)} is ambient on network ${own.network} (${clusterList(sameNetwork)}), but that network has no istio-east-west Gateway, while ambient also runs on network ${elsewhere.join(', ')}: workloads on the other networks cannot reach these. Create the ambient east-west gateway on ${own.network} (istioctl multicluster expose --namespace istio-system, or samples/multicluster/gen-eastwest-gateway.sh --ambient --network ${own.network}).`,
    related,
    data: { network: own.network, otherNetworks: elsewhere },
  });
}

function analyzeEastWestGateway(gateway: MeshResource, ctx: AnalysisContext): void {
  const listeners = asArray(specOf(gateway).listeners).map((item) => asRecord(item) ?? {});
  if (!listeners.some(isHboneTerminate)) {
    const index = listeners.findIndex(
      (listener) => asNumber(listener.port) === HBONE_PORT || asString(listener.protocol) === 'HBONE',
    );
    const listener = listeners[index];
    const tls = asRecord(listener?.tls);
    const wrong = listener
      ? `its listener ${asString(listener.name) ?? index} has port ${asNumber(listener.port) ?? 'unset'}, protocol ${asString(listener.protocol) ?? 'unset'}, tls.mode ${asString(tls?.mode) ?? 'unset'}, ${TLS_TERMINATE_MODE_OPTION} ${asString(asRecord(tls?.options)?.[TLS_TERMINATE_MODE_OPTION]) ?? 'unset'}`
      : 'it has no listener on port 15008';
    ctx.report({
      code: 'MESH409',
      resource: gateway,
      path: listener ? ['spec', 'listeners', index] : ['spec', 'gatewayClassName'],
      message: `${describe(gateway)} is an ambient east-west gateway, but ${wrong}: istiod needs a listener on port ${HBONE_PORT}, protocol HBONE, tls.mode Terminate with options ${TLS_TERMINATE_MODE_OPTION}: ISTIO_MUTUAL, so no cross-network traffic goes through it. Fix the listener (name: mesh, port: 15008, protocol: HBONE, tls: {mode: Terminate, options: {${TLS_TERMINATE_MODE_OPTION}: ISTIO_MUTUAL}}).`,
      data: { problem: 'listener' },
    });
  }
  const label = labelsOf(gateway)[NETWORK_LABEL];
  for (const cluster of clustersOfCopy(ctx.mesh, gateway)) {
    const namespace = copiesPerCluster(ctx.mesh, KINDS.Namespace, '', gateway.namespace).get(cluster);
    const namespaceNetwork = namespace ? labelsOf(namespace)[NETWORK_LABEL] : undefined;
    if (label && (!namespaceNetwork || namespaceNetwork === label)) continue;
    const problem = label
      ? `its ${NETWORK_LABEL} label names network ${label}, but its namespace's names ${namespaceNetwork}`
      : `it has no ${NETWORK_LABEL} label`;
    ctx.report({
      code: 'MESH409',
      resource: gateway,
      path: label ? ['metadata', 'labels', NETWORK_LABEL] : ['metadata', 'name'],
      message: `${describe(gateway)} is an ambient east-west gateway, but ${problem} in cluster ${cluster}: istiod cannot tell which network it serves, so traffic from other networks is sent to the wrong gateway or none. Label it ${NETWORK_LABEL}: ${namespaceNetwork ?? '<its network>'}.`,
      related: namespace
        ? [{ resource: namespace, path: ['metadata', 'labels'], message: `${describe(namespace)}` }]
        : [],
      data: { problem: 'network', cluster },
    });
    return;
  }
}

function isHboneTerminate(listener: Readonly<Record<string, unknown>>): boolean {
  const tls = asRecord(listener.tls);
  return (
    asNumber(listener.port) === HBONE_PORT &&
    asString(listener.protocol) === 'HBONE' &&
    asString(tls?.mode) === 'Terminate' &&
    asString(asRecord(tls?.options)?.[TLS_TERMINATE_MODE_OPTION]) === 'ISTIO_MUTUAL'
  );
}
