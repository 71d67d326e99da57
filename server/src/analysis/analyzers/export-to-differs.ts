/**
 * MESH206: the primaries' copies of one object (as each primary's view has it: an authored document
 * targeting it, else its own copy) give different `exportTo`. Visibility then depends on the caller's
 * cluster: a namespace that sees the object in one primary's clusters does not in another's. Compared as
 * sets of namespaces (`.` is the object's own namespace; unset is the mesh config default, shown so).
 */
import { joinNames } from '../../text/join-names';
import { type GroupAnalyzer } from '../framework/analyzer';
import { ISTIO_CONFIG_KINDS } from '../../../../protocol/kinds';
import { asStringArray } from '../../mesh/object-fields';
import { copiesPerPrimary, describeCallers, describePrimaries } from '../model/primary-views';
import { type MeshResource, describe, identityOf, specOf } from '../model/resource';
import { liveCopies, withActions } from '../targets/action-data';

export const exportToDiffers: GroupAnalyzer = {
  type: 'group',
  name: 'export-to-differs',
  codes: ['MESH206'],
  kinds: ISTIO_CONFIG_KINDS,
  scope: 'every-copy',
  groupKeys: (resource) => [identityOf(resource)],
  analyzeGroup(_key, members, ctx) {
    const readers = new Map<MeshResource, string[]>();
    for (const [primary, copy] of copiesPerPrimary(ctx.mesh, members))
      readers.set(copy, [...(readers.get(copy) ?? []), primary]);
    if (new Set([...readers.keys()].map(exportKey)).size < 2) return;
    for (const [copy, primaries] of readers) {
      const others = [...readers].filter(([other]) => exportKey(other) !== exportKey(copy));
      const differing = others.flatMap(([, names]) => names);
      // Grouped by value: fifty primaries with `*` are one "[*] in ..." in the message.
      const byValue = new Map<string, string[]>();
      for (const [other, names] of others) {
        const value = describeExport(other);
        byValue.set(value, [...(byValue.get(value) ?? []), ...names]);
      }
      const detail = [...byValue].map(([value, names]) => `${value} in ${joinNames(names)}`).join('; ');
      ctx.report({
        code: 'MESH206',
        resource: copy,
        ...(declared(copy).length > 0
          ? { path: ['spec', 'exportTo'], target: 'key' as const }
          : { path: ['metadata', 'name'] }),
        message: `exportTo of ${describe(copy)} differs between primaries: ${describeExport(copy)} ${copy.cluster === null ? `in ${joinNames(primaries)} (this document)` : `in ${joinNames(primaries)}`}, but ${detail}. Which namespaces see it then depends on the caller's cluster: ${describeCallers(ctx.mesh, primaries)} and ${describeCallers(ctx.mesh, differing)} resolve it differently. Give every primary's copy the same exportTo.`,
        related: others.map(([other, names]) => ({
          resource: other,
          path: declared(other).length > 0 ? ['spec', 'exportTo'] : ['metadata', 'name'],
          message: `${describe(other)}, read by ${describePrimaries(names)}: ${describeExport(other)}`,
        })),
        data: withActions(
          {
            exportTo: Object.fromEntries(
              [...readers].flatMap(([c, names]) => names.map((n) => [n, exportKey(c)])),
            ),
          },
          copy.cluster === null ? { diff: liveCopies(others.map(([other]) => other)), apply: differing } : {},
        ),
      });
    }
  },
};

function declared(resource: MeshResource): readonly string[] {
  return asStringArray(specOf(resource).exportTo);
}

/** The namespaces, `.` resolved, sorted; `(default)` when unset. */
function exportKey(resource: MeshResource): string {
  const values = declared(resource);
  if (values.length === 0) return '(default)';
  return [...new Set(values.map((value) => (value === '.' ? resource.namespace : value)))].sort().join(',');
}

function describeExport(resource: MeshResource): string {
  const key = exportKey(resource);
  return key === '(default)' ? 'unset (the mesh default)' : `[${key}]`;
}
