/**
 * How Gateway API routes name what they attach to (`spec.parentRefs`) and where they send traffic
 * (`spec.rules[].backendRefs`), with the defaults the Gateway API gives omitted fields, and where such a
 * reference is looked up: configuration objects (Gateways, ReferenceGrants, waypoints) are read by each
 * cluster's control plane from its own API server, so a reference must hold in every cluster the
 * referring object is in.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { type MeshQueries } from '../framework/mesh-queries';
import { GATEWAY_API_GROUP, GATEWAY_API_KINDS } from './gateway-api';
import { asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';

/** The route kinds Istio reads; each attaches through parentRefs and routes through backendRefs. */
export const ROUTE_KINDS: readonly string[] = [
  GATEWAY_API_KINDS.HTTPRoute,
  GATEWAY_API_KINDS.GRPCRoute,
  GATEWAY_API_KINDS.TCPRoute,
  GATEWAY_API_KINDS.TLSRoute,
  GATEWAY_API_KINDS.UDPRoute,
];

export interface ObjectReference {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Path of the reference entry in its object. */
  readonly path: FieldPath;
}

export interface ParentReference extends ObjectReference {
  readonly sectionName: string | undefined;
  readonly port: number | undefined;
}

export interface BackendReference extends ObjectReference {
  readonly port: number | undefined;
  /** Whether `namespace` was written (a backend in the route's own namespace needs no grant). */
  readonly crossNamespace: boolean;
}

/** `spec.parentRefs`; an entry without a name is skipped (the schema reports it). */
export function parentRefsOf(route: MeshResource): ParentReference[] {
  return asArray(specOf(route).parentRefs).flatMap((item, i) => {
    const entry = asRecord(item);
    const name = asString(entry?.name);
    if (!entry || !name) return [];
    return [
      {
        group: asString(entry.group) ?? GATEWAY_API_GROUP,
        kind: asString(entry.kind) ?? 'Gateway',
        namespace: asString(entry.namespace) || route.namespace,
        name,
        sectionName: asString(entry.sectionName) || undefined,
        port: asNumber(entry.port),
        path: ['spec', 'parentRefs', i],
      },
    ];
  });
}

/** `spec.rules[].backendRefs[]`, with Service as the default kind of the core group. */
export function backendRefsOf(route: MeshResource): BackendReference[] {
  return asArray(specOf(route).rules).flatMap((rule, r) =>
    asArray(asRecord(rule)?.backendRefs).flatMap((item, b) => {
      const entry = asRecord(item);
      const name = asString(entry?.name);
      if (!entry || !name) return [];
      const namespace = asString(entry.namespace) || route.namespace;
      return [
        {
          group: asString(entry.group) ?? '',
          kind: asString(entry.kind) ?? 'Service',
          namespace,
          name,
          port: asNumber(entry.port),
          crossNamespace: namespace !== route.namespace,
          path: ['spec', 'rules', r, 'backendRefs', b],
        },
      ];
    }),
  );
}

/** `Gateway.gateway.networking.k8s.io`, `Service` (core group), `ServiceEntry.networking.istio.io`. */
export function groupKindOfReference(reference: Pick<ObjectReference, 'group' | 'kind'>): string {
  return reference.group ? `${reference.kind}.${reference.group}` : reference.kind;
}

/**
 * The clusters a reference of `resource` must hold in: its own cluster, or those an authored document
 * targets. `[null]` when no cluster is known (files alone): then any copy counts.
 */
export function referenceClusters(resource: MeshResource, mesh: MeshQueries): readonly (string | null)[] {
  if (resource.cluster !== null) return [resource.cluster];
  const targets = mesh.targetsOf(resource).clusters;
  return targets.length > 0 ? targets : [null];
}

/** The copies of an object a cluster's control plane reads: that cluster's and authored ones. */
export function copiesIn(copies: readonly MeshResource[], cluster: string | null): MeshResource[] {
  if (cluster === null) return [...copies];
  return copies.filter((copy) => copy.cluster === cluster || copy.cluster === null);
}

/** " in cluster east", " in clusters east, west", or '' when no cluster is named. */
export function inClusters(clusters: readonly (string | null)[]): string {
  const named = clusters.filter((c): c is string => c !== null);
  if (named.length === 0) return '';
  return ` in cluster${named.length === 1 ? '' : 's'} ${named.join(', ')}`;
}
