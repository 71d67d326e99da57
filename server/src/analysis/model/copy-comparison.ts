/**
 * Comparing the copies primaries read of one object, on top of object-drift.ts (which defines what
 * "differs" means everywhere): canonical content keys to group identical copies, the differing fields
 * without `exportTo` (MESH206 reports that one on its own), and field paths turned into report locations.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { authoredContent, differingFields, formatFieldPath } from './object-drift';
import { type MeshResource } from './resource';

/** The authored content (spec, labels, annotations, data) without `spec.exportTo`. */
export function comparableContent(copy: MeshResource): Record<string, unknown> {
  const content = authoredContent(copy.object);
  const spec = content.spec;
  if (typeof spec === 'object' && spec !== null && !Array.isArray(spec) && 'exportTo' in spec) {
    const { exportTo: _exportTo, ...rest } = spec as Record<string, unknown>;
    return { ...content, spec: rest };
  }
  return content;
}

/** A resource's object never changes (an edit makes a new resource): its key is computed once. */
const contentKeys = new WeakMap<MeshResource, string>();

/** Equal for copies with the same comparable content, whatever their key order. */
export function contentKey(copy: MeshResource): string {
  let key = contentKeys.get(copy);
  if (key === undefined) contentKeys.set(copy, (key = canonicalJson(comparableContent(copy))));
  return key;
}

/** Fields where `b` differs from `a`, exportTo aside, as `spec.subsets` style strings. */
export function fieldsDiffering(a: MeshResource, b: MeshResource): FieldPath[] {
  return differingFields(comparableContent(a), comparableContent(b));
}

export function describeFields(paths: readonly FieldPath[], limit = 4): string {
  const shown = paths.slice(0, limit).map(formatFieldPath);
  return paths.length > limit ? `${shown.join(', ')} and ${paths.length - limit} more` : shown.join(', ');
}

/**
 * Where to underline a differing field in a copy: the content's `labels`/`annotations` live under
 * `metadata`; trailing list indices are dropped so the key of the list is underlined (one line).
 */
export function fieldLocation(path: FieldPath): FieldPath {
  const located = path[0] === 'labels' || path[0] === 'annotations' ? ['metadata', ...path] : [...path];
  while (located.length > 1 && typeof located[located.length - 1] === 'number') located.pop();
  return located.length > 0 ? located : ['metadata', 'name'];
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined && item !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
