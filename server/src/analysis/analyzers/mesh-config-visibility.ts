/**
 * MESH207: the primaries' mesh configs (the `istio` ConfigMap of istio-system, each primary reading its
 * own) disagree on what changes service visibility:
 * - `serviceSettings` clusterLocal hosts (traffic kept in the caller's cluster in one primary, not in
 *   another);
 * - `outboundTrafficPolicy.mode` (ALLOW_ANY vs REGISTRY_ONLY: unknown hosts reachable from some clusters);
 * - `defaultServiceExportTo`, `defaultVirtualServiceExportTo`, `defaultDestinationRuleExportTo`;
 * - the trust domains accepted (`trustDomain` plus `trustDomainAliases`) when the trust domains are equal
 *   (different trust domains are MESH110's).
 * Reported on each primary's ConfigMap (an authored one targeting it counts), with the others' values.
 */
import { joinNames } from '../../text/join-names';
import { type GroupAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { ISTIO_SYSTEM, MESH_CONFIGMAP_NAME, settingsFromConfigMap } from '../model/mesh-config';
import { asArray, asRecord, asString, asStringArray } from '../../mesh/object-fields';
import { copiesPerPrimary, describeCallers } from '../model/primary-views';
import { type MeshResource, describe } from '../model/resource';
import { liveCopies, withActions } from '../targets/action-data';

type Settings = Readonly<Record<string, string>>;

const LABELS: Readonly<Record<string, string>> = {
  clusterLocal: 'clusterLocal hosts (serviceSettings)',
  outboundTrafficPolicy: 'outboundTrafficPolicy.mode',
  defaultServiceExportTo: 'defaultServiceExportTo',
  defaultVirtualServiceExportTo: 'defaultVirtualServiceExportTo',
  defaultDestinationRuleExportTo: 'defaultDestinationRuleExportTo',
  trustDomains: 'accepted trust domains (trustDomain + trustDomainAliases)',
};

export const meshConfigVisibility: GroupAnalyzer = {
  type: 'group',
  name: 'mesh-config-visibility',
  codes: ['MESH207'],
  kinds: [KINDS.ConfigMap],
  scope: 'every-copy',
  groupKeys: (resource) =>
    resource.namespace === ISTIO_SYSTEM && resource.name === MESH_CONFIGMAP_NAME ? ['mesh-config'] : [],
  analyzeGroup(_key, members, ctx) {
    const views = copiesPerPrimary(ctx.mesh, members);
    const settings = new Map<string, Settings>();
    for (const [primary, copy] of views) {
      const read = visibilitySettings(copy);
      if (read) settings.set(primary, read);
    }
    if (settings.size < 2) return;
    const sameTrustDomain = new Set([...settings.values()].map((s) => s.trustDomain)).size === 1;
    const fields = Object.keys(LABELS).filter(
      (field) =>
        (field !== 'trustDomains' || sameTrustDomain) &&
        new Set([...settings.values()].map((s) => s[field])).size > 1,
    );
    if (fields.length === 0) return;
    const readers = new Map<MeshResource, string[]>();
    for (const [primary, copy] of views)
      if (settings.has(primary)) readers.set(copy, [...(readers.get(copy) ?? []), primary]);
    for (const [copy, primaries] of readers) {
      const own = settings.get(primaries[0]!)!;
      const differing = fields.filter((field) =>
        [...settings.values()].some((other) => other[field] !== own[field]),
      );
      const others = [...settings.keys()].filter((p) =>
        differing.some((f) => settings.get(p)![f] !== own[f]),
      );
      const detail = differing
        .map((field) => {
          const byValue = new Map<string, string[]>();
          for (const p of others) {
            const value = settings.get(p)![field]!;
            if (value !== own[field]) byValue.set(value, [...(byValue.get(value) ?? []), p]);
          }
          const theirs = [...byValue].map(([value, names]) => `${value} in ${joinNames(names)}`);
          return `${LABELS[field]}: ${own[field]} here, ${theirs.join(', ')}`;
        })
        .join('; ');
      ctx.report({
        code: 'MESH207',
        resource: copy,
        path: ['data', 'mesh'],
        target: 'key',
        message: `The mesh config of ${joinNames(primaries)} (${describe(copy)}) differs from ${joinNames(others)}'s in what changes service visibility: ${detail}. ${describeCallers(ctx.mesh, primaries)} and ${describeCallers(ctx.mesh, others)} then see and reach services differently. Make these settings the same in every primary's mesh config.`,
        related: others.flatMap((p) => {
          const theirs = views.get(p);
          return theirs
            ? [{ resource: theirs, path: ['data', 'mesh'], message: `mesh config of primary ${p}` }]
            : [];
        }),
        data: withActions(
          { fields: differing, primaries: others },
          copy.cluster === null
            ? { diff: liveCopies(others.flatMap((p) => views.get(p) ?? [])), apply: others }
            : {},
        ),
      });
    }
  },
};

/** The visibility settings of a mesh ConfigMap, each as a comparable string; undefined if unreadable. */
function visibilitySettings(configMap: MeshResource): Settings | undefined {
  const parsed = settingsFromConfigMap(configMap.object);
  if (!parsed.ok) return undefined;
  const mesh = parsed.mesh ?? {};
  const clusterLocal = asArray(mesh.serviceSettings)
    .flatMap((entry) => {
      const record = asRecord(entry);
      const local = asRecord(record?.settings)?.clusterLocal === true;
      return asStringArray(record?.hosts).map((host) => `${host}${local ? '' : ' (not local)'}`);
    })
    .sort();
  const list = (field: string): string => {
    const values = [...asStringArray(mesh[field])].sort();
    return values.length > 0 ? `[${values.join(', ')}]` : '[*] (default)';
  };
  const trustDomain = asString(mesh.trustDomain) || 'cluster.local';
  return {
    clusterLocal: clusterLocal.length > 0 ? `[${clusterLocal.join(', ')}]` : 'none',
    outboundTrafficPolicy: asString(asRecord(mesh.outboundTrafficPolicy)?.mode) ?? 'ALLOW_ANY (default)',
    defaultServiceExportTo: list('defaultServiceExportTo'),
    defaultVirtualServiceExportTo: list('defaultVirtualServiceExportTo'),
    defaultDestinationRuleExportTo: list('defaultDestinationRuleExportTo'),
    trustDomain,
    trustDomains: `[${[...new Set([trustDomain, ...asStringArray(mesh.trustDomainAliases)])].sort().join(', ')}]`,
  };
}
