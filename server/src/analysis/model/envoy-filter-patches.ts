/**
 * An EnvoyFilter's `configPatches` as the operation checks (IST0151–IST0155) read them.
 *
 * Relative operations depend on what other patches did before: INSERT_BEFORE / INSERT_AFTER name a
 * neighbouring filter, REPLACE and REMOVE a filter that must already be there. Patches apply in priority
 * order (then creation time), so without a `priority` the outcome depends on the order istiod happens to
 * read the EnvoyFilters. ADD, INSERT_FIRST and MERGE do not depend on a neighbour.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { type Fields, asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
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
  /**
   * The filter the patch is about, as istioctl keys it: the `name` of the patch value, else the listener
   * filter it matches (`match.listener.filterChain.filter.name`); empty without a value.
   */
  readonly name: string;
}

/**
 * The patches istioctl judges: those before the first entry without a `patch` (istioctl stops there, so
 * the checks say nothing about what follows it).
 */
export function envoyFilterPatches(filter: MeshResource): EnvoyFilterPatch[] {
  const patches: EnvoyFilterPatch[] = [];
  for (const [index, item] of asArray(specOf(filter).configPatches).entries()) {
    const entry = asRecord(item);
    const patch = asRecord(entry?.patch);
    if (!entry || !patch) break;
    const match = asRecord(entry.match);
    patches.push({
      index,
      path: ['spec', 'configPatches', index],
      applyTo: (asString(entry.applyTo) ?? '').toUpperCase(),
      operation: (asString(patch.operation) ?? '').toUpperCase(),
      proxyVersion: asString(asRecord(match?.proxy)?.proxyVersion) || undefined,
      name: nameOf(patch, match),
    });
  }
  return patches;
}

function nameOf(patch: Fields, match: Fields | undefined): string {
  const value = asRecord(patch.value);
  if (!value || Object.keys(value).length === 0) return '';
  if (value.name !== undefined && value.name !== null) return String(value.name);
  const filterMatch = asRecord(asRecord(asRecord(match?.listener)?.filterChain)?.filter);
  return asString(filterMatch?.name) ?? '';
}

/** `spec.priority`; 0 (the default) means "no priority": order falls back to creation time. */
export function envoyFilterPriority(filter: MeshResource): number {
  return asNumber(specOf(filter).priority) ?? 0;
}

const ROUTE_TARGETS: ReadonlySet<string> = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
/**
 * What istiod's patching code replaces whole. istioctl leaves LISTENER_FILTER out and reports REPLACE on
 * it, but istiod replaces listener filters too (envoyfilter/listener_patch.go), so that would be a false
 * alarm.
 */
export const REPLACEABLE_TARGETS: ReadonlySet<string> = new Set([
  'HTTP_FILTER',
  'NETWORK_FILTER',
  'VIRTUAL_HOST',
  'LISTENER_FILTER',
]);

/**
 * The operation cannot work on what the patch applies to (istioctl's envoyfilter analyzer): REPLACE only
 * replaces filters and virtual hosts (IST0152); ADD (IST0153) and REMOVE (IST0154) are ignored on
 * ROUTE_CONFIGURATION and HTTP_ROUTE.
 */
export function misusedOperation(patch: EnvoyFilterPatch): 'IST0152' | 'IST0153' | 'IST0154' | undefined {
  if (patch.operation === 'REPLACE' && !REPLACEABLE_TARGETS.has(patch.applyTo)) return 'IST0152';
  if (patch.operation === 'ADD' && ROUTE_TARGETS.has(patch.applyTo)) return 'IST0153';
  if (patch.operation === 'REMOVE' && ROUTE_TARGETS.has(patch.applyTo)) return 'IST0154';
  return undefined;
}

/** A relative operation used where it works: its outcome depends on the order of EnvoyFilters. */
export function isRelativePatch(patch: EnvoyFilterPatch): boolean {
  return RELATIVE_OPERATIONS.has(patch.operation) && misusedOperation(patch) === undefined;
}
