/**
 * Whether a Gateway API listener admits a route, as the Gateway API defines it: the route's namespace
 * against `allowedRoutes.namespaces` (`Same` by default), its kind against `allowedRoutes.kinds` (by
 * default the kinds of the listener's protocol), its hostnames against the listener's `hostname`.
 */
import { GATEWAY_API_GROUP } from './gateway-api';
import { hostsOverlap } from './hosts';
import { asArray, asNumber, asRecord, asString, asStringArray } from '../../mesh/object-fields';
import { type MeshResource, labelsOf, specOf } from './resource';
import { labelSelectorMatches } from './selectors';

export interface Listener {
  readonly name: string;
  readonly port: number | undefined;
  readonly protocol: string;
  readonly hostname: string | undefined;
  readonly allowedRoutes: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Route kinds a listener takes when `allowedRoutes.kinds` is empty, for the protocols whose answer is
 * plain; TLS and Istio's HBONE depend on the TLS mode and the implementation, so they are not judged.
 */
const KINDS_BY_PROTOCOL: Readonly<Record<string, readonly string[]>> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

export function listenersOf(gateway: MeshResource): Listener[] {
  return asArray(specOf(gateway).listeners).flatMap((item) => {
    const listener = asRecord(item);
    const name = asString(listener?.name);
    if (!listener || !name) return [];
    return [
      {
        name,
        port: asNumber(listener.port),
        protocol: asString(listener.protocol) ?? '',
        hostname: asString(listener.hostname) || undefined,
        allowedRoutes: asRecord(listener.allowedRoutes),
      },
    ];
  });
}

/**
 * Why `listener` of `gateway` does not admit `route`, or undefined when it does. `routeNamespace` is the
 * route's Namespace object in the Gateway's cluster, when known (for a `Selector`).
 */
export function listenerRefusal(
  listener: Listener,
  gateway: MeshResource,
  route: MeshResource,
  routeNamespace: MeshResource | undefined,
): string | undefined {
  const namespaces = asRecord(listener.allowedRoutes?.namespaces);
  const from = asString(namespaces?.from) ?? 'Same';
  if (from === 'Same' && route.namespace !== gateway.namespace)
    return `admits routes from its own namespace ${gateway.namespace} only (allowedRoutes.namespaces.from: Same)`;
  if (
    from === 'Selector' &&
    routeNamespace !== undefined &&
    !labelSelectorMatches(namespaces?.selector, namespaceLabels(routeNamespace))
  )
    return `admits routes from namespaces its allowedRoutes.namespaces.selector selects, and namespace ${route.namespace} does not match it`;

  const kinds = asArray(listener.allowedRoutes?.kinds).flatMap((item) => {
    const kind = asRecord(item);
    const name = asString(kind?.kind);
    return name ? [{ group: asString(kind?.group) ?? GATEWAY_API_GROUP, kind: name }] : [];
  });
  if (kinds.length > 0) {
    if (!kinds.some((kind) => kind.kind === route.kind && kind.group === route.group))
      return `admits ${kinds.map((kind) => kind.kind).join(', ')} only (allowedRoutes.kinds)`;
  } else {
    const byProtocol = KINDS_BY_PROTOCOL[listener.protocol];
    if (byProtocol && route.group === GATEWAY_API_GROUP && !byProtocol.includes(route.kind))
      return `takes ${byProtocol.join(', ')} on protocol ${listener.protocol}, not ${route.kind}`;
  }

  const hostnames = asStringArray(specOf(route).hostnames).map((host) => host.toLowerCase());
  if (listener.hostname && hostnames.length > 0) {
    const own = listener.hostname.toLowerCase();
    if (!hostnames.some((host) => hostsOverlap(host, own)))
      return `serves hostname ${listener.hostname}, which none of the route's hostnames (${hostnames.join(', ')}) intersects`;
  }
  return undefined;
}

/** The API server labels every Namespace with its own name; cluster files often leave it out. */
function namespaceLabels(namespace: MeshResource): Readonly<Record<string, string>> {
  return { 'kubernetes.io/metadata.name': namespace.name, ...labelsOf(namespace) };
}
