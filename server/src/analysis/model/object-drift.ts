/**
 * Compares the copies of one Istio object (same kind/namespace/name) that several clusters hold, or an
 * authored document and a live copy: which fields differ. Used by the cross-control-plane checks
 * (MESH201/MESH206) and by the Policies view and map, so "drift" means the same thing everywhere.
 *
 * Only what the user authors is compared: `spec`, labels and annotations. Server-set metadata, status and
 * kubectl's last-applied annotation are noise that differs between any two clusters.
 */

export type FieldPath = readonly (string | number)[];

export interface ObjectCopy {
  readonly cluster: string;
  readonly object: unknown;
}

export interface DriftComparison {
  /** True when every copy has the same authored content. */
  readonly identical: boolean;
  /**
   * Per copy, the fields where it differs from the first copy (the reference), sorted; empty for the
   * reference itself and for copies equal to it.
   */
  readonly differences: readonly { readonly cluster: string; readonly paths: readonly FieldPath[] }[];
}

const IGNORED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
]);

/** The part of an object that the user authors, in a canonical form. */
export function authoredContent(object: unknown): Record<string, unknown> {
  const record = isRecord(object) ? object : {};
  const metadata = isRecord(record.metadata) ? record.metadata : {};
  const annotations = isRecord(metadata.annotations)
    ? Object.fromEntries(
        Object.entries(metadata.annotations).filter(([key]) => !IGNORED_ANNOTATIONS.has(key)),
      )
    : {};
  const content: Record<string, unknown> = {
    labels: isRecord(metadata.labels) ? metadata.labels : {},
    annotations,
  };
  if (record.spec !== undefined) content.spec = record.spec;
  // ConfigMaps and Secrets carry their content outside spec.
  if (record.data !== undefined) content.data = record.data;
  return content;
}

export function compareObjectCopies(copies: readonly ObjectCopy[]): DriftComparison {
  const [reference, ...others] = copies;
  if (!reference) return { identical: true, differences: [] };
  const referenceContent = authoredContent(reference.object);
  const differences = [{ cluster: reference.cluster, paths: [] as FieldPath[] }];
  let identical = true;
  for (const copy of others) {
    const paths: FieldPath[] = [];
    collectDifferences(referenceContent, authoredContent(copy.object), [], paths);
    if (paths.length > 0) identical = false;
    differences.push({ cluster: copy.cluster, paths: paths.sort(comparePaths) });
  }
  return { identical, differences };
}

/** The fields where `b` differs from `a` (a leaf, a missing key, a list of another length). */
export function differingFields(a: unknown, b: unknown): FieldPath[] {
  const paths: FieldPath[] = [];
  collectDifferences(a, b, [], paths);
  return paths.sort(comparePaths);
}

/** `spec.http[0].route[1].weight` style, for messages. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text;
}

function collectDifferences(a: unknown, b: unknown, path: (string | number)[], out: FieldPath[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push([...path]);
      return;
    }
    a.forEach((item, index) => collectDifferences(item, b[index], [...path, index], out));
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) collectDifferences(a[key], b[key], [...path, key], out);
    return;
  }
  if (!sameScalar(a, b)) out.push([...path]);
}

/** YAML and JSON disagree on number spellings (`1` vs `1.0`) but not on values; compare values. */
function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // An absent field and an explicit null mean the same to the API server (null fields are pruned).
  return a == null && b == null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function comparePaths(a: FieldPath, b: FieldPath): number {
  return formatFieldPath(a).localeCompare(formatFieldPath(b));
}
