/**
 * Gateway API ReferenceGrants: a route may name a backend in another namespace only when a
 * ReferenceGrant in the backend's namespace lets the route's kind and namespace (`spec.from`) reach that
 * kind, and that name when `spec.to[].name` is set.
 */
import { type MeshQueries } from '../framework/mesh-queries';
import { GATEWAY_API_KINDS } from './gateway-api';
import { type BackendReference, copiesIn } from './gateway-api-references';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';

/** The grants in the backend's namespace, as `cluster` reads them, that allow `route` to reach `backend`. */
export function grantsAllowing(
  route: MeshResource,
  backend: BackendReference,
  cluster: string | null,
  mesh: MeshQueries,
): MeshResource[] {
  const grants = mesh
    .ofKind(GATEWAY_API_KINDS.ReferenceGrant)
    .filter((grant) => grant.namespace === backend.namespace);
  return copiesIn(grants, cluster).filter((grant) => allows(grant, route, backend));
}

function allows(grant: MeshResource, route: MeshResource, backend: BackendReference): boolean {
  const spec = specOf(grant);
  const fromRoute = asArray(spec.from).some((item) => {
    const from = asRecord(item);
    return (
      asString(from?.group) === route.group &&
      asString(from?.kind) === route.kind &&
      asString(from?.namespace) === route.namespace
    );
  });
  if (!fromRoute) return false;
  return asArray(spec.to).some((item) => {
    const to = asRecord(item);
    const name = asString(to?.name);
    return (
      (asString(to?.group) ?? '') === backend.group &&
      asString(to?.kind) === backend.kind &&
      (!name || name === backend.name)
    );
  });
}
