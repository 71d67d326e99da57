/**
 * Where a VirtualService points: its route and mirror destinations and its gateway references, each with
 * the field path of the node, so analyzers can report on the exact entry.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { asArray, asNumber, asRecord, asString, asStringArray } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';

export const MESH_GATEWAY = 'mesh';

export interface RouteDestination {
  /** Path of the `destination` (or `mirror`) object. */
  readonly path: FieldPath;
  readonly host: string;
  readonly subset: string | undefined;
  readonly port: number | undefined;
  readonly role: 'route' | 'mirror';
}

export interface GatewayReference {
  readonly path: FieldPath;
  readonly reference: string;
}

export function destinationsOf(resource: MeshResource): RouteDestination[] {
  const spec = specOf(resource);
  const found: RouteDestination[] = [];
  const add = (value: unknown, path: FieldPath, role: RouteDestination['role']): void => {
    const destination = asRecord(value);
    const host = asString(destination?.host);
    if (!destination || !host) return;
    found.push({
      path,
      host,
      subset: asString(destination.subset),
      port: asNumber(asRecord(destination.port)?.number),
      role,
    });
  };
  for (const section of ['http', 'tcp', 'tls'] as const) {
    asArray(spec[section]).forEach((item, i) => {
      const route = asRecord(item);
      if (!route) return;
      asArray(route.route).forEach((target, j) =>
        add(asRecord(target)?.destination, ['spec', section, i, 'route', j, 'destination'], 'route'),
      );
      if (section !== 'http') return;
      add(route.mirror, ['spec', section, i, 'mirror'], 'mirror');
      asArray(route.mirrors).forEach((mirror, j) =>
        add(asRecord(mirror)?.destination, ['spec', section, i, 'mirrors', j, 'destination'], 'mirror'),
      );
    });
  }
  return found;
}

/** `spec.gateways` entries and per-route `match[].gateways` entries. */
export function gatewayReferencesOf(resource: MeshResource): GatewayReference[] {
  const spec = specOf(resource);
  const found: GatewayReference[] = asStringArray(spec.gateways).map((reference, i) => ({
    path: ['spec', 'gateways', i],
    reference,
  }));
  for (const section of ['http', 'tcp', 'tls'] as const) {
    asArray(spec[section]).forEach((item, i) => {
      asArray(asRecord(item)?.match).forEach((match, j) => {
        asArray(asRecord(match)?.gateways).forEach((reference, k) => {
          if (typeof reference === 'string') {
            found.push({ path: ['spec', section, i, 'match', j, 'gateways', k], reference });
          }
        });
      });
    });
  }
  return found;
}

/** Bound to sidecars: no `gateways`, or `mesh` among them. */
export function isBoundToMesh(resource: MeshResource): boolean {
  const gateways = asStringArray(specOf(resource).gateways);
  return gateways.length === 0 || gateways.includes(MESH_GATEWAY);
}
