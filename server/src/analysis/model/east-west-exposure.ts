/**
 * Whether a network's endpoints are reachable from other networks: it needs an east-west gateway (a
 * Service labelled `istio: eastwestgateway` and `topology.istio.io/network=<net>`, from the cluster facts)
 * and an Istio Gateway that exposes the host through it: selecting the gateway's pods, a server on the
 * gateway port (15443, or the Service's `networking.istio.io/gatewayPort` label) with
 * `tls.mode: AUTO_PASSTHROUGH` and hosts covering the host (usually `*.local`). The Gateway counts when it
 * is in the gateway's cluster, in the cluster whose control plane serves it, or authored (about to be
 * applied). A network listed with gateways in the legacy `meshNetworks` counts as exposed. For ambient
 * endpoints, so does a network with an ambient east-west gateway (a Gateway API Gateway of class
 * `istio-east-west` labelled with the network): it carries HBONE on 15008 for every ambient host and
 * needs no Istio Gateway to expose one; sidecar endpoints still need the classic gateway.
 */
import { type EastWestGatewayFact } from '../../mesh/snapshot';
import { type MeshQueries } from '../framework/mesh-queries';
import { gatewaySelector, gatewayServers } from './gateway-servers';
import { hostCovers } from './hosts';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, labelsOf, specOf } from './resource';
import { type Labels, labelsMatch } from './selectors';

export interface EastWestGateway {
  readonly cluster: string;
  readonly fact: EastWestGatewayFact;
  /** The gateway's Service in its cluster, when indexed. */
  readonly service: MeshResource | undefined;
}

export type NetworkExposure =
  | {
      readonly kind: 'exposed';
      readonly gateway: EastWestGateway | null;
      readonly config: MeshResource | null;
    }
  | { readonly kind: 'no-gateway' }
  | { readonly kind: 'not-exposed'; readonly gateways: readonly EastWestGateway[] };

export function networkExposure(
  mesh: MeshQueries,
  network: string,
  host: string,
  endpoints: 'ambient' | 'sidecar' = 'sidecar',
): NetworkExposure {
  const clusters = mesh.clusters();
  if (endpoints === 'ambient' && hasAmbientEastWestGateway(clusters, network)) {
    return { kind: 'exposed', gateway: null, config: null };
  }
  const gateways: EastWestGateway[] = clusters.flatMap((cluster) =>
    cluster.facts.eastWestGateways
      .filter((fact) => fact.network === network)
      .map((fact) => ({
        cluster: cluster.name,
        fact,
        service: mesh
          .find(KINDS.Service, fact.service.namespace, fact.service.name)
          .find((s) => s.cluster === cluster.name),
      })),
  );
  if (gateways.length === 0) {
    const legacy = asArray(asRecord(asRecord(mesh.meshConfig.meshNetworks.networks)?.[network])?.gateways);
    return legacy.length > 0 ? { kind: 'exposed', gateway: null, config: null } : { kind: 'no-gateway' };
  }
  const configs = allGatewayCopies(mesh);
  for (const gateway of gateways) {
    const controlPlane =
      clusters.find((c) => c.name === gateway.cluster)?.facts.controlPlane ?? gateway.cluster;
    const podLabels = gatewayPodLabels(mesh, gateway);
    const config = configs.find(
      (candidate) =>
        (candidate.cluster === null ||
          candidate.cluster === gateway.cluster ||
          candidate.cluster === controlPlane) &&
        podLabels.some((labels) => labelsMatch(gatewaySelector(candidate), labels)) &&
        exposesHost(candidate, gateway.fact.port, host),
    );
    if (config) return { kind: 'exposed', gateway, config };
  }
  return { kind: 'not-exposed', gateways };
}

/** Every copy of every Gateway: each cluster's copy counts for the gateways that cluster configures. */
function allGatewayCopies(mesh: MeshQueries): MeshResource[] {
  const copies = new Set<MeshResource>();
  for (const gateway of mesh.ofKind(KINDS.Gateway)) {
    for (const copy of mesh.copies(KINDS.Gateway, gateway.namespace, gateway.name)) copies.add(copy);
  }
  return [...copies];
}

/** The labels of the gateway's pods; the Service's own labels and selector when no pod is known. */
function gatewayPodLabels(mesh: MeshQueries, gateway: EastWestGateway): Labels[] {
  if (!gateway.service) return [];
  const selector = asStringMap(specOf(gateway.service).selector);
  const pods =
    Object.keys(selector).length === 0
      ? []
      : mesh.workloads(selector, gateway.service.namespace).filter((w) => w.cluster === gateway.cluster);
  if (pods.length > 0) return pods.map((pod) => pod.labels);
  return [{ ...labelsOf(gateway.service), ...selector }];
}

function exposesHost(gateway: MeshResource, port: number, host: string): boolean {
  return gatewayServers(gateway).some(
    (server) =>
      server.port === port &&
      asString(server.tls?.mode) === 'AUTO_PASSTHROUGH' &&
      server.hosts.some((entry) => hostCovers(entry.dnsName, host)),
  );
}

export function hasAmbientEastWestGateway(
  clusters: readonly {
    readonly facts: { readonly ambientEastWestGateways: readonly { network: string | null }[] };
  }[],
  network: string,
): boolean {
  return clusters.some((cluster) => cluster.facts.ambientEastWestGateways.some((g) => g.network === network));
}
