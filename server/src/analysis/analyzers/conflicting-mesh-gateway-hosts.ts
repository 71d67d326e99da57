/**
 * IST0109: several VirtualServices bound to the `mesh` gateway (no `gateways`, or `mesh` listed) define
 * the same host for a namespace that sees them all. Sidecars use one and ignore the others.
 *
 * As istioctl (virtualservice/conflictingmeshgatewayhosts.go), by visibility scope: a VirtualService
 * exported everywhere (`*`) conflicts with another exported everywhere for the very same host, and a
 * VirtualService exported to named namespaces (`.` is its own) conflicts with one exported to the same
 * namespace for the same host, and with one exported everywhere whose host overlaps (wildcards either
 * way). `~` exports to nothing, so it conflicts with nothing. An empty exportTo takes the mesh config's
 * `defaultVirtualServiceExportTo`.
 *
 * Each VirtualService is reported once, as istioctl does, on its first conflicting host, naming at most
 * MAX_NAMED of the others (with how many more): a thousand VirtualServices for `*` would otherwise make a
 * million related locations. Copies of one VirtualService (the same object in several clusters) are one.
 * A group analyzer with one group for every mesh-bound VirtualService, since wildcard hosts of one
 * scope meet the hosts of another.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import { exportToOf } from '../model/export-to';
import { KINDS } from '../../../../protocol/kinds';
import { asStringArray } from '../../mesh/object-fields';
import { type MeshResource, describe, specOf } from '../model/resource';
import { isBoundToMesh } from '../model/virtual-service-routes';
import { hostsOverlap, isWildcardHost, normalizeHost } from '../model/hosts';

/** How many of the other VirtualServices a finding names and links. */
const MAX_NAMED = 10;
const EVERYWHERE = '*';

/** One host of one VirtualService in one visibility scope (`*` or a namespace). */
interface ScopedHost {
  readonly member: MeshResource;
  readonly hostIndex: number;
  readonly host: string;
  readonly scope: string;
}

export const conflictingMeshGatewayHosts: GroupAnalyzer = {
  type: 'group',
  name: 'conflicting-mesh-gateway-hosts',
  codes: ['IST0109'],
  kinds: [KINDS.VirtualService],
  groupKeys(resource) {
    return isBoundToMesh(resource) ? ['mesh'] : [];
  },
  analyzeGroup(_key, members, ctx) {
    if (members.length < 2) return;
    const byScopeAndHost = new Map<string, ScopedHost[]>();
    const ownHosts = new Map<MeshResource, ScopedHost[]>();
    // Across scopes, hosts meet by overlap: exact hosts are looked up, only wildcards are scanned.
    const everywhere = new HostLookup();
    const scoped = new HostLookup();
    for (const member of members) {
      const hosts = scopedHostsOf(member, ctx.mesh.meshConfig);
      ownHosts.set(member, hosts);
      for (const entry of hosts) {
        push(byScopeAndHost, `${entry.scope}\u0000${entry.host}`, entry);
        (entry.scope === EVERYWHERE ? everywhere : scoped).add(entry);
      }
    }
    const conflictsOf = (entry: ScopedHost): ScopedHost[] => {
      const other = entry.scope === EVERYWHERE ? scoped : everywhere;
      const found = [
        ...(byScopeAndHost.get(`${entry.scope}\u0000${entry.host}`) ?? []),
        ...other.overlapping(entry.host),
      ];
      return found.filter((candidate) => !sameObject(candidate.member, entry.member));
    };

    for (const member of members) {
      for (const entry of ownHosts.get(member) ?? []) {
        const conflicting = unique(conflictsOf(entry).map((other) => other.member));
        if (conflicting.length === 0) continue;
        report(member, entry, conflicting);
        break;
      }
    }

    function report(member: MeshResource, entry: ScopedHost, conflicting: readonly MeshResource[]): void {
      const others = conflicting.slice(0, MAX_NAMED);
      const more = conflicting.length - others.length;
      const names = others.map(describe).join(', ') + (more > 0 ? ` and ${more} more` : '');
      const where = entry.scope === EVERYWHERE ? '' : ` in namespace ${entry.scope}`;
      ctx.report({
        code: 'IST0109',
        resource: member,
        path: ['spec', 'hosts', entry.hostIndex],
        message: `${describe(member)} and ${names} ${conflicting.length === 1 ? 'both' : 'all'} define host ${entry.host} for the mesh gateway${where}; sidecars apply only one of them. Merge their routes into one VirtualService, or narrow one with exportTo or gateways.`,
        related: others.map((other) => ({
          resource: other,
          path: ['spec', 'hosts', firstOverlappingHost(other, entry.host)],
          message: `${describe(other)} also defines ${entry.host}`,
        })),
        data: {
          host: entry.host,
          conflictingCount: conflicting.length,
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

/** The VirtualService's hosts in each scope it is exported to. */
function scopedHostsOf(member: MeshResource, meshConfig: Parameters<typeof exportToOf>[1]): ScopedHost[] {
  const exportTo = exportToOf(member, meshConfig);
  const scopes = exportTo.includes(EVERYWHERE)
    ? [EVERYWHERE]
    : [
        ...new Set(
          exportTo
            .filter((entry) => entry !== '~')
            .map((entry) => (entry === '.' ? member.namespace : entry)),
        ),
      ];
  const hosts = asStringArray(specOf(member).hosts);
  return scopes.flatMap((scope) =>
    hosts.map((host, hostIndex) => ({
      member,
      hostIndex,
      host: normalizeHost(host, member.namespace),
      scope,
    })),
  );
}

/** Scoped hosts by host name, for finding those a host overlaps without comparing every pair. */
class HostLookup {
  private readonly exact = new Map<string, ScopedHost[]>();
  private readonly wildcards: ScopedHost[] = [];
  private readonly all: ScopedHost[] = [];

  add(entry: ScopedHost): void {
    push(this.exact, entry.host, entry);
    if (isWildcardHost(entry.host)) this.wildcards.push(entry);
    this.all.push(entry);
  }

  overlapping(host: string): ScopedHost[] {
    // A wildcard may cover any host; a plain host meets only itself and wildcards.
    const candidates = isWildcardHost(host)
      ? this.all
      : [...(this.exact.get(host) ?? []), ...this.wildcards.filter((entry) => entry.host !== host)];
    return candidates.filter((entry) => hostsOverlap(host, entry.host));
  }
}

function firstOverlappingHost(resource: MeshResource, host: string): number {
  const index = asStringArray(specOf(resource).hosts).findIndex((entry) =>
    hostsOverlap(normalizeHost(entry, resource.namespace), host),
  );
  return Math.max(index, 0);
}

function sameObject(a: MeshResource, b: MeshResource): boolean {
  return a === b || (a.namespace === b.namespace && a.name === b.name);
}

function unique(resources: readonly MeshResource[]): MeshResource[] {
  const seen = new Set<string>();
  return resources.filter((resource) => {
    const key = `${resource.namespace}/${resource.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
