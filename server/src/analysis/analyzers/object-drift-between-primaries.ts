/**
 * MESH201: one Istio or Gateway API object (same kind/namespace/name; model/primary-compared-config.ts) differs between primaries. Each primary's istiod
 * applies its own copy, so callers are treated differently depending on the cluster they run in.
 *
 * Compared per primary view (model/primary-views.ts): the copy a primary reads is an authored document
 * targeting it, else its own cluster's copy. Two reports:
 * - views that differ: each copy read somewhere gets the fields in which the other primaries' copies
 *   differ (an authored document: the primaries it does not cover, or covered by another document);
 * - an authored document whose targeted primaries' live copies differ among themselves: the document is
 *   about to replace them, and it shows, per primary, the fields it changes there. (A document that
 *   differs from identical live copies is an ordinary pending change, not drift: silent.)
 * `exportTo` differences are MESH206's. Copies are grouped by content, so a message stays short with 50
 * primaries.
 */
import { joinNames } from '../../text/join-names';
import { type AnalysisContext, type GroupAnalyzer } from '../framework/analyzer';
import { contentKey, describeFields, fieldLocation, fieldsDiffering } from '../model/copy-comparison';
import { isComparedAcrossPrimaries, PRIMARY_COMPARED_KINDS } from '../model/primary-compared-config';
import { type FieldPath, formatFieldPath } from '../model/object-drift';
import {
  clusterCopiesPerPrimary,
  copiesPerPrimary,
  describeCallers,
  describePrimaries,
} from '../model/primary-views';
import { type MeshResource, describe, identityOf } from '../model/resource';
import { liveCopies, withActions } from '../targets/action-data';

export const objectDriftBetweenPrimaries: GroupAnalyzer = {
  type: 'group',
  name: 'object-drift-between-primaries',
  codes: ['MESH201'],
  kinds: PRIMARY_COMPARED_KINDS,
  scope: 'every-copy',
  groupKeys: (resource) => (isComparedAcrossPrimaries(resource.object) ? [identityOf(resource)] : []),
  analyzeGroup(_key, members, ctx) {
    const views = copiesPerPrimary(ctx.mesh, members);
    const reported = reportDifferingViews(views, ctx);
    for (const document of members) {
      if (document.origin === 'authored' && !reported.has(document)) reportLiveDrift(document, members, ctx);
    }
  },
};

/** Each copy read by some primary, when another primary reads different content. */
function reportDifferingViews(
  views: ReadonlyMap<string, MeshResource>,
  ctx: AnalysisContext,
): Set<MeshResource> {
  const reported = new Set<MeshResource>();
  const readers = new Map<MeshResource, string[]>();
  for (const [primary, copy] of views) readers.set(copy, [...(readers.get(copy) ?? []), primary]);
  if (new Set([...readers.keys()].map(contentKey)).size < 2) return reported;
  for (const [copy, primaries] of readers) {
    const others = [...readers].filter(([other]) => contentKey(other) !== contentKey(copy));
    if (others.length === 0) continue;
    // One entry per distinct content: 49 identical copies are one difference in the message.
    const byContent = new Map<string, { primaries: string[]; other: MeshResource; fields: FieldPath[] }>();
    for (const [other, otherPrimaries] of others) {
      const known = byContent.get(contentKey(other));
      if (known) known.primaries.push(...otherPrimaries);
      else
        byContent.set(contentKey(other), {
          primaries: [...otherPrimaries],
          other,
          fields: fieldsDiffering(copy, other),
        });
    }
    const differences = [...byContent.values()];
    const first = differences[0]!.fields[0] ?? ['spec'];
    const differing = differences.flatMap((d) => d.primaries);
    const detail =
      differences.length === 1
        ? `the copy ${describePrimaries(differences[0]!.primaries)} ${differences[0]!.primaries.length === 1 ? 'reads' : 'read'} (in ${describeFields(differences[0]!.fields)})`
        : `the copies other primaries read: ${differences.map((d) => `${joinNames(d.primaries)}'s in ${describeFields(d.fields)}`).join('; ')}`;
    const own =
      copy.cluster === null
        ? `${describe(copy)}, about to be applied to ${joinNames(primaries)}, differs from`
        : `${describe(copy)} differs from`;
    ctx.report({
      code: 'MESH201',
      resource: copy,
      path: fieldLocation(first),
      target: 'key',
      message: `${own} ${detail}. Each primary's istiod applies its own copy, so ${describeCallers(ctx.mesh, primaries)} are configured differently from ${describeCallers(ctx.mesh, differing)}. Make the copies identical (apply one version to every primary)${copy.cluster === null ? ", or widen this document's targets to them" : ''}.`,
      related: others.map(([other, otherPrimaries]) => {
        const fields = byContent.get(contentKey(other))!.fields;
        return {
          resource: other,
          path: fieldLocation(fields[0] ?? ['spec']),
          message: `${describe(other)}, read by ${joinNames(otherPrimaries)}: differs in ${describeFields(fields)}`,
        };
      }),
      data: withActions(
        {
          fields: Object.fromEntries(
            differences.flatMap((d) => d.primaries.map((p) => [p, d.fields.map(formatFieldPath)])),
          ),
        },
        copy.cluster === null ? { diff: liveCopies(others.map(([other]) => other)), apply: differing } : {},
      ),
    });
    reported.add(copy);
  }
  return reported;
}

/** An authored document over live copies that already differ between the primaries it targets. */
function reportLiveDrift(
  document: MeshResource,
  members: readonly MeshResource[],
  ctx: AnalysisContext,
): void {
  const targeted = new Set(ctx.mesh.targetsOf(document).primaries);
  const live = [...clusterCopiesPerPrimary(ctx.mesh, members)].filter(([primary]) => targeted.has(primary));
  if (new Set(live.map(([, copy]) => contentKey(copy))).size < 2) return;
  const changed = live.filter(([, copy]) => contentKey(copy) !== contentKey(document));
  const same = live.filter(([, copy]) => contentKey(copy) === contentKey(document)).map(([p]) => p);
  const detail = changed
    .map(([primary, copy]) => `${primary} (${describeFields(fieldsDiffering(document, copy))})`)
    .join('; ');
  const first = fieldsDiffering(document, changed[0]![1])[0] ?? ['spec'];
  ctx.report({
    code: 'MESH201',
    resource: document,
    path: fieldLocation(first),
    target: 'key',
    message: `${describe(document)}: the live copies differ between the primaries this document targets; it differs from the live copy in ${detail}${same.length > 0 ? ` and matches ${joinNames(same)}'s` : ''}. Until it is applied everywhere, ${describeCallers(
      ctx.mesh,
      changed.map(([p]) => p),
    )} get their own version. Apply it to ${joinNames(changed.map(([p]) => p))} (check the diff first).`,
    related: live.map(([primary, copy]) => ({
      resource: copy,
      path: fieldLocation(fieldsDiffering(document, copy)[0] ?? ['metadata', 'name']),
      message: `${describe(copy)}, live in primary ${primary}${contentKey(copy) === contentKey(document) ? ': same as this document' : `: differs in ${describeFields(fieldsDiffering(document, copy))}`}`,
    })),
    data: withActions(
      {
        fields: Object.fromEntries(
          changed.map(([primary, copy]) => [primary, fieldsDiffering(document, copy).map(formatFieldPath)]),
        ),
      },
      { diff: liveCopies(changed.map(([, copy]) => copy)), apply: changed.map(([p]) => p) },
    ),
  });
}
