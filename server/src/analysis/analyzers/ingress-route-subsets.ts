/**
 * IST0140: a VirtualService bound to a Gateway routes to a host without a subset, while a mesh
 * VirtualService for that host splits its traffic into subsets. Route rules act where the request is
 * routed: the gateway applies only its own VirtualService, so requests coming in through it ignore the
 * mesh rule's subsets and reach every version.
 *
 * A group analyzer with one group per destination host: the gateway VirtualService and the mesh one both
 * route to the host, so an edit of either re-checks the pair.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import { hostCovers, isWildcardHost, normalizeHost } from '../model/hosts';
import { KINDS } from '../../../../protocol/kinds';
import { asStringArray } from '../../mesh/object-fields';
import { type MeshResource, describe, specOf } from '../model/resource';
import {
  MESH_GATEWAY,
  type RouteDestination,
  destinationsOf,
  isBoundToMesh,
} from '../model/virtual-service-routes';

interface SubsetUse {
  readonly resource: MeshResource;
  readonly destination: RouteDestination;
  readonly subset: string;
}

export const ingressRouteSubsets: GroupAnalyzer = {
  type: 'group',
  name: 'ingress-route-subsets',
  codes: ['IST0140'],
  kinds: [KINDS.VirtualService],
  groupKeys(resource) {
    const hosts = routeDestinations(resource).map((d) => normalizeHost(d.host, resource.namespace));
    return [...new Set(hosts.filter((host) => !isWildcardHost(host)))];
  },
  analyzeGroup(host, members, ctx) {
    if (members.length < 2) return;
    const subsetUses: SubsetUse[] = members
      .filter((member) => isBoundToMesh(member) && servesHost(member, host))
      .flatMap((member) =>
        destinationsTo(member, host).flatMap((destination) =>
          destination.subset ? [{ resource: member, destination, subset: destination.subset }] : [],
        ),
      );
    if (subsetUses.length === 0) return;
    for (const member of members) {
      const gateways = boundGateways(member);
      if (gateways.length === 0) continue;
      const others = subsetUses.filter((use) => use.resource !== member);
      if (others.length === 0) continue;
      const subsets = [...new Set(others.map((use) => use.subset))];
      const rules = [...new Set(others.map((use) => use.resource))];
      for (const destination of destinationsTo(member, host)) {
        if (destination.subset) continue;
        ctx.report({
          code: 'IST0140',
          resource: member,
          path: [...destination.path, 'host'],
          message: `${describe(member)} routes requests from gateway ${gateways.join(', ')} to ${host} without a subset, while ${rules.map(describe).join(', ')} route${rules.length === 1 ? 's' : ''} ${host} to subset${subsets.length === 1 ? '' : 's'} ${subsets.join(', ')} for sidecars. Mesh route rules do not apply to requests entering through the gateway, so these reach every version: set the subset here too if gateway traffic should follow the same rule.`,
          related: others.map((use) => ({
            resource: use.resource,
            path: [...use.destination.path, 'subset'],
            message: `${describe(use.resource)} routes ${host} to subset ${use.subset}`,
          })),
          data: { host, subsets },
        });
      }
    }
  },
};

/** Route destinations (mirrors excluded: they never decide where a request goes). */
function routeDestinations(resource: MeshResource): RouteDestination[] {
  return destinationsOf(resource).filter((destination) => destination.role === 'route');
}

function destinationsTo(resource: MeshResource, host: string): RouteDestination[] {
  return routeDestinations(resource).filter(
    (destination) => normalizeHost(destination.host, resource.namespace) === host,
  );
}

/** The VirtualService is the rule for `host`: one of its hosts is it (or a wildcard covering it). */
function servesHost(resource: MeshResource, host: string): boolean {
  return asStringArray(specOf(resource).hosts).some((entry) =>
    hostCovers(normalizeHost(entry, resource.namespace), host),
  );
}

function boundGateways(resource: MeshResource): string[] {
  return asStringArray(specOf(resource).gateways).filter((gateway) => gateway !== MESH_GATEWAY);
}
