/**
 * An EnvoyFilter's `configPatches` as the operation checks (IST0151–IST0155) read them.
 *
 * Relative operations depend on what other patches did before: INSERT_BEFORE / INSERT_AFTER name a
 * neighbouring filter, REPLACE and REMOVE a filter that must already be there. Patches apply in priority
 * order (then creation time), so without a `priority` the outcome depends on the order istiod happens to
 * read the EnvoyFilters. ADD, INSERT_FIRST and MERGE do not depend on a neighbour.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';

export const RELATIVE_OPERATIONS: ReadonlySet<string> = new Set([
  'INSERT_BEFORE',
  'INSERT_AFTER',
  'REPLACE',
  'REMOVE',
]);

export interface EnvoyFilterPatch {
  readonly index: number;
  readonly path: FieldPath;
  readonly applyTo: string;
  readonly operation: string;
  /** `match.proxy.proxyVersion`, when the patch is limited to some proxy versions. */
  readonly proxyVersion: string | undefined;
  /** `match.listener.filterChain.filter.name`: the filter the patch is anchored to. */
  readonly filterName: string | undefined;
}

export function envoyFilterPatches(filter: MeshResource): EnvoyFilterPatch[] {
  return asArray(specOf(filter).configPatches).flatMap((item, index) => {
    const patch = asRecord(item);
    if (!patch) return [];
    const match = asRecord(patch.match);
    const filterMatch = asRecord(asRecord(asRecord(match?.listener)?.filterChain)?.filter);
    return [
      {
        index,
        path: ['spec', 'configPatches', index],
        applyTo: (asString(patch.applyTo) ?? '').toUpperCase(),
        operation: (asString(asRecord(patch.patch)?.operation) ?? '').toUpperCase(),
        proxyVersion: asString(asRecord(match?.proxy)?.proxyVersion) || undefined,
        filterName: asString(filterMatch?.name) || undefined,
      },
    ];
  });
}

/** `spec.priority`; 0 (the default) means "no priority": order falls back to creation time. */
export function envoyFilterPriority(filter: MeshResource): number {
  return asNumber(specOf(filter).priority) ?? 0;
}

const ROUTE_TARGETS: ReadonlySet<string> = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
const FILTER_TARGETS: ReadonlySet<string> = new Set(['HTTP_FILTER', 'NETWORK_FILTER']);

/**
 * The operation cannot work on what the patch applies to (istioctl's envoyfilter analyzer): REPLACE only
 * replaces HTTP or network filters (IST0152); ADD (IST0153) and REMOVE (IST0154) are ignored on
 * ROUTE_CONFIGURATION and HTTP_ROUTE.
 */
export function misusedOperation(patch: EnvoyFilterPatch): 'IST0152' | 'IST0153' | 'IST0154' | undefined {
  if (patch.operation === 'REPLACE' && !FILTER_TARGETS.has(patch.applyTo)) return 'IST0152';
  if (patch.operation === 'ADD' && ROUTE_TARGETS.has(patch.applyTo)) return 'IST0153';
  if (patch.operation === 'REMOVE' && ROUTE_TARGETS.has(patch.applyTo)) return 'IST0154';
  return undefined;
}

/** A relative operation used where it works: its outcome depends on the order of EnvoyFilters. */
export function isRelativePatch(patch: EnvoyFilterPatch): boolean {
  return RELATIVE_OPERATIONS.has(patch.operation) && misusedOperation(patch) === undefined;
}
