/**
 * A Gateway's servers as the analyzers need them: port, hosts and TLS settings, each with its field path.
 *
 * Server hosts are `namespace/dnsName`: only VirtualServices of that namespace may bind the host (`.` is
 * the Gateway's own namespace, `*` or no prefix any namespace). The DNS name is compared as written (pilot
 * does not complete short names in Gateway hosts); `*` and `*.example.com` are wildcards.
 */
import { type FieldPath } from '../../yaml/node-locator';
import {
  type Fields,
  asArray,
  asNumber,
  asRecord,
  asString,
  asStringArray,
  asStringMap,
} from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';
import { type Labels } from './selectors';

export interface GatewayHost {
  /** As written: `bookinfo/reviews.example.com`. */
  readonly raw: string;
  /** The namespace whose VirtualServices may bind it, `*` for any. */
  readonly namespace: string;
  /** The DNS name, lower case. */
  readonly dnsName: string;
  readonly path: FieldPath;
}

export interface GatewayServer {
  readonly index: number;
  readonly path: FieldPath;
  readonly port: number | undefined;
  readonly protocol: string;
  readonly hosts: readonly GatewayHost[];
  readonly tls: Fields | undefined;
}

export function gatewayServers(gateway: MeshResource): GatewayServer[] {
  return asArray(specOf(gateway).servers).flatMap((item, index) => {
    const server = asRecord(item);
    if (!server) return [];
    const path: FieldPath = ['spec', 'servers', index];
    const port = asRecord(server.port);
    return [
      {
        index,
        path,
        port: asNumber(port?.number),
        protocol: (asString(port?.protocol) ?? '').toUpperCase(),
        hosts: asStringArray(server.hosts).map((raw, k) =>
          parseGatewayHost(raw, gateway.namespace, [...path, 'hosts', k]),
        ),
        tls: asRecord(server.tls),
      },
    ];
  });
}

export function parseGatewayHost(raw: string, gatewayNamespace: string, path: FieldPath): GatewayHost {
  const slash = raw.indexOf('/');
  const prefix = slash === -1 ? '*' : raw.slice(0, slash);
  const dnsName = (slash === -1 ? raw : raw.slice(slash + 1)).trim().toLowerCase();
  return { raw, namespace: prefix === '.' ? gatewayNamespace : prefix, dnsName, path };
}

/** A VirtualService in `namespace` may bind this host. */
export function gatewayHostVisibleTo(host: GatewayHost, namespace: string): boolean {
  return host.namespace === '*' || host.namespace === namespace;
}

/** The Gateway's `selector`: the gateway pods it configures. */
export function gatewaySelector(gateway: MeshResource): Labels {
  return asStringMap(specOf(gateway).selector);
}

/** A stable text for a selector, equal for equal label maps: `app=x,istio=ingressgateway`. */
export function selectorKey(selector: Labels): string {
  return Object.keys(selector)
    .sort()
    .map((key) => `${key}=${selector[key]}`)
    .join(',');
}
