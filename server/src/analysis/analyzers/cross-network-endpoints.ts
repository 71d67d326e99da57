/**
 * MESH104: a VirtualService routes to (or a DestinationRule configures) a host whose endpoints run on a
 * network that other networks' callers cannot reach: no east-west gateway on that network, or no
 * `AUTO_PASSTHROUGH` Gateway exposing the host through it (model/east-west-exposure.ts). Calls from the
 * callers' networks to those endpoints then fail.
 *
 * Endpoints: the pods each cluster's copy of the Service selects, on their network (pod, namespace or
 * cluster label). Callers: clusters that run sidecars or ambient workloads and have the Service (without
 * it they cannot resolve the name: MESH106's concern). The unnamed default network is reachable from
 * everywhere, as in Istio, so it is never judged. One report per host, on its first mention.
 */
import { type AnalysisContext, type ResourceAnalyzer } from '../framework/analyzer';
import {
  type NetworkExposure,
  hasAmbientEastWestGateway,
  networkExposure,
} from '../model/east-west-exposure';
import { KINDS } from '../../../../protocol/kinds';
import { NETWORK_LABEL } from '../model/mesh-identities';
import { describe } from '../model/resource';
import {
  callerClusters,
  clusterList,
  distinctDestinationHosts,
  endpointsByCluster,
  type ServicePresence,
  servicePresence,
} from '../model/service-presence';

export const crossNetworkEndpoints: ResourceAnalyzer = {
  type: 'resource',
  name: 'cross-network-endpoints',
  codes: ['MESH104'],
  kinds: [KINDS.VirtualService, KINDS.DestinationRule],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const clusters = ctx.mesh.clusters();
    const networkOf = new Map(clusters.map((c) => [c.name, c.facts.network]));
    if (new Set([...networkOf.values()].filter(Boolean)).size < 2) return;
    const callers = callerClusters(ctx.mesh);
    for (const destination of distinctDestinationHosts(ctx.mesh, resource)) {
      const presence = servicePresence(ctx.mesh, destination.written, resource.namespace);
      if (!presence || presence.copies.size === 0) continue;
      const callerNetworks = groupByNetwork(
        [...callers].filter((cluster) => presence.copies.has(cluster)),
        (cluster) => networkOf.get(cluster),
      );
      for (const [network, endpointClusters] of endpointNetworks(ctx, presence)) {
        const remoteCallers = [...callerNetworks].filter(([callerNetwork]) => callerNetwork !== network);
        if (remoteCallers.length === 0) continue;
        // Ambient endpoints (the Service's namespace ambient wherever they run) also pass through an
        // ambient east-west gateway; sidecar ones only through the classic one.
        const ambient = [...endpointClusters].every((cluster) =>
          clusters
            .find((c) => c.name === cluster)
            ?.facts.ambientNamespaces.some((namespace) => namespace.name === namespaceOf(presence)),
        );
        const exposure = networkExposure(ctx.mesh, network, presence.host, ambient ? 'ambient' : 'sidecar');
        if (exposure.kind === 'exposed') continue;
        ctx.report({
          code: 'MESH104',
          resource,
          path: destination.path,
          message: `${describe(resource)}: endpoints of ${presence.host} run on network ${network} (${clusterList(endpointClusters)}) but ${problemText(exposure, network, presence.host, hasAmbientEastWestGateway(clusters, network))}, so calls from callers on network ${remoteCallers.map(([n, names]) => `${n} (${clusterList(names)})`).join(', ')} to those endpoints fail. ${fixText(exposure, network)}`,
          related: [...endpointClusters].flatMap((cluster) => {
            const service = presence.copies.get(cluster);
            const message = `Service ${presence.host} in cluster ${cluster} (network ${network})`;
            return service ? [{ resource: service, path: ['metadata', 'name'], message }] : [];
          }),
          data: {
            host: presence.host,
            network,
            endpointClusters: [...endpointClusters],
            problem: exposure.kind,
          },
        });
      }
    }
  },
};

/** Network → the clusters where the host's endpoints run on it, networks in name order. */
function endpointNetworks(ctx: AnalysisContext, presence: ServicePresence): Map<string, Set<string>> {
  const pods = [...endpointsByCluster(ctx.mesh, presence)].flatMap(([cluster, list]) =>
    list.map((pod) => ({ cluster, network: pod.labels[NETWORK_LABEL] })),
  );
  const grouped = groupByNetwork(
    pods,
    (pod) => pod.network,
    (pod) => pod.cluster,
  );
  return new Map([...grouped].sort(([a], [b]) => a.localeCompare(b)));
}

/** Groups clusters by network; items without a network (the unnamed one) are left out. */
function groupByNetwork<T>(
  items: readonly T[],
  networkOf: (item: T) => string | null | undefined,
  clusterOf: (item: T) => string = (item) => String(item),
): Map<string, Set<string>> {
  const grouped = new Map<string, Set<string>>();
  for (const item of items) {
    const network = networkOf(item);
    if (network) grouped.set(network, (grouped.get(network) ?? new Set()).add(clusterOf(item)));
  }
  return grouped;
}

/** The namespace of the host's Service (every copy has the same). */
function namespaceOf(presence: ServicePresence): string | undefined {
  return [...presence.copies.values()][0]?.namespace;
}

function problemText(
  exposure: Exclude<NetworkExposure, { kind: 'exposed' }>,
  network: string,
  host: string,
  ambientGatewayOnly: boolean,
): string {
  if (exposure.kind === 'no-gateway') {
    return ambientGatewayOnly
      ? `network ${network} has only an ambient east-west gateway (istio-east-west), which does not carry traffic to sidecar endpoints`
      : `network ${network} has no east-west gateway`;
  }
  const gateways = exposure.gateways
    .map(
      (g) =>
        `Service ${g.fact.service.namespace}/${g.fact.service.name} in cluster ${g.cluster}, port ${g.fact.port}`,
    )
    .join('; ');
  return `no Gateway with tls.mode AUTO_PASSTHROUGH exposes ${host} through network ${network}'s east-west gateway (${gateways})`;
}

function fixText(exposure: Exclude<NetworkExposure, { kind: 'exposed' }>, network: string): string {
  if (exposure.kind === 'no-gateway') {
    return `Install an east-west gateway on ${network} (a gateway Service labelled istio: eastwestgateway and ${NETWORK_LABEL}: ${network}) and expose services with an AUTO_PASSTHROUGH Gateway on port 15443 for hosts *.local.`;
  }
  const clusters = clusterList(new Set(exposure.gateways.map((g) => g.cluster)));
  return `Apply a Gateway selecting istio: eastwestgateway with a server on port ${exposure.gateways[0]!.fact.port}, protocol TLS, tls.mode AUTO_PASSTHROUGH, hosts *.local (Istio's cross-network-gateway) in ${clusters}.`;
}
