/**
 * IST0162: a Gateway server listens on a port that no Service in front of its gateway pods exposes, so
 * clients cannot reach it. Needs the gateway pods and Services ("K").
 *
 * As istioctl (gateway/gateway.go, IngressGatewayPortAnalyzer): for the pods the Gateway selects, the
 * TCP ports of every Service of the pod's namespace that selects them; if any of them offers the port the
 * server is fine. The server port is the Service port (istiod translates it to the targetPort the pod
 * listens on, which is how port 80 reaches a gateway listening on 8080); a server written with the
 * numeric targetPort itself also works and is accepted. Silent when the Gateway selects no pod (IST0101).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { gatewayServers, gatewaySelector } from '../model/gateway-servers';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asNumber, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, labelsOf, qualifiedName, specOf } from '../model/resource';
import { formatLabels, labelsMatch } from '../model/selectors';

export const gatewayServicePorts: ResourceAnalyzer = {
  type: 'resource',
  name: 'gateway-service-ports',
  codes: ['IST0162'],
  kinds: [KINDS.Gateway],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const selector = gatewaySelector(resource);
    const pods = ctx.mesh
      .workloads(selector, null)
      .filter((workload) => workload.resource.groupKind === KINDS.Pod);
    if (pods.length === 0) return;
    const services = ctx.mesh
      .ofKind(KINDS.Service)
      .filter((service) =>
        pods.some((pod) => pod.namespace === service.namespace && selectsPod(service, pod.resource)),
      );
    const reachable = new Set(services.flatMap(reachablePorts));
    const exposed = [...new Set(services.flatMap(servicePortNumbers))].sort((a, b) => a - b);
    for (const server of gatewayServers(resource)) {
      if (server.port === undefined || reachable.has(server.port)) continue;
      const fronts =
        services.length === 0
          ? `no Service selects its gateway pods (${formatLabels(selector)})`
          : `${services.map((service) => `Service ${qualifiedName(service)}`).join(', ')} in front of its gateway pods expose${services.length === 1 ? 's' : ''} only port${exposed.length === 1 ? '' : 's'} ${exposed.join(', ')}`;
      ctx.report({
        code: 'IST0162',
        resource,
        path: [...server.path, 'port', 'number'],
        message: `${describe(resource)} has a server on port ${server.port}, but ${fronts}, so clients cannot reach it. ${services.length === 0 ? `Create a Service for the gateway pods that exposes port ${server.port}.` : `Add port ${server.port} to the gateway's Service, or use a port it exposes.`}`,
        related: services.map((service) => ({
          resource: service,
          path: ['spec', 'ports'],
          message: `ports of Service ${qualifiedName(service)}${service.cluster ? ` in cluster ${service.cluster}` : ''}`,
        })),
        data: { port: server.port, exposed },
      });
    }
  },
};

function selectsPod(service: MeshResource, pod: MeshResource): boolean {
  const selector = asStringMap(specOf(service).selector);
  return Object.keys(selector).length > 0 && labelsMatch(selector, labelsOf(pod));
}

function tcpPorts(service: MeshResource): Readonly<Record<string, unknown>>[] {
  return asArray(specOf(service).ports).flatMap((item) => {
    const port = asRecord(item);
    if (!port) return [];
    return (asString(port.protocol) ?? 'TCP').toUpperCase() === 'TCP' ? [port] : [];
  });
}

function servicePortNumbers(service: MeshResource): number[] {
  return tcpPorts(service).flatMap((port) => {
    const number = asNumber(port.port);
    return number === undefined ? [] : [number];
  });
}

/** Service ports, plus numeric targetPorts (a server may name the port the pod listens on). */
function reachablePorts(service: MeshResource): number[] {
  return tcpPorts(service).flatMap((port) => {
    const numbers = [asNumber(port.port), asNumber(port.targetPort)];
    return numbers.filter((n): n is number => n !== undefined);
  });
}
