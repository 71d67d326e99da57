/**
 * IST0109: several VirtualServices bound to the `mesh` gateway (no `gateways`, or `mesh` listed) define
 * the same host for a namespace that sees them all (exportTo). Sidecars use one and ignore the others.
 * A group analyzer: one group per host, so an edit re-checks only the hosts it touches.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import { exportToOf, exportsOverlap } from '../model/export-to';
import { KINDS } from '../model/kinds';
import { asStringArray } from '../model/object-fields';
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
    const meshConfig = ctx.mesh.meshConfig;
    const scope = (vs: MeshResource): { exportTo: readonly string[]; namespace: string } => ({
      exportTo: exportToOf(vs, meshConfig),
      namespace: vs.namespace,
    });
    for (const member of members) {
      const others = members.filter(
        (other) => other !== member && exportsOverlap(scope(member), scope(other)),
      );
      if (others.length === 0) continue;
      ctx.report({
        code: 'IST0109',
        resource: member,
        path: ['spec', 'hosts', hostIndex(member, host)],
        message: `${describe(member)} and ${others.map(describe).join(', ')} ${others.length === 1 ? 'both' : 'all'} define host ${host} for the mesh gateway; sidecars apply only one of them. Merge their routes into one VirtualService, or narrow one with exportTo or gateways.`,
        related: others.map((other) => ({
          resource: other,
          path: ['spec', 'hosts', hostIndex(other, host)],
          message: `${describe(other)} also defines ${host}`,
        })),
        data: {
          host,
          conflicting: others.map((other) => ({
            namespace: other.namespace,
            name: other.name,
            cluster: other.cluster,
          })),
        },
      });
    }
  },
};

function hostIndex(resource: MeshResource, host: string): number {
  return asStringArray(specOf(resource).hosts).findIndex(
    (entry) => normalizeHost(entry, resource.namespace) === host,
  );
}
