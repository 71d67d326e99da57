/**
 * IST0118: a Service port whose protocol Istio cannot tell: no `appProtocol`, and a name that is not
 * `<protocol>` or `<protocol>-<suffix>` for a protocol Istio knows (model/service-port-protocol.ts).
 * Istio then sniffs the protocol, which adds latency and breaks server-first protocols. As istioctl
 * does: UDP ports, the well-known TCP ports pilot never sniffs, system namespaces, Istio's own
 * components (an `istio` label, or `release: istio`) and the Services Istio's gateway controllers create
 * are exempt. An ExternalName Service has no endpoints to sniff: its port names are IST0150's business.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { isIstioComponent } from '../model/mesh-membership';
import { asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { describe, labelsOf, specOf } from '../model/resource';
import { istioProtocolOfServicePort } from '../model/service-port-protocol';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);
/** SMTP, DNS, MySQL, MongoDB: pilot's ConvertProtocol takes an unnamed port of these as TCP. */
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);
/** `gateway.istio.io/managed` values of the Services Istio's gateway controllers create. */
const GATEWAY_CONTROLLERS = new Set([
  'istio.io-gateway-controller',
  'istio.io-mesh-controller',
  'istio.io-eastwest-controller',
]);
const PREFIXES = 'http, http2, https, grpc, grpc-web, tcp, tls, mongo, mysql, redis';

export const servicePortNames: ResourceAnalyzer = {
  type: 'resource',
  name: 'service-port-names',
  codes: ['IST0118'],
  kinds: [KINDS.Service],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (SYSTEM_NAMESPACES.has(resource.namespace) || isIstioComponent(resource)) return;
    const managedBy = labelsOf(resource)['gateway.istio.io/managed'];
    if (managedBy !== undefined && GATEWAY_CONTROLLERS.has(managedBy)) return;
    if (asString(specOf(resource).type) === 'ExternalName') return;
    asArray(specOf(resource).ports).forEach((item, i) => {
      const port = asRecord(item);
      const number = asNumber(port?.port);
      if (!port || number === undefined || asString(port.appProtocol)) return;
      if (istioProtocolOfServicePort(port) !== undefined || WELL_KNOWN_TCP_PORTS.has(number)) return;
      const name = asString(port.name) ?? '';
      const named = name !== '';
      ctx.report({
        code: 'IST0118',
        resource,
        path: ['spec', 'ports', i, named ? 'name' : 'port'],
        message: `${describe(resource)} port ${number} ${named ? `is named "${name}", which does not start with a` : 'has no name, so no'} protocol Istio knows, and has no appProtocol, so Istio falls back to protocol sniffing (slower, and broken for server-first protocols). Name it <protocol>[-<suffix>] with one of ${PREFIXES} (e.g. "${named ? `http-${name}` : 'http'}"), or set appProtocol.`,
        data: { port: number, name },
      });
    });
  },
};
