/**
 * The protocol Istio gives a Kubernetes Service port (pilot's kube.ConvertProtocol): UDP for
 * `protocol: UDP`; else `appProtocol` when set (with Kubernetes' `kubernetes.io/h2c|ws|wss`); else the
 * port name's prefix before the first `-` (`http-web` → HTTP; `grpc-web` is a prefix of its own).
 * `undefined` = Unsupported: Istio cannot tell, and treats the traffic as opaque TCP with detection.
 */
import { asString, type Fields } from '../../mesh/object-fields';

const PROTOCOLS: Readonly<Record<string, string>> = {
  tcp: 'TCP',
  udp: 'UDP',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  http: 'HTTP',
  http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2',
  https: 'HTTPS',
  tls: 'TLS',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
};

const KUBERNETES_APP_PROTOCOLS: Readonly<Record<string, string>> = {
  'kubernetes.io/h2c': 'HTTP2',
  'kubernetes.io/ws': 'HTTP',
  'kubernetes.io/wss': 'HTTPS',
};

/** Istio's protocol of a Service `ports[]` entry, or undefined when Unsupported. */
export function istioProtocolOfServicePort(port: Fields): string | undefined {
  if ((asString(port.protocol) ?? '').toUpperCase() === 'UDP') return 'UDP';
  const appProtocol = asString(port.appProtocol);
  let name = appProtocol ?? asString(port.name) ?? '';
  if (appProtocol !== undefined && KUBERNETES_APP_PROTOCOLS[appProtocol])
    return KUBERNETES_APP_PROTOCOLS[appProtocol];
  if (name.toLowerCase().startsWith('grpc-web')) return PROTOCOLS['grpc-web'];
  const dash = name.indexOf('-');
  if (dash >= 0) name = name.slice(0, dash);
  return PROTOCOLS[name.toLowerCase()];
}
