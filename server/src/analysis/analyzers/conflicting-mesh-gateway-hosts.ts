/**
 * IST0109: several VirtualServices bound to the `mesh` gateway (no `gateways`, or `mesh` listed) define
 * the same host for a namespace that sees them all (exportTo). Sidecars use one and ignore the others.
 * A group analyzer: one group per host, so an edit re-checks only the hosts it touches.
 *
 * Each member is reported, as istioctl does, but names at most MAX_NAMED of the others (with how many
 * more): a thousand VirtualServices for `*` would otherwise make a million related locations. Members are
 * compared by visibility class (the same exportTo from the same namespace), not pair by pair.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import { exportToOf, exportsOverlap } from '../model/export-to';
import { KINDS } from '../../../../protocol/kinds';
import { asStringArray } from '../../mesh/object-fields';
import { type MeshResource, describe, specOf } from '../model/resource';
import { isBoundToMesh } from '../model/virtual-service-routes';
import { normalizeHost } from '../model/hosts';

export const conflictingMeshGatewayHosts: GroupAnalyzer = {
  type: 'group',
  name: 'conflicting-mesh-gateway-hosts',
  codes: ['IST0109'],
  kinds: [KINDS.VirtualService],
  groupKeys(resource) {
    if (!isBoundToMesh(resource)) return [];
    return [
      ...new Set(
        asStringArray(specOf(resource).hosts).map((host) => normalizeHost(host, resource.namespace)),
      ),
    ];
  },
  analyzeGroup(host, members, ctx) {
    if (members.length < 2) return;
    const classes = visibilityClasses(members, ctx.mesh.meshConfig);
    for (const own of classes) {
      const overlapping = classes.filter((other) => exportsOverlap(own.scope, other.scope));
      // A class whose exportTo is only `~` does not even overlap itself.
      const self = overlapping.includes(own) ? 1 : 0;
      const othersCount = overlapping.reduce((sum, c) => sum + c.members.length, 0) - self;
      if (othersCount === 0) continue;
      for (const member of own.members) {
        const others = firstOthers(overlapping, member, MAX_NAMED);
        const more = othersCount - others.length;
        const names = others.map(describe).join(', ') + (more > 0 ? ` and ${more} more` : '');
        ctx.report({
          code: 'IST0109',
          resource: member,
          path: ['spec', 'hosts', hostIndex(member, host)],
          message: `${describe(member)} and ${names} ${othersCount === 1 ? 'both' : 'all'} define host ${host} for the mesh gateway; sidecars apply only one of them. Merge their routes into one VirtualService, or narrow one with exportTo or gateways.`,
          related: others.map((other) => ({
            resource: other,
            path: ['spec', 'hosts', hostIndex(other, host)],
            message: `${describe(other)} also defines ${host}`,
          })),
          data: {
            host,
            conflictingCount: othersCount,
            conflicting: others.map((other) => ({
              namespace: other.namespace,
              name: other.name,
              cluster: other.cluster,
            })),
          },
        });
      }
    }
  },
};

/** How many of the other VirtualServices a finding names and links. */
const MAX_NAMED = 10;

interface VisibilityClass {
  readonly scope: { readonly exportTo: readonly string[]; readonly namespace: string };
  readonly members: MeshResource[];
}

/** Members grouped by what decides their overlap: exportTo and namespace (usually a handful of classes). */
function visibilityClasses(
  members: readonly MeshResource[],
  meshConfig: Parameters<typeof exportToOf>[1],
): VisibilityClass[] {
  const classes = new Map<string, VisibilityClass>();
  for (const member of members) {
    const exportTo = exportToOf(member, meshConfig);
    const key = `${member.namespace}\u0000${exportTo.join('\u0000')}`;
    let found = classes.get(key);
    if (!found) {
      found = { scope: { exportTo, namespace: member.namespace }, members: [] };
      classes.set(key, found);
    }
    found.members.push(member);
  }
  return [...classes.values()];
}

/** Up to `limit` members of the classes other than `member` itself, in the group's order. */
function firstOthers(
  classes: readonly VisibilityClass[],
  member: MeshResource,
  limit: number,
): MeshResource[] {
  const found: MeshResource[] = [];
  for (const visibility of classes) {
    for (const other of visibility.members) {
      if (found.length === limit) return found;
      if (other !== member) found.push(other);
    }
  }
  return found;
}

function hostIndex(resource: MeshResource, host: string): number {
  return asStringArray(specOf(resource).hosts).findIndex(
    (entry) => normalizeHost(entry, resource.namespace) === host,
  );
}
