/**
 * IST0151 / IST0155: an EnvoyFilter without `priority` uses a relative operation (INSERT_BEFORE,
 * INSERT_AFTER, REPLACE, REMOVE). Relative patches need the filter they are anchored to, and without a
 * priority EnvoyFilters apply in creation order, so the patch may run before its anchor exists and be
 * skipped. With a `proxyVersion` match in play (IST0155) this bites during upgrades, when the versioned
 * filters are swapped.
 *
 * As istioctl's envoyfilter analyzer: IST0155 when another patch on the same filter (an earlier patch of
 * this EnvoyFilter, or any patch of another one) matches a proxyVersion, since then two versions of the
 * filter compete; IST0151 otherwise, also for a patch whose own proxyVersion nothing else shares. Misused
 * operations (IST0152–0154) are left to envoyfilter-operation-targets.
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

/** The other patch on the same filter that matches a proxyVersion, as a clause for the message. */
function versionedBy(
  resource: MeshResource,
  patch: EnvoyFilterPatch,
  ctx: AnalysisContext,
): string | undefined {
  const sameFilter = (candidate: EnvoyFilterPatch): boolean =>
    candidate.proxyVersion !== undefined && candidate.name === patch.name;
  const earlier = envoyFilterPatches(resource).find(
    (candidate) => candidate.index < patch.index && sameFilter(candidate),
  );
  const filter = patch.name ? `the same filter ${patch.name}` : 'the same unnamed filter';
  if (earlier) {
    return `while its own patch #${earlier.index} on ${filter} matches proxyVersion ${earlier.proxyVersion}`;
  }
  for (const other of ctx.mesh.ofKind(KINDS.EnvoyFilter)) {
    if (other === resource) continue;
    const versioned = envoyFilterPatches(other).find(sameFilter);
    if (versioned) {
      return `while ${describe(other)}'s patch #${versioned.index} on ${filter} matches proxyVersion ${versioned.proxyVersion}`;
    }
  }
  return undefined;
}
