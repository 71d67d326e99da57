/**
 * MESH208: inside one primary, the edited document and a different live object configure the same host
 * in a way Istio resolves by picking one:
 * - two DestinationRules for one host in one namespace: istiod merges their subsets but keeps only the
 *   oldest rule's traffic policy (and the first of two subsets with one name);
 * - two VirtualServices bound to the mesh gateway for one host, visible to each other (exportTo): istiod
 *   uses one of them for sidecars and ignores the other.
 * Judged in every primary the document targets, against the objects that primary's view holds (a live
 * object replaced there by another document does not count). Reported on the document's host.
 */
import { joinNames } from '../../text/join-names';
import { type GroupAnalyzer } from '../framework/analyzer';
import { exportToOf, exportsOverlap } from '../model/export-to';
import { normalizeHost } from '../model/hosts';
import { KINDS } from '../../../../protocol/kinds';
import { destinationRuleHost } from '../model/mesh-index';
import { asStringArray } from '../../mesh/object-fields';
import { describePrimaries, primariesReading } from '../model/primary-views';
import { type MeshResource, describe, identityOf, qualifiedName, specOf } from '../model/resource';
import { isBoundToMesh } from '../model/virtual-service-routes';
import { withActions } from '../targets/action-data';

export const hostResolvedByPickingOne: GroupAnalyzer = {
  type: 'group',
  name: 'host-resolved-by-picking-one',
  codes: ['MESH208'],
  kinds: [KINDS.DestinationRule, KINDS.VirtualService],
  scope: 'every-copy',
  groupKeys(resource) {
    if (resource.groupKind === KINDS.DestinationRule)
      return [`dr|${resource.namespace}|${destinationRuleHost(resource)}`];
    if (!isBoundToMesh(resource)) return [];
    return [
      ...new Set(
        asStringArray(specOf(resource).hosts).map((h) => `vs|${normalizeHost(h, resource.namespace)}`),
      ),
    ];
  },
  analyzeGroup(key, members, ctx) {
    const documents = members.filter((member) => member.origin === 'authored');
    if (documents.length === 0) return;
    const host = key.slice(key.lastIndexOf('|') + 1);
    const rule = key.startsWith('dr|');
    const meshConfig = ctx.mesh.meshConfig;
    for (const document of documents) {
      const reading = primariesReading(ctx.mesh, document);
      const conflicts = new Map<MeshResource, string[]>();
      for (const other of members) {
        if (other.cluster === null || identityOf(other) === identityOf(document)) continue;
        if (!reading.includes(other.cluster) || !primariesReading(ctx.mesh, other).includes(other.cluster))
          continue;
        if (
          !rule &&
          !exportsOverlap(
            { exportTo: exportToOf(document, meshConfig), namespace: document.namespace },
            { exportTo: exportToOf(other, meshConfig), namespace: other.namespace },
          )
        )
          continue;
        conflicts.set(other, [...(conflicts.get(other) ?? []), other.cluster]);
      }
      if (conflicts.size === 0) continue;
      const where = [...new Set([...conflicts.values()].flat())];
      const names = [...new Set([...conflicts.keys()].map((o) => `${o.kind} ${qualifiedName(o)}`))];
      const consequence = rule
        ? "istiod merges their subsets but keeps only the oldest rule's traffic policy (and the first of two subsets with one name), so part of one of them is silently ignored"
        : 'istiod uses only one of them for sidecar traffic (the oldest) and ignores the other';
      const hostIndex = asStringArray(specOf(document).hosts).findIndex(
        (h) => normalizeHost(h, document.namespace) === host,
      );
      ctx.report({
        code: 'MESH208',
        resource: document,
        path: rule ? ['spec', 'host'] : hostIndex === -1 ? ['spec', 'hosts'] : ['spec', 'hosts', hostIndex],
        message: `In ${describePrimaries(where)}, ${describe(document)} (this document) and ${joinNames(names)} (live) both configure ${host}: ${consequence}. Merge them into one ${document.kind}, or delete ${joinNames(names)} from ${joinNames(where)}.`,
        related: [...conflicts].map(([other, primaries]) => ({
          resource: other,
          path: rule ? ['spec', 'host'] : ['spec', 'hosts'],
          message: `${describe(other)}, live in ${describePrimaries(primaries)}`,
        })),
        data: withActions(
          { host, conflicting: names, primaries: where },
          { narrowTo: reading.filter((primary) => !where.includes(primary)) },
        ),
      });
    }
  },
};
