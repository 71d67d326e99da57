/**
 * Per-primary effective config: in a multi-primary mesh every primary's istiod reads only its
 * own cluster's Istio config. The view of primary P is P's objects, overlaid with the authored documents
 * that target P: an authored object replaces P's copy of the same kind/namespace/name (it is about to be
 * applied there). The cross-control-plane checks (MESH2xx) compare these views.
 *
 * Views are not materialised: the index keeps every copy of every object, and these functions pick, for
 * the copies at hand, the one each primary reads. Analyses that use them depend on the object's identity
 * (all its copies) and the topology (which clusters are primaries, what documents target), so an edit
 * re-runs only the groups of the objects and hosts it touches.
 */
import { joinNames } from '../../text/join-names';
import { type MeshQueries } from '../framework/mesh-queries';
import { serviceOfHost } from './hosts';
import { pickDestinationRules } from './mesh-index';
import { type MeshResource, identityOf } from './resource';

/** The copy each primary reads, by primary name, in the mesh's cluster order. */
export function copiesPerPrimary(
  mesh: MeshQueries,
  copies: readonly MeshResource[],
): Map<string, MeshResource> {
  const authored = authoredCopies(copies).map((copy) => ({
    copy,
    primaries: new Set(mesh.targetsOf(copy).primaries),
  }));
  const own = new Map<string, MeshResource>();
  for (const copy of copies) if (copy.cluster !== null && !own.has(copy.cluster)) own.set(copy.cluster, copy);
  const result = new Map<string, MeshResource>();
  for (const primary of mesh.primaries()) {
    const chosen =
      (authored.length > 0 ? authored.find((entry) => entry.primaries.has(primary.name))?.copy : undefined) ??
      own.get(primary.name);
    if (chosen) result.set(primary.name, chosen);
  }
  return result;
}

/** The primaries whose view holds `resource` (an authored document: those it targets and wins in). */
export function primariesReading(mesh: MeshQueries, resource: MeshResource): string[] {
  const copies = mesh.copies(resource.groupKind, resource.namespace, resource.name);
  return [...copiesPerPrimary(mesh, copies)]
    .filter(([, copy]) => copy === resource)
    .map(([primary]) => primary);
}

/**
 * The DestinationRules a sidecar in `proxyNamespace` applies to `host` in each primary (pilot's choice
 * made within that primary's view), by primary name; primaries without any rule for the host are absent.
 */
export function destinationRulesPerPrimary(
  mesh: MeshQueries,
  host: string,
  proxyNamespace: string,
): Map<string, MeshResource[]> {
  const candidates = mesh.destinationRuleCopiesCovering(host);
  const inView = new Map<string, MeshResource[]>();
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const identity = identityOf(candidate);
    if (seen.has(identity)) continue;
    seen.add(identity);
    const views = copiesPerPrimary(
      mesh,
      mesh.copies(candidate.groupKind, candidate.namespace, candidate.name),
    );
    for (const [primary, copy] of views) {
      // The copy a primary reads may be an authored edit whose host no longer covers this one.
      if (!candidates.includes(copy)) continue;
      inView.set(primary, [...(inView.get(primary) ?? []), copy]);
    }
  }
  const serviceNamespace = serviceOfHost(host)?.namespace;
  const result = new Map<string, MeshResource[]>();
  for (const [primary, rules] of inView) {
    const chosen = pickDestinationRules(rules, proxyNamespace, serviceNamespace, mesh.meshConfig);
    if (chosen.length > 0) result.set(primary, chosen);
  }
  return result;
}

/** Each primary's own (live or cluster file) copy, ignoring authored documents. */
export function clusterCopiesPerPrimary(
  mesh: MeshQueries,
  copies: readonly MeshResource[],
): Map<string, MeshResource> {
  const result = new Map<string, MeshResource>();
  for (const primary of mesh.primaries()) {
    const own = copies.find((copy) => copy.cluster === primary.name);
    if (own) result.set(primary.name, own);
  }
  return result;
}

/**
 * The primaries an object is meant for: the union of its authored documents' targets when it has any
 * (a modeline narrowing a document to east means west is not expected to have it), else every primary.
 */
export function intendedPrimaries(mesh: MeshQueries, copies: readonly MeshResource[]): string[] {
  const authored = authoredCopies(copies);
  const primaries = mesh.primaries().map((primary) => primary.name);
  if (authored.length === 0) return primaries;
  const meant = new Set(authored.flatMap((copy) => mesh.targetsOf(copy).primaries));
  return primaries.filter((name) => meant.has(name));
}

/** The clusters a primary's control plane serves (itself and its remotes): where its callers run. */
export function clustersServedBy(mesh: MeshQueries, primary: string): string[] {
  return mesh
    .clusters()
    .filter((cluster) => cluster.name === primary || cluster.facts.controlPlane === primary)
    .map((cluster) => cluster.name);
}

/** "callers in west" / "callers in east and edge", for the clusters the primaries serve. */
export function describeCallers(mesh: MeshQueries, primaries: readonly string[]): string {
  const served = [...new Set(primaries.flatMap((primary) => clustersServedBy(mesh, primary)))];
  return `callers in ${joinNames(served.length > 0 ? served : primaries)}`;
}

/** "primary east" / "primaries east and west". */
export function describePrimaries(names: readonly string[]): string {
  return `${names.length === 1 ? 'primary' : 'primaries'} ${joinNames(names)}`;
}

/** How a message names a copy: "this document" or "east's copy". */
export function copyLabel(copy: MeshResource): string {
  return copy.cluster === null ? 'this document' : `${copy.cluster}'s copy`;
}

/** Authored copies in a stable order (file, then position): the first one targeting a primary wins. */
function authoredCopies(copies: readonly MeshResource[]): MeshResource[] {
  return copies
    .filter((copy) => copy.cluster === null && copy.origin === 'authored')
    .sort((a, b) => a.source.uri.localeCompare(b.source.uri) || a.id - b.id);
}
