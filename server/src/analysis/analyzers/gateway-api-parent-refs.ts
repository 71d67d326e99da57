/**
 * MESH401: a Gateway API route attaches to nothing, or to a parent that is not there for it: no
 * `parentRefs`; a Gateway missing in a cluster the route is in; a `sectionName` or `port` no listener
 * has; listeners that refuse the route (namespaces, kinds, hostnames); a Service (mesh routing) that
 * does not exist; a parent kind Istio does not attach routes to. istiod leaves such a route unattached
 * (route status `Accepted: False` once applied); this says so before it is applied.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type MeshQueries } from '../framework/mesh-queries';
import { GATEWAY_API_GROUP, GATEWAY_API_KINDS } from '../model/gateway-api';
import {
  type ParentReference,
  ROUTE_KINDS,
  copiesIn,
  groupKindOfReference,
  inClusters,
  parentRefsOf,
  referenceClusters,
} from '../model/gateway-api-references';
import { type Listener, listenerRefusal, listenersOf } from '../model/gateway-listeners';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe, specOf } from '../model/resource';

/** Parent kinds istiod attaches routes to besides Gateways and Services. */
const OTHER_PARENTS = new Set([
  'ServiceEntry.networking.istio.io',
  'ListenerSet.gateway.networking.x-k8s.io',
]);

export const gatewayApiParentRefs: ResourceAnalyzer = {
  type: 'resource',
  name: 'gateway-api-parent-refs',
  codes: ['MESH401'],
  kinds: ROUTE_KINDS,
  requires: ['kubernetes'],
  analyze(route, ctx) {
    const parents = parentRefsOf(route);
    if (parents.length === 0) {
      const written = specOf(route).parentRefs !== undefined;
      ctx.report({
        code: 'MESH401',
        resource: route,
        path: written ? ['spec', 'parentRefs'] : ['metadata', 'name'],
        target: written ? 'key' : 'value',
        message: `${describe(route)} has ${written ? 'no usable parentRefs entry (each needs a name)' : 'no parentRefs'}: it attaches to no Gateway or Service, so it routes nothing. Add spec.parentRefs naming a Gateway (ingress) or a Service (mesh routing).`,
      });
      return;
    }
    for (const parent of parents) {
      const problem = parentProblem(route, parent, ctx.mesh);
      if (!problem) continue;
      ctx.report({
        code: 'MESH401',
        resource: route,
        path: [...parent.path, problem.field],
        message: `${describe(route)}: ${problem.message}`,
        related: problem.related,
        data: { parent: { kind: parent.kind, namespace: parent.namespace, name: parent.name } },
      });
    }
  },
};

interface ParentProblem {
  readonly field: string;
  readonly message: string;
  readonly related?: { resource: MeshResource; message: string }[];
}

function parentProblem(
  route: MeshResource,
  parent: ParentReference,
  mesh: MeshQueries,
): ParentProblem | undefined {
  const groupKind = groupKindOfReference(parent);
  const named = `${parent.kind} ${parent.namespace}/${parent.name}`;
  if (groupKind === KINDS.Service) {
    // Services are one per mesh: a copy in any cluster serves the name.
    if (mesh.find(KINDS.Service, parent.namespace, parent.name).length > 0) return undefined;
    return {
      field: 'name',
      message: `parentRefs names Service ${parent.namespace}/${parent.name}, which does not exist: the route applies to no mesh traffic. Create the Service or fix the reference.`,
    };
  }
  if (OTHER_PARENTS.has(groupKind)) return undefined;
  if (groupKind !== GATEWAY_API_KINDS.Gateway) {
    return {
      field: 'kind',
      message: `parentRefs names ${parent.kind} (group "${parent.group}"), a kind Istio does not attach routes to. Name a Gateway (group ${GATEWAY_API_GROUP}) or a Service (group "").`,
    };
  }

  const copies = mesh.find(GATEWAY_API_KINDS.Gateway, parent.namespace, parent.name);
  const clusters = referenceClusters(route, mesh);
  const missing = clusters.filter((cluster) => copiesIn(copies, cluster).length === 0);
  if (missing.length > 0) {
    const elsewhere = copies.length > 0 ? ` It exists${inClusters(copies.map((c) => c.cluster))}.` : '';
    return {
      field: 'name',
      message: `parentRefs names ${named}, which does not exist${inClusters(missing)}: the route is not attached there.${elsewhere} Create the Gateway or fix the reference (namespace defaults to the route's).`,
      related: copies.map((gateway) => ({ resource: gateway, message: `${describe(gateway)}` })),
    };
  }

  for (const cluster of clusters) {
    for (const gateway of copiesIn(copies, cluster)) {
      const problem = listenerProblem(route, parent, gateway, cluster, mesh);
      if (problem) return problem;
    }
  }
  return undefined;
}

function listenerProblem(
  route: MeshResource,
  parent: ParentReference,
  gateway: MeshResource,
  cluster: string | null,
  mesh: MeshQueries,
): ParentProblem | undefined {
  const listeners = listenersOf(gateway);
  const where = `${describe(gateway)}`;
  const related = [{ resource: gateway, message: where }];
  const selected = listeners.filter(
    (listener: Listener) =>
      (parent.sectionName === undefined || listener.name === parent.sectionName) &&
      (parent.port === undefined || listener.port === parent.port),
  );
  if (selected.length === 0) {
    const wanted = [
      parent.sectionName !== undefined ? `named ${parent.sectionName}` : '',
      parent.port !== undefined ? `on port ${parent.port}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const names = listeners.map(
      (listener) => `${listener.name}${listener.port ? ` (${listener.port})` : ''}`,
    );
    return {
      field: selectorField(parent),
      message: `${where} has no listener ${wanted}${names.length > 0 ? ` (it has ${names.join(', ')})` : ''}: the route is not attached. Fix sectionName/port.`,
      related,
    };
  }
  const routeNamespace = copiesIn(mesh.find(KINDS.Namespace, '', route.namespace), cluster)[0];
  const refusals = selected.map((listener) => ({
    listener,
    reason: listenerRefusal(listener, gateway, route, routeNamespace),
  }));
  if (refusals.some((refusal) => refusal.reason === undefined)) return undefined;
  const reasons = refusals.map((refusal) => `listener ${refusal.listener.name} ${refusal.reason}`);
  return {
    field: selectorField(parent),
    message: `${where} does not admit the route: ${reasons.join('; ')}. Change the listener's allowedRoutes or hostname, or the route.`,
    related,
  };
}

/** The field that picked the listeners: sectionName, else port, else the Gateway's name. */
function selectorField(parent: ParentReference): string {
  if (parent.sectionName !== undefined) return 'sectionName';
  return parent.port !== undefined ? 'port' : 'name';
}
