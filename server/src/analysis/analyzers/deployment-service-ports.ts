/**
 * IST0116 / IST0137: the Services that select a Deployment's pods disagree about a port.
 * - IST0116: one port number gets different protocols (Kubernetes protocol, else Istio's protocol from
 *   appProtocol or the name prefix, else auto-detection): the sidecar can handle the port one way only.
 * - IST0137: one targetPort is reached through different Service ports.
 * Like istioctl, only for Deployments in the mesh, outside system namespaces and Istio's own components.
 * A group analyzer per namespace over its Deployments and Services, so an edit re-checks one namespace.
 */
import { type AnalysisContext, type GroupAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { isIstioComponent, podInMesh } from '../model/mesh-membership';
import { asArray, asNumber, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { type PodTemplate, containersOf, podTemplateOf } from '../model/pod-templates';
import { istioProtocolOfServicePort } from '../model/service-port-protocol';
import { type MeshResource, describe, qualifiedName, specOf } from '../model/resource';
import { labelsMatch } from '../model/selectors';
import { namespaceCopyFor } from '../model/sidecar-injection';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

interface SelectingPort {
  readonly service: MeshResource;
  readonly index: number;
  readonly port: number;
  readonly protocol: string;
  /** The container port it reaches: a number, or a name no container declares. */
  readonly target: string;
}

export const deploymentServicePorts: GroupAnalyzer = {
  type: 'group',
  name: 'deployment-service-ports',
  codes: ['IST0116', 'IST0137'],
  kinds: [KINDS.Deployment, KINDS.Service],
  requires: ['kubernetes'],
  groupKeys(resource) {
    return SYSTEM_NAMESPACES.has(resource.namespace) ? [] : [resource.namespace];
  },
  analyzeGroup(namespace, members, ctx) {
    const deployments = members.filter((m) => m.groupKind === KINDS.Deployment && !isIstioComponent(m));
    const services = members.filter((m) => m.groupKind === KINDS.Service);
    if (deployments.length === 0 || services.length < 2) return;
    const namespaces = ctx.mesh.find(KINDS.Namespace, '', namespace);
    const injectors = ctx.mesh.ofKind(KINDS.MutatingWebhookConfiguration);
    const selectors = indexSelectors(services);
    for (const deployment of deployments) {
      const pod = podTemplateOf(deployment)!;
      // One copy per name, so a conflict needs two: most pods are selected by one Service.
      const selecting = servicesSelecting(pod, selectors, deployment.cluster);
      if (selecting.length < 2) continue;
      if (!podInMesh(pod, namespaceCopyFor(namespaces, deployment.cluster), injectors)) continue;
      const ports = selectingPorts(pod, selecting);
      if (new Set(ports.map((p) => p.service.name)).size < 2) continue;
      reportProtocolConflicts(deployment, ports, ctx);
      reportTargetPortConflicts(deployment, ports, ctx);
    }
  },
};

interface SelectorEntry {
  readonly service: MeshResource;
  readonly selector: Record<string, string>;
  /** Its place among the namespace's Services: results keep that order, as messages list them. */
  readonly order: number;
}

/** The copies of one Service filed under one `key=value`: one per cluster, and authored ones. */
interface ServiceCopies {
  /** In the namespace's order. */
  readonly copies: SelectorEntry[];
  /** The first copy of each cluster (null: authored documents). */
  readonly firstInCluster: Map<string | null, SelectorEntry>;
}

/**
 * The Services with a selector, filed under one `key=value` pair of it (its first key), then by name. A
 * namespace seen across many clusters holds thousands of Services and Deployments: each pod is then
 * matched against the few Services filed under its own labels instead of every Service, and against the
 * copy in its own cluster first instead of all fifty copies of a name.
 */
function indexSelectors(services: readonly MeshResource[]): Map<string, Map<string, ServiceCopies>> {
  const index = new Map<string, Map<string, ServiceCopies>>();
  services.forEach((service, order) => {
    const selector = asStringMap(specOf(service).selector);
    const first = Object.keys(selector).sort()[0];
    if (first === undefined) return;
    const key = `${first}=${selector[first]}`;
    let byName = index.get(key);
    if (!byName) index.set(key, (byName = new Map()));
    let named = byName.get(service.name);
    if (!named) byName.set(service.name, (named = { copies: [], firstInCluster: new Map() }));
    const entry = { service, selector, order };
    named.copies.push(entry);
    if (!named.firstInCluster.has(service.cluster)) named.firstInCluster.set(service.cluster, entry);
  });
  return index;
}

/** Services whose selector matches the pod, one copy per name (the deployment's cluster first). */
function servicesSelecting(
  pod: PodTemplate,
  selectors: ReadonlyMap<string, ReadonlyMap<string, ServiceCopies>>,
  cluster: string | null,
): MeshResource[] {
  const byName = new Map<string, SelectorEntry>();
  const rank = (s: MeshResource): number => (s.cluster === cluster ? 0 : s.cluster === null ? 1 : 2);
  for (const [label, value] of Object.entries(pod.labels)) {
    for (const [name, named] of selectors.get(`${label}=${value}`) ?? []) {
      const kept = byName.get(name);
      if (kept && rank(kept.service) === 0) continue;
      // The copy in the pod's own cluster, when it matches, is the one: no other can rank before it.
      const own = named.firstInCluster.get(cluster);
      if (own && labelsMatch(own.selector, pod.labels)) {
        byName.set(name, own);
        continue;
      }
      for (const entry of named.copies) {
        if (!labelsMatch(entry.selector, pod.labels)) continue;
        const best = byName.get(name);
        if (!best || rank(entry.service) < rank(best.service)) byName.set(name, entry);
      }
    }
  }
  return [...byName.values()].sort((a, b) => a.order - b.order).map((entry) => entry.service);
}

function selectingPorts(pod: PodTemplate, services: readonly MeshResource[]): SelectingPort[] {
  const containerPorts = new Map<string, number>();
  for (const { container } of containersOf(pod)) {
    for (const item of asArray(container.ports)) {
      const port = asRecord(item);
      const name = asString(port?.name);
      const number = asNumber(port?.containerPort);
      if (name && number !== undefined) containerPorts.set(name, number);
    }
  }
  return services.flatMap((service) =>
    asArray(specOf(service).ports).flatMap((item, index) => {
      const entry = asRecord(item);
      const port = asNumber(entry?.port);
      if (!entry || port === undefined) return [];
      const kubernetesProtocol = (asString(entry.protocol) ?? 'TCP').toUpperCase();
      const istio = istioProtocolOfServicePort(entry);
      const protocol =
        kubernetesProtocol !== 'TCP' ? kubernetesProtocol : (istio ?? 'unspecified (auto-detected)');
      const rawTarget = entry.targetPort ?? port;
      const target =
        typeof rawTarget === 'string' && !/^\d+$/.test(rawTarget)
          ? String(containerPorts.get(rawTarget) ?? rawTarget)
          : String(rawTarget);
      return [{ service, index, port, protocol, target }];
    }),
  );
}

function reportProtocolConflicts(
  deployment: MeshResource,
  ports: readonly SelectingPort[],
  ctx: AnalysisContext,
): void {
  for (const number of new Set(ports.map((p) => p.port))) {
    const onPort = ports.filter((p) => p.port === number);
    if (new Set(onPort.map((p) => p.protocol)).size < 2) continue;
    const list = onPort.map((p) => `${qualifiedName(p.service)} says ${p.protocol}`).join(', ');
    ctx.report({
      code: 'IST0116',
      resource: deployment,
      message: `${describe(deployment)} is selected by Services that give port ${number} different protocols (${list}); its sidecar can handle the port only one way. Give port ${number} one protocol (name prefix or appProtocol) in every Service that selects these pods, or use different ports.`,
      related: onPort.map((p) => ({
        resource: p.service,
        path: ['spec', 'ports', p.index],
        message: `port ${number} of Service ${qualifiedName(p.service)}: ${p.protocol}`,
      })),
      data: { port: number, services: onPort.map((p) => p.service.name) },
    });
  }
}

function reportTargetPortConflicts(
  deployment: MeshResource,
  ports: readonly SelectingPort[],
  ctx: AnalysisContext,
): void {
  for (const target of new Set(ports.map((p) => p.target))) {
    const onTarget = ports.filter((p) => p.target === target);
    if (new Set(onTarget.map((p) => p.port)).size < 2) continue;
    if (new Set(onTarget.map((p) => p.service.name)).size < 2) continue;
    const list = onTarget.map((p) => `${qualifiedName(p.service)} port ${p.port}`).join(', ');
    ctx.report({
      code: 'IST0137',
      resource: deployment,
      message: `${describe(deployment)} is selected by Services that reach its targetPort ${target} through different ports (${list}); Istio cannot tell which Service port inbound traffic on ${target} belongs to. Use one port for targetPort ${target} in every Service that selects these pods.`,
      related: onTarget.map((p) => ({
        resource: p.service,
        path: ['spec', 'ports', p.index],
        message: `Service ${qualifiedName(p.service)} maps port ${p.port} to targetPort ${target}`,
      })),
      data: { targetPort: target, services: onTarget.map((p) => p.service.name) },
    });
  }
}
