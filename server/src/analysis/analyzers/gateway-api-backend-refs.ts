/**
 * MESH402: a Gateway API route sends traffic to a backend that is not there: a Service (or Istio
 * ServiceEntry / Hostname) that does not exist, a port the backend does not expose, a backend kind Istio
 * does not resolve, or a backend in another namespace that no ReferenceGrant there lets the route reach
 * (in a cluster the route is in). istiod answers such a backend with HTTP 500s and `ResolvedRefs: False`.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type MeshQueries } from '../framework/mesh-queries';
import { GATEWAY_API_GROUP } from '../model/gateway-api';
import {
  type BackendReference,
  ROUTE_KINDS,
  backendRefsOf,
  groupKindOfReference,
  inClusters,
  referenceClusters,
} from '../model/gateway-api-references';
import { grantsAllowing } from '../model/reference-grants';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe } from '../model/resource';
import { type HostEntry, hostEntriesOf } from '../model/service-ports';

const HOSTNAME_KIND = 'Hostname.networking.istio.io';
/** Backends Istio resolves that Meshwright does not model: trusted, never reported. */
const UNMODELLED_BACKENDS = new Set(['InferencePool.inference.networking.k8s.io']);

export const gatewayApiBackendRefs: ResourceAnalyzer = {
  type: 'resource',
  name: 'gateway-api-backend-refs',
  codes: ['MESH402'],
  kinds: ROUTE_KINDS,
  requires: ['kubernetes'],
  analyze(route, ctx) {
    for (const backend of backendRefsOf(route)) {
      const problem = backendProblem(route, backend, ctx.mesh);
      if (!problem) continue;
      ctx.report({
        code: 'MESH402',
        resource: route,
        path: [...backend.path, problem.field],
        message: `${describe(route)}: ${problem.message}`,
        data: {
          backend: { kind: backend.kind, namespace: backend.namespace, name: backend.name },
          ...(problem.missingGrant ? { referenceGrant: problem.missingGrant } : {}),
        },
      });
    }
  },
};

/** The ReferenceGrant that would let the route reach its backend: what the quick fix creates. */
interface MissingReferenceGrant {
  readonly namespace: string;
  readonly from: { readonly group: string; readonly kind: string; readonly namespace: string };
  readonly to: { readonly group: string; readonly kind: string; readonly name: string };
}

function backendProblem(
  route: MeshResource,
  backend: BackendReference,
  mesh: MeshQueries,
): { field: string; message: string; missingGrant?: MissingReferenceGrant } | undefined {
  const groupKind = groupKindOfReference(backend);
  const named = `${backend.kind} ${backend.namespace}/${backend.name}`;
  if (UNMODELLED_BACKENDS.has(groupKind)) return undefined;
  const entries = backendEntries(groupKind, backend, mesh);
  if (entries === 'unknown-kind') {
    return {
      field: 'kind',
      message: `backendRefs names ${backend.kind} (group "${backend.group}"), a backend kind Istio does not resolve: requests to it fail. Name a Service (group ""), or a ServiceEntry or Hostname of group networking.istio.io.`,
    };
  }
  if (entries.length === 0) {
    return {
      field: 'name',
      message: `backendRefs names ${named}, which does not exist: requests routed to it fail (HTTP 500). Create it or fix the reference (namespace defaults to the route's).`,
    };
  }
  if (backend.port !== undefined) {
    const ports = [...new Set(entries.flatMap((entry) => entry.ports.map((port) => port.number)))];
    if (ports.length > 0 && !ports.includes(backend.port)) {
      return {
        field: 'port',
        message: `backendRefs sends to port ${backend.port} of ${named}, which exposes ${ports.sort((a, b) => a - b).join(', ')} only. Use one of those ports.`,
      };
    }
  }
  if (backend.crossNamespace) {
    const clusters = referenceClusters(route, mesh);
    const ungranted = clusters.filter(
      (cluster) => grantsAllowing(route, backend, cluster, mesh).length === 0,
    );
    if (ungranted.length > 0) {
      return {
        field: 'namespace',
        missingGrant: {
          namespace: backend.namespace,
          from: { group: GATEWAY_API_GROUP, kind: route.kind, namespace: route.namespace },
          to: { group: backend.group, kind: backend.kind, name: backend.name },
        },
        message: `backendRefs names ${named} in another namespace, and no ReferenceGrant in namespace ${backend.namespace}${inClusters(ungranted)} allows ${route.kind}s from namespace ${route.namespace} to reach it: the reference is refused (ResolvedRefs: False, RefNotPermitted). Create a ReferenceGrant in ${backend.namespace} with from {group: ${GATEWAY_API_GROUP}, kind: ${route.kind}, namespace: ${route.namespace}} and to {group: "${backend.group}", kind: ${backend.kind}}.`,
      };
    }
  }
  return undefined;
}

/** What the backend resolves to, each with its ports; 'unknown-kind' for kinds Istio does not take. */
function backendEntries(
  groupKind: string,
  backend: BackendReference,
  mesh: MeshQueries,
): readonly HostEntry[] | 'unknown-kind' {
  switch (groupKind) {
    case KINDS.Service:
    case KINDS.ServiceEntry:
      // Services are one per mesh: any cluster's copy serves the name.
      return mesh.find(groupKind, backend.namespace, backend.name).flatMap(hostEntriesOf);
    case HOSTNAME_KIND:
      return mesh.servicesForHost(backend.name, backend.namespace, { includeHidden: true });
    default:
      return 'unknown-kind';
  }
}
