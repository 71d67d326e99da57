/**
 * MESH202: an Istio or Gateway API object (model/primary-compared-config.ts) exists in some of the primaries it is meant for and is missing in others; the
 * callers whose primary lacks it do not get it ("forgotten configuration in some clusters").
 *
 * What an object is meant for: its authored documents' targets when the workspace has it (a modeline
 * narrowing it to east means west is not expected to have it), else every primary. Two reports:
 * - no authored document: each cluster's copy, naming the primaries without one;
 * - an authored document: when some targeted primaries have a live copy and others do not, on the
 *   document, with "apply to" the primaries that lack it (a document live nowhere yet is just new).
 */
import { joinNames } from '../../text/join-names';
import { type GroupAnalyzer } from '../framework/analyzer';
import { isComparedAcrossPrimaries, PRIMARY_COMPARED_KINDS } from '../model/primary-compared-config';
import {
  clusterCopiesPerPrimary,
  describeCallers,
  describePrimaries,
  intendedPrimaries,
} from '../model/primary-views';
import { describe, identityOf } from '../model/resource';
import { withActions } from '../targets/action-data';

export const objectMissingInPrimaries: GroupAnalyzer = {
  type: 'group',
  name: 'object-missing-in-primaries',
  codes: ['MESH202'],
  kinds: PRIMARY_COMPARED_KINDS,
  scope: 'every-copy',
  groupKeys: (resource) => (isComparedAcrossPrimaries(resource.object) ? [identityOf(resource)] : []),
  analyzeGroup(_key, members, ctx) {
    const live = clusterCopiesPerPrimary(ctx.mesh, members);
    const documents = members.filter((member) => member.origin === 'authored');
    if (documents.length === 0) {
      const meant = intendedPrimaries(ctx.mesh, members);
      const present = meant.filter((primary) => live.has(primary));
      const missing = meant.filter((primary) => !live.has(primary));
      if (present.length === 0 || missing.length === 0) return;
      for (const primary of present) {
        const copy = live.get(primary)!;
        ctx.report({
          code: 'MESH202',
          resource: copy,
          message: `${describe(copy)} exists in ${describePrimaries(present)} but is missing in ${describePrimaries(missing)}: ${describeCallers(ctx.mesh, missing)} do not get it, since each primary's istiod reads only its own cluster's config. Apply it to ${joinNames(missing)} too, or delete it everywhere if it is obsolete.`,
          related: present
            .filter((other) => other !== primary)
            .map((other) => ({
              resource: live.get(other)!,
              message: `${describe(live.get(other)!)}, live in primary ${other}`,
            })),
          data: { present, missing },
        });
      }
      return;
    }
    for (const document of documents) {
      const targeted = ctx.mesh.targetsOf(document).primaries;
      const present = targeted.filter((primary) => live.has(primary));
      const missing = targeted.filter((primary) => !live.has(primary));
      if (present.length === 0 || missing.length === 0) continue;
      ctx.report({
        code: 'MESH202',
        resource: document,
        message: `${describe(document)} is live in ${describePrimaries(present)} but missing in ${describePrimaries(missing)}, which this document targets: ${describeCallers(ctx.mesh, missing)} do not get it until it is applied there. Apply it to ${joinNames(missing)}, or narrow this document's targets to ${joinNames(present)}.`,
        related: present.map((primary) => ({
          resource: live.get(primary)!,
          message: `${describe(live.get(primary)!)}, live in primary ${primary}`,
        })),
        data: withActions({ present, missing }, { apply: missing, narrowTo: present }),
      });
    }
  },
};
