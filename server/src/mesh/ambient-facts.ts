/**
 * A cluster's ambient data plane and Gateway API gateways, derived from its objects like its other facts
 * (derive-cluster-facts.ts): the namespaces in ambient mode, the waypoints (Gateways of class
 * `istio-waypoint`) and the ambient east-west gateways (Gateways of class `istio-east-west`). Live
 * discovery and cluster files give the same facts; a cluster without the Gateway API CRDs has no
 * waypoints and no ambient east-west gateways, and that is all it says.
 */
import {
  type AmbientEastWestGatewayFact,
  type AmbientNamespaceFact,
  type GatewayListenerFact,
  type KubeObject,
  type WaypointFact,
} from './snapshot';

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';
const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';
const NETWORK_LABEL = 'topology.istio.io/network';
const WAYPOINT_CLASSES = new Set(['istio-waypoint', 'istio-agentgateway-waypoint']);
const EAST_WEST_CLASS = 'istio-east-west';
const TLS_TERMINATE_MODE_OPTION = 'gateway.istio.io/tls-terminate-mode';

export interface AmbientFacts {
  readonly ambientNamespaces: readonly AmbientNamespaceFact[];
  readonly waypoints: readonly WaypointFact[];
  readonly ambientEastWestGateways: readonly AmbientEastWestGatewayFact[];
}

export function deriveAmbientFacts(objects: readonly KubeObject[]): AmbientFacts {
  const gateways = objects.filter((o) => o.kind === 'Gateway' && groupOf(o) === GATEWAY_API_GROUP);
  const classes = new Map(
    objects
      .filter((o) => o.kind === 'GatewayClass' && groupOf(o) === GATEWAY_API_GROUP)
      .map((o) => [o.metadata.name, o]),
  );
  return {
    ambientNamespaces: objects
      .filter((o) => o.kind === 'Namespace' && isAmbientNamespace(o))
      .map((namespace) => ({ name: namespace.metadata.name, waypoint: useWaypointOf(namespace) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    waypoints: gateways
      .filter((gateway) => WAYPOINT_CLASSES.has(classNameOf(gateway)))
      .map((gateway) => ({
        gateway: refOf(gateway),
        className: classNameOf(gateway),
        waypointFor:
          gateway.metadata.labels?.[WAYPOINT_FOR_LABEL] ??
          classes.get(classNameOf(gateway))?.metadata.labels?.[WAYPOINT_FOR_LABEL] ??
          'service',
        network: gateway.metadata.labels?.[NETWORK_LABEL] ?? null,
      }))
      .sort(byGateway),
    ambientEastWestGateways: gateways
      .filter((gateway) => classNameOf(gateway) === EAST_WEST_CLASS)
      .map((gateway) => ({
        gateway: refOf(gateway),
        network: gateway.metadata.labels?.[NETWORK_LABEL] ?? null,
        address: firstAddress(gateway),
        listeners: listenersOf(gateway),
      }))
      .sort(byGateway),
  };
}

/** Labelled ambient and not for sidecar injection (sidecars win: ambient leaves their pods alone). */
function isAmbientNamespace(namespace: KubeObject): boolean {
  const labels = namespace.metadata.labels ?? {};
  if (labels['istio-injection'] === 'enabled' || labels['istio.io/rev']) return false;
  return labels[DATAPLANE_MODE_LABEL] === 'ambient';
}

function useWaypointOf(namespace: KubeObject): WaypointFact['gateway'] | null {
  const labels = namespace.metadata.labels ?? {};
  const name = labels[USE_WAYPOINT_LABEL];
  if (!name || name === 'none') return null;
  return { namespace: labels[USE_WAYPOINT_NAMESPACE_LABEL] || namespace.metadata.name, name };
}

function listenersOf(gateway: KubeObject): GatewayListenerFact[] {
  const listeners = asMap(gateway.spec)?.listeners;
  if (!Array.isArray(listeners)) return [];
  return listeners.flatMap((item): GatewayListenerFact[] => {
    const listener = asMap(item);
    if (!listener || typeof listener.name !== 'string') return [];
    const tls = asMap(listener.tls);
    const options = asMap(tls?.options);
    return [
      {
        name: listener.name,
        port: typeof listener.port === 'number' ? listener.port : null,
        protocol: typeof listener.protocol === 'string' ? listener.protocol : null,
        tlsMode: typeof tls?.mode === 'string' ? tls.mode : null,
        tlsTerminateMode:
          typeof options?.[TLS_TERMINATE_MODE_OPTION] === 'string'
            ? (options[TLS_TERMINATE_MODE_OPTION] as string)
            : null,
      },
    ];
  });
}

/** The first address the Gateway's status reports (its Service's load balancer), else null. */
function firstAddress(gateway: KubeObject): string | null {
  const addresses = asMap(gateway.status)?.addresses;
  const first = Array.isArray(addresses) ? asMap(addresses[0]) : undefined;
  return typeof first?.value === 'string' && first.value ? first.value : null;
}

function classNameOf(gateway: KubeObject): string {
  const name = asMap(gateway.spec)?.gatewayClassName;
  return typeof name === 'string' ? name : '';
}

function refOf(object: KubeObject): { namespace: string; name: string } {
  return { namespace: object.metadata.namespace ?? 'default', name: object.metadata.name };
}

function byGateway(a: { gateway: WaypointFact['gateway'] }, b: { gateway: WaypointFact['gateway'] }): number {
  return `${a.gateway.namespace}/${a.gateway.name}`.localeCompare(`${b.gateway.namespace}/${b.gateway.name}`);
}

function groupOf(object: KubeObject): string {
  const slash = object.apiVersion.indexOf('/');
  return slash === -1 ? '' : object.apiVersion.slice(0, slash);
}

function asMap(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
