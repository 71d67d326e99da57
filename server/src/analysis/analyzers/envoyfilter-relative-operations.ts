/**
 * IST0151 / IST0155: an EnvoyFilter without `priority` uses a relative operation (INSERT_BEFORE,
 * INSERT_AFTER, REPLACE, REMOVE). Relative patches need the filter they are anchored to, and without a
 * priority EnvoyFilters apply in creation order, so the patch may run before its anchor exists and be
 * skipped. With a `proxyVersion` match in play (IST0155) this bites during upgrades, when the versioned
 * filters are swapped.
 *
 * As istioctl's envoyfilter analyzer: IST0155 when the patch, or another EnvoyFilter's patch on the same
 * listener filter, matches a proxyVersion; IST0151 otherwise. Misused operations (IST0152–0154) are left
 * to envoyfilter-operation-targets.
 */
import { type AnalysisContext, type ResourceAnalyzer } from '../framework/analyzer';
import {
  type EnvoyFilterPatch,
  envoyFilterPatches,
  envoyFilterPriority,
  isRelativePatch,
} from '../model/envoy-filter-patches';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe } from '../model/resource';

const FIX =
  'Set spec.priority so the order is explicit, or use INSERT_FIRST or ADD, which do not depend on other patches.';

export const envoyFilterRelativeOperations: ResourceAnalyzer = {
  type: 'resource',
  name: 'envoyfilter-relative-operations',
  codes: ['IST0151', 'IST0155'],
  kinds: [KINDS.EnvoyFilter],
  analyze(resource, ctx) {
    if (envoyFilterPriority(resource) !== 0) return;
    for (const patch of envoyFilterPatches(resource)) {
      if (!isRelativePatch(patch)) continue;
      const label = `${describe(resource)} patch #${patch.index} uses the relative operation ${patch.operation} without a priority`;
      const versioned = versionedBy(resource, patch, ctx);
      ctx.report({
        code: versioned ? 'IST0155' : 'IST0151',
        resource,
        path: [...patch.path, 'patch', 'operation'],
        message: versioned
          ? `${label} ${versioned}: when proxies are upgraded the versioned filters change, and this patch can be applied before the filter it depends on, or not at all. ${FIX}`
          : `${label}: EnvoyFilters without priority apply in creation order, so this patch can run before the filter it depends on exists and be skipped. ${FIX}`,
        data: { patch: patch.index, operation: patch.operation },
      });
    }
  },
};

/** What brings a proxyVersion into play for this patch: itself, or a patch on the same filter. */
function versionedBy(
  resource: MeshResource,
  patch: EnvoyFilterPatch,
  ctx: AnalysisContext,
): string | undefined {
  if (patch.proxyVersion) return `and matches proxyVersion ${patch.proxyVersion}`;
  if (!patch.filterName) return undefined;
  for (const filter of ctx.mesh.ofKind(KINDS.EnvoyFilter)) {
    const other = envoyFilterPatches(filter).find(
      (candidate) => candidate.proxyVersion && candidate.filterName === patch.filterName,
    );
    if (!other) continue;
    const owner = filter === resource ? 'its own' : `${describe(filter)}'s`;
    return `while ${owner} patch #${other.index} on the same filter ${patch.filterName} matches proxyVersion ${other.proxyVersion}`;
  }
  return undefined;
}
